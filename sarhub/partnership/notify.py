"""Telling whoever must act next: one email per person, naming records by reference (and a review's
pseudonym) only, sent after the change is committed, never breaking the page if sending fails.

A page says only what truly happened. The view wraps the change in `deliveries()`; every email sent while
it runs (after the change commits, which for a page's request is as the service's `atomic` block ends)
is noted there as reached or missed, and the page's message is written from that record:

    with notify.deliveries() as emails:
        requests.submit(person, agency_request)
    messages.success(request, "Thank you. It has been sent to the review team; " + emails.told())
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from sarhub.core.email import one_line, send_one
from sarhub.partnership.models import Membership, Person


@dataclass
class Deliveries:
    """The emails sent while one change was made: each address, the group it was sent for (an agency's id,
    say), and whether it went."""

    reached: dict[Hashable, set[str]] = field(default_factory=dict)
    missed: dict[Hashable, set[str]] = field(default_factory=dict)

    def note(self, address: str, group: Hashable, sent: bool) -> None:
        (self.reached if sent else self.missed).setdefault(group, set()).add(address.lower())

    def reached_count(self, group: Hashable | None = None) -> int:
        return len(_addresses(self.reached, group))

    def missed_count(self, group: Hashable | None = None) -> int:
        return len(_addresses(self.missed, group) - _addresses(self.reached, group))

    def reached_all(self, groups: Iterable[Hashable]) -> bool:
        """Whether every group had someone to email and every email to it went."""
        return all(self.reached_count(group) and not self.missed_count(group) for group in groups)

    def told(self, *, nobody: str = "no one could be told by email, so tell them yourself.", at: str = "") -> str:
        """The end of a sentence, true to what happened: "2 people have been told by email.", or which
        emails failed, or `nobody` when there was no one to email. `at` places them (" there")."""
        reached, missed = self.reached_count(), self.missed_count()
        if not reached and not missed:
            return nobody
        said = []
        if reached:
            said.append(f"{_people(reached)}{at} {'has' if reached == 1 else 'have'} been told by email")
        if missed:
            said.append(f"the email to {_people(missed)}{at} could not be sent, so tell them yourself")
        return "; ".join(said) + "."


_LEDGERS: ContextVar[tuple[Deliveries, ...]] = ContextVar("sarhub_email_ledgers", default=())


@contextmanager
def deliveries() -> Iterator[Deliveries]:
    """Note every email sent while the block runs (see the module's docstring)."""
    ledger = Deliveries()
    token = _LEDGERS.set((*_LEDGERS.get(), ledger))
    try:
        yield ledger
    finally:
        _LEDGERS.reset(token)


def deliver(
    *,
    subject: str,
    body: str,
    to: str,
    purpose: str,
    group: Hashable = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bool:
    """Send one email (core.email.send_one) and note whether it went, for the page to say so."""
    sent = send_one(subject=subject, body=body, to=to, purpose=purpose, attachments=attachments)
    for ledger in _LEDGERS.get():
        ledger.note(to, group, sent)
    return sent


def _addresses(by_group: dict[Hashable, set[str]], group: Hashable | None) -> set[str]:
    if group is not None:
        return set(by_group.get(group, ()))
    return set().union(*by_group.values()) if by_group else set()


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


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


def tell(
    emails: Iterable[str], *, subject: str, lines: list[str], path: str, purpose: str, group: Hashable = None
) -> None:
    """Email each person once the change commits; each send is noted in the open `deliveries()`."""
    recipients = sorted(set(emails))
    subject = one_line(subject)  # a pseudonym or title with a line break can never split the header
    body = "\n\n".join([*lines, f"Open it in SAR Hub (you will need to sign in):\n{settings.SITE_URL}{path}"])

    def send() -> None:
        for email in recipients:
            deliver(subject=subject, body=body, to=email, purpose=purpose, group=group)

    transaction.on_commit(send)


def lead_counts(agency_ids: Iterable[int]) -> dict[int, int]:
    """How many active people currently hold the agency safeguarding lead role, for each agency (0 for an
    agency with none: whatever is sent "to the agency" reaches nobody there)."""
    from sarhub.core.roles import Role

    ids = set(agency_ids)
    counts = dict.fromkeys(ids, 0)
    rows = Membership.objects.filter(
        role=Role.AGENCY_SAFEGUARDING_LEAD, ended_at__isnull=True, agency_id__in=ids, person__is_active=True
    ).values_list("agency_id", "person_id")
    for agency_id, _ in set(rows):
        counts[agency_id] += 1
    return counts


def sent_summary(emails: Deliveries, names: dict[int, str], *, what: str) -> str:
    """A true account of a send to agencies' leads (each email noted with the agency's id as its group):
    how many leads it reached at how many agencies, which agencies no one received it at, and where an
    email could not be sent. `names` are the agencies chosen; `what` names the thing sent ("The scoping
    request"). For example: "The scoping request was sent to 3 safeguarding leads at 2 agencies. Not
    received at Testshire Police: it has no current safeguarding lead."."""
    reached = {agency: emails.reached_count(agency) for agency in names if emails.reached_count(agency)}
    failed = {agency: emails.missed_count(agency) for agency in names if emails.missed_count(agency)}
    without_lead = sorted(names[agency] for agency in names if agency not in reached and agency not in failed)
    people = sum(reached.values())
    parts = []
    if reached:
        parts.append(
            f"{what} was sent to {people} safeguarding lead{'s' if people != 1 else ''} "
            f"at {len(reached)} agenc{'ies' if len(reached) != 1 else 'y'}."
        )
    elif failed:
        parts.append(f"{what} could not be emailed to anyone.")
    else:
        parts.append(f"{what} reached no one: no agency chosen has a current safeguarding lead.")
    if without_lead:
        verb = "has" if len(without_lead) == 1 else "have"
        parts.append(
            f"Not received at {_and(without_lead)}: {'it' if len(without_lead) == 1 else 'they'} {verb} "
            "no current safeguarding lead."
        )
    if failed:
        leads = sum(failed.values())
        parts.append(
            f"The email to {leads} safeguarding lead{'s' if leads != 1 else ''} at "
            f"{_and(sorted(names[agency] for agency in failed))} could not be sent: tell them yourself."
        )
    return " ".join(parts)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
