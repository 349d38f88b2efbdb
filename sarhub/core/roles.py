"""The roles a person can hold in the partnership, and what each role is scoped to.

A role is held through a Membership. Its scope says what the membership is attached to:
- BOARD: the whole partnership (business unit, chair, system administrator);
- AGENCY: one partner agency, which the membership must name (agency lead, practitioner, line manager);
- AGENCY_OPTIONAL: the person may represent an agency (SAR subgroup member, Board member);
- REVIEW: a single review (lead reviewer, panel member, learning-event participant). These are granted
  on a review by the review work, never through partnership management.
"""

from __future__ import annotations

from enum import Enum

from django.db import models


class Scope(Enum):
    BOARD = "board"
    AGENCY = "agency"
    AGENCY_OPTIONAL = "agency_optional"
    REVIEW = "review"


class Role(models.TextChoices):
    BUSINESS_UNIT_MANAGER = "bu_manager", "Business unit manager"
    BUSINESS_UNIT_COORDINATOR = "bu_coordinator", "Business unit coordinator"
    SAR_SUBGROUP_MEMBER = "subgroup_member", "SAR subgroup member"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
    INDEPENDENT_REVIEWER = "independent_reviewer", "Independent reviewer"
    AGENCY_SAFEGUARDING_LEAD = "agency_lead", "Agency safeguarding lead"
    PRACTITIONER = "practitioner", "Practitioner"
    LINE_MANAGER = "line_manager", "Line manager"
    BOARD_MEMBER = "board_member", "Board member or senior leader"
    SYSTEM_ADMINISTRATOR = "system_admin", "System administrator"
    # Held on a single review only.
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    PANEL_MEMBER = "panel_member", "Review panel member"
    LEARNING_EVENT_PARTICIPANT = "event_participant", "Learning event participant"


ROLE_SCOPE: dict[str, Scope] = {
    Role.BUSINESS_UNIT_MANAGER: Scope.BOARD,
    Role.BUSINESS_UNIT_COORDINATOR: Scope.BOARD,
    Role.SAR_SUBGROUP_MEMBER: Scope.AGENCY_OPTIONAL,
    Role.INDEPENDENT_CHAIR: Scope.BOARD,
    Role.INDEPENDENT_REVIEWER: Scope.BOARD,
    Role.AGENCY_SAFEGUARDING_LEAD: Scope.AGENCY,
    Role.PRACTITIONER: Scope.AGENCY,
    Role.LINE_MANAGER: Scope.AGENCY,
    Role.BOARD_MEMBER: Scope.AGENCY_OPTIONAL,
    Role.SYSTEM_ADMINISTRATOR: Scope.BOARD,
    Role.LEAD_REVIEWER: Scope.REVIEW,
    Role.PANEL_MEMBER: Scope.REVIEW,
    Role.LEARNING_EVENT_PARTICIPANT: Scope.REVIEW,
}

ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.BUSINESS_UNIT_MANAGER: "Runs the Board's SAR work and manages the partnership's people and agencies.",
    Role.BUSINESS_UNIT_COORDINATOR: "Coordinates referrals and reviews day to day; manages people and invitations.",
    Role.SAR_SUBGROUP_MEMBER: "Considers referrals and recommends SAR decisions to the independent chair.",
    Role.INDEPENDENT_CHAIR: "Makes SAR decisions and approves publication.",
    Role.INDEPENDENT_REVIEWER: "Leads reviews they are commissioned for; sees only those reviews.",
    Role.AGENCY_SAFEGUARDING_LEAD: "Answers the Board's requests for their agency and owns its actions.",
    Role.PRACTITIONER: "Takes part in learning events and reads the learning.",
    Role.LINE_MANAGER: "Supports practitioners at learning events and with actions.",
    Role.BOARD_MEMBER: "Receives thematic findings and assurance reports.",
    Role.SYSTEM_ADMINISTRATOR: "Looks after the service's configuration; uses the administration site.",
}

ROLE_LABELS: dict[str, str] = {role.value: str(role.label) for role in Role}

# Roles the business unit can grant through partnership management (review roles are granted on a review).
GRANTABLE_ROLES = [role for role in Role if ROLE_SCOPE[role] is not Scope.REVIEW]

BUSINESS_UNIT_ROLES = frozenset({Role.BUSINESS_UNIT_MANAGER, Role.BUSINESS_UNIT_COORDINATOR})

# Roles that approve publication, manage the partnership's people or run the service: nobody grants one
# alone. One person proposes, a different one confirms (partnership/services.py, propose_role).
POWERFUL_ROLES = frozenset({Role.INDEPENDENT_CHAIR, Role.BUSINESS_UNIT_MANAGER, Role.SYSTEM_ADMINISTRATOR})


def role_phrase(role: str) -> str:
    """A role's label inside a sentence: "practitioner", "SAR subgroup member" (an acronym keeps its capitals)."""
    label = ROLE_LABELS.get(role, role)
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def requires_agency(role: str) -> bool:
    return ROLE_SCOPE[Role(role)] is Scope.AGENCY


def may_have_agency(role: str) -> bool:
    return ROLE_SCOPE[Role(role)] in (Scope.AGENCY, Scope.AGENCY_OPTIONAL)
