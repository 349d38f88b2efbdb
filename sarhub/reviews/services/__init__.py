"""Setting up and running reviews. Every change is audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.roles import Role
from sarhub.partnership.models import Membership, Person
from sarhub.partnership.notify import tell
from sarhub.referrals.models import Decision, Outcome, Referral
from sarhub.reviews import permissions
from sarhub.reviews.models import PLANNED_WEEKS, STAGE_ORDER, Review, Route, Stage, StagePlan
from sarhub.reviews.services.running import refresh_stage_due

REVIEW_OUTCOMES = (
    Outcome.MANDATORY_CONDITION_1,
    Outcome.MANDATORY_CONDITION_2,
    Outcome.DISCRETIONARY,
    Outcome.PROPORTIONATE,
)
TERMS_FIELDS = ["pseudonym", "period_from", "period_to", "lines_of_enquiry", "methodology"]


def _check_terms(data: dict[str, Any]) -> None:
    if not (data.get("pseudonym") or "").strip():
        raise ValidationError({"pseudonym": "Enter a pseudonym for the adult, like Adult A"})
    start, end = data.get("period_from"), data.get("period_to")
    if start and end and end < start:
        raise ValidationError({"period_to": "The end of the period must be the same as or after its start"})


@transaction.atomic
def set_up_review(actor: Person, referrals: list[Referral], *, route: str, data: dict[str, Any]) -> Review:
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    if route not in Route.values:
        raise ValidationError({"route": "Select a route from the list"})
    if not referrals:
        raise ValidationError("Choose the referral the review is about")
    if route != Route.THEMATIC and len(referrals) > 1:
        raise ValidationError("Only a thematic review covers several adults")
    undecided = [
        r.reference for r in referrals if not Decision.objects.filter(referral=r, outcome__in=REVIEW_OUTCOMES).exists()
    ]
    if undecided:
        raise ValidationError(f"The chair has not decided on a review for {', '.join(undecided)}")
    _check_terms(data)
    review = Review(route=route, created_by=actor, reference="pending")
    for field in TERMS_FIELDS:
        if field in data:
            setattr(review, field, data[field])
    review.save()
    review.reference = f"SAR-{timezone.localtime(review.created_at).year}-{review.pk:03d}"
    review.save(update_fields=["reference"])
    review.referrals.set(referrals)
    start = timezone.localdate()
    for stage, weeks in zip(STAGE_ORDER, PLANNED_WEEKS[route], strict=True):
        end = start + timedelta(weeks=weeks)
        StagePlan.objects.create(
            review=review,
            stage=stage,
            planned_start=start,
            planned_end=end,
            actual_start=timezone.localdate() if stage == Stage.SET_UP else None,
        )
        start = end
    refresh_stage_due(Review.objects.filter(pk=review.pk))
    review.refresh_from_db(fields=["stage_due_on"])
    record(Action.CREATE, person=actor, obj=review, detail=f"route {route}; {len(referrals)} referral(s)")
    return review


@transaction.atomic
def update_terms(actor: Person, review: Review, data: dict[str, Any]) -> Review:
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    _check_terms(data)
    locked = Review.objects.select_for_update().get(pk=review.pk)
    changed = [f for f in TERMS_FIELDS if f in data and getattr(locked, f) != data[f]]
    for field in changed:
        setattr(locked, field, data[field])
    locked.save()
    record(Action.UPDATE, person=actor, obj=locked, detail="changed: " + (", ".join(changed) or "nothing"))
    return locked


@transaction.atomic
def convert_to_sar(actor: Person, review: Review) -> Review:
    """A SAR in Rapid Time becomes a full independent SAR; when is recorded."""
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.route != Route.RAPID:
        raise ValidationError("Only a SAR in Rapid Time can be converted into an independent SAR")
    locked.route = Route.INDEPENDENT_SAR
    locked.converted_from_rapid_at = timezone.now()
    locked.save(update_fields=["route", "converted_from_rapid_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="converted from SAR in Rapid Time to independent SAR")
    return locked


ROLE_NAMES: dict[str, str] = {Role.LEAD_REVIEWER: "lead reviewer", Role.PANEL_MEMBER: "review panel member"}


@transaction.atomic
def appoint(actor: Person, review: Review, person: Person, role: str) -> Membership:
    """Appoint a lead reviewer or panel member to this review only; they are told by email (one message,
    to them alone, naming the review by its reference and pseudonym)."""
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    if role not in (Role.LEAD_REVIEWER, Role.PANEL_MEMBER):
        raise ValidationError({"role": "Select lead reviewer or panel member"})
    if not person.is_active:
        raise ValidationError({"person": "This person's account is deactivated"})
    if not permissions.may_hold(person, role):
        who = (
            "an independent reviewer"
            if role == Role.LEAD_REVIEWER
            else "someone at a partner agency or an independent reviewer"
        )
        raise ValidationError({"person": f"A {ROLE_NAMES[role]} must be {who}"})
    if Membership.objects.active().filter(person=person, role=role, review=review).exists():
        raise ValidationError({"person": f"{person.full_name} already has this role on the review"})
    membership = Membership(person=person, role=role, review=review, granted_by=actor)
    membership.full_clean(validate_constraints=False)
    membership.save()
    record(Action.CREATE, person=actor, obj=membership, detail=f"{role} on review {review.pk}")
    name = f"{review.reference} ({review.pseudonym})"
    tell(
        [person.email],
        subject=f"{name}: you have been appointed {ROLE_NAMES[role]}",
        lines=[
            f"You have been appointed {ROLE_NAMES[role]} on review {name}.",
            "You can see this review in SAR Hub, and nothing else of the Board's reviews. The business unit "
            "can end the appointment at any time.",
        ],
        path=reverse("reviews:detail", args=[review.pk]),
        purpose=f"review {review.pk} appointment",
    )
    return membership


@transaction.atomic
def end_appointment(actor: Person, membership: Membership) -> Membership:
    """Takes effect on the person's next request."""
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    updated = Membership.objects.filter(pk=membership.pk, review__isnull=False, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_by=actor
    )
    if not updated:
        raise ValidationError("This appointment has already ended")
    record(Action.STATE_CHANGE, person=actor, obj=membership, detail=f"{membership.role} ended")
    membership.refresh_from_db()
    return membership
