"""Partnership services: permission checks, validation that changes nothing, and an audit event per write."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.partnership import services
from sarhub.partnership.models import Agency, AgencyType, Board, Invitation, Membership, Person, RoleGrant
from tests.factories import AgencyFactory, PersonFactory
from tests.personas import PERSONA_KEYS

MANAGERS = ["bu_manager", "bu_coordinator", "sysadmin"]
NON_MANAGERS = [k for k in PERSONA_KEYS if k not in MANAGERS]


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def _board_data(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Testshire Safeguarding Adults Board",
        "short_name": "TSAB",
        "concern_phone": "01632 960001",
        "website": "https://www.tsab.example.org",
        "financial_year_start_month": 4,
        "purpose": "Learning together.",
        **overrides,
    }


# --- The Board and agencies ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_update_board_saves_and_audits_field_names_only(personas):
    board = services.update_board(personas["bu_coordinator"], _board_data(concern_phone="01632 960999"))
    assert board.concern_phone == "01632 960999"
    event = AuditEvent.objects.get(object_type="partnership.board")
    assert event.action == Action.UPDATE
    assert event.detail == "changed: concern_phone, purpose"
    assert "960999" not in event.detail


@pytest.mark.django_db
@pytest.mark.parametrize("key", NON_MANAGERS)
def test_only_managers_update_the_board(personas, key):
    with pytest.raises(PermissionDenied):
        services.update_board(personas[key], _board_data(name="Hijacked"))
    assert Board.objects.get().name == "Testshire Safeguarding Adults Board"


@pytest.mark.django_db
def test_invalid_board_data_changes_nothing(personas):
    with pytest.raises(ValidationError):
        services.update_board(personas["bu_manager"], _board_data(name="", website="not a url"))
    assert Board.objects.get().name == "Testshire Safeguarding Adults Board"
    assert not AuditEvent.objects.filter(object_type="partnership.board").exists()


@pytest.mark.django_db
def test_save_agency_creates_updates_and_audits(personas):
    manager = personas["bu_manager"]
    agency = services.save_agency(
        manager,
        Agency(),
        {"name": "Testshire Fire", "short_name": "TFRS", "agency_type": "fire_and_rescue", "is_active": True},
    )
    assert Agency.objects.get(pk=agency.pk).name == "Testshire Fire"
    services.save_agency(manager, agency, {"name": "Testshire Fire and Rescue", "is_active": False})
    agency.refresh_from_db()
    assert (agency.name, agency.short_name, agency.is_active) == ("Testshire Fire and Rescue", "TFRS", False)
    events = list(
        AuditEvent.objects.filter(object_type="partnership.agency").order_by("id").values_list("action", "detail")
    )
    assert events == [
        (Action.CREATE, "changed: agency_type, name, short_name"),
        (Action.UPDATE, "changed: is_active, name"),
        (Action.STATE_CHANGE, "inactive"),
    ]


@pytest.mark.django_db
def test_invalid_agency_changes_nothing(personas):
    agency = Agency.objects.get(name="Testshire Council")
    with pytest.raises(ValidationError):
        services.save_agency(personas["bu_manager"], agency, {"name": "", "agency_type": "not-a-type"})
    agency.refresh_from_db()
    assert agency.name == "Testshire Council"
    with pytest.raises(ValidationError):
        services.save_agency(
            personas["bu_manager"], Agency(), {"name": "Testshire Police", "agency_type": AgencyType.POLICE}
        )
    assert Agency.objects.filter(name="Testshire Police").count() == 1
    assert not AuditEvent.objects.filter(object_type="partnership.agency").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("key", NON_MANAGERS)
def test_only_managers_save_agencies(personas, key):
    with pytest.raises(PermissionDenied):
        services.save_agency(personas[key], Agency(), {"name": "Rogue", "agency_type": "other"})
    assert not Agency.objects.filter(name="Rogue").exists()


# --- Roles ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_grant_role_creates_an_audited_membership(personas):
    manager, person = personas["bu_manager"], personas["chair"]
    membership = services.grant_role(manager, person, Role.BOARD_MEMBER, Agency.objects.get(name="Testshire Police"))
    assert isinstance(membership, Membership)
    assert membership.granted_by == manager
    assert membership.agency is not None
    assert membership.agency.name == "Testshire Police"
    event = AuditEvent.objects.get(object_type="partnership.membership")
    assert (event.action, event.object_id, event.person) == (Action.CREATE, str(membership.pk), manager)


@pytest.mark.django_db
def test_only_a_system_administrator_can_grant_system_administrator(personas):
    target = personas["chair"]
    for key in ("bu_manager", "bu_coordinator"):
        with pytest.raises(ValidationError) as error:
            services.grant_role(personas[key], target, Role.SYSTEM_ADMINISTRATOR, None)
        assert "You cannot give the role system administrator" in _messages(error)
    assert not Membership.objects.filter(person=target, role=Role.SYSTEM_ADMINISTRATOR).exists()
    grant = services.grant_role(personas["sysadmin"], target, Role.SYSTEM_ADMINISTRATOR, None)
    assert isinstance(grant, RoleGrant)  # a powerful role waits for a second system administrator
    second = cast(Person, PersonFactory(email="second.admin@testshire.example.org"))
    Membership.objects.create(person=second, role=Role.SYSTEM_ADMINISTRATOR)
    for key in ("bu_manager", "bu_coordinator"):
        with pytest.raises(PermissionDenied):
            services.confirm_role_grant(personas[key], grant)
    services.confirm_role_grant(second, grant)
    assert Membership.objects.active().filter(person=target, role=Role.SYSTEM_ADMINISTRATOR).exists()


@pytest.mark.django_db
def test_only_a_system_administrator_can_invite_a_system_administrator(personas):
    with pytest.raises(ValidationError):
        services.invite_person(
            personas["bu_manager"],
            email="x@testshire.example.org",
            full_name="X",
            agency=None,
            roles=[Role.SYSTEM_ADMINISTRATOR],
        )
    assert not Invitation.objects.exists()
    services.invite_person(
        personas["sysadmin"],
        email="x@testshire.example.org",
        full_name="X",
        agency=None,
        roles=[Role.SYSTEM_ADMINISTRATOR],
    )
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.LINE_MANAGER, Role.AGENCY_SAFEGUARDING_LEAD])
def test_an_agency_role_without_an_agency_gives_a_clear_error(personas, role):
    with pytest.raises(ValidationError) as error:
        services.grant_role(personas["bu_manager"], personas["chair"], role, None)
    assert error.value.message_dict == {"agency": [f"Select the agency for the role {role.label.lower()}"]}
    assert not Membership.objects.filter(person=personas["chair"], role=role).exists()


@pytest.mark.django_db
def test_a_board_role_drops_any_agency(personas):
    membership = services.grant_role(
        personas["bu_manager"],
        personas["practitioner"],
        Role.INDEPENDENT_REVIEWER,
        Agency.objects.get(name="Testshire Council"),
    )
    assert isinstance(membership, Membership)
    assert membership.agency is None


@pytest.mark.django_db
def test_a_duplicate_role_is_refused(personas):
    agency = Agency.objects.get(name="Testshire Council")
    with pytest.raises(ValidationError) as error:
        services.grant_role(personas["bu_manager"], personas["practitioner"], Role.PRACTITIONER, agency)
    assert "This person already has this role" in _messages(error)
    with pytest.raises(ValidationError):
        services.grant_role(personas["bu_manager"], personas["chair"], Role.INDEPENDENT_CHAIR, None)
    assert Membership.objects.filter(person=personas["practitioner"], role=Role.PRACTITIONER).count() == 1
    # The same role for another agency is a different membership.
    other = cast(Agency, AgencyFactory(name="Testshire Housing"))
    services.grant_role(personas["bu_manager"], personas["practitioner"], Role.PRACTITIONER, other)
    assert Membership.objects.active().filter(person=personas["practitioner"], role=Role.PRACTITIONER).count() == 2


@pytest.mark.django_db
def test_an_ended_role_can_be_granted_again(personas):
    manager, person = personas["bu_manager"], personas["chair"]
    membership = Membership.objects.get(person=person, role=Role.INDEPENDENT_CHAIR)
    services.end_membership(manager, membership)
    grant = services.grant_role(manager, person, Role.INDEPENDENT_CHAIR, None)
    assert isinstance(grant, RoleGrant)
    services.confirm_role_grant(personas["bu_coordinator"], grant)
    assert Membership.objects.filter(person=person, role=Role.INDEPENDENT_CHAIR).count() == 2
    assert Membership.objects.active().filter(person=person, role=Role.INDEPENDENT_CHAIR).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["lead_reviewer", "panel_member", "event_participant", "superuser", ""])
def test_review_roles_and_unknown_roles_are_refused(personas, role):
    with pytest.raises(ValidationError):
        services.grant_role(personas["sysadmin"], personas["chair"], role, None)
    assert Membership.objects.filter(person=personas["chair"]).count() == 1


@pytest.mark.django_db
def test_an_inactive_agency_cannot_be_used(personas):
    agency = Agency.objects.get(name="Testshire Council")
    Agency.objects.filter(pk=agency.pk).update(is_active=False)
    with pytest.raises(ValidationError) as error:
        services.grant_role(
            personas["bu_manager"], personas["chair"], Role.PRACTITIONER, Agency.objects.get(pk=agency.pk)
        )
    assert "Select an active agency" in _messages(error)


@pytest.mark.django_db
@pytest.mark.parametrize("key", MANAGERS)
def test_managers_cannot_change_themselves(personas, key):
    me = personas[key]
    with pytest.raises(PermissionDenied):
        services.grant_role(me, me, Role.BOARD_MEMBER, None)
    with pytest.raises(PermissionDenied):
        services.end_membership(me, me.memberships.get())
    with pytest.raises(PermissionDenied):
        services.deactivate_person(me, me)
    assert Membership.objects.active().filter(person=me).count() == 1
    assert Person.objects.get(pk=me.pk).is_active


@pytest.mark.django_db
def test_only_a_system_administrator_changes_a_system_administrator(personas):
    admin = personas["sysadmin"]
    for key in ("bu_manager", "bu_coordinator"):
        with pytest.raises(PermissionDenied):
            services.deactivate_person(personas[key], admin)
        with pytest.raises(PermissionDenied):
            services.end_membership(personas[key], admin.memberships.get())
    other_admin = cast(Person, PersonFactory(email="second.admin@testshire.example.org"))
    Membership.objects.create(person=other_admin, role=Role.SYSTEM_ADMINISTRATOR)
    services.deactivate_person(admin, other_admin)
    assert not Person.objects.get(pk=other_admin.pk).is_active


@pytest.mark.django_db
@pytest.mark.parametrize("key", NON_MANAGERS)
def test_non_managers_cannot_change_people(personas, key):
    target = personas["practitioner"] if key != "practitioner" else personas["chair"]
    with pytest.raises(PermissionDenied):
        services.grant_role(personas[key], target, Role.BOARD_MEMBER, None)
    with pytest.raises(PermissionDenied):
        services.deactivate_person(personas[key], target)
    with pytest.raises(PermissionDenied):
        services.update_person_details(personas[key], target, full_name="Renamed", job_title="")
    assert Person.objects.get(pk=target.pk).is_active


@pytest.mark.django_db
def test_ending_a_role_twice_is_refused(personas):
    membership = Membership.objects.get(person=personas["chair"])
    services.end_membership(personas["bu_manager"], membership)
    with pytest.raises(ValidationError):
        services.end_membership(personas["bu_manager"], membership)
    assert AuditEvent.objects.filter(object_type="partnership.membership", action=Action.STATE_CHANGE).count() == 1


@pytest.mark.django_db
def test_deactivate_and_reactivate(personas):
    manager, person = personas["bu_manager"], personas["practitioner"]
    services.deactivate_person(manager, person)
    assert person.deactivated_at is not None
    with pytest.raises(ValidationError):
        services.deactivate_person(manager, person)
    services.reactivate_person(manager, person)
    assert person.is_active and person.deactivated_at is None
    with pytest.raises(ValidationError):
        services.reactivate_person(manager, person)
    details = list(
        AuditEvent.objects.filter(object_type="partnership.person").order_by("id").values_list("detail", flat=True)
    )
    assert details == ["deactivated; 0 sessions ended", "reactivated"]


@pytest.mark.django_db
def test_people_can_update_their_own_details_but_only_those(personas):
    me = personas["practitioner"]
    services.update_person_details(me, me, full_name="Pat Practitioner", job_title="Senior practitioner")
    me.refresh_from_db()
    assert (me.full_name, me.job_title) == ("Pat Practitioner", "Senior practitioner")
    event = AuditEvent.objects.get(object_type="partnership.person")
    assert event.detail == "changed: full_name, job_title"
    with pytest.raises(ValidationError):
        services.update_person_details(me, me, full_name="", job_title="")


# --- Invitations ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invitation_validation(personas):
    manager = personas["bu_manager"]
    council = Agency.objects.get(name="Testshire Council")
    with pytest.raises(ValidationError) as error:
        services.invite_person(manager, email="a@testshire.example.org", full_name="A", agency=None, roles=[])
    assert "Select at least one role" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.invite_person(
            manager, email="a@testshire.example.org", full_name="A", agency=council, roles=[Role.INDEPENDENT_CHAIR]
        )
    assert "None of the selected roles belongs to an agency" in _messages(error)
    with pytest.raises(ValidationError):
        services.invite_person(
            manager, email="not-an-email", full_name="A", agency=None, roles=[Role.INDEPENDENT_CHAIR]
        )
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_accepting_grants_only_the_invited_roles(personas):
    council = Agency.objects.get(name="Testshire Council")
    issued = services.invite_person(
        personas["bu_manager"],
        email="ali.new@testshire.example.org",
        full_name="Ali",
        agency=council,
        roles=[Role.PRACTITIONER, Role.INDEPENDENT_REVIEWER],
    )
    person = services.accept_invitation(
        issued.invitation.pk,
        email="ali.new@testshire.example.org",
        full_name="Ali New",
        password="plum orchid tractor 9",
    )
    roles = set(Membership.objects.filter(person=person).values_list("role", "agency__name"))
    assert roles == {(Role.PRACTITIONER, "Testshire Council"), (Role.INDEPENDENT_REVIEWER, None)}
    assert person.full_name == "Ali New"
    assert not person.is_superuser
    assert person.is_staff is False


@pytest.mark.django_db
def test_withdrawn_invitation_cannot_be_accepted_or_resent(personas):
    issued = services.invite_person(
        personas["bu_manager"], email="w@testshire.example.org", full_name="W", agency=None, roles=[Role.BOARD_MEMBER]
    )
    services.withdraw_invitation(personas["bu_coordinator"], issued.invitation)
    with pytest.raises(ValidationError):
        services.accept_invitation(
            issued.invitation.pk, email="w@testshire.example.org", full_name="W", password="plum orchid tractor 9"
        )
    with pytest.raises(ValidationError):
        services.resend_invitation(personas["bu_manager"], issued.invitation)
    with pytest.raises(ValidationError):
        services.withdraw_invitation(personas["bu_manager"], issued.invitation)
    assert not Person.objects.filter(email="w@testshire.example.org").exists()
    assert services.find_invitation(issued.token).status == "withdrawn"  # type: ignore[union-attr]


@pytest.mark.django_db
def test_expired_invitation_cannot_be_accepted(personas):
    issued = services.invite_person(
        personas["bu_manager"], email="e@testshire.example.org", full_name="E", agency=None, roles=[Role.BOARD_MEMBER]
    )
    Invitation.objects.filter(pk=issued.invitation.pk).update(expires_at=timezone.now())
    with pytest.raises(ValidationError):
        services.accept_invitation(
            issued.invitation.pk, email="e@testshire.example.org", full_name="E", password="plum orchid tractor 9"
        )
    assert not Person.objects.filter(email="e@testshire.example.org").exists()


@pytest.mark.parametrize("token", ["", "x" * 101])
@pytest.mark.django_db
def test_find_invitation_ignores_empty_and_overlong_tokens(token):
    assert services.find_invitation(token) is None
