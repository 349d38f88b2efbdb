"""Multi-agency learning events: planned for a review, with the practitioners and line managers invited.

The invitation list is for the event's team only (the business unit, the review's lead reviewers and
the event's facilitators): nobody else sees who else was invited.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.partnership.models import Agency
from sarhub.reviews.models import Review

GROUND_RULES = """\
This is a safe space. We are here to learn how agencies worked together, not to find fault with anyone.
What is said here is confidential to the review team. Anything shared beyond it is described by agency \
and role at most, never by name.
We look beyond the records: at the financial, legal, political and social context you worked in, at \
what helped and what got in the way, and at good practice worth sharing.
Please listen to each other, respect different views, and look after yourself: you can step out at any time."""


class EventStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CANCELLED = "cancelled", "Cancelled"


class LearningEvent(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="learning_events")
    title = models.CharField(max_length=150, default="Multi-agency learning event")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    venue = models.TextField("venue", max_length=500, blank=True)
    joining_details = models.TextField("online joining details", max_length=1_000, blank=True)
    agenda = models.TextField(max_length=5_000, blank=True)
    ground_rules = models.TextField(max_length=5_000, default=GROUND_RULES)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="learning_events_facilitated"
    )
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="Calendar revision, raised on every change")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["review", "starts_at"], name="event_review_idx")]

    def __str__(self) -> str:
        return f"Learning event {self.pk}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()


class InviteeRole(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    LINE_MANAGER = "line_manager", "Line manager"


class Reply(models.TextChoices):
    AWAITING = "awaiting", "Not replied yet"
    ACCEPTED = "accepted", "Coming"
    DECLINED = "declined", "Not coming"
    NOMINATED = "nominated", "Nominated a colleague"


REPLY_LABELS: dict[str, str] = {value: str(label) for value, label in Reply.choices}
INVITEE_ROLE_LABELS: dict[str, str] = {value: str(label) for value, label in InviteeRole.choices}


class EventInvitation(models.Model):
    """One person invited to one event. The reply link's token is stored hashed; the link works once,
    until the event starts, and only for the person it was sent to (they sign in to use it)."""

    event = models.ForeignKey(LearningEvent, on_delete=models.PROTECT, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="event_invitations"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="event_invitations")
    role = models.CharField(max_length=20, choices=InviteeRole.choices)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    nominated_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="nominees")
    reply = models.CharField(max_length=20, choices=Reply.choices, default=Reply.AWAITING)
    replied_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    attended = models.BooleanField(null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agency__name", "full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="one_invitation_per_event_email")]
        indexes = [models.Index(fields=["person", "event"], name="event_invitee_idx")]

    def __str__(self) -> str:
        return f"Event invitation {self.pk}"

    @property
    def reply_label(self) -> str:
        return REPLY_LABELS.get(self.reply, self.reply)

    @property
    def role_label(self) -> str:
        return INVITEE_ROLE_LABELS.get(self.role, self.role)
