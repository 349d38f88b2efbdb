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
from sarhub.taxonomy.models import LearningDomain, PracticeTheme

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
    collation_closed_at = models.DateTimeField(
        null=True, blank=True, help_text="After this, reflections can no longer be changed or withdrawn"
    )

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


# --- Reflections -------------------------------------------------------------------------------------

PROMPTS: list[tuple[str, str, str]] = [
    (
        "involvement",
        "Your involvement and decisions",
        "What you did with the adult or family, and why, as it seemed at the time",
    ),
    ("helped", "What helped", "People, tools, services or ways of working that helped you"),
    ("hindered", "What got in the way", "Anything that made good practice harder"),
    (
        "context",
        "The context at the time",
        "The financial, legal, political and social context you were working in: caseloads, money, law, policy",
    ),
    ("good_practice", "Positive practice worth sharing", "Something that went well and others could learn from"),
    ("change", "What should change in the system", "What would make it easier to work well next time"),
]
PROMPT_FIELDS = [name for name, _, _ in PROMPTS]


class Reflection(models.Model):
    """One participant's reflection. Seen only by its author and the event's team; shown beyond them
    only as agency and role (from the snapshot taken when it was written), never by name."""

    event = models.ForeignKey(LearningEvent, on_delete=models.PROTECT, related_name="reflections")
    number = models.PositiveIntegerField(help_text="1, 2, 3… within its event, in the order written; never reused")
    invitation = models.OneToOneField(EventInvitation, on_delete=models.PROTECT, related_name="reflection")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency_name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=InviteeRole.choices)
    involvement = models.TextField(max_length=10_000, blank=True)
    helped = models.TextField(max_length=10_000, blank=True)
    hindered = models.TextField(max_length=10_000, blank=True)
    context = models.TextField(max_length=10_000, blank=True)
    good_practice = models.TextField(max_length=10_000, blank=True)
    change = models.TextField(max_length=10_000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="one_reflection_number_per_event")]

    def __str__(self) -> str:
        return f"Reflection {self.number}"

    @property
    def label(self) -> str:
        """How the team refers to it: by its number within the event, never its database id."""
        return f"Reflection {self.number}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def attribution(self) -> str:
        """As anything beyond the review team sees it: agency and role at most."""
        return f"{INVITEE_ROLE_LABELS.get(self.role, self.role)}, {self.agency_name}"

    def answers(self) -> list[tuple[str, str, str]]:
        return [(label, hint, getattr(self, name)) for name, label, hint in PROMPTS]


# --- Collation -----------------------------------------------------------------------------------------


class ThemeKind(models.TextChoices):
    BARRIER = "barrier", "Barrier to good practice"
    GOOD_PRACTICE = "good_practice", "Positive practice to share"
    CONTEXT = "context", "Context factor"


class EventTheme(models.Model):
    """A theme the facilitator draws from the reflections, written without attribution."""

    event = models.ForeignKey(LearningEvent, on_delete=models.PROTECT, related_name="themes")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ThemeKind.choices)
    domain = models.CharField("learning domain", max_length=20, choices=LearningDomain.choices)
    practice_themes = models.ManyToManyField(PracticeTheme, blank=True, related_name="event_themes")
    summary = models.TextField(max_length=10_000)
    reflections = models.ManyToManyField(Reflection, blank=True, related_name="themes")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "kind", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def reflection_numbers(self) -> str:
        """The reflections it draws on, by their numbers within the event ("1, 3 and 4"), or ""."""
        numbers = sorted(r.number for r in self.reflections.all())
        words = [str(n) for n in numbers]
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}" if words else ""


class ProposalKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation for the review"
    ACTION = "action", "Action for the action plan"


class Proposal(models.Model):
    """What the event proposes: a recommendation (which can land in the review) or an action."""

    event = models.ForeignKey(LearningEvent, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    text = models.TextField(max_length=5_000)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    theme = models.ForeignKey(EventTheme, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    recommendation = models.ForeignKey(
        "reviews.ReviewRecommendation", on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "kind", "id"]

    def __str__(self) -> str:
        return f"Proposal {self.pk}"


# --- Evaluation ----------------------------------------------------------------------------------------

SCALE = [
    (5, "Strongly agree"),
    (4, "Agree"),
    (3, "Neither agree nor disagree"),
    (2, "Disagree"),
    (1, "Strongly disagree"),
]


class Evaluation(models.Model):
    """A participant's view of the event; reported only in aggregate, and only from 3 people or more."""

    event = models.ForeignKey(LearningEvent, on_delete=models.PROTECT, related_name="evaluations")
    invitation = models.OneToOneField(EventInvitation, on_delete=models.PROTECT, related_name="evaluation")
    felt_safe = models.PositiveSmallIntegerField("I felt safe to speak", choices=SCALE)
    useful = models.PositiveSmallIntegerField("The event was useful", choices=SCALE)
    improve = models.TextField("what would improve it", max_length=2_000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Evaluation {self.pk}"
