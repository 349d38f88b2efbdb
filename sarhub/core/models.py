"""What the service itself records about its own history."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

# The release that drew multiple choices as checkboxes again (before it, every "tick all that apply"
# kept one answer): its migration records when it was installed (sarhub/audit/single_answers.py).
MULTIPLE_CHOICE_FIXED = "multiple_choice_fixed"


class Milestone(models.Model):
    """A moment in the service's history, recorded once by the migration that brings it."""

    key = models.CharField(max_length=60, unique=True)
    reached_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.key} at {self.reached_at:%Y-%m-%d %H:%M}"
