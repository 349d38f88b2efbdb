from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sarhub.referrals import permissions
from sarhub.referrals.models import Referral


def referrals(user: Any, *, status: str = "", source: str = "") -> QuerySet[Referral]:
    """The business unit's list: references, dates, status and source; no confidential fields are loaded."""
    if not permissions.can_view_referrals(user):
        return Referral.objects.none()
    qs = Referral.objects.only("id", "reference", "source", "status", "received_at", "criterion")
    if status:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
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
