"""The senior leadership log: thematic findings presented to partnership meetings, and what was agreed.

A presentation covers reviews the Board has signed off, named by reference and pseudonym only. Its pack
is generated from those reviews on demand until the business unit marks it presented; then the PDF and
DOCX are frozen in private storage, so the log shows exactly what the meeting saw.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.documents.models import private_storage
from sarhub.partnership.models import Agency
from sarhub.reviews.models import Review
from sarhub.taxonomy.models import PracticeTheme


class MeetingKind(models.Model):
    """A partnership meeting findings are presented to (seeded; system administrators add more)."""

    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True, help_text="Retired meetings stay on old presentations")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Presentation(models.Model):
    meeting_kind = models.ForeignKey(MeetingKind, on_delete=models.PROTECT, related_name="presentations")
    presented_on = models.DateField("date of the meeting")
    title = models.CharField(max_length=200)
    reviews = models.ManyToManyField(Review, related_name="leadership_presentations")
    practice_themes = models.ManyToManyField(PracticeTheme, blank=True, related_name="leadership_presentations")
    notes = models.TextField(max_length=5_000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # Set when the business unit marks it presented: the pack as the meeting saw it.
    presented_at = models.DateTimeField(null=True, blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pack_pdf = models.FileField(storage=private_storage, max_length=100, blank=True)
    pack_docx = models.FileField(storage=private_storage, max_length=100, blank=True)

    class Meta:
        ordering = ["-presented_on", "-id"]
        indexes = [models.Index(fields=["presented_on", "id"], name="presentation_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_presented(self) -> bool:
        return self.presented_at is not None


class FollowUp(models.Model):
    """Something the meeting agreed should happen, who owns it, by when, and whether it is done."""

    presentation = models.ForeignKey(Presentation, on_delete=models.PROTECT, related_name="follow_ups")
    text = models.TextField("what was agreed", max_length=2_000)
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    owner_text = models.CharField("owner", max_length=200, blank=True)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Follow-up {self.pk}"

    @property
    def owner(self) -> str:
        """The agency and the named owner, whichever were given."""
        parts = [self.owner_agency.name if self.owner_agency else "", self.owner_text]
        return ": ".join(part for part in parts if part)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()
