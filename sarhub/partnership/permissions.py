"""Who may do what with the partnership's records. The only place these rules live."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.partnership.models import Agency, Invitation, Person, RoleGrant

MANAGER_ROLES = (*BUSINESS_UNIT_ROLES, Role.SYSTEM_ADMINISTRATOR)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_partnership(user: Any) -> bool:
    """The business unit and system administrators manage agencies, people, roles and invitations."""
    return _active(user) and user.has_role(*MANAGER_ROLES)


def can_grant_role(user: Any, role: str) -> bool:
    """Only a system administrator can make someone a system administrator."""
    if not can_manage_partnership(user):
        return False
    if role == Role.SYSTEM_ADMINISTRATOR:
        return bool(user.has_role(Role.SYSTEM_ADMINISTRATOR))
    return True


def can_change_person(user: Any, person: Person) -> bool:
    """Managers change other people's roles and status, never their own (no self-escalation or lock-out),
    and only a system administrator changes a system administrator."""
    if not can_manage_partnership(user) or person.pk == user.pk:
        return False
    return not (person.has_role(Role.SYSTEM_ADMINISTRATOR) and not user.has_role(Role.SYSTEM_ADMINISTRATOR))


def can_decide_role_grant(user: Any, grant: RoleGrant) -> bool:
    """The second person for a powerful role: allowed to grant it and to change the person, and not the
    person receiving it (can_change_person). The proposer is refused by the service with a reason."""
    return can_grant_role(user, grant.role) and can_change_person(user, grant.person)


def access_role_grant(user: Any, person: Person, grant_id: Any) -> RoleGrant:
    if not can_manage_partnership(user):
        raise Http404
    try:
        return RoleGrant.objects.select_related("person", "proposed_by").get(pk=int(grant_id), person=person)
    except (RoleGrant.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def access_person(user: Any, person_id: Any) -> Person:
    if not can_manage_partnership(user):
        raise Http404
    try:
        return Person.objects.get(pk=int(person_id))
    except (Person.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def access_agency(user: Any, agency_id: Any) -> Agency:
    if not can_manage_partnership(user):
        raise Http404
    try:
        return Agency.objects.get(pk=int(agency_id))
    except (Agency.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def access_invitation(user: Any, invitation_id: Any) -> Invitation:
    if not can_manage_partnership(user):
        raise Http404
    try:
        return Invitation.objects.select_related("agency", "created_by").get(pk=int(invitation_id))
    except (Invitation.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
