"""Reading learning events: for the events pages (each read is for a page whose access is already decided
by `permissions.access_event*`), and what other parts of SAR Hub need."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sarhub.events.models import Evaluation, EventInvitation, EventStatus, EventTheme, LearningEvent, Proposal, Reply
from sarhub.reviews.models import Review, Stage

NO_EVENT_HELD = "No learning event has been held for this review (none has taken place, or every one was cancelled)."


def no_learning_event_held(review: Review) -> str:
    """A warning before a review leaves its learning-event stage with no event held ("" otherwise):
    registered with the review's stage checks (`reviews.services.running.add_warning`) when the app is ready."""
    if review.stage != Stage.LEARNING_EVENT:
        return ""
    held = (
        LearningEvent.objects.filter(review=review, ends_at__lte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .exists()
    )
    return "" if held else NO_EVENT_HELD


def review_events(review: Review) -> list[LearningEvent]:
    """A review's learning events, latest first (for those who may read the review)."""
    return list(LearningEvent.objects.filter(review=review).order_by("-starts_at"))


def everyone_invited(event: LearningEvent) -> list[EventInvitation]:
    """Every invitation to the event, with agencies and who nominated whom: for the event's team only."""
    return list(event.invitations.select_related("agency", "nominated_from"))


def nominated_by(user: Any, event: LearningEvent) -> list[EventInvitation]:
    """The people this agency lead invited to the event (all they see of who else is coming)."""
    return list(event.invitations.filter(invited_by=user).select_related("agency"))


def has_evaluated(user: Any, event: LearningEvent) -> bool:
    """Whether this person has already sent their evaluation of the event."""
    return Evaluation.objects.filter(invitation__event=event, invitation__person=user).exists()


def register(event: LearningEvent) -> QuerySet[EventInvitation]:
    """Whom the register lists: everyone invited but those who nominated someone in their place."""
    return event.invitations.exclude(reply=Reply.NOMINATED).select_related("agency")


def sign_in_sheet(event: LearningEvent) -> list[EventInvitation]:
    """Whom the sign-in sheet lists: everyone coming or not yet replied."""
    return list(event.invitations.filter(reply__in=[Reply.ACCEPTED, Reply.AWAITING]).select_related("agency"))


def collation(event: LearningEvent) -> tuple[list[EventTheme], list[Proposal]]:
    """The team's collation: the event's themes (with practice themes and reflections) and its proposals
    (with the actions made from them)."""
    themes = list(event.themes.prefetch_related("practice_themes", "reflections"))
    proposals = list(event.proposals.select_related("agency", "theme", "recommendation").prefetch_related("actions"))
    return themes, proposals
