"""Who may see and run a review. The only place these rules live.

- The business unit, the SAR subgroup and the independent chair see every review.
- A lead reviewer or panel member sees only the reviews they are appointed to; losing the
  appointment takes effect on their next request (memberships are read afresh every request).
- Everyone else sees none here (agency and Board views come with later work).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.partnership.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.reviews.models import Review

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


def access_review(user: Any, review_id: Any) -> Review:
    """A review this person may see; 404 for missing and forbidden alike."""
    try:
        review = Review.objects.get(pk=int(review_id))
    except (Review.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_read_review(user, review):
        raise Http404
    return review


def can_edit_content(user: Any, review: Review) -> bool:
    """Findings, recommendations and the Quality Markers: the business unit and the review's lead reviewers."""
    return can_manage_reviews(user) or review.pk in (
        user.review_ids_for(Role.LEAD_REVIEWER) if _active(user) else set()
    )


def access_review_for_editing(user: Any, review_id: Any) -> Review:
    review = access_review(user, review_id)
    if not can_edit_content(user, review):
        raise Http404
    return review
