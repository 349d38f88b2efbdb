from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from sarhub.referrals import permissions
from sarhub.referrals.models import Referral, RequestStatus, ScopingRequest, Status


def referrals(user: Any, *, status: str = "", source: str = "", overdue: bool = False) -> QuerySet[Referral]:
    """The business unit's list: references, dates, status and source; no confidential fields are loaded."""
    if not permissions.can_view_referrals(user):
        return Referral.objects.none()
    qs = Referral.objects.only("id", "reference", "source", "status", "received_at", "criterion")
    if status:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    if overdue:
        # Past the decision target and not decided, or waiting on an overdue scoping summary.
        today = timezone.localdate()
        late = timezone.now() - timedelta(days=settings.DECISION_TARGET_DAYS)
        waiting = ScopingRequest.objects.filter(status=RequestStatus.REQUESTED, due_on__lt=today).values("referral_id")
        qs = qs.filter(
            Q(received_at__lt=late, status__in=[Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION])
            | Q(pk__in=waiting)
        )
    return qs.order_by("-received_at", "-id")


def my_referrals(user: Any) -> QuerySet[Referral]:
    """A professional's own referrals: reference, date and status only."""
    if not getattr(user, "is_authenticated", False):
        return Referral.objects.none()
    return (
        Referral.objects.filter(referred_by=user)
        .only("id", "reference", "status", "received_at", "source")
        .order_by("-received_at", "-id")
    )
