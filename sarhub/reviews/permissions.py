"""Who may see and run a review. The only place these rules live.

- The business unit, the SAR subgroup and the independent chair see every review.
- A lead reviewer or panel member sees only the reviews they are appointed to; losing the
  appointment takes effect on their next request (memberships are read afresh every request).
- An agency safeguarding lead sees the requests addressed to their agency and a pseudonymised summary
  of the reviews their agency is involved in (a request or a recommendation addressed to it); never the
  confidential record, the family log or the review team's working.
- A Board member or senior leader sees the summaries of reviews the Board has signed off, and nothing else.
- Practitioners and line managers see nothing here.
- The people a review's record names (family, practitioners): its readers see them; its content editors
  add, change and exclude them; an agency's lead names the practitioners in their open chronology or
  IMR. The adult's own identifiers (from the referral) only for those who may read the referral.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.core.prepared import Prepared
from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.reviews.models import AccuracyComment, AgencyRequest, AgencyRequestStatus, PersonInRecord, Review

OVERSIGHT_ROLES = (*BUSINESS_UNIT_ROLES, Role.SAR_SUBGROUP_MEMBER, Role.INDEPENDENT_CHAIR)
TEAM_ROLES = (Role.LEAD_REVIEWER, Role.PANEL_MEMBER)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_reviews(user: Any) -> bool:
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def sees_all_reviews(user: Any) -> bool:
    return _active(user) and user.has_role(*OVERSIGHT_ROLES)


def team_review_ids(user: Any) -> set[int]:
    return user.review_ids_for(*TEAM_ROLES) if _active(user) else set()


def can_list_reviews(user: Any) -> bool:
    return sees_all_reviews(user) or bool(team_review_ids(user))


def can_read_review(user: Any, review: Review) -> bool:
    return sees_all_reviews(user) or review.pk in team_review_ids(user)


def _review_fields() -> list[str]:
    return [field.attname for field in Review._meta.concrete_fields]


# Every page of a review starts here, so the lookup is compiled once (sarhub/core/prepared.py).
REVIEW_BY_ID = Prepared(lambda review_id: Review.objects.filter(pk=review_id).values_list(*_review_fields()))


def access_review(user: Any, review_id: Any) -> Review:
    """A review this person may see; 404 for missing and forbidden alike."""
    try:
        rows = REVIEW_BY_ID.rows(int(review_id))
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not rows:
        raise Http404
    review = Review.from_db("default", _review_fields(), rows[0])
    if not can_read_review(user, review):
        raise Http404
    return review


def can_edit_content(user: Any, review: Review) -> bool:
    """Findings, recommendations and the Quality Markers: the business unit and the review's lead reviewers."""
    return can_manage_reviews(user) or review.pk in (
        user.review_ids_for(Role.LEAD_REVIEWER) if _active(user) else set()
    )


def is_lead_reviewer(user: Any, review: Review) -> bool:
    return _active(user) and review.pk in user.review_ids_for(Role.LEAD_REVIEWER)


# --- Who may hold a part on a review, and who may agree a change to its plan --------------------------


def may_hold(person: Any, role: str) -> bool:
    """A lead reviewer is an independent reviewer; a panel member works for a partner agency (any role
    held for an active agency) or is an independent reviewer. Either way an active account."""
    if not getattr(person, "is_active", False):
        return False
    return candidates_for(role).filter(pk=person.pk).exists()


def candidates_for(role: str) -> Any:
    """The people who may be appointed to `role` on a review (see may_hold)."""
    from django.db.models import Q

    from sarhub.partnership.models import Membership, Person

    current = Membership.objects.active()
    reviewers = current.filter(role=Role.INDEPENDENT_REVIEWER).values("person_id")
    if role == Role.LEAD_REVIEWER:
        condition = Q(pk__in=reviewers)
    elif role == Role.PANEL_MEMBER:
        at_agencies = current.filter(agency__isnull=False, agency__is_active=True).values("person_id")
        condition = Q(pk__in=reviewers) | Q(pk__in=at_agencies)
    else:
        return Person.objects.none()
    return Person.objects.filter(condition, is_active=True)


TIMELINE_AGREERS = (*BUSINESS_UNIT_ROLES, Role.INDEPENDENT_CHAIR, Role.SAR_SUBGROUP_MEMBER)


def timeline_agreers() -> Any:
    """Who may agree a change to a review's plan: the business unit, the independent chair and the SAR
    subgroup's members (active accounts)."""
    from sarhub.partnership.models import Membership, Person

    holders = Membership.objects.active().filter(role__in=TIMELINE_AGREERS).values("person_id")
    return Person.objects.filter(pk__in=holders, is_active=True)


