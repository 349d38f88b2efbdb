"""Fictional demo referrals (every name, date and event is invented).

Most name several kinds of harm and several agencies (the forms keep every box ticked); the public
referrals do not say which part of section 44 applies, and those screened carry the business unit's
judgement; one has been corrected by the business unit, with its previous details kept. Those decided were
decided a realistic number of days after they arrived (`decided_after`): most within the 28-day target, some
not, so the timeliness figures by quarter have a spread to show."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sarhub.core.working_days import add_working_days
from sarhub.partnership.models import Agency, Person
from sarhub.referrals.models import (
    Decision,
    Outcome,
    OutcomeLetter,
    Recommendation,
    Referral,
    RequestStatus,
    ScopingRequest,
    Source,
    Status,
)
from sarhub.referrals.services import correct_referral, make_referral
from sarhub.referrals.services.decisions import decide, recommend
from sarhub.referrals.services.screening import answer_scoping, judge_criterion, request_scoping, withdraw_scoping
from sarhub.referrals.services.workflow import move
from sarhub.taxonomy.models import AbuseType

DEMO_REFERRALS: list[dict[str, Any]] = [
    {
        "adult_name": "Doreen Fictional-Ashby",
        "adult_date_of_birth": date(1941, 6, 2),
        "adult_date_of_death": date(2026, 9, 18),
        "adult_postcode": "ZZ99 3AA",
        "what_happened": (
            "Fictional: an older woman living alone with hoarding and diabetes was found dead at home. "
            "Several agencies had visited in the months before."
        ),
        "happened_period": "June to September 2026",
        "working_together_concern": "Each agency saw part of the picture; nobody called a multi-agency meeting.",
        "criterion": "condition_1",
        "criterion_reasons": "She died and self-neglect is suspected to have contributed.",
        "family_knows": "yes",
        "abuse": ["Self-neglect", "Neglect and acts of omission"],
        "agencies": ["RMBC", "TRFT", "SYFR"],
        "correction": (
            {"adult_aliases": "Dot Ashby"},
            "Fictional: her neighbour told the business unit she was known as Dot.",
        ),
        "source": Source.PROFESSIONAL,
        "referrer": "practitioner",
        "referrer_relationship": "Allocated social worker",
        "status": Status.SCREENING,
        "days_ago": 20,
    },
    {
        "adult_name": "Marcus Imaginary-Hale",
        "adult_date_of_birth": date(1979, 1, 11),
        "what_happened": (
            "Fictional: a man with a learning disability lost his tenancy after his benefits were taken by "
            "people he called friends; he was admitted to hospital malnourished."
        ),
        "happened_on": date(2026, 10, 2),
        "working_together_concern": "Concerns were raised three times but each was closed without a joint plan.",
        "family_knows": "unsure",
        "abuse": ["Financial or material abuse", "Neglect and acts of omission", "Psychological or emotional abuse"],
        "agencies": ["RMBC", "SYP", "WVH"],
        "source": Source.PUBLIC,
        "referrer_name": "A fictional sister",
        "referrer_relationship": "Sister",
        "referrer_email": "sister@example.invalid",
        "status": Status.RECEIVED,
        "days_ago": 3,
    },
    {
        "adult_name": "Winifred Madeup-Cole",
        "adult_date_of_birth": date(1936, 12, 30),
        "adult_date_of_death": date(2026, 7, 4),
        "what_happened": "Fictional: a care home resident developed pressure ulcers and died after a hospital discharge.",
        "happened_period": "May to July 2026",
        "working_together_concern": "The discharge plan was not shared with the care home.",
        "criterion": "discretionary",
        "criterion_reasons": "The Board may learn about discharge planning.",
        "family_knows": "yes",
        "abuse": ["Neglect and acts of omission", "Organisational abuse"],
        "agencies": ["TRFT", "SY ICB"],
        "source": Source.PROFESSIONAL,
        "referrer": "agency-lead",
        "referrer_relationship": "Named nurse for safeguarding adults",
        "status": Status.AWAITING_DECISION,
        "days_ago": 34,
    },
    {
        "adult_name": "Eleanor Notreal-Brook",
        "adult_date_of_birth": date(1958, 8, 19),
        "adult_date_of_death": date(2026, 5, 30),
        "what_happened": (
            "Fictional: a woman who was a carer for her husband died in a house fire; both had been "
            "assessed separately by several agencies."
        ),
        "happened_on": date(2026, 5, 30),
        "working_together_concern": "Fire risk was known to one agency and not shared with the others.",
        "criterion": "condition_1",
        "criterion_reasons": "She died and neglect is suspected to have contributed.",
        "family_knows": "yes",
        "abuse": ["Neglect and acts of omission", "Self-neglect"],
        "agencies": ["RMBC", "SYFR", "TRFT"],
        "source": Source.PROFESSIONAL,
        "referrer": "agency-lead",
        "referrer_relationship": "Named nurse for safeguarding adults",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 150,
        "decided_after": 24,
    },
    {
        "adult_name": "Frank Invented-Shaw",
        "adult_date_of_birth": date(1966, 2, 14),
        "adult_date_of_death": date(2026, 8, 2),
        "what_happened": "Fictional: a man with alcohol dependency died after repeated hospital attendances.",
        "happened_period": "January to August 2026",
        "working_together_concern": "Each attendance was treated as a new episode.",
        "criterion": "condition_1",
        "criterion_reasons": "He died and self-neglect is suspected.",
        "family_knows": "yes",
        "abuse": ["Self-neglect", "Physical abuse"],
        "agencies": ["TRFT", "RDaSH", "RMBC"],
        "source": Source.PROFESSIONAL,
        "referrer": "practitioner",
        "referrer_relationship": "Social worker",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 90,
        "decided_after": 19,
    },
    {
        "adult_name": "Gerald Pretend-Lowe",
        "adult_date_of_birth": date(1949, 10, 5),
        "adult_date_of_death": date(2026, 3, 12),
        "what_happened": "Fictional: a man living with severe hoarding died in a house fire.",
        "happened_on": date(2026, 3, 12),
        "working_together_concern": "Fire safety advice was not followed up jointly.",
        "criterion": "condition_1",
        "criterion_reasons": "He died and self-neglect is suspected.",
        "family_knows": "no",
        "abuse": ["Self-neglect"],
        "agencies": ["SYFR", "WVH", "RMBC"],
        "source": Source.PROFESSIONAL,
        "referrer": "agency-lead",
        "referrer_relationship": "Named nurse",
        "status": Status.DECIDED,
        "outcome": Outcome.DISCRETIONARY,
        "days_ago": 150,
        "decided_after": 33,
    },
    {
        "adult_name": "Hilda Fabricated-Moss",
        "adult_date_of_birth": date(1952, 4, 21),
        "what_happened": "Fictional: a woman with hoarding was admitted with burns after a chip-pan fire.",
        "happened_on": date(2026, 4, 2),
        "working_together_concern": "Three agencies knew of the fire risk.",
        "judgement": ("condition_2", "Fictional: she is alive and experienced serious self-neglect."),
        "family_knows": "yes",
        "abuse": ["Self-neglect", "Neglect and acts of omission"],
        "agencies": ["SYFR", "RMBC"],
        "source": Source.PUBLIC,
        "referrer_name": "A fictional neighbour",
        "referrer_relationship": "Neighbour",
        "status": Status.DECIDED,
        "outcome": Outcome.DISCRETIONARY,
        "days_ago": 140,
        "decided_after": 22,
    },
    {
        "adult_name": "Ivy Unreal-Stone",
        "adult_date_of_birth": date(1938, 7, 7),
        "adult_date_of_death": date(2026, 6, 1),
        "what_happened": "Fictional: an older woman died in hospital of natural causes after a fall at home.",
        "happened_on": date(2026, 5, 20),
        "working_together_concern": "The family felt the care package was slow to start.",
        "judgement": ("not_met", "Fictional: she died of natural causes; no abuse or neglect is suspected."),
        "family_knows": "yes",
        "abuse": [],
        "agencies": ["RMBC", "TRFT"],
        "source": Source.PUBLIC,
        "referrer_name": "A fictional son",
        "referrer_relationship": "Son",
        "status": Status.DECIDED,
        "outcome": Outcome.NO_FURTHER_ACTION,
        "days_ago": 75,
        "decided_after": 12,
    },
    {
        "adult_name": "Joan Fakename-Reed",
        "adult_date_of_birth": date(1944, 3, 9),
        "adult_date_of_death": date(2026, 2, 14),
        "what_happened": "Fictional: a woman with dementia died after a fall while waiting for a care package.",
        "happened_period": "November 2025 to February 2026",
        "working_together_concern": "Her husband's own needs as a carer were not assessed.",
        "criterion": "condition_1",
        "criterion_reasons": "She died and neglect is suspected to have contributed.",
        "family_knows": "yes",
        "abuse": ["Neglect and acts of omission"],
        "agencies": ["RMBC", "TRFT"],
        "source": Source.PROFESSIONAL,
        "referrer": "practitioner",
        "referrer_relationship": "Social worker",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 200,
        "decided_after": 26,
    },
    {
        "adult_name": "Kenneth Notaperson-Day",
        "adult_date_of_birth": date(1971, 11, 23),
        "adult_date_of_death": date(2025, 12, 1),
        "what_happened": "Fictional: a man sleeping rough with a brain injury died of hypothermia.",
        "happened_period": "September to December 2025",
        "working_together_concern": "Housing, health and police contacts were not brought together.",
        "criterion": "condition_1",
        "criterion_reasons": "He died and self-neglect is suspected.",
        "family_knows": "no",
        "abuse": ["Self-neglect"],
        "agencies": ["RMBC", "SYP", "RDaSH"],
        "source": Source.PROFESSIONAL,
        "referrer": "agency-lead",
        "referrer_relationship": "Named nurse",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 260,
        "decided_after": 41,
    },
    {
        "adult_name": "Lillian Storybook-Grey",
        "adult_date_of_birth": date(1939, 5, 17),
        "what_happened": "Fictional: a woman in a care home lost a large sum to a person she met online.",
        "happened_period": "2025",
        "working_together_concern": "Banks, the care home and the council each acted alone.",
        "judgement": ("condition_2", "Fictional: she is alive and experienced serious financial abuse."),
        "family_knows": "yes",
        "abuse": ["Financial or material abuse", "Psychological or emotional abuse"],
        "agencies": ["RMBC", "TRFT", "SYP"],
        "source": Source.PUBLIC,
        "referrer_name": "A fictional daughter",
        "referrer_relationship": "Daughter",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_2,
        "days_ago": 300,
        "decided_after": 27,
    },
    {
        "adult_name": "Norman Fiction-Ward",
        "adult_date_of_birth": date(1962, 8, 30),
        "adult_date_of_death": date(2025, 9, 9),
        "what_happened": "Fictional: a man with diabetes and alcohol use died after missing many appointments.",
        "happened_period": "2024 to 2025",
        "working_together_concern": "Missed appointments led to discharge from services, not to a joint plan.",
        "criterion": "condition_1",
        "criterion_reasons": "He died and self-neglect is suspected.",
        "family_knows": "yes",
        "abuse": ["Self-neglect"],
        "agencies": ["TRFT", "RDaSH", "RMBC"],
        "source": Source.PROFESSIONAL,
        "referrer": "agency-lead",
        "referrer_relationship": "Named nurse",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 330,
        "decided_after": 18,
    },
    {
        "adult_name": "Olive Pretendly-Marsh",
        "adult_date_of_birth": date(1947, 1, 4),
        "adult_date_of_death": date(2025, 4, 22),
        "what_happened": "Fictional: a woman cared for by her son died with severe pressure ulcers.",
        "happened_period": "2024 to 2025",
        "working_together_concern": "District nurses and the GP disagreed about who held the risk.",
        "criterion": "condition_1",
        "criterion_reasons": "She died and neglect is suspected to have contributed.",
        "family_knows": "yes",
        "abuse": ["Neglect and acts of omission"],
        "agencies": ["TRFT", "RMBC"],
        "source": Source.PROFESSIONAL,
        "referrer": "practitioner",
        "referrer_relationship": "Social worker",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 420,
        "decided_after": 35,
    },
    {
        "adult_name": "Patricia Madeup-Quill",
        "adult_date_of_birth": date(1951, 6, 12),
        "adult_date_of_death": date(2025, 1, 8),
        "what_happened": "Fictional: a woman who hoarded died in a house fire after repeated visits by several services.",
        "happened_period": "2023 to 2025",
        "working_together_concern": "Each service saw the hoarding; none asked what the others knew about fire risk.",
        "criterion": "condition_1",
        "criterion_reasons": "She died and self-neglect is known.",
        "family_knows": "yes",
        "abuse": ["Self-neglect", "Neglect and acts of omission"],
        "agencies": ["SYFR", "RMBC", "TRFT"],
        "source": Source.PROFESSIONAL,
        "referrer": "practitioner",
        "referrer_relationship": "Social worker",
        "status": Status.DECIDED,
        "outcome": Outcome.MANDATORY_CONDITION_1,
        "days_ago": 560,
        "decided_after": 21,
    },
]


@transaction.atomic
def seed_referrals(people: dict[str, Person]) -> None:
    made: list[int] = []
    for item in DEMO_REFERRALS:
        if Referral.objects.filter(adult_name=item["adult_name"]).exists():
            continue
        referrer = people.get(item.get("referrer", ""))
        referral = make_referral(referral_data(item, referrer), source=item["source"], referred_by=referrer)
        made.append(referral.pk)
        Referral.objects.filter(pk=referral.pk).update(received_at=timezone.now() - timedelta(days=item["days_ago"]))
        if "correction" in item:
            changes, reason = item["correction"]
            correct_referral(people["bu-coordinator"], referral, changes, reason=reason)
        _progress(referral, item, people)
    acknowledge_when_received(made)


def referral_data(item: dict[str, Any], referrer: Person | None) -> dict[str, Any]:
    """The referral form's cleaned data for a demo referral (its agencies and abuse types by name)."""
    data = {
        key: item.get(key, "")
        for key in (
            "adult_name",
            "adult_aliases",
            "adult_address",
            "adult_postcode",
            "adult_nhs_number",
            "what_happened",
            "happened_period",
            "working_together_concern",
            "criterion",
            "criterion_reasons",
            "other_agencies",
            "family_knows",
            "referrer_relationship",
            "referrer_phone",
        )
    }
    data.update(
        {
            "adult_date_of_birth": item.get("adult_date_of_birth"),
            "adult_date_of_death": item.get("adult_date_of_death"),
            "happened_on": item.get("happened_on"),
            "referrer_name": referrer.full_name if referrer else item["referrer_name"],
            "referrer_email": referrer.email if referrer else item.get("referrer_email", ""),
            "referrer_agency": referrer.agencies[0] if referrer and referrer.agencies else None,
            "abuse_types": list(AbuseType.objects.filter(name__in=item["abuse"])),
            "agencies": list(Agency.objects.filter(short_name__in=item["agencies"])),
        }
    )
    return data


