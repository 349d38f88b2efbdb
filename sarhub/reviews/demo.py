"""Fictional demo reviews, built through the real services (every detail is invented)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sarhub.partnership.models import Agency, Person
from sarhub.referrals.decisions import save_letter, send_letter
from sarhub.referrals.models import LetterStatus, OutcomeLetter, Referral
from sarhub.reviews import content, running, services
from sarhub.reviews.models import Review, Stage
from sarhub.taxonomy.models import AbuseType, PracticeTheme


def _referral(name: str) -> Referral:
    return Referral.objects.get(adult_name=name)


def _advance_to(manager: Person, review: Review, stage: str) -> None:
    while review.stage != stage:
        review = running.advance(manager, review)


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

    # A referral not progressed: its letter checked and posted.
    letter = OutcomeLetter.objects.filter(referral=_referral("Ivy Unreal-Stone"), status=LetterStatus.DRAFT).first()
    if letter is not None:
        save_letter(manager, letter, body=letter.body)
        send_letter(manager, letter, by_post=True)
