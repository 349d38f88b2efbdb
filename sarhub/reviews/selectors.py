from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sarhub.reviews import permissions
from sarhub.reviews.models import Review


def reviews(user: Any, *, stage: str = "", route: str = "") -> QuerySet[Review]:
    if permissions.sees_all_reviews(user):
        qs = Review.objects.all()
    else:
        qs = Review.objects.filter(pk__in=permissions.team_review_ids(user))
    if stage:
        qs = qs.filter(stage=stage)
    if route:
        qs = qs.filter(route=route)
    return qs.only("id", "reference", "pseudonym", "route", "stage", "created_at").order_by("-created_at", "-id")


def team(review: Review) -> list[Any]:
    from sarhub.partnership.models import Membership

    return list(
        Membership.objects.filter(review=review)
        .select_related("person")
        .order_by("ended_at", "role", "person__full_name")
    )
