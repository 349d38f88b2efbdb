"""Who may see the Board's insight. The only place these rules live.

- The business unit's dashboard (its home page) shows exact figures and links to the lists behind them:
  the business unit only.
- The overview is the same figures as aggregates only, with any figure drawn from fewer than 3 reviews or
  people shown as "fewer than 3": the business unit, the independent chair, the SAR subgroup and Board
  members (senior leaders).
- Similar findings and the search of the Board's findings: the business unit, the chair and the SAR
  subgroup (who see every review); results only ever come from reviews the person may read.
- Similar findings from one finding or review: anyone who may read that review (its page is a 404
  otherwise, as the reviews app's are): the business unit, the chair, the SAR subgroup, and a review's
  lead reviewers and panel members, whose results come only from the reviews they are appointed to.
- Repeated learning: the overview's readers see the flags; the business unit and the chair record the
  Board's view of each. A Board member sees a flag only when both its reviews are signed off (the
  reviews whose findings their summaries show).
- Good practice, shared (good-practice findings and the positive practice a learning event's team
  collated): the business unit, the chair and the SAR subgroup see it from every review; Board members
  and agency safeguarding leads see it by the rule of the review summaries, where findings show only once
  the Board has signed the review off: Board members from every signed-off review, an agency lead from the
  signed-off reviews their agency is involved in (a request or a recommendation). Reviewers, panel
  members, practitioners and line managers: not this page. A learning event's reflections never show:
  only the themes its team wrote without attribution, with the agencies of the reflections they draw on
  named only where 3 or more people from that agency took part in the event. The business unit may start
  or continue a briefing from an item of a signed-off review (the briefing's own rule, in briefings).
"""

from __future__ import annotations

from typing import Any

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.reviews import permissions as review_permissions

OVERVIEW_ROLES = (*BUSINESS_UNIT_ROLES, Role.INDEPENDENT_CHAIR, Role.SAR_SUBGROUP_MEMBER, Role.BOARD_MEMBER)
SEARCH_ROLES = (*BUSINESS_UNIT_ROLES, Role.INDEPENDENT_CHAIR, Role.SAR_SUBGROUP_MEMBER)
VIEW_RECORDER_ROLES = (*BUSINESS_UNIT_ROLES, Role.INDEPENDENT_CHAIR)
GOOD_PRACTICE_ROLES = (
    *BUSINESS_UNIT_ROLES,
    Role.INDEPENDENT_CHAIR,
    Role.SAR_SUBGROUP_MEMBER,
    Role.BOARD_MEMBER,
    Role.AGENCY_SAFEGUARDING_LEAD,
)
GOOD_PRACTICE_ALL_ROLES = (*BUSINESS_UNIT_ROLES, Role.INDEPENDENT_CHAIR, Role.SAR_SUBGROUP_MEMBER)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_see_dashboard(user: Any) -> bool:
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def can_see_overview(user: Any) -> bool:
    return _active(user) and user.has_role(*OVERVIEW_ROLES)


def sees_exact_figures(user: Any) -> bool:
    """The business unit sees exact small numbers; everyone else sees "fewer than 3"."""
    return can_see_dashboard(user)


def can_search_findings(user: Any) -> bool:
    return _active(user) and user.has_role(*SEARCH_ROLES)


def can_read_repeats(user: Any) -> bool:
    return can_see_overview(user)


def can_record_repeat_view(user: Any) -> bool:
    return _active(user) and user.has_role(*VIEW_RECORDER_ROLES)


def can_find_similar(user: Any) -> bool:
    """Similar findings from a finding or a review: for whoever reads reviews (the review itself is
    checked by reviews.permissions.access_review, a 404 otherwise)."""
    return review_permissions.can_list_reviews(user)


def can_see_good_practice(user: Any) -> bool:
    return _active(user) and user.has_role(*GOOD_PRACTICE_ROLES)


def good_practice_from_every_review(user: Any) -> bool:
    """The business unit, the chair and the SAR subgroup: from every review, signed off or not."""
    return _active(user) and user.has_role(*GOOD_PRACTICE_ALL_ROLES)


def good_practice_from_signed_off(user: Any) -> bool:
    """Board members: from every review the Board has signed off."""
    return _active(user) and user.has_role(Role.BOARD_MEMBER)


def good_practice_from_involved(user: Any) -> bool:
    """Agency safeguarding leads: from the signed-off reviews their agency is involved in."""
    return _active(user) and user.has_role(Role.AGENCY_SAFEGUARDING_LEAD)


def can_brief_from_good_practice(user: Any) -> bool:
    """Who is offered "start or continue a briefing" beside an item: the briefings' writers, the business
    unit (the briefing form checks again, by the briefings' own rule, before it offers the text)."""
    return can_see_dashboard(user)
