from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sarhub.reviews import permissions
from sarhub.reviews.models import AgencyRequest, Review


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
        # The stage under way has run past its planned end: a range of the partial index on the stored
        # planned end of the stage under way (empty once complete), not a join over every open stage.
        qs = qs.filter(stage_due_on__lt=timezone.localdate())
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
    sees their agency's requests and, before sign-off, the draft recommendations addressed to it."""
    from sarhub.reviews import sections
    from sarhub.reviews.models import AgencyRequest

    signed_off = review.signed_off_on is not None
    agencies = permissions.lead_agency_ids(user)
    has_own = bool(agencies) and review.recommendations.filter(agencies__in=agencies).exists()
    return {
        "review": review,
        "signed_off": signed_off,
        "timeline_html": sections.timeline(review, summary=True),
        "findings_html": sections.findings(review, can_edit=False) if signed_off else "",
        "recommendations_html": sections.recommendations(
            review, can_edit=False, can_respond=False, agency_ids=None if signed_off else agencies
        )
        if signed_off or has_own
        else "",
        "quality_markers_html": sections.quality_markers(review, with_notes=False) if signed_off else "",
        "requests": list(AgencyRequest.objects.filter(review=review, agency_id__in=agencies).select_related("agency"))
        if agencies
        else [],
    }


def _with_agency(people: Any) -> Any:
    """People annotated with an agency they work for (the first by name), shown beside their name."""
    from django.db.models import OuterRef, Subquery

    from sarhub.partnership.models import Membership

    agency = (
        Membership.objects.active()
        .filter(person=OuterRef("pk"), agency__isnull=False)
        .order_by("agency__name")
        .values("agency__name")[:1]
    )
    return people.annotate(agency_names=Subquery(agency)).order_by("full_name", "email")


def appointable(role: str) -> Any:
    """The people who may be appointed to `role` on a review, for the person choice."""
    return _with_agency(permissions.candidates_for(role))


def timeline_agreers_for_choice() -> Any:
    return _with_agency(permissions.timeline_agreers())


def people_in_record(user: Any, review: Review) -> dict[str, Any]:
    """The people the review's record names, by group: around the adult, practitioners (with the request
    each came from), and those excluded from the de-identification check (with the reason). The adults'
    own identifiers from the referrals only for those who may read the referral; for anyone else, None."""
    from sarhub.reviews.models import PersonInRecord

    if not permissions.can_read_review(user, review):
        return {"around": [], "practitioners": [], "excluded": [], "adults": None}
    people = list(
        PersonInRecord.objects.filter(review=review).select_related("agency", "request__agency", "excluded_by")
    )
    adults = (
        list(
            review.referrals.only(
                "id",
                "reference",
                "adult_name",
                "adult_aliases",
                "adult_date_of_birth",
                "adult_date_of_death",
                "adult_address",
                "adult_postcode",
                "adult_nhs_number",
            ).order_by("received_at", "id")
        )
        if permissions.sees_adult_identity(user)
        else None
    )
    return {
        "around": [p for p in people if not p.is_excluded and not p.is_practitioner],
        "practitioners": [p for p in people if not p.is_excluded and p.is_practitioner],
        "excluded": [p for p in people if p.is_excluded],
        "adults": adults,
    }


def practitioners_named(user: Any, request: Any) -> list[Any]:
    """The practitioners named with an agency request: for its readers (the review's readers and the
    agency's leads)."""
    from sarhub.reviews.models import PersonInRecord

    if not permissions.can_read_agency_request(user, request):
        return []
    return list(PersonInRecord.objects.filter(request=request).order_by("full_name", "id"))


def requests_for(user: Any) -> QuerySet[AgencyRequest]:
    """The review requests addressed to the agencies this person leads, waiting ones first."""
    return (
        AgencyRequest.objects.filter(agency_id__in=permissions.lead_agency_ids(user))
        .select_related("review", "agency")
        .order_by("status", "due_on", "id")
    )
