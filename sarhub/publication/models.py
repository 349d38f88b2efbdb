"""Whether and how a review is published: proposed by the business unit, approved by the independent
chair (never by the person who proposed it), and only after the de-identification gate is clear."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.publication import findings as merging
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


M = TypeVar("M", bound="Gated")


class GatedQuerySet(models.QuerySet[M]):
    def in_force(self) -> Self:
        """Approvals in force: approved and not taken down (embargoed or not)."""
        return self.filter(status=Status.APPROVED, unpublished_at__isnull=True)


class Gated(models.Model):
    """What anything that goes public carries: the proposal, the de-identification gate's findings and the
    reasons they were cleared, the second person's decision, and the take-down (see gate/)."""

    # The field naming the item a proposal is for (a review, a briefing): a proposal replaces the same
    # item's proposal still waiting, and an approval its approval in force (gate.propose, gate.same_item).
    item_field: ClassVar[str]

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(max_length=2_000, blank=True)
    hits = models.JSONField(default=list, blank=True, help_text="What the de-identification gate found")
    overrides = models.JSONField(default=dict, blank=True, help_text="Hit key -> the recorded reason")
    scanned = models.JSONField(
        default=list, blank=True, help_text="[{where, text}]: every text the check read, exactly as it goes public"
    )
    unpublished_at = models.DateTimeField(null=True, blank=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def open_hits(self) -> list[dict[str, str]]:
        return [hit for hit in self.hits if hit["key"] not in self.overrides]

    @property
    def findings(self) -> list[merging.Finding]:
        """The hits merged where they are the same words (sarhub/publication/findings.py), with reasons."""
        return merging.findings(self.hits, self.overrides)

    @property
    def open_findings(self) -> int:
        """How many findings are still to clear: what every page, email and task counts."""
        return sum(1 for finding in self.findings if not finding.cleared)


class PublicationQuerySet(GatedQuerySet["PublicationProposal"]):
    def published(self, today: date | None = None) -> Self:
        """What the public may see now, newest approval first: every public surface starts from this.

        The rule, in SQL (`PublicationProposal.is_public` asks it for one proposal): approved (one approval
        per review at most, see the model's constraint), not taken down, not "not published", and past any
        embargo."""
        today = today or timezone.localdate()
        return (
            self.in_force()
            .filter(form__in=[Form.FULL_REPORT, Form.EXECUTIVE_SUMMARY, Form.EMBARGOED])
            .exclude(form=Form.EMBARGOED, embargo_until__gt=today)
            .exclude(form=Form.EMBARGOED, embargo_process__isnull=False, embargo_process__concluded_on__isnull=True)
            .order_by("-decided_at", "-id")
        )


class PublicationProposal(Gated):
    item_field = "review"

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
    content = models.JSONField(
        default=dict, blank=True, help_text="What the public sees, frozen when it was proposed and checked"
    )
    # Copied from `content` when proposed, so the public library filters and searches in the database.
    # `search_text` feeds the full-text index (SQLite FTS5 or PostgreSQL; see search.py).
    reference = models.CharField(max_length=40, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    route = models.CharField(max_length=30, blank=True)
    themes = models.TextField(blank=True, help_text="|Theme|Theme| for filtering")
    abuse_types = models.TextField(blank=True, help_text="|Type|Type| for filtering")
    search_text = models.TextField(blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["review", "-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["status", "form"], name="publication_status_idx"),
            models.Index(fields=["status", "-decided_at"], name="publication_newest_idx"),
        ]
        constraints = [
            # Approving supersedes the earlier approval: one approved publication per review at most.
            models.UniqueConstraint(
                fields=["review"], condition=models.Q(status="approved"), name="publication_one_approved"
            )
        ]

    def __str__(self) -> str:
        return f"Publication proposal {self.pk}"

    def is_public(self, today: date | None = None) -> bool:
        """Whether the public can see this now: the one rule, `PublicationQuerySet.published`."""
        return PublicationProposal.objects.published(today).filter(pk=self.pk).exists()


def joined(values: list[str]) -> str:
    """|a|b| so a filter for one value is a plain substring match on |value|."""
    return "|" + "|".join(v.replace("|", " ") for v in values) + "|" if values else ""


def library_fields(content: dict[str, Any]) -> dict[str, Any]:
    """The columns the public library filters and searches on, from the frozen public content."""
    words = [
        content.get("reference", ""),
        # PostgreSQL's parser reads "SAR-2026-001" as "sar", "-2026", "-001": spaced, every engine finds it.
        str(content.get("reference", "")).replace("-", " "),
        content.get("pseudonym", ""),
        content.get("route_label", ""),
        content.get("summary", ""),
        *content.get("practice_themes", []),
        *content.get("abuse_types", []),
        *[f.get("text", "") for f in content.get("findings", [])],
        *[r.get("text", "") for r in content.get("recommendations", [])],
    ]
    return {
        "reference": str(content.get("reference", "")).upper(),
        "year": content.get("year"),
        "route": content.get("route", ""),
        "themes": joined(content.get("practice_themes", [])),
        "abuse_types": joined(content.get("abuse_types", [])),
        "search_text": "\n".join(str(w) for w in words if w),
    }


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
    completion_note = models.TextField(max_length=5_000, blank=True, help_text="How the plan was carried out")

    def __str__(self) -> str:
        return f"Dissemination plan for {self.review}"


class PublicChange(models.Model):
    """A counter bumped whenever what the public can see may have changed (a publication approved or taken
    down, a parallel process concluded, a briefing published). Cached public pages are keyed by it, so a
    change shows at once on every server process."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Public change {self.number}"