def acknowledge_when_received(referral_ids: list[int]) -> None:
    """The acknowledgement is emailed once the referral is saved (after the commit), stamped with the time it
    is sent; a demo referral received in the past was acknowledged minutes after it arrived."""

    def backdate() -> None:
        Referral.objects.filter(pk__in=referral_ids, acknowledged_at__isnull=False).update(
            acknowledged_at=F("received_at") + timedelta(minutes=4)
        )

    if referral_ids:
        transaction.on_commit(backdate)


def settle_decision(referral: Referral, decided_at: datetime) -> None:
    """Date the SAR subgroup's recommendation, the chair's decision and the letter's draft as if the referral
    had been decided at `decided_at` (the services stamp each step now; a real decision takes weeks), and
    the scoping summaries answered before it. The recommendation comes a few days before the decision."""
    received_at = Referral.objects.values_list("received_at", flat=True).get(pk=referral.pk)
    recommended_at = max(received_at + timedelta(days=1), decided_at - timedelta(days=4))
    Recommendation.objects.filter(referral=referral).update(recommended_at=recommended_at)
    Decision.objects.filter(referral=referral).update(decided_at=decided_at)
    OutcomeLetter.objects.filter(referral=referral).update(drafted_at=decided_at)
    for scoping in ScopingRequest.objects.filter(referral=referral, answered_at__isnull=False):
        answered_at = min(scoping.requested_at + timedelta(days=8), recommended_at - timedelta(hours=2))
        ScopingRequest.objects.filter(pk=scoping.pk).update(answered_at=answered_at)
    Referral.objects.filter(pk=referral.pk, screening_criterion_at__isnull=False).update(
        screening_criterion_at=min(received_at + timedelta(days=2), recommended_at)
    )


