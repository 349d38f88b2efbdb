from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from sarhub.core.prepared import Prepared
from sarhub.partnership import asking
from sarhub.referrals import permissions
from sarhub.referrals.models import Referral, ScopingRequest, Status


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
        waiting = asking.overdue(ScopingRequest.objects.all(), today).values("referral_id")
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


# The referral page's name lists, compiled once (sarhub/core/prepared.py).
ABUSE_TYPE_NAMES = Prepared(
    lambda referral_id: (
        Referral.abuse_types.through.objects.filter(referral_id=referral_id)
        .order_by("abusetype__name")
        .values_list("abusetype__name")
    )
)
AGENCY_NAMES = Prepared(
    lambda referral_id: (
        Referral.agencies.through.objects.filter(referral_id=referral_id)
        .order_by("agency__name")
        .values_list("agency__name")
    )
)
REVIEWS_OF = Prepared(
    lambda referral_id: (
        Referral.reviews.through.objects.filter(referral_id=referral_id)
        .order_by("review_id")
        .values_list("review_id", "review__reference")
    )
)


def names(prepared: Prepared, referral: Referral) -> list[str]:
    return [name for (name,) in prepared.rows(referral.pk)]


def related_or_none(obj: Any, name: str) -> Any:
    """A one-to-one record read with select_related, or None where there is none."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def requests_for(user: Any) -> QuerySet[ScopingRequest]:
    """The scoping requests addressed to the agencies this person leads, waiting ones first."""
    agencies = [a.pk for a in permissions.agency_lead_agencies(user)]
    return (
        ScopingRequest.objects.filter(agency_id__in=agencies)
        .select_related("referral", "agency")
        .order_by("status", "due_on", "id")
    )