def may_agree_timeline(person: Any) -> bool:
    return bool(person is not None and timeline_agreers().filter(pk=person.pk).exists())


def sees_adult_identity(user: Any) -> bool:
    """The adult's real identity is the referral's confidential record: its readers only (not the review
    team, who use the pseudonym)."""
    from sarhub.referrals.permissions import can_view_referrals

    return can_view_referrals(user)


def access_person_in_record(user: Any, review: Review, person_id: Any) -> PersonInRecord:
    """A person the review's record names, for its content editors; 404 otherwise (or if another review's)."""
    if not can_edit_content(user, review):
        raise Http404
    try:
        return PersonInRecord.objects.select_related("agency", "request").get(pk=int(person_id), review=review)
    except (PersonInRecord.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def access_review_for_editing(user: Any, review_id: Any) -> Review:
    review = access_review(user, review_id)
    if not can_edit_content(user, review):
        raise Http404
    return review


# --- Requests to agencies (chronologies, IMRs, the factual-accuracy round) -------------------------


def lead_agency_ids(user: Any) -> set[int]:
    return {a.pk for a in user.agencies_for(Role.AGENCY_SAFEGUARDING_LEAD)} if _active(user) else set()


def leads_agency_of(user: Any, request: AgencyRequest) -> bool:
    return request.agency_id in lead_agency_ids(user)


def can_answer_review_requests(user: Any) -> bool:
    return bool(lead_agency_ids(user))


def can_read_agency_request(user: Any, request: AgencyRequest) -> bool:
    return can_read_review(user, request.review) or leads_agency_of(user, request)


def access_agency_request(user: Any, request_id: Any) -> AgencyRequest:
    """A request for the review's readers or the leads of the agency it is addressed to; 404 otherwise."""
    try:
        request = AgencyRequest.objects.select_related("review", "agency", "draft__document").get(pk=int(request_id))
    except (AgencyRequest.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_read_agency_request(user, request):
        raise Http404
    return request


def can_answer(user: Any, request: AgencyRequest) -> bool:
    """The agency's lead answers while the request is open."""
    return request.status == AgencyRequestStatus.REQUESTED and leads_agency_of(user, request)


def can_name_practitioners(user: Any, request: AgencyRequest) -> bool:
    """The agency's lead names the practitioners in their chronology or IMR while the request is open."""
    return request.kind != "factual_accuracy" and can_answer(user, request)


def can_add_request_document(user: Any, request: AgencyRequest) -> bool:
    if request.kind == "factual_accuracy":
        return False  # comments are written on the page; the draft itself belongs to the review
    return can_answer(user, request) or can_edit_content(user, request.review)


def access_comment(user: Any, request: AgencyRequest, comment_id: Any) -> AccuracyComment:
    try:
        return AccuracyComment.objects.get(pk=int(comment_id), request=request)
    except (AccuracyComment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


# --- Summaries for agency leads and Board members --------------------------------------------------


def is_board_reader(user: Any) -> bool:
    return _active(user) and user.has_role(Role.BOARD_MEMBER)


def can_list_summaries(user: Any) -> bool:
    return can_answer_review_requests(user) or is_board_reader(user)


def involved_review_ids(user: Any) -> Any:
    """The reviews an agency lead's agencies are involved in: a request (not withdrawn) or a recommendation."""
    from django.db.models import Q

    from sarhub.reviews.models import ReviewRecommendation

    agencies = lead_agency_ids(user)
    if not agencies:
        return Review.objects.none().values("pk")
    by_request = AgencyRequest.objects.filter(agency_id__in=agencies).exclude(status=AgencyRequestStatus.WITHDRAWN)
    by_recommendation = ReviewRecommendation.agencies.through.objects.filter(agency_id__in=agencies)
    return Review.objects.filter(
        Q(pk__in=by_request.values("review_id")) | Q(pk__in=by_recommendation.values("reviewrecommendation__review_id"))
    ).values("pk")


def can_read_summary(user: Any, review: Review) -> bool:
    if can_read_review(user, review):
        return True
    if is_board_reader(user) and review.signed_off_on is not None:
        return True
    return bool(lead_agency_ids(user)) and involved_review_ids(user).filter(pk=review.pk).exists()


def access_summary(user: Any, review_id: Any) -> Review:
    try:
        review = Review.objects.get(pk=int(review_id))
    except (Review.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_read_summary(user, review):
        raise Http404
    return review
