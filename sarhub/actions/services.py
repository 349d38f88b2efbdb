"""Writing actions: creating them, reporting progress, assurance, impact, and not implementing.

Every change to an action names the version it was made from. The update is one conditional UPDATE
(`WHERE id = … AND version = …`); if someone else changed the action first, nothing is written and
`Conflict` carries the action as it is now, so the person can see the current values and decide.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from sarhub.actions.models import (
    AGENCY_STATUSES,
    STATUS_LABELS,
    Action,
    NotImplemented,
    PlanChange,
    ProgressUpdate,
    Status,
)
from sarhub.actions.permissions import can_manage_actions, can_report_progress, lead_refused, may_lead
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.services import record
from sarhub.documents.models import Document, DocumentVersion
from sarhub.documents.services import add_document
from sarhub.partnership.models import Person
from sarhub.reviews.models import Finding, Review, ReviewRecommendation

# Sent in the writer's transaction whenever a review's action plan changes (`review_id`): publication hears it
# and tells the public pages' cache at once, since a published review's page shows its actions' progress.
plan_written = Signal()


class Conflict(ValidationError):
    """Someone else changed the action since this person loaded it: nothing was written."""

    def __init__(self, current: Action) -> None:
        super().__init__(
            "This action was changed by someone else while you were editing it. Nothing you entered has been "
            "saved. Check the current details below, then make your change again."
        )
        self.current = current


def _require_manager(actor: Person) -> None:
    if not can_manage_actions(actor):
        raise PermissionDenied


def _text(data: dict[str, Any], name: str) -> str:
    return " ".join(str(data.get(name) or "").split()) if name != "note" else str(data.get(name) or "").strip()


def _check_details(data: dict[str, Any], *, today: date, created_on: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not str(data.get("what") or "").strip():
        errors["what"] = "Say what will be done"
    if not str(data.get("success_measure") or "").strip():
        errors["success_measure"] = "Say how success will be measured, or the evidence of impact expected"
    due = data.get("due_on")
    if due is None:
        errors["due_on"] = "Enter the date it is due"
    elif due < created_on:
        errors["due_on"] = "The due date must be on or after the date the action was created"
    lead = data.get("lead")
    agency = data.get("owner_agency")
    if agency is not None and not agency.is_active:
        errors["owner_agency"] = "Choose an active agency, or the Board"
    if lead is None or not lead.is_active:
        errors["lead"] = "Choose the named lead from the list"
    elif "owner_agency" not in errors and not may_lead(lead, agency):
        # Someone of the owner agency leads its action (the Board's: see permissions.BOARD_ACTION_LEAD_ROLES),
        # so that whoever is reminded of it, and reports on it, can act for the owner.
        errors["lead"] = lead_refused(lead, agency)
    return errors


def _check_source(review: Review, data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    recommendation, finding, proposal = data.get("recommendation"), data.get("finding"), data.get("proposal")
    if recommendation is None and finding is None:
        errors["recommendation"] = "Choose the recommendation or finding the action answers"
    if recommendation is not None and recommendation.review_id != review.pk:
        errors["recommendation"] = "Choose a recommendation of this review"
    if finding is not None and finding.review_id != review.pk:
        errors["finding"] = "Choose a finding of this review"
    if proposal is not None and proposal.event.review_id != review.pk:
        errors["proposal"] = "Choose a proposal from this review's learning event"
    return errors


@transaction.atomic
def create_action(actor: Person, review: Review, data: dict[str, Any]) -> Action:
    _require_manager(actor)
    today = timezone.localdate()
    errors = _check_source(review, data) | _check_details(data, today=today, created_on=today)
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(
        review=review,
        recommendation=data.get("recommendation"),
        finding=data.get("finding"),
        proposal=data.get("proposal"),
        what=str(data["what"]).strip(),
        owner_agency=data.get("owner_agency"),
        lead=data["lead"],
        due_on=data["due_on"],
        success_measure=str(data["success_measure"]).strip(),
        created_by=actor,
        updated_by=actor,
    )
    record(AuditAction.CREATE, person=actor, obj=action, detail=f"review {review.pk}")
    plan_changed(review.pk)
    return action


def plan_changed(review_id: int | None = None) -> None:
    """Bump the plan's change counter in the caller's transaction (see selectors.summary), and say which
    review's plan changed (`plan_written`: the public pages' cache hears it)."""
    if not PlanChange.objects.filter(pk=1).update(number=F("number") + 1):
        PlanChange.objects.get_or_create(pk=1, defaults={"number": 1})
    plan_written.send(sender=Action, review_id=review_id)


def _write(action: Action, version: Any, actor: Person, **changes: Any) -> Action:
    """The conditional update at the heart of every change: only from the version the person saw."""
    try:
        expected = int(version)
    except (TypeError, ValueError):
        expected = -1
    updated = Action.objects.filter(pk=action.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=actor, **changes
    )
    if updated:
        plan_changed(action.review_id)
    current = Action.objects.select_related("owner_agency", "lead", "review").get(pk=action.pk)
    if not updated:
        raise Conflict(current)
    return current


@transaction.atomic
def update_details(actor: Person, action: Action, version: Any, data: dict[str, Any]) -> Action:
    _require_manager(actor)
    errors = _check_details(data, today=timezone.localdate(), created_on=timezone.localdate(action.created_at))
    if errors:
        raise ValidationError(errors)
    before = action.status
    current = _write(
        action,
        version,
        actor,
        what=str(data["what"]).strip(),
        success_measure=str(data["success_measure"]).strip(),
        due_on=data["due_on"],
        lead=data["lead"],
        owner_agency=data.get("owner_agency"),
    )
    ProgressUpdate.objects.create(
        action=current,
        kind=ProgressUpdate.Kind.CHANGED,
        status_before=before,
        status_after=before,
        note="Details changed: what, lead, owner, due date or success measure.",
        created_by=actor,
    )
    record(AuditAction.UPDATE, person=actor, obj=current, detail="details")
    return current


def evidence_count(action: Action) -> int:
    from django.contrib.contenttypes.models import ContentType

    return Document.objects.filter(owner_type=ContentType.objects.get_for_model(Action), owner_id=action.pk).count()


@transaction.atomic
def report_progress(actor: Person, action: Action, version: Any, data: dict[str, Any]) -> Action:
    """An agency (or the named lead) reports progress. Assurance is not theirs to give: "assured complete" and
    "not implemented" cannot be reported, and a completed action waits for the business unit."""
    if not can_report_progress(actor, action):
        raise PermissionDenied
    status, note = str(data.get("status") or ""), str(data.get("note") or "").strip()
    errors: dict[str, str] = {}
    if status not in AGENCY_STATUSES:
        errors["status"] = (
            "Choose a status from the list. Only the business unit can assure an action complete"
            if status in (Status.ASSURED, Status.NOT_IMPLEMENTED)
            else "Choose a status from the list"
        )
    if action.status in (Status.ASSURED, Status.NOT_IMPLEMENTED):
        errors["status"] = f"This action is {STATUS_LABELS[action.status].lower()}: progress can no longer be reported"
    elif action.status == Status.AWAITING_ASSURANCE and status != Status.AWAITING_ASSURANCE:
        errors["status"] = "This action is waiting for the business unit's assurance; it can be returned to you"
    if not note:
        errors["note"] = "Describe the progress made, and the evidence for it"
    if status == Status.AWAITING_ASSURANCE and not errors and evidence_count(action) == 0:
        errors["status"] = "Attach evidence of completion to the action before reporting it complete"
    if errors:
        raise ValidationError(errors)
    before = action.status
    changes: dict[str, Any] = {"status": status}
    if status == Status.AWAITING_ASSURANCE and before != Status.AWAITING_ASSURANCE:
        changes["completed_on"] = timezone.localdate()
    current = _write(action, version, actor, **changes)
    ProgressUpdate.objects.create(
        action=current,
        kind=ProgressUpdate.Kind.PROGRESS,
        status_before=before,
        status_after=status,
        note=note,
        created_by=actor,
    )
    record(AuditAction.UPDATE, person=actor, obj=current, detail=f"progress: {before} -> {status}")
    return current


def report_progress_with_evidence(
    actor: Person, action: Action, data: dict[str, Any], upload: Any = None
) -> tuple[Action, DocumentVersion | None]:
    """Progress reported from the action's page, with the evidence file uploaded beside it (if any): both are
    saved, or neither (a refused upload, a conflict or a refused status writes nothing). The document and
    the progress are each audited. Returns the action as it now stands and the evidence attached."""
    if not can_report_progress(actor, action):
        raise PermissionDenied
    with transaction.atomic():
        attached = None
        if upload:
            attached = add_document(
                actor,
                action,
                title=f"Evidence: {upload.name}"[:200],
                classification="confidential",
                upload=upload,
            )
        current = report_progress(actor, action, data.get("version"), data)
    return current, attached


@transaction.atomic
def assure(actor: Person, action: Action, version: Any, data: dict[str, Any]) -> Action:
    """The business unit accepts a completed action (setting the date to check its impact) or returns it
    with reasons."""
    _require_manager(actor)
    decision, note = data.get("decision"), str(data.get("note") or "").strip()
    errors: dict[str, str] = {}
    if action.status != Status.AWAITING_ASSURANCE:
        raise ValidationError("Only an action reported complete can be assured or returned")
    if decision not in ("accept", "return"):
        errors["decision"] = "Choose whether to accept it as complete or return it"
    if not note:
        errors["note"] = "Say why it is accepted (the evidence seen) or why it is returned"
    check = data.get("impact_check_on")
    if decision == "accept":
        if check is None:
            errors["impact_check_on"] = "Enter the date to check the action's impact"
        elif check <= timezone.localdate():
            errors["impact_check_on"] = "The impact check must be after today"
    if errors:
        raise ValidationError(errors)
    if decision == "accept":
        current = _write(
            action,
            version,
            actor,
            status=Status.ASSURED,
            assured_at=timezone.now(),
            assured_by=actor,
            impact_check_on=check,
        )
        kind = ProgressUpdate.Kind.ACCEPTED
    else:
        current = _write(action, version, actor, status=Status.ON_TRACK, completed_on=None)
        kind = ProgressUpdate.Kind.RETURNED
    ProgressUpdate.objects.create(
        action=current,
        kind=kind,
        status_before=Status.AWAITING_ASSURANCE,
        status_after=current.status,
        note=note,
        created_by=actor,
    )
    record(AuditAction.STATE_CHANGE, person=actor, obj=current, detail=str(kind))
    return current


@transaction.atomic
def record_impact(actor: Person, action: Action, version: Any, outcome: str) -> Action:
    _require_manager(actor)
    if action.status != Status.ASSURED:
        raise ValidationError("Impact is checked once the action is assured complete")
    if not outcome.strip():
        raise ValidationError({"outcome": "Describe what the impact check found"})
    current = _write(action, version, actor, impact_outcome=outcome.strip(), impact_recorded_at=timezone.now())
    ProgressUpdate.objects.create(
        action=current,
        kind=ProgressUpdate.Kind.IMPACT,
        status_before=current.status,
        status_after=current.status,
        note=outcome.strip(),
        created_by=actor,
    )
    record(AuditAction.UPDATE, person=actor, obj=current, detail="impact checked")
    return current


@transaction.atomic
def close_not_implemented(actor: Person, action: Action, version: Any, reason: str) -> Action:
    """The Board decides an action will not be implemented (recorded with its reasons, and reported)."""
    _require_manager(actor)
    if action.status in (Status.ASSURED, Status.NOT_IMPLEMENTED):
        raise ValidationError(f"This action is already {STATUS_LABELS[action.status].lower()}")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reasons it will not be implemented"})
    before = action.status
    current = _write(action, version, actor, status=Status.NOT_IMPLEMENTED, not_implemented_reason=reason.strip())
    ProgressUpdate.objects.create(
        action=current,
        kind=ProgressUpdate.Kind.NOT_IMPLEMENTED,
        status_before=before,
        status_after=Status.NOT_IMPLEMENTED,
        note=reason.strip(),
        created_by=actor,
    )
    record(AuditAction.STATE_CHANGE, person=actor, obj=current, detail="not implemented")
    return current


@transaction.atomic
def record_not_implemented(actor: Person, review: Review, data: dict[str, Any]) -> NotImplemented:
    """A decision not to implement a finding or recommendation of a review, with its reasons."""
    _require_manager(actor)
    recommendation: ReviewRecommendation | None = data.get("recommendation")
    finding: Finding | None = data.get("finding")
    errors: dict[str, str] = {}
    if recommendation is None and finding is None:
        errors["recommendation"] = "Choose the recommendation or finding that will not be implemented"
    if recommendation is not None and recommendation.review_id != review.pk:
        errors["recommendation"] = "Choose a recommendation of this review"
    if finding is not None and finding.review_id != review.pk:
        errors["finding"] = "Choose a finding of this review"
    if not str(data.get("reasons") or "").strip():
        errors["reasons"] = "Give the reasons it will not be implemented"
    decided = data.get("decided_on")
    if decided is None:
        errors["decided_on"] = "Enter the date the Board decided"
    elif decided > timezone.localdate():
        errors["decided_on"] = "The date the Board decided must be today or in the past"
    if errors:
        raise ValidationError(errors)
    decision = NotImplemented.objects.create(
        review=review,
        recommendation=recommendation,
        finding=finding,
        reasons=str(data["reasons"]).strip(),
        decided_on=data["decided_on"],
        recorded_by=actor,
    )
    record(AuditAction.CREATE, person=actor, obj=decision, detail=f"review {review.pk}")
    return decision
