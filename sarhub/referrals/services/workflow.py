"""The one place a referral changes state.

`move(actor, referral, to)` checks the change is allowed from where the referral is, checks the data the
next step needs is present (listing what is missing), writes the audit log and tells whoever must act
next. Views never set `status` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.referrals import permissions
from sarhub.referrals.models import Decision, Recommendation, Referral, RequestStatus, Status

ALLOWED: dict[str, set[str]] = {
    Status.RECEIVED: {Status.SCREENING, Status.AWAITING_DECISION, Status.WITHDRAWN},
    Status.SCREENING: {Status.AWAITING_DECISION, Status.WITHDRAWN},
    Status.AWAITING_DECISION: {Status.SCREENING, Status.DECIDED, Status.WITHDRAWN},
    Status.DECIDED: set(),
    Status.WITHDRAWN: set(),
}


def _needs_for_screening(referral: Referral) -> list[str]:
    if not referral.scoping_requests.exclude(status=RequestStatus.WITHDRAWN).exists():
        return ["a scoping request to at least one agency"]
    return []


def _needs_for_decision(referral: Referral) -> list[str]:
    waiting = referral.scoping_requests.filter(status=RequestStatus.REQUESTED).select_related("agency")
    missing = [f"a scoping summary from {r.agency.name}, or withdraw that request" for r in waiting]
    if referral.needs_judgement:
        # A family member or member of the public is not asked which part of section 44 applies.
        missing.append("the business unit's judgement of section 44 (the referrer was not asked)")
    return missing


def _needs_for_decided(referral: Referral) -> list[str]:
    missing = []
    if not Recommendation.objects.filter(referral=referral).exists():
        missing.append("the SAR subgroup's recommendation")
    if not Decision.objects.filter(referral=referral).exists():
        missing.append("the independent chair's decision and reasons")
    return missing


NEEDS: dict[str, Callable[[Referral], list[str]]] = {
    Status.SCREENING: _needs_for_screening,
    Status.AWAITING_DECISION: _needs_for_decision,
    Status.DECIDED: _needs_for_decided,
}


class TransitionRefused(ValidationError):
    """The change cannot be made; `missing` lists what the next step needs."""

    def __init__(self, message: str, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


def missing_for(referral: Referral, to: str) -> list[str]:
    check = NEEDS.get(to)
    return check(referral) if check else []


def _may_move(actor: Any, to: str) -> bool:
    """The chair decides; the business unit makes every other change."""
    if to == Status.DECIDED:
        return permissions.can_decide(actor)
    return permissions.can_manage_referrals(actor)


@transaction.atomic
def move(actor: Any, referral: Referral, to: str, *, detail: str = "") -> Referral:
    if not _may_move(actor, to):
        raise PermissionDenied
    if to not in Status.values:
        raise TransitionRefused("Choose a next step from the page")
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if to not in ALLOWED.get(locked.status, set()):
        raise TransitionRefused(
            f"A referral that is {locked.status_label.lower()} cannot become {Status(to).label.lower()}"
        )
    missing = missing_for(locked, to)
    if missing:
        raise TransitionRefused("The referral is not ready for the next step", missing)
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status"])
    if to == Status.WITHDRAWN:
        # Nobody is asked, reminded or able to answer for a withdrawn referral.
        locked.scoping_requests.filter(status=RequestStatus.REQUESTED).update(status=RequestStatus.WITHDRAWN)
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=f"{before} -> {to}{': ' + detail if detail else ''}")
    referral.status = to
    return locked
