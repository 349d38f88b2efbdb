"""Partnership pages: agencies, the Board, people and roles, with GOV.UK errors and no mass assignment."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person
from sarhub.partnership.roles import Role
from tests.personas import PERSONA_KEYS

MANAGERS = ["bu_manager", "bu_coordinator", "sysadmin"]
NON_MANAGERS = [k for k in PERSONA_KEYS if k not in MANAGERS]


def _body(response: Any) -> str:
    return response.content.decode()


def _has_error_summary(response: Any, message: str) -> bool:
    body = _body(response)
    summary_start = body.find('class="govuk-error-summary"')
    return summary_start != -1 and message in body[summary_start:] and "There is a problem" in body


def _agency_snapshot() -> list[tuple[Any, ...]]:
    return list(Agency.objects.order_by("pk").values_list("pk", "name", "short_name", "agency_type", "is_active"))


def _people_snapshot() -> list[tuple[Any, ...]]:
    return list(
        Person.objects.order_by("pk").values_list(
            "pk", "email", "full_name", "job_title", "is_active", "is_superuser", "password"
        )
    )


def _membership_snapshot() -> list[tuple[Any, ...]]:
    return list(Membership.objects.order_by("pk").values_list("pk", "person_id", "role", "agency_id", "ended_at"))


# --- Access ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", NON_MANAGERS)
def test_partnership_pages_are_refused_to_non_managers(personas, client_for, key):
    client = client_for(personas[key])
    council = Agency.objects.get(name="Testshire Council")
    target = personas["practitioner"] if key != "practitioner" else personas["chair"]
    before = (_agency_snapshot(), _people_snapshot(), _membership_snapshot())
    for url in [
        reverse("partnership:overview"),
        reverse("partnership:board-edit"),
        reverse("partnership:agency-list"),
        reverse("partnership:agency-create"),
        reverse("partnership:agency-detail", args=[council.pk]),
        reverse("partnership:agency-edit", args=[council.pk]),
        reverse("partnership:person-list"),
        reverse("partnership:person-detail", args=[target.pk]),
        reverse("partnership:invitation-list"),
    ]:
        assert client.get(url).status_code == 403, url
    posts = {
        reverse("partnership:agency-create"): {"name": "Rogue", "agency_type": "other", "is_active": "on"},
        reverse("partnership:agency-edit", args=[council.pk]): {"name": "Renamed", "agency_type": "other"},
        reverse("partnership:role-add", args=[target.pk]): {"role": "system_admin"},
        reverse("partnership:person-deactivate", args=[target.pk]): {},
        reverse("partnership:person-edit", args=[target.pk]): {"full_name": "Renamed"},
        reverse("partnership:board-edit"): {"name": "Renamed"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert (_agency_snapshot(), _people_snapshot(), _membership_snapshot()) == before
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, person=personas[key]).count() == 9 + len(posts)


@pytest.mark.django_db
@pytest.mark.parametrize("key", MANAGERS)
def test_managers_reach_the_partnership_pages(personas, client_for, key):
    client = client_for(personas[key])
    for name in ("overview", "board-edit", "agency-list", "agency-create", "person-list", "invitation-list"):
        assert client.get(reverse(f"partnership:{name}")).status_code == 200, name


# --- Agencies ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_an_agency(personas, client_for):
    client = client_for(personas["bu_manager"])
    response = client.post(
        reverse("partnership:agency-create"),
        {
            "name": "Testshire Fire and Rescue",
            "short_name": "TFRS",
            "agency_type": "fire_and_rescue",
            "is_active": "on",
        },
    )
    agency = Agency.objects.get(name="Testshire Fire and Rescue")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:agency-detail", args=[agency.pk])
    assert (agency.short_name, agency.agency_type, agency.is_active) == ("TFRS", "fire_and_rescue", True)
    assert "Testshire Fire and Rescue" in _body(client.get(reverse("partnership:agency-list")))
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="partnership.agency", object_id=str(agency.pk)
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "agency_type": "police"}, "Enter the agency&#x27;s name"),
        ({"name": "New Agency"}, "Select the type of agency"),
        ({"name": "New Agency", "agency_type": "mi6"}, "Select a valid choice"),
        ({"name": "Testshire Police", "agency_type": "police"}, "There is already an agency with this name"),
        ({"name": "x" * 201, "agency_type": "police"}, "Ensure this value has at most 200 characters"),
    ],
)
def test_adding_a_bad_agency_shows_errors_and_changes_nothing(personas, client_for, data, message):
    before = _agency_snapshot()
    response = client_for(personas["bu_coordinator"]).post(reverse("partnership:agency-create"), data)
    assert response.status_code == 200
    assert _has_error_summary(response, message), _body(response)
    assert "govuk-form-group--error" in _body(response)
    assert "(error)" in _body(response).split("</title>")[0]
    assert _agency_snapshot() == before
    assert not AuditEvent.objects.filter(object_type="partnership.agency").exists()


@pytest.mark.django_db
def test_change_an_agency(personas, client_for):
    agency = Agency.objects.get(name="Testshire Council")
    client = client_for(personas["bu_manager"])
    url = reverse("partnership:agency-edit", args=[agency.pk])
    assert "Testshire Council" in _body(client.get(url))
    response = client.post(
        url, {"name": "Testshire Borough Council", "short_name": "TBC", "agency_type": "local_authority"}
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.name, agency.short_name, agency.agency_type, agency.is_active) == (
        "Testshire Borough Council",
        "TBC",
        "local_authority",
        False,  # the unticked box
    )


@pytest.mark.django_db
def test_changing_an_agency_badly_changes_nothing(personas, client_for):
    agency = Agency.objects.get(name="Testshire Council")
    before = _agency_snapshot()
    response = client_for(personas["bu_manager"]).post(
        reverse("partnership:agency-edit", args=[agency.pk]), {"name": "Testshire Police", "agency_type": "other"}
    )
    assert _has_error_summary(response, "There is already an agency with this name")
    assert _agency_snapshot() == before


@pytest.mark.django_db
def test_unknown_agency_is_not_found(personas, client_for):
    client = client_for(personas["bu_manager"])
    assert client.get(reverse("partnership:agency-detail", args=[999999])).status_code == 404
    assert client.get(reverse("partnership:agency-edit", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_agency_detail_lists_its_people(personas, client_for):
    agency = Agency.objects.get(name="Testshire Council")
    body = _body(client_for(personas["bu_manager"]).get(reverse("partnership:agency-detail", args=[agency.pk])))
    assert "Persona practitioner" in body
    assert "Persona line_manager" in body
    assert "Persona chair" not in body


# --- Extra POST fields never change a record ------------------------------------------------------------


@pytest.mark.django_db
def test_extra_fields_on_agency_forms_are_ignored(personas, client_for):
    police = Agency.objects.get(name="Testshire Police")
    client = client_for(personas["bu_manager"])
    client.post(
        reverse("partnership:agency-create"),
        {
            "name": "Extra Agency",
            "agency_type": "other",
            "is_active": "on",
            "id": police.pk,
            "pk": police.pk,
            "created_at": "2000-01-01",
        },
    )
    created = Agency.objects.get(name="Extra Agency")
    assert created.pk != police.pk
    assert created.created_at.year != 2000
    police.refresh_from_db()
    assert police.name == "Testshire Police"


@pytest.mark.django_db
def test_extra_fields_on_person_edit_are_ignored(personas, client_for):
    manager, target = personas["bu_manager"], personas["practitioner"]
    before = Person.objects.values("email", "is_active", "is_superuser", "password").get(pk=target.pk)
    response = client_for(manager).post(
        reverse("partnership:person-edit", args=[target.pk]),
        {
            "full_name": "Pat Renamed",
            "job_title": "Social worker",
            "email": "attacker@evil.example",
            "is_superuser": "on",
            "is_active": "",
            "password": "x",
            "roles": ["system_admin"],
            "role": "system_admin",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.full_name, target.job_title) == ("Pat Renamed", "Social worker")
    assert Person.objects.values("email", "is_active", "is_superuser", "password").get(pk=target.pk) == before
    assert set(Membership.objects.filter(person=target).values_list("role", flat=True)) == {Role.PRACTITIONER}


@pytest.mark.django_db
def test_extra_fields_on_role_add_cannot_redirect_the_role_to_someone_else(personas, client_for):
    manager, target = personas["bu_manager"], personas["chair"]
    before_manager = _membership_snapshot()
    client_for(manager).post(
        reverse("partnership:role-add", args=[target.pk]),
        {
            "role": "board_member",
            "person": manager.pk,
            "person_id": manager.pk,
            "granted_by": target.pk,
            "is_superuser": "on",
        },
    )
    added = Membership.objects.get(person=target, role=Role.BOARD_MEMBER)
    assert added.granted_by == manager
    assert len(_membership_snapshot()) == len(before_manager) + 1
    assert Membership.objects.filter(person=manager).count() == 1
    assert not Person.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_extra_fields_on_own_account_pages_change_nothing(personas, client_for):
    me = personas["practitioner"]
    client = client_for(me)
    before = (_people_snapshot(), _membership_snapshot())
    client.post(reverse("accounts:account"), {"is_superuser": "on", "roles": ["system_admin"]})
    client.post(reverse("accounts:sessions"), {"is_superuser": "on"})
    client.post(reverse("core:home"), {"role": "bu_manager"})
    assert (_people_snapshot(), _membership_snapshot()) == before


@pytest.mark.django_db
def test_extra_fields_on_the_invitation_form_are_ignored(personas, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas["bu_manager"]).post(
            reverse("partnership:invitation-create"),
            {
                "full_name": "Jo New",
                "email": "jo.new@testshire.example.org",
                "roles": ["board_member"],
                "created_by": personas["chair"].pk,
                "expires_at": "2099-01-01T00:00:00Z",
                "token_hash": "0" * 64,
            },
        )
    invitation = Invitation.objects.get()
    assert invitation.created_by == personas["bu_manager"]
    assert invitation.expires_at.year != 2099
    assert invitation.token_hash != "0" * 64


# --- Managers cannot change themselves --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", MANAGERS)
def test_managers_cannot_change_themselves(personas, client_for, key):
    me = personas[key]
    client = client_for(me)
    own = me.memberships.get()
    before = (_people_snapshot(), _membership_snapshot())

    detail = client.get(reverse("partnership:person-detail", args=[me.pk]))
    assert detail.status_code == 200
    assert "You cannot change your own roles or deactivate yourself" in _body(detail)
    assert client.get(reverse("partnership:role-add", args=[me.pk])).status_code == 404
    assert client.post(reverse("partnership:role-add", args=[me.pk]), {"role": "system_admin"}).status_code == 404
    assert client.post(reverse("partnership:role-end", args=[me.pk, own.pk])).status_code == 404
    assert client.post(reverse("partnership:person-deactivate", args=[me.pk])).status_code == 404
    assert client.post(reverse("partnership:person-edit", args=[me.pk]), {"full_name": "Me"}).status_code == 404

    assert (_people_snapshot(), _membership_snapshot()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bu_manager", "bu_coordinator"])
def test_the_business_unit_cannot_change_a_system_administrator(personas, client_for, key):
    admin = personas["sysadmin"]
    client = client_for(personas[key])
    before = (_people_snapshot(), _membership_snapshot())
    assert "Only a system administrator can change this person" in _body(
        client.get(reverse("partnership:person-detail", args=[admin.pk]))
    )
    assert client.post(reverse("partnership:person-deactivate", args=[admin.pk])).status_code == 404
    assert client.post(reverse("partnership:role-end", args=[admin.pk, admin.memberships.get().pk])).status_code == 404
    assert (_people_snapshot(), _membership_snapshot()) == before


# --- Roles ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bu_manager", "bu_coordinator"])
def test_only_a_system_administrator_can_give_the_system_administrator_role(personas, client_for, key):
    target = personas["chair"]
    client = client_for(personas[key])
    form = client.get(reverse("partnership:role-add", args=[target.pk]))
    assert 'value="system_admin"' not in _body(form)
    response = client.post(reverse("partnership:role-add", args=[target.pk]), {"role": "system_admin"})
    assert response.status_code == 200
    assert _has_error_summary(response, "Select a role from the list")
    assert not Membership.objects.filter(person=target, role=Role.SYSTEM_ADMINISTRATOR).exists()

    sysadmin = client_for(personas["sysadmin"])
    assert 'value="system_admin"' in _body(sysadmin.get(reverse("partnership:role-add", args=[target.pk])))
    assert sysadmin.post(reverse("partnership:role-add", args=[target.pk]), {"role": "system_admin"}).status_code == 302
    assert Membership.objects.active().filter(person=target, role=Role.SYSTEM_ADMINISTRATOR).exists()


@pytest.mark.django_db
def test_a_role_that_needs_an_agency_without_one_gives_a_clear_error(personas, client_for):
    target = personas["chair"]
    before = _membership_snapshot()
    response = client_for(personas["bu_manager"]).post(
        reverse("partnership:role-add", args=[target.pk]), {"role": "practitioner"}
    )
    assert response.status_code == 200
    assert _has_error_summary(response, "Select the agency for the role practitioner")
    assert _membership_snapshot() == before


@pytest.mark.django_db
def test_a_duplicate_role_is_refused(personas, client_for):
    target = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    before = _membership_snapshot()
    response = client_for(personas["bu_manager"]).post(
        reverse("partnership:role-add", args=[target.pk]), {"role": "practitioner", "agency": council.pk}
    )
    assert response.status_code == 200
    assert _has_error_summary(response, "This person already has this role")
    assert _membership_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"role": "lead_reviewer"},
        {"role": "practitioner", "agency": "999999"},
        {"role": "practitioner", "agency": "abc"},
    ],
)
def test_bad_role_requests_change_nothing(personas, client_for, data):
    target = personas["chair"]
    before = _membership_snapshot()
    # A browser always sends the CSRF field, even when no radio button is chosen.
    form_data = {"csrfmiddlewaretoken": "sent-by-every-browser", **data}
    response = client_for(personas["bu_manager"]).post(reverse("partnership:role-add", args=[target.pk]), form_data)
    assert response.status_code == 200
    assert "govuk-error-summary" in _body(response)
    assert _membership_snapshot() == before


@pytest.mark.django_db
def test_give_and_remove_a_role(personas, client_for):
    target = personas["chair"]
    police = Agency.objects.get(name="Testshire Police")
    client = client_for(personas["bu_coordinator"])
    response = client.post(
        reverse("partnership:role-add", args=[target.pk]), {"role": "board_member", "agency": police.pk}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=target, role=Role.BOARD_MEMBER)
    assert membership.agency == police
    assert client.get(reverse("partnership:role-end", args=[target.pk, membership.pk])).status_code == 405
    assert client.post(reverse("partnership:role-end", args=[target.pk, membership.pk])).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None and membership.ended_by == personas["bu_coordinator"]
    # A membership of somebody else cannot be ended through this person's URL.
    other = personas["practitioner"].memberships.get()
    assert client.post(reverse("partnership:role-end", args=[target.pk, other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.ended_at is None


@pytest.mark.django_db
def test_deactivate_and_reactivate_pages(personas, client_for):
    target = personas["practitioner"]
    client = client_for(personas["bu_manager"])
    assert client.get(reverse("partnership:person-deactivate", args=[target.pk])).status_code == 200
    assert Person.objects.get(pk=target.pk).is_active  # a GET changes nothing
    assert client.post(reverse("partnership:person-deactivate", args=[target.pk])).status_code == 302
    assert not Person.objects.get(pk=target.pk).is_active
    assert client.get(reverse("partnership:person-reactivate", args=[target.pk])).status_code == 405
    assert client.post(reverse("partnership:person-reactivate", args=[target.pk])).status_code == 302
    assert Person.objects.get(pk=target.pk).is_active


# --- The Board --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_edit_the_board(personas, client_for):
    client = client_for(personas["bu_manager"])
    data = {
        "name": "Testshire SAB",
        "short_name": "TSAB",
        "concern_phone": "01632 960123",
        "website": "www.tsab.example.org",
        "financial_year_start_month": "4",
        "purpose": "To learn.",
    }
    assert client.post(reverse("partnership:board-edit"), data).status_code == 302
    board = Board.objects.get()
    assert (board.name, board.concern_phone, board.website) == (
        "Testshire SAB",
        "01632 960123",
        "https://www.tsab.example.org",
    )
    assert "01632 960123" in _body(Client().get(reverse("core:public-home")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"concern_phone": "call us"}, "Enter a phone number, like 01709 822330"),
        ({"website": "javascript:alert(1)"}, "Enter a full web address"),
        ({"name": ""}, "Enter the Board&#x27;s name"),
        ({"financial_year_start_month": "13"}, "Select a valid choice"),
    ],
)
def test_bad_board_details_change_nothing(personas, client_for, overrides, message):
    before = list(Board.objects.values())
    data = {
        "name": "Testshire SAB",
        "short_name": "TSAB",
        "concern_phone": "01632 960123",
        "website": "https://www.tsab.example.org",
        "financial_year_start_month": "4",
        "purpose": "",
        **overrides,
    }
    response = client_for(personas["bu_manager"]).post(reverse("partnership:board-edit"), data)
    assert response.status_code == 200
    assert _has_error_summary(response, message), _body(response)
    assert list(Board.objects.values()) == before


# --- People list -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_people_filters(personas, client_for):
    client = client_for(personas["bu_manager"])
    council = Agency.objects.get(name="Testshire Council")

    def names(**params: Any) -> set[str]:
        response = client.get(reverse("partnership:person-list"), params)
        assert response.status_code == 200
        return {p["full_name"] for p in response.context["page"].object_list}

    assert names(agency=council.pk) == {"Persona practitioner", "Persona line_manager"}
    assert names(role="independent_chair") == {"Persona chair"}
    assert names(q="agency.lead@") == {"Persona agency_lead"}
    Person.objects.filter(pk=personas["reviewer"].pk).update(is_active=False)
    assert "Persona reviewer" not in names()
    assert names(status="deactivated") == {"Persona reviewer"}
    assert len(names(status="all")) == len(PERSONA_KEYS)
