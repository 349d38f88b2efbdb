"""Fictional demo reviews, built through the real services (every detail is invented)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from sarhub.core.roles import Role
from sarhub.demo.files import simple_pdf
from sarhub.documents.models import DocumentType
from sarhub.documents.services import add_document
from sarhub.partnership.models import Agency, Person
from sarhub.referrals.models import LetterStatus, OutcomeLetter, Referral
from sarhub.referrals.services.decisions import save_letter, send_letter
from sarhub.reviews import services
from sarhub.reviews.models import (
    PLANNED_WEEKS,
    STAGE_ORDER,
    AgencyRequest,
    Rating,
    Review,
    Stage,
    StagePlan,
)
from sarhub.reviews.services import content, requests, running
from sarhub.reviews.services import people as record_people
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
    omission = AbuseType.objects.get(name="Neglect and acts of omission")
    fire = PracticeTheme.objects.get(name="Fire risk")
    sharing = PracticeTheme.objects.get(name="Information sharing")
    hoarding = PracticeTheme.objects.get(name="Self-neglect and hoarding")
    curiosity = PracticeTheme.objects.get(name="Professional curiosity")
    personal = PracticeTheme.objects.get(name="Making Safeguarding Personal")
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
            "abuse_types": [self_neglect, omission],
            "practice_themes": [fire, sharing, hoarding],
        },
    )
    nurse = content.save_finding(
        reviewer,
        sar,
        {
            "text": "The community nurse followed up every missed appointment in person.",
            "domain": "direct_work",
            "kind": "good_practice",
            "practice_themes": [curiosity, personal],
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
    content.save_recommendation(
        reviewer,
        sar,
        {
            "text": "Share the community nursing follow-up approach with every partner, and ask each to say how "
            "it follows up missed appointments.",
            "to_board": True,
            "agencies": [council, Agency.objects.get(short_name="TRFT"), Agency.objects.get(short_name="SYP")],
            "findings": [barrier, nurse],
        },
    )
    add_document(
        manager,
        sar,
        title="Terms of reference, agreed by the SAR subgroup",
        classification="internal",
        upload=_pdf("terms-adult-e.pdf", "Terms of reference: Adult E", ["Period in scope", "Key lines of enquiry"]),
        document_type=DocumentType.TERMS_OF_REFERENCE,
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
    _people_in_record(people)

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
    running.refresh_stage_due(Review.objects.filter(pk=review.pk))
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=before))


def _finding(  # type: ignore[no-untyped-def]
    reviewer: Person,
    review: Review,
    text: str,
    domain: str,
    kind: str,
    themes: list[PracticeTheme],
    abuse_types: list[AbuseType] | None = None,
):
    return content.save_finding(
        reviewer,
        review,
        {"text": text, "domain": domain, "kind": kind, "practice_themes": themes, "abuse_types": abuse_types or []},
    )


def _lead_of(agency: Agency) -> Person | None:
    """The agency's current safeguarding lead, if it has one (the demo gives most agencies one)."""
    return (
        Person.objects.filter(
            is_active=True,
            memberships__role=Role.AGENCY_SAFEGUARDING_LEAD,
            memberships__agency=agency,
            memberships__ended_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def _through_factual_accuracy(
    manager: Person, reviewer: Person, lead: Person, trust: Agency, review: Review, letter: str, cover_note: str = ""
) -> None:
    """The draft report uploaded, sent to the Trust for its factual-accuracy comments (answered with none),
    and the review moved on to Board sign-off."""
    _advance_to(manager, review, Stage.DRAFT)
    add_document(
        reviewer,
        review,
        title="Draft report",
        classification="confidential",
        upload=_pdf(f"draft-report-adult-{letter.lower()}.pdf", f"Draft report: Adult {letter}", ["1. Introduction"]),
        document_type=DocumentType.DRAFT_REPORT,
    )
    _advance_to(manager, review, Stage.FACTUAL_ACCURACY)
    draft = requests.review_drafts(review).first()
    assert draft is not None
    for request in requests.start_accuracy_round(reviewer, review, [trust], draft):
        requests.submit(lead, request, cover_note=cover_note)
    _advance_to(manager, review, Stage.BOARD_SIGN_OFF)


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
    curiosity = PracticeTheme.objects.get(name="Professional curiosity")
    family = PracticeTheme.objects.get(name="Family involvement")
    personal = PracticeTheme.objects.get(name="Making Safeguarding Personal")
    financial = AbuseType.objects.get(name="Financial or material abuse")
    omission = AbuseType.objects.get(name="Neglect and acts of omission")

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
                document_type=DocumentType.CHRONOLOGY,
            )
            requests.submit(lead, request, cover_note="Fictional: two attendances and one admission.")
            # The lead reviewer returns it: it stops before the period in scope ends.
            requests.return_to_agency(
                reviewer,
                request,
                reasons="Fictional: the chronology stops in December 2025; the review covers to February 2026. "
                "Please add the January and February contacts.",
            )
        else:
            AgencyRequest.objects.filter(pk=request.pk).update(due_on=timezone.localdate() - timedelta(days=6))
    imrs = requests.request_information(
        reviewer, joan, [council, police], "imr", note="Fictional: an IMR on the carer's assessment and welfare checks."
    )
    police_lead = _lead_of(police)
    for request in imrs:
        if request.agency_id == police.pk and police_lead is not None:
            add_document(
                police_lead,
                request,
                title="Police IMR",
                classification="confidential",
                upload=_pdf("police-imr.pdf", "IMR: Adult J", ["Two welfare checks in January 2026."]),
                document_type=DocumentType.IMR,
            )
            requests.submit(police_lead, request, cover_note="Fictional: signed off by the Detective Inspector.")
            requests.accept(reviewer, request)
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
    add_document(
        reviewer,
        kenneth,
        title="Draft report for agencies",
        classification="confidential",
        upload=_pdf("draft-report-adult-k.pdf", "Draft report: Adult K", ["1. Introduction"]),
        document_type=DocumentType.DRAFT_REPORT,
    )
    draft_plan = StagePlan.objects.get(review=kenneth, stage=Stage.DRAFT)
    assert draft_plan.planned_end is not None
    running.replan(
        manager,
        kenneth,
        stage=Stage.DRAFT,
        new_end=draft_plan.planned_end + timedelta(weeks=3),
        reason="Fictional: the reviewer was ill for two weeks; the SAR subgroup agreed three more weeks for the draft.",
        agreed_by=people["chair"],
        agreed_on=timezone.localdate() - timedelta(days=12),
    )
    running.ask_to_move_on(
        Person.objects.get(pk=reviewer.pk),
        kenneth,
        note="Fictional: the draft is ready for the agencies' factual-accuracy comments.",
    )

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
        [mca, curiosity],
        [financial, AbuseType.objects.get(name="Psychological or emotional abuse")],
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
    content.save_recommendation(
        reviewer,
        lillian,
        {
            "text": "Agree how hospital, council and police share concerns about a patient's money on discharge.",
            "agencies": [trust, council, police],
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
        document_type=DocumentType.DRAFT_REPORT,
    )
    _advance_to(manager, lillian, Stage.FACTUAL_ACCURACY)
    draft = requests.review_drafts(lillian).first()
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
    _through_factual_accuracy(manager, reviewer, lead, trust, norman, "N", cover_note="Fictional: no comments.")
    _settle_timeline(norman, days_into_stage=10, slip_stage=Stage.INFORMATION_GATHERING, slip_days=21)
    sign_off_plan = StagePlan.objects.get(review=norman, stage=Stage.BOARD_SIGN_OFF)
    assert sign_off_plan.planned_end is not None
    running.replan(
        manager,
        norman,
        stage=Stage.BOARD_SIGN_OFF,
        new_end=sign_off_plan.planned_end + timedelta(weeks=4),
        reason="Fictional: the Board meeting moved from March to April.",
        agreed_by=people["chair"],
        agreed_on=timezone.localdate() - timedelta(days=3),
    )

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
        reviewer,
        olive,
        "Her son's ability to care was assumed, never assessed.",
        "direct_work",
        "barrier",
        [carers, family, personal],
        [omission, AbuseType.objects.get(name="Self-neglect")],
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
    _through_factual_accuracy(manager, reviewer, lead, trust, olive, "O")
    for title, name, document_type, classification in (
        ("Final report", "report-adult-o.pdf", DocumentType.FINAL_REPORT, "confidential"),
        ("Executive summary", "summary-adult-o.pdf", DocumentType.EXECUTIVE_SUMMARY, "for_publication"),
    ):
        add_document(
            reviewer,
            olive,
            title=title,
            classification=classification,
            upload=_pdf(name, f"{title}: Adult O", ["1. Introduction"]),
            document_type=document_type,
        )
    running.log_involvement(
        reviewer,
        olive,
        {"happened_on": timezone.localdate() - timedelta(days=40), "kind": "saw_draft", "who": "Son", "note": ""},
    )
    running.record_sign_off(manager, olive, timezone.localdate())
    content.respond(manager, recommendation, response="accepted", reasons="")
    _advance_to(manager, olive, Stage.COMPLETE)
    _settle_timeline(olive)
    Review.objects.filter(pk=olive.pk).update(signed_off_on=timezone.localdate() - timedelta(days=21))

    # Complete too, signed off earlier: with Adult O, the learning a thematic briefing and the Place Board
    # presentation draw together (self-neglect, hoarding and fire risk).
    patricia = services.set_up_review(
        manager,
        [_referral("Patricia Madeup-Quill")],
        route="rapid",
        data={"pseudonym": "Adult P", "lines_of_enquiry": "How did services share what they knew about fire risk?"},
    )
    reviewer = _lead(manager, patricia, reviewer)
    _advance_to(manager, patricia, Stage.ANALYSIS)
    hoarding = PracticeTheme.objects.get(name="Self-neglect and hoarding")
    curiosity = PracticeTheme.objects.get(name="Professional curiosity")
    fire = _finding(
        reviewer,
        patricia,
        "Each visit noted the hoarding; no one asked the fire service for a home safety visit.",
        "inter_agency",
        "barrier",
        [hoarding, curiosity, PracticeTheme.objects.get(name="Fire risk")],
        [AbuseType.objects.get(name="Self-neglect"), omission],
    )
    fire_recommendation = content.save_recommendation(
        reviewer,
        patricia,
        {
            "text": "Refer every person who hoards to the fire service for a home safety visit.",
            "to_board": True,
            "agencies": [council, trust],
            "findings": [fire],
        },
    )
    content.save_quality_markers(
        reviewer, patricia, dict.fromkeys(range(1, 16), (Rating.GREEN, "Fictional self-assessment note."))
    )
    _through_factual_accuracy(manager, reviewer, lead, trust, patricia, "P")
    running.log_involvement(
        reviewer,
        patricia,
        {"happened_on": timezone.localdate() - timedelta(days=90), "kind": "saw_draft", "who": "Nephew", "note": ""},
    )
    running.record_sign_off(manager, patricia, timezone.localdate())
    content.respond(manager, fire_recommendation, response="accepted", reasons="")
    _advance_to(manager, patricia, Stage.COMPLETE)
    _settle_timeline(patricia)
    Review.objects.filter(pk=patricia.pk).update(signed_off_on=timezone.localdate() - timedelta(days=75))


# Fictional people around the demo adults and practitioners named in the record (invented surnames, like
# the adults'). The de-identification check looks for each of them in whatever is published.
AROUND_ADULTS: list[tuple[str, str, str, str]] = [
    # (review pseudonym, full name, relationship, known-as names)
    ("Adult E", "Lionel Notreal-Brook", "Husband", "Lenny"),
    ("Adult E", "Marcia Notreal-Brook", "Son's wife", ""),
    ("Adult O", "Terence Pretendly-Marsh", "Son and carer", "Tel, Tez"),
    ("Adult P", "Desmond Madeup-Quill", "Nephew", "Dez"),
    ("Adult P", "Gwendolyn Fakeley-Orme", "Neighbour", "Gwen"),
]
PRACTITIONERS: list[tuple[str, str, str, str]] = [
    # (review pseudonym, full name, job title, agency short name)
    ("Adult E", "Priyanka Inventa-Rowe", "Community nurse", "TRFT"),
    ("Adult P", "Bartholomew Madeupson", "Housing officer", "RMBC"),
]


def _people_in_record(people_by_key: dict[str, Person]) -> None:
    """Family and others around the demo adults, practitioners named by the review team and one named by
    the Trust's lead with its chronology, and a Board member excluded from the check with the reason."""
    manager, lead = people_by_key["bu-manager"], people_by_key["agency-lead"]
    reviews = {
        r.pseudonym: r for r in Review.objects.filter(pseudonym__in=["Adult E", "Adult J", "Adult O", "Adult P"])
    }
    for pseudonym, name, relationship, known_as in AROUND_ADULTS:
        record_people.add_person(
            manager,
            reviews[pseudonym],
            "around",
            {"full_name": name, "relationship": relationship, "known_as": known_as},
        )
    for pseudonym, name, job_title, agency in PRACTITIONERS:
        record_people.add_person(
            manager,
            reviews[pseudonym],
            "practitioner",
            {"full_name": name, "job_title": job_title, "agency": Agency.objects.get(short_name=agency)},
        )
    # The Trust's chronology for Adult J was returned, so it is open again: its lead names a practitioner.
    returned = AgencyRequest.objects.filter(review=reviews["Adult J"], kind="chronology", return_count__gte=1).first()
    if returned is not None:
        record_people.name_practitioner(
            Person.objects.get(pk=lead.pk),
            returned,
            {"full_name": "Oluwaseun Pretendo-Vance", "job_title": "Emergency department nurse"},
        )
    quoted = record_people.add_person(
        manager,
        reviews["Adult E"],
        "practitioner",
        {
            "full_name": "Ottoline Fictionby-Grange",
            "job_title": "Director of adult social care (a Board member)",
            "agency": Agency.objects.get(short_name="RMBC"),
        },
    )
    record_people.exclude(
        manager,
        quoted,
        "Fictional: a Board member; the report quotes her by her role, and her name is already public on the "
        "Board's website.",
    )
