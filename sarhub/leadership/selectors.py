"""Reading the senior leadership log."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sarhub.leadership.models import FollowUp, MeetingKind, Presentation
from sarhub.partnership.models import Agency
from sarhub.reviews.models import Finding, Review
from sarhub.taxonomy.models import PracticeTheme


def presentations() -> QuerySet[Presentation]:
    """The log, newest meeting first, with counts for the list."""
    today = timezone.localdate()
    return (
        Presentation.objects.select_related("meeting_kind")
        .annotate(
            review_count=Count("reviews", distinct=True),
            open_follow_ups=Count("follow_ups", filter=Q(follow_ups__done_at__isnull=True), distinct=True),
            overdue_follow_ups=Count(
                "follow_ups",
                filter=Q(follow_ups__done_at__isnull=True, follow_ups__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("-presented_on", "-id")
    )


def signed_off_reviews() -> QuerySet[Review]:
    """The reviews a presentation may cover: those the Board has signed off."""
    return (
        Review.objects.filter(signed_off_on__isnull=False)
        .only("id", "reference", "pseudonym", "route", "signed_off_on")
        .order_by("-signed_off_on", "reference")
    )


def meeting_kinds(presentation: Presentation | None = None) -> QuerySet[MeetingKind]:
    """Meetings in use, and the presentation's own even if it has since been retired."""
    condition = Q(is_active=True)
    if presentation is not None:
        condition |= Q(pk=presentation.meeting_kind_id)
    return MeetingKind.objects.filter(condition).order_by("order", "name")


def practice_themes(presentation: Presentation | None = None) -> QuerySet[Any]:
    condition = Q(is_active=True)
    if presentation is not None:
        condition |= Q(pk__in=presentation.practice_themes.values("pk"))
    return PracticeTheme.objects.filter(condition).order_by("order", "name")


def owner_agencies(follow_up: FollowUp | None = None) -> QuerySet[Agency]:
    condition = Q(is_active=True)
    if follow_up is not None and follow_up.owner_agency_id:
        condition |= Q(pk=follow_up.owner_agency_id)
    return Agency.objects.filter(condition).order_by("name")


def covered_reviews(presentation: Presentation) -> list[Review]:
    """The presentation's reviews the Board has signed off (the only ones it can hold), by reference."""
    return list(presentation.reviews.filter(signed_off_on__isnull=False).order_by("reference"))


def follow_ups(presentation: Presentation) -> list[FollowUp]:
    return list(presentation.follow_ups.select_related("owner_agency", "done_by").order_by("due_on", "id"))


def theme_counts(review_ids: list[int]) -> list[dict[str, Any]]:
    """How many findings of these reviews (and in how many of the reviews) each practice theme codes,
    most findings first."""
    rows = (
        Finding.practice_themes.through.objects.filter(finding__review_id__in=review_ids)
        .values("practicetheme__name")
        .annotate(findings=Count("finding_id", distinct=True), reviews=Count("finding__review_id", distinct=True))
        .order_by("-findings", "practicetheme__name")
    )
    return [{"name": r["practicetheme__name"], "findings": r["findings"], "reviews": r["reviews"]} for r in rows]
