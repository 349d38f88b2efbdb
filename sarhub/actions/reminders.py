"""Daily action-plan reminders (run by `manage.py send_action_reminders`, and by `send_reminders`).

On working days only:
- each named lead gets one email listing their open actions that are overdue or due within
  DUE_SOON_DAYS days, with a link to their actions;
- each business unit person gets one escalation list: overdue actions grouped by the agency that owns
  them (or the Board), actions off track, and completed actions waiting for assurance for more than
  ASSURANCE_WAIT_WORKING_DAYS working days.

A reminder is claimed (a ReminderSent row, unique per person, kind and day) before it is sent, so running
the job twice in a day, or twice at once, sends nothing twice. Emails name reviews by reference and
pseudonym only, never the adult's real name. The actions are read in one query and grouped in Python, so
the number of queries does not grow with the number of actions (only with the number of people emailed).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sarhub.actions.models import DUE_SOON_DAYS, OPEN_STATUSES, STATUS_LABELS, Action, ReminderSent, Status
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.services import record
from sarhub.core.email import send_one
from sarhub.core.roles import BUSINESS_UNIT_ROLES
from sarhub.core.working_days import is_working_day
from sarhub.partnership.models import Membership, Person

LEAD_KIND = "actions_lead"
ESCALATION_KIND = "actions_escalation"
ASSURANCE_WAIT_WORKING_DAYS = 10
MY_ACTIONS_PATH = "/actions/mine/"
PLAN_PATH = "/actions/"


def waiting_since(today: date, working_days: int = ASSURANCE_WAIT_WORKING_DAYS) -> date:
    """The latest completion date that has waited more than `working_days` working days by `today`."""
    day, counted = today, 0
    while counted <= working_days:
        if is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    return day


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _what(action: Action) -> str:
    what = " ".join(action.what.split())
    return what if len(what) <= 200 else what[:197].rstrip() + "..."


def _line(action: Action, today: date, note: str = "") -> str:
    """One action: the review by reference and pseudonym (never the adult's name), what, and when."""
    review = action.review
    if note:
        when = note
    elif action.due_on < today:
        late = (today - action.due_on).days
        when = f"was due {action.due_on:%-d %B %Y} (overdue by {_plural(late, 'day', 'days')})"
    elif action.due_on <= today + timedelta(days=DUE_SOON_DAYS):
        when = f"due {action.due_on:%-d %B %Y} (due soon)"
    else:
        when = f"due {action.due_on:%-d %B %Y}"
    return f"- {review.reference} ({review.pseudonym}), action {action.pk}: {_what(action)}\n  {when}"


def _lead_body(actions: list[Action], today: date) -> str:
    overdue = [a for a in actions if a.due_on < today]
    soon = [a for a in actions if a.due_on >= today]
    parts = ["You are the named lead for actions on the Safeguarding Adults Board's action plan that need attention."]
    if overdue:
        parts.append("Overdue:\n" + "\n".join(_line(a, today) for a in overdue))
    if soon:
        parts.append(f"Due in the next {DUE_SOON_DAYS} days:\n" + "\n".join(_line(a, today) for a in soon))
    parts.append(
        "Please report progress, or attach evidence and report the action complete, in SAR Hub "
        f"(you will need to sign in):\n{settings.SITE_URL}{MY_ACTIONS_PATH}"
    )
    return "\n\n".join(parts)


LISTED = 15  # actions listed per group in an escalation email; the rest are counted, and the plan has them all


def _capped(lines: list[str]) -> str:
    shown = lines[:LISTED]
    if len(lines) > LISTED:
        shown.append(f"... and {len(lines) - LISTED} more: see the action plan")
    return "\n".join(shown)


def _escalation_body(overdue: list[Action], off_track: list[Action], waiting: list[Action], today: date) -> str:
    parts = ["The Board's action plan: actions that need the business unit's attention today."]
    if overdue:
        by_owner: dict[str, list[Action]] = defaultdict(list)
        for action in overdue:
            by_owner[action.owner_label].append(action)
        # The Board first, then agencies by name.
        owners = sorted(by_owner, key=lambda name: (name != "The Board", name.lower()))
        groups = [
            f"{owner} ({len(by_owner[owner])}):\n"
            + _capped([f"{_line(a, today)}; {STATUS_LABELS[a.status].lower()}" for a in by_owner[owner]])
            for owner in owners
        ]
        parts.append(f"Overdue ({len(overdue)}), by owner:\n\n" + "\n\n".join(groups))
    if off_track:
        lines = [f"{_line(a, today)}; {a.owner_label}" for a in off_track]
        parts.append(f"Off track, not yet due ({len(off_track)}):\n" + _capped(lines))
    if waiting:
        lines = [_line(a, today, f"{a.owner_label}; reported complete on {a.completed_on:%-d %B %Y}") for a in waiting]
        parts.append(
            f"Completed, waiting for assurance for more than {ASSURANCE_WAIT_WORKING_DAYS} working days "
            f"({len(waiting)}):\n" + _capped(lines)
        )
    parts.append(f"Open the action plan in SAR Hub (you will need to sign in):\n{settings.SITE_URL}{PLAN_PATH}")
    return "\n\n".join(parts)


def _claim_and_send(person: Person, kind: str, today: date, subject: str, body: str, detail: str) -> bool | None:
    """Claim today's reminder of this kind for this person, then send it: True when sent, None when another
    run had claimed it, False when the email could not be sent (the claim is given up, so the next run tries
    again)."""
    with transaction.atomic():
        claim, created = ReminderSent.objects.get_or_create(person=person, kind=kind, day=today)
        if not created:
            return None
        record(AuditAction.CREATE, obj=claim, detail=detail)
    # Sent once the claim is committed (the daily jobs run outside any transaction), and counted only if sent.
    if send_one(subject=subject, body=body, to=person.email, purpose=kind):
        return True
    ReminderSent.objects.filter(pk=claim.pk).delete()
    return False


def _business_unit() -> list[Person]:
    members = Membership.objects.filter(role__in=BUSINESS_UNIT_ROLES, ended_at__isnull=True).values("person_id")
    return list(Person.objects.filter(is_active=True, pk__in=members).order_by("pk"))


def send_action_reminders(today: date | None = None) -> dict[str, int]:
    """Send today's action reminders (working days only). Returns how many were sent, by kind, and how many
    could not be sent ("not sent": tried again on the next run)."""
    today = today or timezone.localdate()
    sent = {"leads": 0, "business unit": 0, "not sent": 0}
    if not is_working_day(today):
        return sent
    soon = today + timedelta(days=DUE_SOON_DAYS)
    since = waiting_since(today)
    # One query for every action any reminder needs; grouped below in Python.
    actions = list(
        Action.objects.filter(
            Q(status__in=OPEN_STATUSES, due_on__lte=soon)
            | Q(status=Status.OFF_TRACK)
            | Q(status=Status.AWAITING_ASSURANCE, completed_on__lte=since)
        )
        .select_related("review", "lead", "owner_agency")
        .order_by("due_on", "pk")
    )
    already = set(ReminderSent.objects.filter(day=today).values_list("person_id", "kind"))

    by_lead: dict[int, list[Action]] = defaultdict(list)
    leads: dict[int, Person] = {}
    for action in actions:
        if action.status in OPEN_STATUSES and action.due_on <= soon and action.lead.is_active:
            by_lead[action.lead_id].append(action)
            leads[action.lead_id] = action.lead
    for lead_id, mine in by_lead.items():
        if (lead_id, LEAD_KIND) in already:
            continue
        overdue = sum(1 for a in mine if a.due_on < today)
        due_soon = len(mine) - overdue
        subject = "Your actions on the Board's action plan: " + ", ".join(
            part
            for part in (
                f"{overdue} overdue" if overdue else "",
                f"{due_soon} due soon" if due_soon else "",
            )
            if part
        )
        detail = f"action reminder: {overdue} overdue, {due_soon} due soon"
        _count(
            sent, "leads", _claim_and_send(leads[lead_id], LEAD_KIND, today, subject, _lead_body(mine, today), detail)
        )

    overdue_all = [a for a in actions if a.status in OPEN_STATUSES and a.due_on < today]
    off_track = [a for a in actions if a.status == Status.OFF_TRACK and a.due_on >= today]
    waiting = sorted(
        (a for a in actions if a.status == Status.AWAITING_ASSURANCE),
        key=lambda a: (a.completed_on or today, a.pk),
    )
    if overdue_all or off_track or waiting:
        subject = (
            f"Action plan escalations: {len(overdue_all)} overdue, {len(off_track)} off track (not yet due), "
            f"{len(waiting)} waiting for assurance"
        )
        body = _escalation_body(overdue_all, off_track, waiting, today)
        detail = f"action escalation: {len(overdue_all)} overdue, {len(off_track)} off track, {len(waiting)} waiting"
        for person in _business_unit():
            if (person.pk, ESCALATION_KIND) in already:
                continue
            _count(sent, "business unit", _claim_and_send(person, ESCALATION_KIND, today, subject, body, detail))
    return sent


def _count(sent: dict[str, int], kind: str, outcome: bool | None) -> None:
    if outcome:
        sent[kind] += 1
    elif outcome is False:
        sent["not sent"] += 1


def describe(sent: dict[str, int]) -> str:
    """The line the management commands print: only the emails that went count as sent."""
    leads, unit, failed = sent["leads"], sent["business unit"], sent.get("not sent", 0)
    line = (
        f"Action reminders sent to {_plural(leads, 'lead', 'leads')}, and escalation lists to "
        f"{_plural(unit, 'business unit person', 'business unit people')}."
    )
    if failed:
        line += f" {_plural(failed, 'email', 'emails')} could not be sent: the next run will try again."
    return line
