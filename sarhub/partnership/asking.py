"""Asking a partner agency for something by a date, and taking its answer: what a referral's scoping
request (sarhub.referrals) and a review's request for a chronology, IMR or factual-accuracy comments
(sarhub.reviews) share.

A request is waiting (status "requested") until the agency answers it or the business unit withdraws it.
Its answer is due a number of working days after it is sent; once overdue, the agency's leads are
reminded each working day, at most once a day however many times the reminders run. Each app keeps its
own statuses (with "requested" and "withdrawn" among them), what it asks for, the answer's fields and who
is told what.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.working_days import add_working_days, is_working_day

REQUESTED = "requested"
WITHDRAWN = "withdrawn"

Ask = TypeVar("Ask", bound="AgencyAsk")


class AgencyAsk(models.Model):
    """What every request to an agency records, beside its own `agency` and `status` fields."""

    note = models.TextField("note to the agency", max_length=2_000, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    last_reminded_on = models.DateField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["due_on", "id"]

    @property
    def is_waiting(self) -> bool:
        """Sent, and neither answered nor withdrawn."""
        return bool(getattr(self, "status", None) == REQUESTED)

    @property
    def is_overdue(self) -> bool:
        return self.is_waiting and self.due_on < timezone.localdate()


def due_date(working_days: int, today: date | None = None) -> date:
    """When an answer asked for today is due."""
    return add_working_days(today or timezone.localdate(), working_days)


def overdue(requests: QuerySet[Ask], today: date | None = None) -> QuerySet[Ask]:
    """The requests among these still waiting after their due date."""
    return requests.filter(status=REQUESTED, due_on__lt=today or timezone.localdate())


def due_a_reminder(requests: QuerySet[Ask], today: date) -> QuerySet[Ask]:
    """The overdue requests among these not yet reminded today."""
    return overdue(requests, today).exclude(last_reminded_on=today)


def remind_overdue(requests: QuerySet[Ask], today: date, remind: Callable[[Ask], None]) -> int:
    """Remind about each overdue request among these, at most once a day and only on a working day.
    Each is claimed (its reminder counted) and `remind(request)` tells and audits in the same transaction,
    so two runs at once remind once. Returns how many requests were reminded."""
    if not is_working_day(today):
        return 0  # no reminders at weekends or on bank holidays
    reminded = 0
    for request in due_a_reminder(requests, today):
        with transaction.atomic():
            claimed = (
                type(request)
                ._default_manager.filter(pk=request.pk, status=REQUESTED)
                .exclude(last_reminded_on=today)
                .update(last_reminded_on=today, reminder_count=request.reminder_count + 1)
            )
            if not claimed:
                continue
            remind(request)
        reminded += 1
    return reminded


def ensure_waiting(request: AgencyAsk) -> None:
    """Refuse to take an answer to a request that is no longer waiting for one."""
    if not request.is_waiting:
        raise ValidationError("This request has already been answered or withdrawn")


def take_answer(request: AgencyAsk, actor: Any, *, status: str, by: str, at: str) -> list[str]:
    """Mark a waiting request answered (not saved): its new status, and who answered and when in the
    fields named `by` and `at`. Returns the fields changed, for `save(update_fields=...)`."""
    ensure_waiting(request)
    request.status = status  # type: ignore[attr-defined]  # each request's own field
    setattr(request, by, actor)
    setattr(request, at, timezone.now())
    return ["status", by, at]


def withdraw(actor: Any, request: Ask) -> Ask:
    """Withdraw a request still waiting for its answer, and audit it. Who may is the caller's rule."""
    updated = type(request)._default_manager.filter(pk=request.pk, status=REQUESTED).update(status=WITHDRAWN)
    if not updated:
        raise ValidationError("Only a request still waiting for an answer can be withdrawn")
    record(Action.STATE_CHANGE, person=actor, obj=request, detail="withdrawn")
    request.refresh_from_db()
    return request
