"""Fictional demo reviews, built through the real services (every detail is invented)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from sarhub.core.demo_files import simple_pdf
from sarhub.documents.models import DocumentVersion
from sarhub.documents.services import add_document
from sarhub.partnership.models import Agency, Person
from sarhub.referrals.decisions import save_letter, send_letter
from sarhub.referrals.models import LetterStatus, OutcomeLetter, Referral
from sarhub.reviews import content, requests, running, services
from sarhub.reviews.models import (
    PLANNED_WEEKS,
    STAGE_ORDER,
    AgencyRequest,
    Rating,
    Review,
    Stage,
    StagePlan,
)
from sarhub.taxonomy.models import AbuseType, PracticeTheme


def _referral(name: str) -> Referral:
    return Referral.objects.get(adult_name=name)


def _advance_to(manager: Person, review: Review, stage: str) -> None:
    while review.stage != stage:
        review.stage = running.advance(manager, review).stage


@transaction.atomic
def seed_reviews(people: dict[str, Person]) -> None:
    if Review.objects.exists():
        return
    manager, reviewer = people["bu-manager"], people["reviewer"]
    self_neglect = AbuseType.objects.get(name="Self-neglect")
    fire = PracticeTheme.objects.get(name="Fire risk")
    sharing = PracticeTheme.objects.get(name="Information sharing")
    council = Agency.objects.get(short_name="RMBC")
    fire_service = Agency.objects.get(short_name="SYFR")

    # An independent SAR in analysis, with findings, a recommendation, the coroner and the family.
    sar = services.set_up_review(
        manager,
        [_referral("Eleanor Notreal-Brook")],
        route="independent_sar",
        data={
            "pseudonym": "Adult E",
            "period_from": timezone.localdate() - timedelta(days=540),
            "period_to": timezone.localdate() - timedelta(days=180),
            "lines_of_enquiry": "How was fire risk assessed and shared? How were the carer's own needs considered?",
            "methodology": "Learning Together, with agency chronologies and a practitioner learning event.",
        },
    )
    services.appoint(manager, sar, reviewer, "lead_reviewer")
    services.appoint(manager, sar, people["agency-lead"], "panel_member")
    _advance_to(manager, sar, Stage.ANALYSIS)
    barrier = content.save_finding(
        reviewer,
        sar,
        {
            "text": "Fire risk was known to one agency and not shared with the others.",
            "domain": "inter_agency",
            "kind": "systemic_risk",
            "abuse_types": [self_neglect],
            "practice_themes": [fire, sharing],
        },
    )
    content.save_finding(
        reviewer,
        sar,
        {
            "text": "The community nurse followed up every missed appointment in person.",
            "domain": "direct_work",
            "kind": "good_practice",
            "practice_themes": [],
        },
    )
    content.save_recommendation(
        reviewer,
        sar,
        {
            "text": "Agree a joint fire-risk referral route between the council and the fire service.",
            "agencies": [council, fire_service],
            "findings": [barrier],
        },
    )
    running.add_parallel_process(
        manager, sar, {"kind": "coroner", "details": "Inquest opened and adjourned", "holds_publication": True}
    )
    running.log_involvement(
        reviewer,
        sar,
        {"happened_on": timezone.localdate() - timedelta(days=20), "kind": "informed", "who": "Son", "note": ""},
    )
    running.log_involvement(
        reviewer,
        sar,
        {
            "happened_on": timezone.localdate() - timedelta(days=10),
            "kind": "met_reviewer",
            "who": "Son",
            "note": "Shared what his mother was like and what mattered to her.",
        },
    )

    # A SAR in Rapid Time converted into an independent SAR.
    rapid = services.set_up_review(
        manager, [_referral("Frank Invented-Shaw")], route="rapid", data={"pseudonym": "Adult F"}
    )
    _advance_to(manager, rapid, Stage.INFORMATION_GATHERING)
    services.convert_to_sar(manager, rapid)
    _settle_timeline(rapid, days_into_stage=12)
    _settle_timeline(sar, days_into_stage=20)

    # A thematic review across two adults.
    services.set_up_review(
        manager,
        [_referral("Gerald Pretend-Lowe"), _referral("Hilda Fabricated-Moss")],
        route="thematic",
        data={
            "pseudonym": "Theme: hoarding and fire",
            "lines_of_enquiry": "What helps agencies act together on fire risk?",
        },
    )

    _later_stages(people)

    # A referral not progressed: its letter checked and posted.
    letter = OutcomeLetter.objects.filter(referral=_referral("Ivy Unreal-Stone"), status=LetterStatus.DRAFT).first()
    if letter is not None:
        save_letter(manager, letter, body=letter.body)
        send_letter(manager, letter, by_post=True)


def _pdf(name: str, title: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, simple_pdf(title, ["Fictional demo document.", *lines]))


def _settle_timeline(review: Review, *, days_into_stage: int = 7, slip_stage: str = "", slip_days: int = 0) -> None:
    """Spread a demo review's dates as if it had run at the planned pace, now some days into its stage
    (services stamp every step with today's date; a real review takes months)."""
    weeks = PLANNED_WEEKS[review.route]
    current = STAGE_ORDER.index(review.stage)
    today = timezone.localdate()
    before = sum(weeks[:current]) * 7 + days_into_stage + slip_days
    start = today - timedelta(days=before)
    cursor, late = start, 0
    for index, (stage, length) in enumerate(zip(STAGE_ORDER, weeks, strict=True)):
        planned_end = cursor + timedelta(weeks=length)
        fields = {"planned_start": cursor, "planned_end": planned_end, "actual_start": None, "actual_end": None}
        if index < current or review.stage == Stage.COMPLETE:
            late += slip_days if stage == slip_stage else 0
            fields["actual_start"] = cursor + timedelta(days=late - (slip_days if stage == slip_stage else 0))
            fields["actual_end"] = planned_end + timedelta(days=late)
        elif index == current:
            fields["actual_start"] = cursor + timedelta(days=late)
        StagePlan.objects.filter(review=review, stage=stage).update(**fields)
        cursor = planned_end
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=before))


