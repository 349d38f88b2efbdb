"""Reads about learning events that other parts of SAR Hub need."""

from __future__ import annotations

from django.utils import timezone

from sarhub.events.models import EventStatus, LearningEvent
from sarhub.reviews.models import Review, Stage

NO_EVENT_HELD = "No learning event has been held for this review (none has taken place, or every one was cancelled)."


def no_learning_event_held(review: Review) -> str:
    """A warning before a review leaves its learning-event stage with no event held ("" otherwise):
    registered with the review's stage checks (`reviews.running.add_warning`) when the app is ready."""
    if review.stage != Stage.LEARNING_EVENT:
        return ""
    held = (
        LearningEvent.objects.filter(review=review, ends_at__lte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .exists()
    )
    return "" if held else NO_EVENT_HELD
