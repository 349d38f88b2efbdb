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


def summaries(user: Any) -> QuerySet[Review]:
    """The reviews whose summary this person may read: for an agency lead, those their agency is involved
    in; for a Board member, those the Board has signed off."""
    from django.db.models import Q

    condition = Q(pk__in=[])
    if permissions.is_board_reader(user):
        condition |= Q(signed_off_on__isnull=False)
    if permissions.can_answer_review_requests(user):
        condition |= Q(pk__in=permissions.involved_review_ids(user))
    return (
        Review.objects.filter(condition)
        .only("id", "reference", "pseudonym", "route", "stage", "signed_off_on", "created_at")
        .order_by("-created_at", "-id")
    )


def summary_context(user: Any, review: Review) -> dict[str, Any]:
    """What a summary shows: no confidential record, no family log, no team's working papers. Findings,
    recommendations and the Quality Markers once the Board has signed the review off; an agency lead also
    sees their agency's requests and the recommendations addressed to it."""
    from sarhub.reviews import content
    from sarhub.reviews.models import AgencyRequest

    signed_off = review.signed_off_on is not None
    agencies = permissions.lead_agency_ids(user)
    recommendations = review.recommendations.prefetch_related("agencies", "findings")
    if not signed_off:
        recommendations = (
            recommendations.filter(agencies__in=agencies).distinct() if agencies else recommendations.none()
        )
    return {
        "review": review,
        "signed_off": signed_off,
        "plans": sorted(review.stage_plans.all(), key=lambda p: p.order),
        "findings": list(review.findings.prefetch_related("abuse_types", "practice_themes")) if signed_off else [],
        "recommendations": list(recommendations),
        "quality_markers": content.quality_marker_rows(review) if signed_off else [],
        "requests": list(AgencyRequest.objects.filter(review=review, agency_id__in=agencies).select_related("agency"))
        if agencies
        else [],
        "agency_ids": agencies,
    }


def agency_requests(review: Review) -> list[Any]:
    """The review's requests to agencies, newest kind of work last, with their comment counts."""
    from django.db.models import Count, Q

    from sarhub.reviews.models import AgencyRequest, CommentOutcome

    return list(
        AgencyRequest.objects.filter(review=review)
        .select_related("agency")
        .annotate(
            comment_count=Count("comments"),
            open_comments=Count("comments", filter=Q(comments__outcome=CommentOutcome.OPEN)),
        )
        .order_by("kind", "agency__name", "-requested_at")
    )


def disputes(review: Review) -> list[Any]:
    """Comments on the draft the review team did not accept and the agency still disputes."""
    from sarhub.reviews.models import AccuracyComment

    return list(
        AccuracyComment.objects.filter(request__review=review, disputed_at__isnull=False)
        .select_related("request__agency")
        .order_by("request__agency__name", "number")
    )
