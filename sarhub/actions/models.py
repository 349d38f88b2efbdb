"""The Board's action plan: SMART actions that answer findings and recommendations, tracked to evidenced,
assured completion, and the decisions not to implement a finding or recommendation.

An action comes from a review's recommendation (or, where it answers a finding directly, the finding) or
from a learning-event proposal. It is owned by an agency (or by the Board itself), has a named lead, a due
date and the success measure or evidence of impact expected. Agencies report progress; the business unit
assures completion (accepts, or returns it with reasons), then checks impact on a later date.

`version` guards against lost updates: every change must name the version it was made from (see
services.update_action), so a second person editing the same action is told, never overwritten.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.partnership.models import Agency
from sarhub.reviews.models import Finding, Review, ReviewRecommendation

DUE_SOON_DAYS = 30


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    AWAITING_ASSURANCE = "awaiting_assurance", "Completed, awaiting assurance"
    ASSURED = "assured", "Assured complete"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"


# What an agency may set when reporting progress (assurance is the business unit's alone).
AGENCY_STATUSES = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.AWAITING_ASSURANCE]
OPEN_STATUSES = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]
STATUS_LABELS = {value: str(label) for value, label in Status.choices}


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Not implemented"


RAG_LABELS = {value: str(label) for value, label in Rag.choices}


def rag_for(status: str, due_on: date, today: date) -> str:
    """The RAG rating, derived from status and dates (never entered by hand):
    - complete when assured; closed when not implemented;
    - green when completed and awaiting assurance, or on track and not overdue;
    - red when off track, or overdue and not completed;
    - amber when at risk, or not started with the due date within 30 days."""
    if status == Status.ASSURED:
        return Rag.COMPLETE
    if status == Status.NOT_IMPLEMENTED:
        return Rag.CLOSED
    if status == Status.AWAITING_ASSURANCE:
        return Rag.GREEN
    if status == Status.OFF_TRACK or due_on < today:
        return Rag.RED
    if status == Status.AT_RISK or (status == Status.NOT_STARTED and due_on <= today + timedelta(days=DUE_SOON_DAYS)):
        return Rag.AMBER
    return Rag.GREEN


class Action(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="actions")
    recommendation = models.ForeignKey(
        ReviewRecommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    proposal = models.ForeignKey(
        "events.Proposal", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    what = models.TextField("what will be done", max_length=2_000)
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="actions", help_text="Empty: the Board"
    )
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions_led")
    due_on = models.DateField()
    success_measure = models.TextField("success measure or evidence of impact expected", max_length=2_000)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    assured_at = models.DateTimeField(null=True, blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    impact_check_on = models.DateField(null=True, blank=True)
    impact_outcome = models.TextField(max_length=5_000, blank=True)
    impact_recorded_at = models.DateTimeField(null=True, blank=True)
    not_implemented_reason = models.TextField(max_length=5_000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner_agency", "status", "due_on"], name="action_agency_idx"),
            models.Index(fields=["status", "due_on"], name="action_status_idx"),
            models.Index(fields=["lead", "status", "due_on"], name="action_lead_idx"),
            models.Index(fields=["review", "due_on"], name="action_review_idx"),
            models.Index(fields=["due_on", "id"], name="action_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk}"

    def rag(self, today: date | None = None) -> str:
        return rag_for(self.status, self.due_on, today or timezone.localdate())

    @property
    def owner_label(self) -> str:
        return self.owner_agency.name if self.owner_agency_id and self.owner_agency else "The Board"


class ProgressUpdate(models.Model):
    """A report of progress (with evidence attached as documents of the action), an assurance decision, or
    an impact check: the action's history."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Progress update"
        ACCEPTED = "accepted", "Completion assured"
        RETURNED = "returned", "Returned by the business unit"
        IMPACT = "impact", "Impact checked"
        NOT_IMPLEMENTED = "not_implemented", "Not implemented"
        CHANGED = "changed", "Details changed"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status_before = models.CharField(max_length=30, choices=Status.choices)
    status_after = models.CharField(max_length=30, choices=Status.choices)
    note = models.TextField(max_length=5_000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on action {self.action_id}"


class NotImplemented(models.Model):
    """The Board's decision not to implement a finding or recommendation, with its reasons (reported in the
    annual report, as Care Act Schedule 2 para 4 requires)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="not_implemented")
    recommendation = models.ForeignKey(
        ReviewRecommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="not_implemented"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, null=True, blank=True, related_name="not_implemented"
    )
    reasons = models.TextField(max_length=5_000)
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recommendation__isnull=False) | models.Q(finding__isnull=False),
                name="not_implemented_names_what",
            )
        ]

    def __str__(self) -> str:
        return f"Not implemented on review {self.review_id}"


class ReminderSent(models.Model):
    """One reminder email of a kind to a person on a day: running the daily job twice sends nothing twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind", "day"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.person_id} on {self.day}"


class PlanChange(models.Model):
    """A counter bumped by every change to an action (services.py): the plan's counts are cached under it,
    so a change shows at once in every server process, while unchanged plans are not counted again."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Plan change {self.number}"
