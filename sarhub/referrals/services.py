"""Making referrals. Audited; the acknowledgement and notifications name the reference only."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.email import send_one
from sarhub.core.notify import people_with
from sarhub.partnership.models import Board, Person
from sarhub.partnership.roles import BUSINESS_UNIT_ROLES
from sarhub.referrals.models import Referral, Source

REFERRAL_FIELDS = [
    "adult_name",
    "adult_aliases",
    "adult_date_of_birth",
    "adult_date_of_death",
    "adult_address",
    "adult_postcode",
    "adult_nhs_number",
    "what_happened",
    "happened_on",
    "happened_period",
    "working_together_concern",
    "criterion",
    "criterion_reasons",
    "other_agencies",
    "family_knows",
    "referrer_name",
    "referrer_email",
    "referrer_phone",
    "referrer_relationship",
]


def _reference(referral: Referral) -> str:
    year = timezone.localtime(referral.received_at).year
    return f"R-{year}-{referral.pk:05d}"


@transaction.atomic
def make_referral(data: dict[str, Any], *, source: Source, referred_by: Person | None = None) -> Referral:
    """Create a referral from cleaned form data (the form has validated every field)."""
    referral = Referral(source=source, referred_by=referred_by)
    for field in REFERRAL_FIELDS:
        if field in data:
            setattr(referral, field, data[field] if data[field] is not None else getattr(referral, field))
    referral.referrer_agency = data.get("referrer_agency")
    referral.reference = f"pending-{uuid4().hex[:12]}"
    referral.full_clean(exclude=["reference"])
    referral.save()
    referral.reference = _reference(referral)
    referral.save(update_fields=["reference"])
    referral.abuse_types.set(data.get("abuse_types") or [])
    referral.agencies.set(data.get("agencies") or [])
    record(Action.CREATE, person=referred_by, obj=referral, detail=f"referral from {source}")
    transaction.on_commit(lambda: _send_emails(referral.pk))
    return referral


def _send_emails(referral_id: int) -> None:
    referral = Referral.objects.get(pk=referral_id)
    board = Board.current()
    if referral.referrer_email:
        body = render_to_string("referrals/email/acknowledgement.txt", {"referral": referral, "board": board})
        sent = send_one(
            subject=f"Referral received: {referral.reference}",
            body=body,
            to=referral.referrer_email,
            purpose=f"acknowledgement of {referral.reference}",
        )
        if sent:
            Referral.objects.filter(pk=referral.pk).update(acknowledged_at=timezone.now())
    link = settings.SITE_URL + reverse("referrals:detail", args=[referral.pk])
    for email in people_with(*BUSINESS_UNIT_ROLES):
        body = render_to_string(
            "referrals/email/new_referral.txt", {"referral": referral, "board": board, "link": link}
        )
        send_one(
            subject=f"New referral {referral.reference}",
            body=body,
            to=email,
            purpose=f"business unit notice of {referral.reference}",
        )
