from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from sarhub.reviews import permissions
from sarhub.reviews.models import Review, Stage, StagePlan


def reviews(user: Any, *, stage: str = "", route: str = "", late: bool = False) -> QuerySet[Review]:
    if permissions.sees_all_reviews(user):
        qs = Review.objects.all()
    else:
        qs = Review.objects.filter(pk__in=permissions.team_review_ids(user))
    if stage:
        qs = qs.filter(stage=stage)
    if route:
        qs = qs.filter(route=route)
    if late:
        # The stage the review is at now has run past its planned end.
        slipping = StagePlan.objects.filter(
            stage=F("review__stage"), actual_end__isnull=True, planned_end__lt=timezone.localdate()
        ).values("review_id")
        qs = qs.filter(pk__in=slipping).exclude(stage=Stage.COMPLETE)
    return qs.only("id", "reference", "pseudonym", "route", "stage", "created_at").order_by("-created_at", "-id")


def team(review: Review) -> list[Any]:
    from sarhub.partnership.models import Membership

    return list(
        Membership.objects.filter(review=review)
        .select_related("person")
        .order_by("ended_at", "role", "person__full_name")
    )
