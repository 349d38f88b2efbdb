"""7-minute briefings and how they are cascaded across the partnership.

A briefing is one A4 page a team can discuss in seven minutes: background, why it matters, three key
findings, optionally what went well, things to remember, what to do, and two or three reflective questions. It is written from one
review or thematically across several. Every save is a new version (versions never change), so what was
approved, published or sent to agencies is always the exact text people read.

A version goes public only through the same de-identification gate and two-person approval as a review
(`BriefingProposal`, `sarhub.publication.gate`). Separately, the business unit sends a version to every
partner agency's safeguarding lead (`Circulation`); each agency records how it cascaded the briefing, team
by team, with the team's discussion feedback (`CascadeRecord`).
"""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.partnership.models import Agency
from sarhub.publication.models import Gated, GatedQuerySet
from sarhub.reviews.models import Review

# The seven points, in the order they are written and shown: (field, heading, guidance).
POINTS = [
    ("background", "Background", "What happened, in brief, using the review's pseudonym"),
    ("why_it_matters", "Why it matters", "Why this learning matters to practitioners and managers"),
    ("finding_1", "Key finding 1", "The first key finding"),
    ("finding_2", "Key finding 2", "The second key finding"),
    ("finding_3", "Key finding 3", "The third key finding"),
    ("remember", "Things to remember", "What every practitioner should keep in mind"),
    ("what_to_do", "What to do", "What practitioners and teams should do differently"),
]
# An optional point: the good practice the learning found, to keep doing. Shown after the key findings
# when written; it goes through the same one-page check and publication gate as the seven.
WENT_WELL = (
    "what_went_well",
    "What went well",
    "Good practice the review or its learning event found, worth keeping and sharing (optional)",
)
# Every point in the order it is written and shown: the seven, with "What went well" after the key findings.
ALL_POINTS = [*POINTS[:5], WENT_WELL, *POINTS[5:]]
QUESTIONS = ["question_1", "question_2", "question_3"]
POINT_LIMIT = 600  # characters per point: the seven points and questions must fit one A4 page
QUESTION_LIMIT = 250


class Briefing(models.Model):
    title = models.CharField(max_length=150)
    reviews = models.ManyToManyField(Review, related_name="briefings")
    thematic = models.BooleanField(default=False, help_text="Learning across several reviews")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class BriefingVersion(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150)
    background = models.TextField(max_length=POINT_LIMIT)
    why_it_matters = models.TextField(max_length=POINT_LIMIT)
    finding_1 = models.TextField(max_length=POINT_LIMIT)
    finding_2 = models.TextField(max_length=POINT_LIMIT)
    finding_3 = models.TextField(max_length=POINT_LIMIT)
    remember = models.TextField(max_length=POINT_LIMIT)
    what_to_do = models.TextField(max_length=POINT_LIMIT)
    what_went_well = models.TextField(max_length=POINT_LIMIT, blank=True)
    question_1 = models.TextField(max_length=QUESTION_LIMIT)
    question_2 = models.TextField(max_length=QUESTION_LIMIT)
    question_3 = models.TextField(max_length=QUESTION_LIMIT, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["briefing", "-number"]
        constraints = [models.UniqueConstraint(fields=["briefing", "number"], name="briefing_version_number")]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    @property
    def points(self) -> list[tuple[str, str]]:
        """The points as shown (page, PDF, Word) and checked by the publication gate: the seven, and "What
        went well" after the key findings when it was written."""
        shown = [(name, heading, getattr(self, name)) for name, heading, _ in ALL_POINTS]
        return [(heading, text) for name, heading, text in shown if text or name != WENT_WELL[0]]

    @property
    def questions(self) -> list[str]:
        return [text for text in (getattr(self, name) for name in QUESTIONS) if text]


class BriefingProposalQuerySet(GatedQuerySet["BriefingProposal"]):
    def published(self) -> Self:
        """Briefings the public may see now, newest approval first: approved and not taken down. Every
        public surface starts here."""
        return self.in_force().select_related("version").order_by("-decided_at", "-id")


class BriefingProposal(Gated):
    """A version proposed for the public library."""

    item_field = "briefing"

    version = models.ForeignKey(BriefingVersion, on_delete=models.PROTECT, related_name="proposals")
    briefing = models.ForeignKey(Briefing, on_delete=models.PROTECT, related_name="proposals")

    objects = BriefingProposalQuerySet.as_manager()

    class Meta:
        ordering = ["briefing", "-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing"], condition=models.Q(status="approved"), name="briefing_one_approved"
            )
        ]

    def __str__(self) -> str:
        return f"Briefing publication proposal {self.pk}"


class Circulation(models.Model):
    """A version sent to every partner agency's safeguarding lead, to cascade to their teams."""

    version = models.ForeignKey(BriefingVersion, on_delete=models.PROTECT, related_name="circulations")
    briefing = models.ForeignKey(Briefing, on_delete=models.PROTECT, related_name="circulations")
    message = models.TextField(max_length=2_000, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(help_text="When agencies are asked to have cascaded it by")

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Circulation {self.pk} of {self.briefing}"


class AgencyCascade(models.Model):
    """One agency's part in a circulation."""

    circulation = models.ForeignKey(Circulation, on_delete=models.CASCADE, related_name="agencies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    last_reminded_on = models.DateField(null=True, blank=True)
    reminder_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["circulation", "agency"], name="cascade_one_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} for circulation {self.circulation_id}"


class CascadeRecord(models.Model):
    """How one team was briefed, and what the team discussed and will change."""

    cascade = models.ForeignKey(AgencyCascade, on_delete=models.CASCADE, related_name="records")
    team = models.CharField(max_length=200)
    briefed_on = models.DateField()
    staff_reached = models.PositiveIntegerField()
    discussed = models.TextField("what the team discussed", max_length=5_000)
    will_change = models.TextField("what the team will change", max_length=5_000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["briefed_on", "id"]

    def __str__(self) -> str:
        return f"{self.team} on {self.briefed_on}"
