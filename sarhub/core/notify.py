"""Telling whoever must act next: one email per person, naming records by reference (and a review's
pseudonym) only, sent after the change is committed, never breaking the page if sending fails."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from sarhub.core.email import send_one
from sarhub.partnership.models import Membership, Person


def people_with(*roles: str, review_id: int | None = None, agency_id: int | None = None) -> list[str]:
    """Email addresses of active people who currently hold one of these roles (on this review, or for
    this agency, if given). One membership must match every condition."""
    conditions: dict[str, object] = {"role__in": roles, "ended_at__isnull": True}
    if review_id is not None:
        conditions["review_id"] = review_id
    if agency_id is not None:
        conditions["agency_id"] = agency_id
    members = Membership.objects.filter(**conditions).values("person_id")
    return list(Person.objects.filter(is_active=True, pk__in=members).values_list("email", flat=True))


def tell(emails: Iterable[str], *, subject: str, lines: list[str], path: str, purpose: str) -> None:
    recipients = sorted(set(emails))
    body = "\n\n".join([*lines, f"Open it in SAR Hub (you will need to sign in):\n{settings.SITE_URL}{path}"])

    def send() -> None:
        for email in recipients:
            send_one(subject=subject, body=body, to=email, purpose=purpose)

    transaction.on_commit(send)
