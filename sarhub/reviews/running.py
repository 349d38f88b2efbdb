"""Running a review: moving through its stages (one service checks each step), parallel processes
and the family involvement log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.notify import people_with, tell
from sarhub.documents.models import Document
from sarhub.partnership.models import Person
from sarhub.partnership.roles import Role
from sarhub.reviews import permissions
from sarhub.reviews.models import (
    STAGE_LABELS,
    STAGE_ORDER,
    InvolvementEntry,
    ParallelProcess,
    ResponseStatus,
    Review,
    Stage,
    StagePlan,
)


class StepRefused(ValidationError):
    def __init__(self, message: str, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


def _needs_draft(review: Review) -> list[str]:
    return [] if review.findings.exists() else ["at least one finding"]


def _needs_factual_accuracy(review: Review) -> list[str]:
    has_document = Document.objects.filter(
        owner_type=ContentType.objects.get_for_model(Review), owner_id=review.pk
    ).exists()
    return [] if has_document else ["a draft report uploaded to the review's documents"]


def _needs_board_sign_off(review: Review) -> list[str]:
    from sarhub.reviews.requests import missing_for_sign_off

    return missing_for_sign_off(review)


def _needs_complete(review: Review) -> list[str]:
    missing = []
    if review.signed_off_on is None:
        missing.append("the date the Board signed the review off")
    if review.recommendations.filter(response=ResponseStatus.AWAITING).exists():
        missing.append("a response to every recommendation")
    return missing


NEEDS: dict[str, Callable[[Review], list[str]]] = {
    Stage.DRAFT: _needs_draft,
    Stage.FACTUAL_ACCURACY: _needs_factual_accuracy,
    Stage.BOARD_SIGN_OFF: _needs_board_sign_off,
    Stage.COMPLETE: _needs_complete,
}


def next_stage(review: Review) -> str | None:
    index = STAGE_ORDER.index(review.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def missing_for_next(review: Review) -> list[str]:
    following = next_stage(review)
    check = NEEDS.get(following) if following else None
    return check(review) if check else []


@transaction.atomic
def advance(actor: Person, review: Review) -> Review:
    """Finish the current stage today and start the next one."""
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    locked = Review.objects.select_for_update().get(pk=review.pk)
    following = next_stage(locked)
    if following is None:
        raise StepRefused("The review is complete")
    missing = missing_for_next(locked)
    if missing:
        raise StepRefused(f"The review is not ready for {STAGE_LABELS[following].lower()}", missing)
    today = timezone.localdate()
    StagePlan.objects.filter(review=locked, stage=locked.stage).update(actual_end=today)
    StagePlan.objects.filter(review=locked, stage=following).update(actual_start=today)
    if following == Stage.COMPLETE:
        StagePlan.objects.filter(review=locked, stage=following).update(actual_end=today)
    before = locked.stage
    locked.stage = following
    locked.save(update_fields=["stage"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=f"{before} -> {following}")
    tell(
        people_with(Role.LEAD_REVIEWER, Role.PANEL_MEMBER, review_id=locked.pk),
        subject=f"{locked.reference} ({locked.pseudonym}): now at {STAGE_LABELS[following].lower()}",
        lines=[f"Review {locked.reference} ({locked.pseudonym}) has moved on to {STAGE_LABELS[following].lower()}."],
        path=reverse("reviews:detail", args=[locked.pk]),
        purpose=f"review {locked.pk} stage",
    )
    return locked


@transaction.atomic
def record_sign_off(actor: Person, review: Review, signed_off_on: date) -> Review:
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    if signed_off_on > timezone.localdate():
        raise ValidationError({"signed_off_on": "The sign-off date must be today or in the past"})
    if signed_off_on < timezone.localdate(review.created_at):
        raise ValidationError({"signed_off_on": "The sign-off date must be after the review was set up"})
    if review.stage != Stage.BOARD_SIGN_OFF:
        raise ValidationError("Record the sign-off when the review is at Board sign-off")
    Review.objects.filter(pk=review.pk).update(signed_off_on=signed_off_on)
    record(Action.UPDATE, person=actor, obj=review, detail="Board sign-off recorded")
    review.refresh_from_db()
    return review


@transaction.atomic
def add_parallel_process(actor: Person, review: Review, data: dict[str, Any]) -> ParallelProcess:
    if not permissions.can_edit_content(actor, review):
        raise PermissionDenied
    process = ParallelProcess(review=review, recorded_by=actor, **data)
    process.full_clean(exclude=["review", "recorded_by"])
    process.save()
    record(Action.CREATE, person=actor, obj=process, detail=f"{process.kind} on review {review.pk}")
    return process


# Sent when a parallel process concludes (an embargo waiting for it may end: the public library listens).
process_concluded = Signal()


@transaction.atomic
def conclude_parallel_process(actor: Person, process: ParallelProcess, concluded_on: date) -> ParallelProcess:
    if not permissions.can_edit_content(actor, process.review):
        raise PermissionDenied
    if concluded_on > timezone.localdate():
        raise ValidationError("The date it concluded must be today or in the past")
    ParallelProcess.objects.filter(pk=process.pk).update(concluded_on=concluded_on)
    record(Action.STATE_CHANGE, person=actor, obj=process, detail="concluded")
    process_concluded.send(sender=ParallelProcess, process=process)
    process.refresh_from_db()
    return process


@transaction.atomic
def log_involvement(actor: Person, review: Review, data: dict[str, Any]) -> InvolvementEntry:
    if not permissions.can_edit_content(actor, review):
        raise PermissionDenied
    if data["happened_on"] > timezone.localdate():
        raise ValidationError({"happened_on": "The date must be today or in the past"})
    entry = InvolvementEntry(review=review, recorded_by=actor, **data)
    entry.full_clean(exclude=["review", "recorded_by"])
    entry.save()
    record(Action.CREATE, person=actor, obj=entry, detail=f"{entry.kind} on review {review.pk}")
    return entry