def _progress(referral: Referral, item: dict[str, Any], people: dict[str, Person]) -> None:
    """Take a demo referral through the real services to the stage the demo shows."""
    manager, subgroup, chair = people["bu-manager"], people["subgroup"], people["chair"]
    target = item["status"]
    if target == Status.RECEIVED:
        return
    agencies = list(referral.agencies.all())
    requests = request_scoping(manager, referral, agencies, note="Fictional demo request.")
    # Backdate the requests so one is answered and one is overdue.
    for scoping in requests:
        ScopingRequest.objects.filter(pk=scoping.pk).update(
            requested_at=timezone.now() - timedelta(days=item["days_ago"] - 1),
            due_on=add_working_days(timezone.localdate() - timedelta(days=item["days_ago"] - 1), 15),
        )
    lead = people["agency-lead"]
    for scoping in requests:
        if any(a.pk == scoping.agency_id for a in lead.agencies):
            answer_scoping(
                lead,
                scoping,
                involvement="Fictional: two outpatient appointments and one admission in the period.",
                concerns="Fictional: the discharge summary did not reach the community team.",
            )
    if "judgement" in item:
        # A public referral does not say which part of section 44 applies: the business unit judges it.
        judgement, reasons = item["judgement"]
        judge_criterion(manager, referral, judgement=judgement, reasons=reasons)
    if target == Status.SCREENING:
        return
    for scoping in ScopingRequest.objects.filter(referral=referral, status=RequestStatus.REQUESTED):
        withdraw_scoping(manager, scoping)
    move(manager, referral, Status.AWAITING_DECISION)
    recommend(
        subgroup,
        referral,
        outcome=Outcome.DISCRETIONARY,
        other_process="",
        reasons="Fictional: there is learning about discharge planning across agencies.",
    )
    if target == Status.AWAITING_DECISION:
        return
    decide(
        chair,
        referral,
        outcome=item.get("outcome", Outcome.DISCRETIONARY),
        other_process="",
        reasons="Fictional: agencies could have worked together better and there is learning for the partnership.",
    )
    # Decided a realistic number of days after it was received (most within the 28-day target, some not).
    received_at = timezone.now() - timedelta(days=item["days_ago"])
    settle_decision(referral, received_at + timedelta(days=item["decided_after"], hours=5))
