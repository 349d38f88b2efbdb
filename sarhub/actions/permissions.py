"""Who may see and change actions. The only place these rules live.

- The business unit creates actions, changes their details, assures completion (or returns them),
  records impact checks and decisions not to implement; it sees every action.
- The independent chair, the SAR subgroup and Board members (senior leaders) read the whole plan.
- An agency's safeguarding leads read and report progress on their own agency's actions, and only those.
- A named lead reads and reports progress on the actions they lead.
Anything else is a 404 (an action's existence is not disclosed), and the list pages a 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from sarhub.actions.models import Action
from sarhub.partnership.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.reviews.permissions import lead_agency_ids

PLAN_READER_ROLES = (
    *BUSINESS_UNIT_ROLES,
    Role.INDEPENDENT_CHAIR,
    Role.SAR_SUBGROUP_MEMBER,
    Role.BOARD_MEMBER,
)


# The review's long texts are not shown with an action.
REVIEW_TEXT = ("review__lines_of_enquiry", "review__methodology")


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_actions(user: Any) -> bool:
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def reads_whole_plan(user: Any) -> bool:
    return _active(user) and user.has_role(*PLAN_READER_ROLES)


def leads_any_action(user: Any) -> bool:
    return _active(user) and Action.objects.filter(lead_id=user.pk).exists()


def can_list_actions(user: Any) -> bool:
    return reads_whole_plan(user) or bool(lead_agency_ids(user)) or leads_any_action(user)


def visible_actions(user: Any) -> QuerySet[Action]:
    if not _active(user):
        return Action.objects.none()
    if reads_whole_plan(user):
        return Action.objects.all()
    return Action.objects.filter(Q(owner_agency_id__in=lead_agency_ids(user)) | Q(lead_id=user.pk))


def can_report_progress(user: Any, action: Action) -> bool:
    if not _active(user):
        return False
    if action.owner_agency_id is None:
        return can_manage_actions(user) or action.lead_id == user.pk
    return action.owner_agency_id in lead_agency_ids(user) or action.lead_id == user.pk


def access_action(user: Any, action_id: Any) -> Action:
    """One action for those who may see it; 404 for missing and forbidden alike."""
    try:
        pk = int(action_id)
        action = (
            visible_actions(user)
            .select_related("review", "owner_agency", "lead", "recommendation", "finding")
            .defer(*REVIEW_TEXT)
            .get(pk=pk)
        )
    except (Action.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
    return action


def can_view_agency(user: Any, agency_id: int) -> bool:
    return reads_whole_plan(user) or agency_id in lead_agency_ids(user)
