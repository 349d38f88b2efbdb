"""Whether and how a review is published: proposed by the business unit, approved by the independent
chair (never by the person who proposed it), and only after the de-identification gate is clear."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.reviews.models import ParallelProcess, Review


class Form(models.TextChoices):
    FULL_REPORT = "full_report", "Full report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary only"
    NOT_PUBLISHED = "not_published", "Not published"
    EMBARGOED = "embargoed", "Embargoed"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed, waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Not approved"
    SUPERSEDED = "superseded", "Replaced by a later proposal"


class PublicationProposal(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="publication_proposals")
    form = models.CharField(max_length=20, choices=Form.choices)
    reason = models.TextField("reason", max_length=5_000, blank=True)
    embargo_until = models.DateField(null=True, blank=True)
    embargo_process = models.ForeignKey(
        ParallelProcess, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.TextField("public summary", max_length=20_000, blank=True)
    file = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(max_length=2_000, blank=True)
    content = models.JSONField(
        default=dict, blank=True, help_text="What the public sees, frozen when it was proposed and checked"
    )
    hits = models.JSONField(default=list, blank=True, help_text="What the de-identification gate found")
    overrides = models.JSONField(default=dict, blank=True, help_text="Hit key -> the recorded reason")
    unpublished_at = models.DateTimeField(null=True, blank=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["review", "-proposed_at", "-id"]
        indexes = [models.Index(fields=["status", "form"], name="publication_status_idx")]

    def __str__(self) -> str:
        return f"Publication proposal {self.pk}"

    @property
    def open_hits(self) -> list[dict[str, str]]:
        return [hit for hit in self.hits if hit["key"] not in self.overrides]

    def is_public(self, today: date | None = None) -> bool:
        """Approved to go public, not taken down, and past any embargo."""
        if self.status != Status.APPROVED or self.unpublished_at is not None or self.form == Form.NOT_PUBLISHED:
            return False
        today = today or timezone.localdate()
        if self.form == Form.EMBARGOED:
            if self.embargo_until and today < self.embargo_until:
                return False
            if self.embargo_process_id and (self.embargo_process is None or self.embargo_process.concluded_on is None):
                return False
        return True


class DisseminationPlan(models.Model):
    """A review that is not published still has its learning disseminated: the plan, tracked to completion."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="dissemination_plan")
    plan = models.TextField(max_length=10_000)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Dissemination plan for {self.review}"
