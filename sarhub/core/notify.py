"""Telling whoever must act next: one email per person, naming records by reference (and a review's
pseudonym) only, sent after the change is committed, never breaking the page if sending fails."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from sarhub.core.email import one_line, send_one
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
    subject = one_line(subject)  # a pseudonym or title with a line break can never split the header
    body = "\n\n".join([*lines, f"Open it in SAR Hub (you will need to sign in):\n{settings.SITE_URL}{path}"])

    def send() -> None:
        for email in recipients:
            send_one(subject=subject, body=body, to=email, purpose=purpose)

    transaction.on_commit(send)


def lead_counts(agency_ids: Iterable[int]) -> dict[int, int]:
    """How many active people currently hold the agency safeguarding lead role, for each agency (0 for an
    agency with none: whatever is sent "to the agency" reaches nobody there)."""
    from sarhub.partnership.roles import Role

    ids = set(agency_ids)
    counts = dict.fromkeys(ids, 0)
    rows = Membership.objects.filter(
        role=Role.AGENCY_SAFEGUARDING_LEAD, ended_at__isnull=True, agency_id__in=ids, person__is_active=True
    ).values_list("agency_id", "person_id")
    for agency_id, _ in set(rows):
        counts[agency_id] += 1
    return counts


def sent_summary(counts: dict[int, int], names: dict[int, str], *, what: str) -> str:
    """A true account of a send to agencies' leads: how many emails went, to how many agencies, and which
    agencies no one received it at. `what` names the thing sent ("The scoping request"). For example:
    "The scoping request was sent to 3 safeguarding leads at 2 agencies. Not
    received at Testshire Police: it has no current safeguarding lead."."""
    reached = {agency: count for agency, count in counts.items() if count}
    people = sum(reached.values())
    missed = sorted(names[agency] for agency, count in counts.items() if not count)
    parts = []
    if reached:
        parts.append(
            f"{what} was sent to {people} safeguarding lead{'s' if people != 1 else ''} "
            f"at {len(reached)} agenc{'ies' if len(reached) != 1 else 'y'}."
        )
    else:
        parts.append(f"{what} reached no one: no agency chosen has a current safeguarding lead.")
    if missed:
        verb = "has" if len(missed) == 1 else "have"
        parts.append(
            f"Not received at {_and(missed)}: {'it' if len(missed) == 1 else 'they'} {verb} no current safeguarding lead."
        )
    return " ".join(parts)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
