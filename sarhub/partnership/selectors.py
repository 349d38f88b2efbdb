"""Reading the partnership. Every selector that returns people's data takes the acting user."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from sarhub.partnership import permissions
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person


def current_board() -> Board:
    return Board.current()


def agencies(user: Any, *, include_inactive: bool = True) -> QuerySet[Agency]:
    """Agencies with counts of their active people. Managers see all; others see none here."""
    if not permissions.can_manage_partnership(user):
        return Agency.objects.none()
    # Counted agency by agency over its current roles, leaving out the (few) deactivated people, rather
    # than joining every role to its person and grouping: that join grew with the number of roles held.
    people_count = (
        Membership.objects.filter(agency=OuterRef("pk"), ended_at__isnull=True)
        .exclude(person__in=Person.objects.filter(is_active=False).values("pk"))
        .order_by()
        .values("agency")
        .annotate(n=Count("person", distinct=True))
        .values("n")
    )
    qs = Agency.objects.annotate(
        people_count=Coalesce(Subquery(people_count, output_field=IntegerField()), 0)
    ).order_by("name")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs


def active_agency_choices() -> QuerySet[Agency]:
    """Agencies a person can be attached to (names only, not personal data)."""
    return Agency.objects.filter(is_active=True).order_by("name")


def overview_counts(user: Any) -> dict[str, int]:
    """The partnership at a glance: plain counts, without building the lists they summarise."""
    if not permissions.can_manage_partnership(user):
        return {"agency_count": 0, "people_count": 0, "pending_invitations": 0}
    return {
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "people_count": Person.objects.filter(is_active=True).count(),
        # The database form of Invitation.status == "pending".
        "pending_invitations": Invitation.objects.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        ).count(),
    }


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
    # "Has a current role at the agency / of this kind" as IN (subquery), not a join: a join repeats a person
    # with several roles, and the DISTINCT that removes the repeats sorts every matching row, page after page.
    current = Membership.objects.filter(ended_at__isnull=True)
    if agency_id:
        qs = qs.filter(pk__in=current.filter(agency_id=agency_id).values("person_id"))
    if role:
        qs = qs.filter(pk__in=current.filter(role=role).values("person_id"))
    return qs.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(ended_at__isnull=True).select_related("agency"),
            to_attr="current_memberships",
        )
    ).order_by("full_name", "email")


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
