"""Running a review: moving through its stages (one service checks each step), parallel processes
and the family involvement log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.documents.models import Document, DocumentType
from sarhub.partnership.models import Person
from sarhub.partnership.notify import people_with, tell
from sarhub.reviews import permissions
from sarhub.reviews.models import (
    STAGE_LABELS,
    STAGE_ORDER,
    InvolvementEntry,
    ParallelProcess,
    QualityMarkerAssessment,
    ResponseStatus,
    Review,
    Stage,
    StageMoveRequest,
    StagePlan,
    TimelineRevision,
)


class StepRefused(ValidationError):
    def __init__(self, message: str, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


@dataclass(frozen=True)
class Check:
    """One thing a stage move needs, and whether the review has it. `missing` is how the refusal
    words it when it is not met (e.g. "comments from 2 agencies still waited for")."""

    label: str
    met: bool
    missing: str = ""
    detail: str = ""  # shown beside an item not met, e.g. "2 agencies still to send theirs"


def _documents_of(review: Review) -> Any:
    return Document.objects.filter(owner_type=ContentType.objects.get_for_model(Review), owner_id=review.pk)


def _needs_draft(review: Review) -> list[Check]:
    return [Check("At least one finding", review.findings.exists(), "at least one finding")]


def _needs_factual_accuracy(review: Review) -> list[Check]:
    has_draft = _documents_of(review).filter(document_type=DocumentType.DRAFT_REPORT).exists()
    return [
        Check(
            "A draft report uploaded to the review's documents, as the type 'Draft report'",
            has_draft,
            "a draft report uploaded to the review's documents",
        )
    ]


def _needs_board_sign_off(review: Review) -> list[Check]:
    from sarhub.reviews.services.requests import sign_off_checks

    return sign_off_checks(review)


def _needs_complete(review: Review) -> list[Check]:
    return [
        Check(
            "The date the Board signed the review off",
            review.signed_off_on is not None,
            "the date the Board signed the review off",
        ),
        Check(
            "A response to every recommendation",
            not review.recommendations.filter(response=ResponseStatus.AWAITING).exists(),
            "a response to every recommendation",
        ),
    ]


NEEDS: dict[str, Callable[[Review], list[Check]]] = {
    Stage.DRAFT: _needs_draft,
    Stage.FACTUAL_ACCURACY: _needs_factual_accuracy,
    Stage.BOARD_SIGN_OFF: _needs_board_sign_off,
    Stage.COMPLETE: _needs_complete,
}


def next_stage(review: Review) -> str | None:
    index = STAGE_ORDER.index(review.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def checklist(review: Review) -> list[Check]:
    """What moving on to the next stage needs, each item met or not ([] when it needs nothing)."""
    following = next_stage(review)
    check = NEEDS.get(following) if following else None
    return check(review) if check else []


def missing_for_next(review: Review) -> list[str]:
    return [item.missing or item.label for item in checklist(review) if not item.met]


# Gaps that apps above reviews know about (the events app: no learning event held), each registered in
# that app's AppConfig.ready() with `add_warning`: a function of the review giving a warning or "".
OTHER_WARNINGS: list[Callable[[Review], str]] = []


def add_warning(check: Callable[[Review], str]) -> None:
    if check not in OTHER_WARNINGS:
        OTHER_WARNINGS.append(check)


def warnings(review: Review) -> list[str]:
    """Gaps that do not stop the move but that the business unit should see before making it: no
    learning event held by the end of the learning-event stage; no Quality Markers assessed or no
    contact with the person or family logged before the Board signs the review off."""
    following = next_stage(review)
    found = [warning for warning in (check(review) for check in OTHER_WARNINGS) if warning]
    if following in (Stage.BOARD_SIGN_OFF, Stage.COMPLETE):
        if not QualityMarkerAssessment.objects.filter(review=review).exclude(rating="").exists():
            found.append("No Quality Markers have been assessed (SCIE's SAR Quality Markers self-assessment).")
        if not review.involvement.exists():
            found.append("No contact with the person or their family has been logged (Quality Markers 3 and 11).")
    return found


def refresh_stage_due(reviews: QuerySet[Review] | None = None) -> int:
    """Set each review's `stage_due_on` from its stage plans, in one UPDATE: the planned end of the stage
    under way (started, not finished), or empty when there is none (a complete review). The stage services
    call it as they move a review; demo and bulk loaders call it once after writing stage plans."""
    open_plan = StagePlan.objects.filter(
        review=OuterRef("pk"), actual_start__isnull=False, actual_end__isnull=True
    ).order_by("-actual_start", "-id")
    return (Review.objects.all() if reviews is None else reviews).update(
        stage_due_on=Subquery(open_plan.values("planned_end")[:1])
    )


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
    refresh_stage_due(Review.objects.filter(pk=locked.pk))
    locked.refresh_from_db(fields=["stage_due_on"])
    before = locked.stage
    locked.stage = following
    locked.save(update_fields=["stage"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=f"{before} -> {following}")
    # A lead reviewer's request to move on is settled by the move.
    StageMoveRequest.objects.filter(review=locked, settled_at__isnull=True).update(
        settled_by=actor, settled_at=timezone.now()
    )
    tell(
        people_with(Role.LEAD_REVIEWER, Role.PANEL_MEMBER, review_id=locked.pk),
        subject=f"{locked.reference} ({locked.pseudonym}): now at {STAGE_LABELS[following].lower()}",
        lines=[f"Review {locked.reference} ({locked.pseudonym}) has moved on to {STAGE_LABELS[following].lower()}."],
        path=reverse("reviews:detail", args=[locked.pk]),
        purpose=f"review {locked.pk} stage",
    )
    return locked


def open_move_request(review: Review) -> StageMoveRequest | None:
    return (
        StageMoveRequest.objects.filter(review=review, settled_at__isnull=True).select_related("requested_by").first()
    )


@transaction.atomic
def ask_to_move_on(actor: Person, review: Review, *, note: str = "") -> StageMoveRequest:
    """The lead reviewer asks the business unit to move the review on to its next stage. Recorded and
    the business unit told; the business unit confirms by moving it on (advance)."""
    if not permissions.is_lead_reviewer(actor, review):
        raise PermissionDenied
    locked = Review.objects.select_for_update().get(pk=review.pk)
    following = next_stage(locked)
    if following is None:
        raise StepRefused("The review is complete")
    if StageMoveRequest.objects.filter(review=locked, settled_at__isnull=True).exists():
        raise ValidationError("You have already asked the business unit to move this review on")
    missing = missing_for_next(locked)
    if missing:
        raise StepRefused(f"The review is not ready for {STAGE_LABELS[following].lower()}", missing)
    move = StageMoveRequest.objects.create(
        review=locked, from_stage=locked.stage, to_stage=following, note=note.strip(), requested_by=actor
    )
    record(Action.CREATE, person=actor, obj=move, detail=f"{locked.stage} -> {following} on review {locked.pk}")
    lines = [
        f"{actor.full_name}, lead reviewer of review {locked.reference} ({locked.pseudonym}), asks for it to move on "
        f"from {STAGE_LABELS[locked.stage].lower()} to {STAGE_LABELS[following].lower()}.",
        "Check the stage's checklist on the review's overview, then move it on.",
    ]
    if move.note:
        lines.insert(1, f"Their note: {move.note}")
    tell(
        people_with(*BUSINESS_UNIT_ROLES),
        subject=f"{locked.reference} ({locked.pseudonym}): asked to move on to {STAGE_LABELS[following].lower()}",
        lines=lines,
        path=reverse("reviews:detail", args=[locked.pk]),
        purpose=f"review {locked.pk} stage move asked",
    )
    return move


@transaction.atomic
def replan(
    actor: Person,
    review: Review,
    *,
    stage: str,
    new_end: date,
    reason: str,
    agreed_by: Person,
    agreed_on: date,
) -> TimelineRevision:
    """Record an agreed change to the plan: `stage` now ends on `new_end` and every later stage moves by
    the same number of days. The original plan stays as it was (slippage is measured against it); the
    revision is shown beside it."""
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.stage == Stage.COMPLETE:
        raise ValidationError("The review is complete: its plan can no longer change")
    if stage not in STAGE_ORDER or STAGE_ORDER.index(stage) < STAGE_ORDER.index(locked.stage):
        raise ValidationError({"stage": "Select the stage the review is at or one still to come"})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the plan changed"})
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": "The date it was agreed must be today or in the past"})
    if not permissions.may_agree_timeline(agreed_by):
        raise ValidationError({"agreed_by": "Select who agreed it from the list"})
    plans = {plan.stage: plan for plan in StagePlan.objects.select_for_update().filter(review=locked)}
    plan = plans[stage]
    start, end = plan.current_start, plan.current_end
    if start is None or end is None:
        raise ValidationError("This stage has no planned dates to change")
    if new_end < start:
        raise ValidationError({"new_end": f"The new end must be on or after the stage's start, {start:%-d %B %Y}"})
    if new_end == end:
        raise ValidationError({"new_end": f"The stage already ends on {end:%-d %B %Y}: enter a different date"})
    shift = timedelta(days=(new_end - end).days)
    for name in STAGE_ORDER[STAGE_ORDER.index(stage) :]:
        later = plans[name]
        current_start, current_end = later.current_start, later.current_end
        if current_start is None or current_end is None:
            continue
        later.revised_start = current_start if name == stage else current_start + shift
        later.revised_end = current_end + shift
        later.save(update_fields=["revised_start", "revised_end"])
    revision = TimelineRevision.objects.create(
        review=locked,
        stage=stage,
        previous_end=end,
        new_end=new_end,
        reason=reason.strip(),
        agreed_by=agreed_by,
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    record(
        Action.UPDATE,
        person=actor,
        obj=locked,
        detail=f"plan revised: {stage} to end {new_end} (was {end}), agreed by person {agreed_by.pk} on {agreed_on}",
    )
    return revision


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
