"""The SAR subgroup's recommendation, the independent chair's decision, and the letter to the referrer."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.email import send_one
from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.partnership.models import Board, Person
from sarhub.partnership.notify import people_with, tell
from sarhub.referrals import permissions
from sarhub.referrals.models import (
    Decision,
    LetterStatus,
    Outcome,
    OutcomeLetter,
    Recommendation,
    Referral,
    Status,
)
from sarhub.referrals.services import workflow


def _check_outcome(outcome: str, other_process: str) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Select an outcome from the list"})
    if outcome == Outcome.OTHER_PROCESS and not other_process:
        raise ValidationError({"other_process": "Select the process the referral goes to"})


@transaction.atomic
def recommend(actor: Person, referral: Referral, *, outcome: str, other_process: str, reasons: str) -> Recommendation:
    if not permissions.can_recommend(actor):
        raise PermissionDenied
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in (Status.SCREENING, Status.AWAITING_DECISION):
        raise ValidationError("A recommendation can be made only while the referral is screened or awaiting a decision")
    _check_outcome(outcome, other_process)
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the recommendation"})
    recommendation, created = Recommendation.objects.update_or_create(
        referral=locked,
        defaults={
            "outcome": outcome,
            "other_process": other_process if outcome == Outcome.OTHER_PROCESS else "",
            "reasons": reasons,
            "recommended_by": actor,
            "recommended_at": timezone.now(),
        },
    )
    record(Action.CREATE if created else Action.UPDATE, person=actor, obj=recommendation, detail=f"outcome {outcome}")
    tell(
        people_with(Role.INDEPENDENT_CHAIR),
        subject=f"Referral {locked.reference}: the subgroup's recommendation",
        lines=[f"The SAR subgroup has made its recommendation on referral {locked.reference}."],
        path=reverse("referrals:detail", args=[locked.pk]),
        purpose=f"recommendation on {locked.reference}",
    )
    return recommendation


@transaction.atomic
def decide(actor: Person, referral: Referral, *, outcome: str, other_process: str, reasons: str) -> Decision:
    if not permissions.can_decide(actor):
        raise PermissionDenied
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    _check_outcome(outcome, other_process)
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision"})
    if Decision.objects.filter(referral=locked).exists():
        raise ValidationError("This referral has already been decided")
    decision = Decision.objects.create(
        referral=locked,
        outcome=outcome,
        other_process=other_process if outcome == Outcome.OTHER_PROCESS else "",
        reasons=reasons,
        decided_by=actor,
    )
    record(Action.CREATE, person=actor, obj=decision, detail=f"outcome {outcome}")
    workflow.move(actor, locked, Status.DECIDED, detail=outcome)
    OutcomeLetter.objects.create(referral=locked, body=draft_letter(locked, decision))
    tell(
        people_with(*BUSINESS_UNIT_ROLES),
        subject=f"Referral {locked.reference}: decided",
        lines=[
            f"The independent chair has decided on referral {locked.reference}. The letter to the referrer is ready to check."
        ],
        path=reverse("referrals:letter", args=[locked.pk]),
        purpose=f"decision on {locked.reference}",
    )
    return decision


def draft_letter(referral: Referral, decision: Decision) -> str:
    return render_to_string(
        "referrals/letters/outcome.txt",
        {"referral": referral, "decision": decision, "board": Board.current(), "today": timezone.localdate()},
    ).strip()


@transaction.atomic
def save_letter(actor: Person, letter: OutcomeLetter, *, body: str) -> OutcomeLetter:
    if not permissions.can_manage_referrals(actor):
        raise PermissionDenied
    locked = OutcomeLetter.objects.select_for_update().get(pk=letter.pk)
    if locked.status != LetterStatus.DRAFT:
        raise ValidationError("This letter has already been sent")
    if not body.strip():
        raise ValidationError({"body": "Write the letter"})
    locked.body = body
    locked.reviewed_by = actor
    locked.save(update_fields=["body", "reviewed_by"])
    record(Action.UPDATE, person=actor, obj=locked, detail="letter reviewed")
    return locked


@transaction.atomic
def send_letter(actor: Person, letter: OutcomeLetter, *, by_post: bool = False) -> OutcomeLetter:
    """Send the reviewed letter by email to the referrer, or record that it was posted."""
    if not permissions.can_manage_referrals(actor):
        raise PermissionDenied
    locked = OutcomeLetter.objects.select_for_update().select_related("referral").get(pk=letter.pk)
    if locked.status != LetterStatus.DRAFT:
        raise ValidationError("This letter has already been sent")
    if locked.reviewed_by_id is None:
        raise ValidationError("Review the letter and save it before sending it")
    referral = locked.referral
    if not by_post:
        if not referral.referrer_email:
            raise ValidationError("The referrer gave no email address: print the letter and post it instead")
        sent = send_one(
            subject=f"Your referral {referral.reference}: the Board's decision",
            body=locked.body,
            to=referral.referrer_email,
            purpose=f"outcome letter for {referral.reference}",
        )
        if not sent:
            raise ValidationError("The email could not be sent. Try again later, or post the letter")
    locked.status = LetterStatus.POSTED if by_post else LetterStatus.SENT
    locked.sent_at = timezone.now()
    locked.save(update_fields=["status", "sent_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=locked.status)
    return locked


def decision_context(referral: Referral) -> dict[str, Any]:
    return {
        "recommendation": Recommendation.objects.filter(referral=referral).select_related("recommended_by").first(),
        "decision": Decision.objects.filter(referral=referral).select_related("decided_by").first(),
        "letter": OutcomeLetter.objects.filter(referral=referral).first(),
    }
