"""Reading the partnership. Every selector that returns people's data takes the acting user."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sarhub.partnership import permissions
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person, RoleGrant, RoleGrantStatus

BOARD_KEY = "partnership:board"


def current_board() -> Board:
    """The Board's public details, shown on every page: kept in the cache until they change."""
    board: Board | None = cache.get(BOARD_KEY)
    if board is None:
        board = Board.current()
        if board.pk is not None:
            cache.set(BOARD_KEY, board, 300)
    return board


def forget_board() -> None:
    cache.delete(BOARD_KEY)


AGENCY_COUNTS_KEY = "partnership:agency-people-counts"
AGENCY_COUNTS_SECONDS = 60


def agencies(user: Any, *, include_inactive: bool = True) -> QuerySet[Agency]:
    """Agencies, for the people who manage the partnership; others see none here."""
    if not permissions.can_manage_partnership(user):
        return Agency.objects.none()
    qs = Agency.objects.order_by("name")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs


def agency_people_counts(user: Any) -> dict[int, int]:
    """Active people with a current role, per agency.

    Counting means reading every current role (tens of thousands in a large partnership), so the
    counts are kept in the cache for a minute and forgotten whenever a role or a person's status
    changes in this process (services call forget_agency_people_counts). With several server
    processes and a per-process cache, another process may show a count up to a minute old.
    """
    if not permissions.can_manage_partnership(user):
        return {}
    counts: dict[int, int] | None = cache.get(AGENCY_COUNTS_KEY)
    if counts is None:
        rows = (
            Membership.objects.filter(ended_at__isnull=True, agency__isnull=False, person__is_active=True)
            .order_by()
            .values("agency_id")
            .annotate(n=Count("person_id", distinct=True))
        )
        counts = {row["agency_id"]: row["n"] for row in rows}
        cache.set(AGENCY_COUNTS_KEY, counts, AGENCY_COUNTS_SECONDS)
    return counts


def forget_agency_people_counts() -> None:
    cache.delete(AGENCY_COUNTS_KEY)


AGENCY_NAMES_KEY = "partnership:agency-names"


def agency_names() -> list[tuple[int, str]]:
    """(id, name) of every agency, for filters: public names, cached until an agency changes."""
    names: list[tuple[int, str]] | None = cache.get(AGENCY_NAMES_KEY)
    if names is None:
        names = list(Agency.objects.order_by("name").values_list("id", "name"))
        cache.set(AGENCY_NAMES_KEY, names, 300)
    return names


def forget_agency_names() -> None:
    cache.delete(AGENCY_NAMES_KEY)


def active_agency_choices() -> QuerySet[Agency]:
    """Agencies a person can be attached to (names only, not personal data)."""
    return Agency.objects.filter(is_active=True).only("id", "name").order_by("name")


def safeguarding_lead_counts(user: Any, agency_ids: list[int]) -> dict[int, int]:
    """How many active people currently lead safeguarding at each agency (0 for an agency with none: whatever
    is sent to it, requests, briefings, reminders, reaches nobody there)."""
    from sarhub.partnership.notify import lead_counts

    if not permissions.can_manage_partnership(user):
        return {}
    return lead_counts(agency_ids)


def agencies_without_lead(user: Any) -> int:
    """How many active agencies have no current safeguarding lead."""
    ids = list(Agency.objects.filter(is_active=True).values_list("pk", flat=True))
    return sum(1 for count in safeguarding_lead_counts(user, ids).values() if not count)


def overview_counts(user: Any) -> dict[str, int]:
    """The partnership at a glance: plain counts, without building the lists they summarise."""
    if not permissions.can_manage_partnership(user):
        return {"agency_count": 0, "people_count": 0, "pending_invitations": 0, "without_lead": 0}
    return {
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "without_lead": agencies_without_lead(user),
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
    large_agency: bool = False,
) -> QuerySet[Person, Any]:
    """People as light rows (id, email, full_name, is_active), ordered by name; see current_roles."""
    if not permissions.can_manage_partnership(user):
        return Person.objects.none().values("id", "email", "full_name", "is_active")
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
    if agency_id and large_agency:
        # A large agency: read people in name order and keep those with a role there (EXISTS), which
        # finds a page after a few dozen rows instead of sorting thousands.
        qs = qs.filter(Exists(current.filter(agency_id=agency_id, person_id=OuterRef("pk"))))
    elif agency_id:
        qs = qs.filter(pk__in=current.filter(agency_id=agency_id).values("person_id"))
    if role:
        qs = qs.filter(pk__in=current.filter(role=role).values("person_id"))
    return qs.order_by("full_name", "email").values("id", "email", "full_name", "is_active")


def current_roles(user: Any, person_ids: list[int]) -> dict[int, list[tuple[str, int | None, str | None]]]:
    """The current roles of a page of people: person id -> [(role, agency id, agency name)]."""
    if not permissions.can_manage_partnership(user) or not person_ids:
        return {}
    roles: dict[int, list[tuple[str, int | None, str | None]]] = {pk: [] for pk in person_ids}
    rows = (
        Membership.objects.filter(person_id__in=person_ids, ended_at__isnull=True)
        .order_by("role", "id")
        .values_list("person_id", "role", "agency_id", "agency__name")
    )
    for person_id, role, agency_id, agency_name in rows:
        roles[person_id].append((role, agency_id, agency_name))
    return roles


def memberships_of(user: Any, person: Person) -> QuerySet[Membership]:
    if not permissions.can_manage_partnership(user) and user.pk != person.pk:
        return Membership.objects.none()
    return (
        person.memberships.select_related("agency")
        .only("id", "person_id", "role", "agency_id", "agency__name", "granted_at", "ended_at")
        .order_by("ended_at", "role")
    )


def pending_grants_of(user: Any, person: Person) -> list[tuple[RoleGrant, bool]]:
    """The powerful roles proposed for `person` and waiting for a second person, each with whether `user`
    may confirm it (not its proposer, not the person themselves)."""
    if not permissions.can_manage_partnership(user):
        return []
    grants = RoleGrant.objects.filter(person=person, status=RoleGrantStatus.PENDING).select_related("proposed_by")
    return [
        (grant, permissions.can_decide_role_grant(user, grant) and grant.proposed_by_id != user.pk) for grant in grants
    ]


def grants_to_confirm(user: Any) -> list[RoleGrant]:
    """Every powerful role waiting for a second person that `user` may confirm (not one they proposed,
    nor one for themselves), oldest first: "Your tasks" lists them."""
    if not permissions.can_manage_partnership(user):
        return []
    pending = (
        RoleGrant.objects.filter(status=RoleGrantStatus.PENDING)
        .exclude(proposed_by_id=user.pk)
        .exclude(person_id=user.pk)
        .select_related("person")
        .order_by("proposed_at", "id")
    )
    return [grant for grant in pending if permissions.can_decide_role_grant(user, grant)]


def invitations(user: Any) -> QuerySet[Invitation]:
    if not permissions.can_manage_partnership(user):
        return Invitation.objects.none()
    return Invitation.objects.select_related("agency").order_by("-created_at")


LARGE_AGENCY = 500


def agency_people(user: Any, agency: Agency) -> tuple[QuerySet[Person, Any], int]:
    """The active people with a current role at an agency, in name order, and how many there are."""
    count = agency_people_counts(user).get(agency.pk, 0)
    return people(user, agency_id=agency.pk, status="active", large_agency=count > LARGE_AGENCY), count
