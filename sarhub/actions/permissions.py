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
from sarhub.core.roles import BUSINESS_UNIT_ROLES, ROLE_LABELS, Role
from sarhub.partnership.models import Agency, Membership, Person
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


def can_see_action(user: Any, action: Action) -> bool:
    """The whole plan's readers see every action; a lead their agencies' actions; a named lead their own."""
    if not _active(user):
        return False
    return reads_whole_plan(user) or action.owner_agency_id in lead_agency_ids(user) or action.lead_id == user.pk


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
            Action.objects.select_related("review", "owner_agency", "lead", "recommendation", "finding")
            .defer(*REVIEW_TEXT)
            .get(pk=pk)
        )
    except (Action.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not can_see_action(user, action):
        raise Http404
    return action


# Who may lead an action the Board owns: the people who carry the Board's own work, the business unit,
# the independent chair, SAR subgroup and Board members, and agencies' safeguarding leads (who chair and
# sit on the Board's subgroups). An agency's action is led by someone of that agency.
BOARD_ACTION_LEAD_ROLES = (
    *sorted(BUSINESS_UNIT_ROLES),
    Role.INDEPENDENT_CHAIR,
    Role.SAR_SUBGROUP_MEMBER,
    Role.BOARD_MEMBER,
    Role.AGENCY_SAFEGUARDING_LEAD,
)


def possible_leads() -> QuerySet[Person]:
    """Everyone who may lead some action: active people with a current role at an active agency, or one of
    the roles that may lead the Board's own actions."""
    current = Membership.objects.filter(ended_at__isnull=True)
    return Person.objects.filter(
        Q(pk__in=current.filter(agency__is_active=True).values("person_id"))
        | Q(pk__in=current.filter(role__in=BOARD_ACTION_LEAD_ROLES).values("person_id")),
        is_active=True,
    ).order_by("full_name", "email")


def may_lead(person: Person | None, owner: Agency | None) -> bool:
    """May this person lead an action owned by `owner` (an agency, or None for the Board)?"""
    if person is None or not person.is_active:
        return False
    current = Membership.objects.filter(person_id=person.pk, ended_at__isnull=True)
    if owner is None:
        return current.filter(role__in=BOARD_ACTION_LEAD_ROLES).exists()
    return current.filter(agency_id=owner.pk).exists()


def lead_refused(person: Person, owner: Agency | None) -> str:
    """Why this person may not lead an action owned by `owner`, in words the business unit can act on."""
    if owner is None:
        return (
            f"{person.full_name} cannot lead an action the Board owns. Choose someone from the business unit, "
            "the independent chair, a SAR subgroup or Board member, or an agency's safeguarding lead"
        )
    return (
        f"{person.full_name} is not at {owner.name}, which owns the action. "
        f"Choose someone from {owner.name}, or change the owner"
    )


def lead_labels(people_ids: Any) -> dict[int, str]:
    """What to show beside each possible lead: their agencies, or their Board roles if they have none."""
    agencies: dict[int, list[str]] = {}
    roles: dict[int, list[str]] = {}
    rows = (
        Membership.objects.filter(person_id__in=people_ids, ended_at__isnull=True)
        .order_by("agency__name", "role")
        .values_list("person_id", "agency__name", "role")
    )
    for person_id, agency, role in rows:
        if agency:
            names = agencies.setdefault(person_id, [])
            if agency not in names:
                names.append(agency)
        elif role in BOARD_ACTION_LEAD_ROLES:
            roles.setdefault(person_id, []).append(ROLE_LABELS.get(role, role))
    return {pk: ", ".join(agencies.get(pk) or roles.get(pk) or []) for pk in {*agencies, *roles}}


def can_view_agency(user: Any, agency_id: int) -> bool:
    return reads_whole_plan(user) or agency_id in lead_agency_ids(user)
