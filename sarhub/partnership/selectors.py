"""Reading the partnership. Every selector that returns people's data takes the acting user."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from sarhub.partnership import permissions
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person


def current_board() -> Board:
    return Board.current()


def agencies(user: Any, *, include_inactive: bool = True) -> QuerySet[Agency]:
    """Agencies with counts of their active people. Managers see all; others see none here."""
    if not permissions.can_manage_partnership(user):
        return Agency.objects.none()
    qs = Agency.objects.annotate(
        people_count=Count(
            "memberships__person",
            filter=Q(memberships__ended_at__isnull=True, memberships__person__is_active=True),
            distinct=True,
        )
    ).order_by("name")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs


def active_agency_choices() -> QuerySet[Agency]:
    """Agencies a person can be attached to (names only, not personal data)."""
    return Agency.objects.filter(is_active=True).order_by("name")


def people(
    user: Any,
    *,
    search: str = "",
    agency_id: int | None = None,
    role: str = "",
    status: str = "active",
) -> QuerySet[Person]:
    if not permissions.can_manage_partnership(user):
        return Person.objects.none()
    qs = Person.objects.all()
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "deactivated":
        qs = qs.filter(is_active=False)
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if agency_id:
        qs = qs.filter(memberships__agency_id=agency_id, memberships__ended_at__isnull=True)
    if role:
        qs = qs.filter(memberships__role=role, memberships__ended_at__isnull=True)
    return (
        qs.distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(ended_at__isnull=True).select_related("agency"),
                to_attr="current_memberships",
            )
        )
        .order_by("full_name", "email")
    )


def memberships_of(user: Any, person: Person) -> QuerySet[Membership]:
    if not permissions.can_manage_partnership(user) and user.pk != person.pk:
        return Membership.objects.none()
    return person.memberships.select_related("agency", "granted_by", "ended_by").order_by("ended_at", "role")


def invitations(user: Any, *, status: str = "") -> QuerySet[Invitation]:
    if not permissions.can_manage_partnership(user):
        return Invitation.objects.none()
    return Invitation.objects.select_related("agency", "created_by").order_by("-created_at")


def agency_people(user: Any, agency: Agency) -> QuerySet[Person]:
    if not permissions.can_manage_partnership(user):
        return Person.objects.none()
    return people(user, agency_id=agency.pk, status="all")