def _finding(reviewer: Person, review: Review, text: str, domain: str, kind: str, themes: list[PracticeTheme]):  # type: ignore[no-untyped-def]
    return content.save_finding(
        reviewer, review, {"text": text, "domain": domain, "kind": kind, "practice_themes": themes}
    )


def _lead(manager: Person, review: Review, reviewer: Person) -> Person:
    """Appoint the lead reviewer; return them afresh, as their next request would see them."""
    services.appoint(manager, review, reviewer, "lead_reviewer")
    return Person.objects.get(pk=reviewer.pk)


def _later_stages(people: dict[str, Person]) -> None:
    """Reviews at the learning event, the draft, factual accuracy, Board sign-off and complete."""
    manager, reviewer, lead = people["bu-manager"], people["reviewer"], people["agency-lead"]
    trust = Agency.objects.get(short_name="TRFT")
    council = Agency.objects.get(short_name="RMBC")
    police = Agency.objects.get(short_name="SYP")
    carers = PracticeTheme.objects.get(name="Carers")
    sharing = PracticeTheme.objects.get(name="Information sharing")
    mca = PracticeTheme.objects.get(name="Mental capacity, including executive functioning")

    # At the learning event: chronologies asked for; the Trust's sent, the council's overdue.
    joan = services.set_up_review(
        manager,
        [_referral("Joan Fakename-Reed")],
        route="independent_sar",
        data={"pseudonym": "Adult J", "lines_of_enquiry": "How were the husband's needs as a carer assessed?"},
    )
    reviewer = _lead(manager, joan, reviewer)
    _advance_to(manager, joan, Stage.INFORMATION_GATHERING)
    chronologies = requests.request_information(
        reviewer, joan, [trust, council], "chronology", note="Fictional: cover November 2025 to February 2026."
    )
    for request in chronologies:
        if request.agency_id == trust.pk:
            add_document(
                lead,
                request,
                title="Trust chronology",
                classification="confidential",
                upload=_pdf("trust-chronology.pdf", "Chronology: Adult J", ["12/11/2025 Emergency department."]),
            )
            requests.submit(lead, request, cover_note="Fictional: two attendances and one admission.")
        else:
            AgencyRequest.objects.filter(pk=request.pk).update(due_on=timezone.localdate() - timedelta(days=6))
    requests.request_information(reviewer, joan, [council], "imr", note="Fictional: an IMR on the carer's assessment.")
    _advance_to(manager, joan, Stage.LEARNING_EVENT)
    _settle_timeline(joan, days_into_stage=5)

    # At the draft report: findings written, running late.
    kenneth = services.set_up_review(
        manager, [_referral("Kenneth Notaperson-Day")], route="other_learning", data={"pseudonym": "Adult K"}
    )
    reviewer = _lead(manager, kenneth, reviewer)
    _advance_to(manager, kenneth, Stage.ANALYSIS)
    _finding(
        reviewer,
        kenneth,
        "Nobody held the whole picture of his contacts with services.",
        "inter_agency",
        "barrier",
        [sharing],
    )
    _advance_to(manager, kenneth, Stage.DRAFT)
    _settle_timeline(kenneth, days_into_stage=30)

    # At factual accuracy: the draft went to three agencies; the Trust commented, one point is disputed.
    lillian = services.set_up_review(
        manager, [_referral("Lillian Storybook-Grey")], route="independent_sar", data={"pseudonym": "Adult L"}
    )
    reviewer = _lead(manager, lillian, reviewer)
    _advance_to(manager, lillian, Stage.ANALYSIS)
    finding = _finding(
        reviewer,
        lillian,
        "Concerns about her spending were not linked to her capacity.",
        "organisational",
        "barrier",
        [mca],
    )
    content.save_recommendation(
        reviewer,
        lillian,
        {
            "text": "Train ward staff to ask about financial abuse on admission.",
            "agencies": [trust],
            "findings": [finding],
        },
    )
    _advance_to(manager, lillian, Stage.DRAFT)
    add_document(
        reviewer,
        lillian,
        title="Draft report",
        classification="confidential",
        upload=_pdf("draft-report-adult-l.pdf", "Draft report: Adult L", ["1. Introduction", "2. What happened"]),
    )
    _advance_to(manager, lillian, Stage.FACTUAL_ACCURACY)
    draft = DocumentVersion.objects.filter(document__title="Draft report", document__owner_id=lillian.pk).first()
    assert draft is not None
    round_ = requests.start_accuracy_round(reviewer, lillian, [trust, council, police], draft, note="Fictional.")
    trust_request = next(r for r in round_ if r.agency_id == trust.pk)
    amended = requests.add_comment(
        lead, trust_request, {"location": "Paragraph 2.4", "comment": "She was admitted on 3 May, not 5 May."}
    )
    kept = requests.add_comment(
        lead,
        trust_request,
        {
            "location": "Paragraph 4.2",
            "comment": "The ward did refer to the hospital safeguarding team.",
            "suggested": "The ward referred to the hospital safeguarding team, which did not refer on.",
        },
    )
    requests.submit(lead, trust_request)
    requests.respond(reviewer, amended, outcome="amended", response="Corrected.")
    requests.respond(
        reviewer, kept, outcome="not_amended", response="No referral appears in the records the review saw."
    )
    requests.record_dispute(lead, kept, statement="Fictional: our electronic record shows the referral on 6 May.")
    _settle_timeline(lillian, days_into_stage=4)

    # At Board sign-off: the round is over.
    norman = services.set_up_review(
        manager, [_referral("Norman Fiction-Ward")], route="independent_sar", data={"pseudonym": "Adult N"}
    )
    reviewer = _lead(manager, norman, reviewer)
    _advance_to(manager, norman, Stage.ANALYSIS)
    _finding(
        reviewer,
        norman,
        "Missed appointments led to discharge rather than to outreach.",
        "organisational",
        "systemic_risk",
        [],
    )
    _advance_to(manager, norman, Stage.DRAFT)
    add_document(
        reviewer,
        norman,
        title="Draft report",
        classification="confidential",
        upload=_pdf("draft-report-adult-n.pdf", "Draft report: Adult N", ["1. Introduction"]),
    )
    _advance_to(manager, norman, Stage.FACTUAL_ACCURACY)
    draft = DocumentVersion.objects.filter(document__owner_id=norman.pk, document__title="Draft report").first()
    assert draft is not None
    for request in requests.start_accuracy_round(reviewer, norman, [trust], draft):
        requests.submit(lead, request, cover_note="Fictional: no comments.")
    _advance_to(manager, norman, Stage.BOARD_SIGN_OFF)
    _settle_timeline(norman, days_into_stage=10, slip_stage=Stage.INFORMATION_GATHERING, slip_days=21)

    # Complete: signed off by the Board, every recommendation answered, Quality Markers assessed.
    olive = services.set_up_review(
        manager,
        [_referral("Olive Pretendly-Marsh")],
        route="independent_sar",
        data={"pseudonym": "Adult O", "lines_of_enquiry": "How was risk held between district nurses and the GP?"},
    )
    reviewer = _lead(manager, olive, reviewer)
    _advance_to(manager, olive, Stage.ANALYSIS)
    carer = _finding(
        reviewer, olive, "Her son's ability to care was assumed, never assessed.", "direct_work", "barrier", [carers]
    )
    _finding(
        reviewer,
        olive,
        "District nurses escalated their worries in writing every week.",
        "direct_work",
        "good_practice",
        [],
    )
    recommendation = content.save_recommendation(
        reviewer,
        olive,
        {
            "text": "Offer a carer's assessment whenever a relative provides personal care.",
            "agencies": [council],
            "findings": [carer],
        },
    )
    content.save_quality_markers(
        reviewer,
        olive,
        {n: (Rating.GREEN if n % 4 else Rating.AMBER, "Fictional self-assessment note.") for n in range(1, 16)},
    )
    _advance_to(manager, olive, Stage.DRAFT)
    add_document(
        reviewer,
        olive,
        title="Final report",
        classification="confidential",
        upload=_pdf("report-adult-o.pdf", "Report: Adult O", ["1. Introduction"]),
    )
    _advance_to(manager, olive, Stage.FACTUAL_ACCURACY)
    draft = DocumentVersion.objects.filter(document__owner_id=olive.pk, document__title="Final report").first()
    assert draft is not None
    for request in requests.start_accuracy_round(reviewer, olive, [trust], draft):
        requests.submit(lead, request)
    _advance_to(manager, olive, Stage.BOARD_SIGN_OFF)
    running.record_sign_off(manager, olive, timezone.localdate())
    content.respond(manager, recommendation, response="accepted", reasons="")
    _advance_to(manager, olive, Stage.COMPLETE)
    _settle_timeline(olive)
    Review.objects.filter(pk=olive.pk).update(signed_off_on=timezone.localdate() - timedelta(days=21))
