"""Making and correcting referrals. Audited; the acknowledgement and notifications name the reference only."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.email import send_one
from sarhub.core.roles import BUSINESS_UNIT_ROLES
from sarhub.partnership.models import Board, Person
from sarhub.partnership.notify import people_with
from sarhub.referrals import permissions
from sarhub.referrals.models import Referral, ReferralCorrection, Source

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


# What the business unit may correct, and how the referral page names each (in its order).
CORRECTABLE_FIELDS: list[tuple[str, str]] = [
    ("adult_name", "Name"),
    ("adult_aliases", "Other names"),
    ("adult_date_of_birth", "Date of birth"),
    ("adult_date_of_death", "Date of death"),
    ("adult_address", "Address"),
    ("adult_postcode", "Postcode"),
    ("adult_nhs_number", "NHS number"),
    ("what_happened", "What happened"),
    ("happened_on", "When"),
    ("happened_period", "Over what period"),
    ("other_agencies", "Other organisations"),
]
CORRECTABLE_LISTS: list[tuple[str, str]] = [
    ("abuse_types", "Abuse or neglect suspected"),
    ("agencies", "Partner agencies involved"),
]


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _names(items: Any) -> str:
    return ", ".join(sorted(str(getattr(item, "name", item)) for item in items))


@transaction.atomic
def correct_referral(actor: Person, referral: Referral, data: dict[str, Any], *, reason: str) -> ReferralCorrection:
    """Correct a referral's details (the business unit). Each changed field's previous and new values
    are kept in a ReferralCorrection, shown on the referral; the audit log names the fields only."""
    if not permissions.can_manage_referrals(actor):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": "Say why you are correcting the referral"})
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    changes: list[dict[str, str]] = []
    for field, label in CORRECTABLE_FIELDS:
        if field not in data:
            continue
        before = getattr(locked, field)
        after = data[field] if data[field] is not None else ("" if isinstance(before, str) else None)
        if before != after:
            changes.append({"field": field, "label": label, "before": _shown(before), "after": _shown(after)})
            setattr(locked, field, after)
    new_lists: dict[str, list[Any]] = {}
    for field, label in CORRECTABLE_LISTS:
        if field not in data:
            continue
        current = list(getattr(locked, field).all())
        wanted = list(data[field] or [])
        if {item.pk for item in current} != {item.pk for item in wanted}:
            changes.append({"field": field, "label": label, "before": _names(current), "after": _names(wanted)})
            new_lists[field] = wanted
    if not changes:
        raise ValidationError("You have not changed anything. Change a detail, or go back to the referral.")
    locked.full_clean(exclude=["reference"])
    locked.save()
    for field, wanted in new_lists.items():
        getattr(locked, field).set(wanted)
    correction = ReferralCorrection.objects.create(
        referral=locked, corrected_by=actor, reason=reason.strip(), changes=changes
    )
    record(
        Action.UPDATE,
        person=actor,
        obj=locked,
        detail=f"correction {correction.pk}: {', '.join(change['field'] for change in changes)}",
    )
    return correction
