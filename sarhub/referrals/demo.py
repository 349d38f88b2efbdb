"""Fictional demo referrals (every name, date and event is invented)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from sarhub.partnership.models import Agency, Person
from sarhub.referrals.models import Referral, Source, Status
from sarhub.referrals.services import make_referral
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
        "abuse": ["Self-neglect"],
        "agencies": ["RMBC", "TRFT", "SYFR"],
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
        "criterion": "condition_2",
        "criterion_reasons": "He is alive and experienced serious financial abuse and neglect.",
        "family_knows": "unsure",
        "abuse": ["Financial or material abuse", "Neglect and acts of omission"],
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
]


@transaction.atomic
def seed_referrals(people: dict[str, Person]) -> None:
    for item in DEMO_REFERRALS:
        if Referral.objects.filter(adult_name=item["adult_name"]).exists():
            continue
        referrer = people.get(item.get("referrer", ""))
        agencies = list(Agency.objects.filter(short_name__in=item["agencies"]))
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
                "agencies": agencies,
            }
        )
        referral = make_referral(data, source=item["source"], referred_by=referrer)
        Referral.objects.filter(pk=referral.pk).update(
            status=item["status"], received_at=timezone.now() - timedelta(days=item["days_ago"])
        )
