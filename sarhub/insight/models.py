"""What the insight part keeps of its own: pre-computed figures, repeated-learning flags and the Board's view
of each, and the choices people made about theme suggestions. It never writes another app's records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.reviews.models import Finding


class Snapshot(models.Model):
    """Figures computed ahead (the dashboard's aggregates), or a version stamp that a process-local cache
    compares (the findings' text, for similar findings and suggestions), under one key."""

    key = models.CharField(max_length=50, unique=True)
    version = models.PositiveBigIntegerField(default=0)
    data = models.JSONField(default=dict, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return self.key


class RepeatView(models.TextChoices):
    UNSEEN = "", "Not considered yet"
    REPEAT = "repeat", "A true repeat"
    NOT_REPEAT = "not_repeat", "Not a repeat"


class RepeatFlag(models.Model):
    """A new finding that closely resembles an earlier review's finding whose actions were assured complete."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="repeat_flags")
    earlier = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="repeated_by")
    score = models.FloatField()
    shared_words = models.JSONField(default=list, blank=True)
    flagged_at = models.DateTimeField(default=timezone.now)
    view = models.CharField("the Board's view", max_length=20, choices=RepeatView.choices, blank=True)
    reason = models.TextField(max_length=5_000, blank=True)
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-flagged_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["finding", "earlier"], name="one_flag_per_pair")]

    def __str__(self) -> str:
        return f"Repeat flag {self.pk}"


class SuggestionKind(models.TextChoices):
    PRACTICE_THEME = "practice_theme", "Practice theme"
    ABUSE_TYPE = "abuse_type", "Abuse or neglect type"
    DOMAIN = "domain", "Learning domain"


class SuggestionChoice(models.Model):
    """A person's choice about one suggestion made for a finding: accepted or rejected, with the words that
    led to it. Kept to learn from and to measure the suggestions; it never codes the finding by itself."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="suggestion_choices")
    kind = models.CharField(max_length=20, choices=SuggestionKind.choices)
    value = models.CharField(max_length=100)
    words = models.JSONField(default=list, blank=True)
    accepted = models.BooleanField()
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["finding", "kind", "value"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}: {'accepted' if self.accepted else 'rejected'}"
