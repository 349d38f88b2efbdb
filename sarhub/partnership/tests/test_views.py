"""Partnership pages: agencies (and those with no safeguarding lead), the Board, people and roles, with GOV.UK
errors and no mass assignment.

Every test standing for a person filling a form fetches the page and presses its button (tests/pages.py);
raw or tampered requests are hostile on purpose and say so."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory
from tests.pages import banner, browse_as, error_summary, field_error, fill, form_with, press, submit, text_of
from tests.personas import PERSONA_KEYS

MANAGERS = ["bu_manager", "bu_coordinator", "sysadmin"]
NON_MANAGERS = [k for k in PERSONA_KEYS if k not in MANAGERS]
AGENCIES = reverse("partnership:agency-list")


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


def _title(page: Any) -> str:
    return text_of(page.html.title)


def _person_page(browser: Any, person: Person) -> Any:
    return browser.get(reverse("partnership:person-detail", args=[person.pk]))


def _warning(page: Any) -> str:
    return text_of(page.html.select_one(".govuk-warning-text__text"))


# --- Access ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", NON_MANAGERS)
def test_partnership_pages_are_refused_to_non_managers(personas, client_for, key):
    """Hostile: people without the role ask for the pages and post to them directly."""
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
def test_managers_reach_the_partnership_pages(personas, key):
    browser = browse_as(personas[key])
    overview = browser.get(reverse("partnership:overview"))
    for link in ("^Agencies$", "^People$", "^Invitations$"):
        assert overview.click(description=link, index=0).status_code == 200, link
    assert overview.click(href=reverse("partnership:board-edit"), index=0).status_code == 200
    assert browser.get(AGENCIES).click("Add an agency").status_code == 200


# --- Agencies ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_an_agency(personas):
    browser = browse_as(personas["bu_manager"])
    form = browser.get(AGENCIES).click("Add an agency")
    added = press(
        form,
        "Add agency",
        name="Testshire Fire and Rescue",
        short_name="TFRS",
        agency_type="fire_and_rescue",
        is_active=True,
    )
    agency = Agency.objects.get(name="Testshire Fire and Rescue")
    assert added.headers["Location"] == reverse("partnership:agency-detail", args=[agency.pk])
    page = added.follow()
    assert banner(page) == (
        "Testshire Fire and Rescue has been added. It has no safeguarding lead yet, so nothing sent to the agency "
        "reaches anyone: invite one from this page."
    )
    assert "Testshire Fire and Rescue has no current safeguarding lead" in _warning(page)
    assert (agency.short_name, agency.agency_type, agency.is_active) == ("TFRS", "fire_and_rescue", True)
    assert "Testshire Fire and Rescue" in browser.get(AGENCIES).text
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="partnership.agency", object_id=str(agency.pk)
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": "", "agency_type": "police"}, "name", "Enter the agency's name"),
        ({"name": "New Agency"}, "agency_type", "Select the type of agency"),
        ({"name": "Testshire Police", "agency_type": "police"}, "name", "There is already an agency with this name"),
        ({"name": "x" * 201, "agency_type": "police"}, "name", "Agency name must be 200 characters or fewer"),
    ],
)
def test_adding_a_bad_agency_shows_errors_and_changes_nothing(personas, values, field, message):
    before = _agency_snapshot()
    page = browse_as(personas["bu_coordinator"]).get(reverse("partnership:agency-create"))
    refused = press(page, "Add agency", **values)
    assert refused.status_code == 200
    assert error_summary(refused) == [message]
    assert field_error(refused, field) == message
    assert _title(refused).startswith("Error: ")
    assert _agency_snapshot() == before
    assert not AuditEvent.objects.filter(object_type="partnership.agency").exists()


@pytest.mark.django_db
def test_a_type_the_page_does_not_offer_is_refused(personas):
    """Hostile: an agency type forced into the post."""
    form = fill(form_with(browse_as(personas["bu_manager"]).get(reverse("partnership:agency-create")), "Add agency"))
    form["name"] = "New Agency"
    form["agency_type"].force_value("mi6")
    refused = submit(form, "Add agency")
    assert field_error(refused, "agency_type").startswith("Select a valid choice")
    assert not Agency.objects.filter(name="New Agency").exists()


@pytest.mark.django_db
def test_change_an_agency(personas):
    agency = Agency.objects.get(name="Testshire Council")
    browser = browse_as(personas["bu_manager"])
    detail = browser.get(reverse("partnership:agency-detail", args=[agency.pk]))
    form = detail.click(href=reverse("partnership:agency-edit", args=[agency.pk]), index=0)
    assert form_with(form, "Save")["name"].value == "Testshire Council"
    saved = press(
        form, "Save", name="Testshire Borough Council", short_name="TBC", agency_type="local_authority", is_active=False
    )
    assert banner(saved.follow()) == "Testshire Borough Council has been saved as an inactive partner."
    agency.refresh_from_db()
    assert (agency.name, agency.short_name, agency.agency_type, agency.is_active) == (
        "Testshire Borough Council",
        "TBC",
        "local_authority",
        False,
    )
    again = press(browser.get(reverse("partnership:agency-edit", args=[agency.pk])), "Save", is_active=True)
    assert banner(again.follow()) == "Testshire Borough Council has been saved."


@pytest.mark.django_db
def test_changing_an_agency_badly_changes_nothing(personas):
    agency = Agency.objects.get(name="Testshire Council")
    before = _agency_snapshot()
    page = browse_as(personas["bu_manager"]).get(reverse("partnership:agency-edit", args=[agency.pk]))
    refused = press(page, "Save", name="Testshire Police", agency_type="other")
    assert error_summary(refused) == ["There is already an agency with this name"]
    assert field_error(refused, "name") == "There is already an agency with this name"
    assert _agency_snapshot() == before


@pytest.mark.django_db
def test_unknown_agency_is_not_found(personas):
    browser = browse_as(personas["bu_manager"])
    browser.get(reverse("partnership:agency-detail", args=[999999]), status=404)
    browser.get(reverse("partnership:agency-edit", args=[999999]), status=404)


@pytest.mark.django_db
def test_agency_detail_lists_its_people(personas):
    agency = Agency.objects.get(name="Testshire Council")
    page = browse_as(personas["bu_manager"]).get(AGENCIES).click("Testshire Council")
    assert page.request.path == reverse("partnership:agency-detail", args=[agency.pk])
    assert "Persona practitioner" in page.text
    assert "Persona line_manager" in page.text
    assert "Persona chair" not in page.text


# --- Agencies with no safeguarding lead --------------------------------------------------------------------


def _lead_cells(page: Any) -> dict[str, str]:
    """Each agency's "Safeguarding leads" cell on the agencies list."""
    cells = {}
    for row in page.html.select("tbody tr"):
        tds = row.select("td")
        if len(tds) == 5:
            cells[text_of(tds[0])] = text_of(tds[3])
    return cells


@pytest.mark.django_db
def test_agencies_with_no_current_safeguarding_lead_are_flagged(personas):
    """Whatever is sent to an agency goes to its safeguarding leads: with none, it reaches nobody."""
    AgencyFactory(name="Testshire Closed Service", is_active=False)
    browser = browse_as(personas["bu_manager"])
    page = browser.get(AGENCIES)
    assert _lead_cells(page) == {
        "Testshire Closed Service": "None",  # inactive: sent nothing, so not flagged
        "Testshire Council": "No safeguarding lead",
        "Testshire Hospital Trust": "1",
        "Testshire ICB": "No safeguarding lead",
        "Testshire Police": "No safeguarding lead",
    }
    assert _warning(page) == (
        "Warning 3 active agencies have no current safeguarding lead: Testshire Council, Testshire ICB and "
        "Testshire Police. Scoping requests, requests for chronologies, briefings and reminders sent to them "
        "reach nobody until someone there is given the role."
    )
    assert "Testshire Closed Service" not in _warning(page)
    assert "3 active agencies with no safeguarding lead" in browser.get(reverse("partnership:overview")).text

    # A lead who is deactivated, or whose role has ended, leads nothing: the hospital trust is flagged too.
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    Person.objects.filter(pk=personas["agency_lead"].pk).update(is_active=False)
    second = PersonFactory(email="second.lead@testshire.example.org")
    ended = cast(Membership, MembershipFactory(person=second, role="agency_lead", agency=hospital))
    Membership.objects.filter(pk=ended.pk).update(ended_at=timezone.now())
    assert _lead_cells(browser.get(AGENCIES))["Testshire Hospital Trust"] == "No safeguarding lead"
    detail = browser.get(reverse("partnership:agency-detail", args=[hospital.pk]))
    assert _warning(detail).startswith("Warning Testshire Hospital Trust has no current safeguarding lead.")


@pytest.mark.django_db
def test_an_agency_with_a_lead_is_not_flagged_and_giving_the_role_clears_the_flag(personas):
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    council = Agency.objects.get(name="Testshire Council")
    browser = browse_as(personas["bu_coordinator"])
    trust_page = browser.get(reverse("partnership:agency-detail", args=[hospital.pk]))
    assert trust_page.html.select_one(".govuk-warning-text") is None
    assert "Invite a safeguarding lead" not in trust_page.text

    council_page = browser.get(reverse("partnership:agency-detail", args=[council.pk]))
    assert "Testshire Council has no current safeguarding lead" in _warning(council_page)
    # The line manager takes on the role, from their page.
    person_page = _person_page(browser, personas["line_manager"])
    given = press(person_page.click("Give a role"), "Give role", role=Role.AGENCY_SAFEGUARDING_LEAD, agency=council)
    assert banner(given.follow()) == (
        "Persona line_manager now has the role agency safeguarding lead at Testshire Council."
    )
    assert (
        browser.get(reverse("partnership:agency-detail", args=[council.pk])).html.select_one(".govuk-warning-text")
        is None
    )
    assert _lead_cells(browser.get(AGENCIES))["Testshire Council"] == "1"


@pytest.mark.django_db
def test_inviting_a_lead_from_the_agency_page_chooses_the_agency_and_role(personas):
    council = Agency.objects.get(name="Testshire Council")
    page = browse_as(personas["bu_manager"]).get(reverse("partnership:agency-detail", args=[council.pk]))
    form_page = page.click(description="Invite a safeguarding lead")
    form = form_with(form_page, "Send invitation")
    assert form["agency"].value == str(council.pk)
    ticked = [box._value for box in form.fields["roles"] if box.checked]
    assert ticked == [Role.AGENCY_SAFEGUARDING_LEAD]
    sent = press(form_page, "Send invitation", full_name="Kit Lead", email="kit.lead@testshire.example.org")
    assert banner(sent.follow()) == (
        "An invitation has been sent to kit.lead@testshire.example.org, as agency safeguarding lead at "
        "Testshire Council."
    )
    invitation = Invitation.objects.get()
    assert (invitation.roles, invitation.agency) == ([Role.AGENCY_SAFEGUARDING_LEAD], council)


# --- Extra POST fields never change a record ------------------------------------------------------------


@pytest.mark.django_db
def test_extra_fields_on_agency_forms_are_ignored(personas, client_for):
    """Hostile: fields the form does not have, added to the post."""
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
def test_change_a_persons_details(personas):
    target = personas["practitioner"]
    page = _person_page(browse_as(personas["bu_manager"]), target)
    form = page.click(href=reverse("partnership:person-edit", args=[target.pk]), index=0)
    empty = press(form, "Save", full_name="")
    assert field_error(empty, "full_name") == "Enter the person's full name"
    saved = press(empty, "Save", full_name="Pat Renamed", job_title="Social worker")
    assert banner(saved.follow()) == "Their details have been saved."
    target.refresh_from_db()
    assert (target.full_name, target.job_title) == ("Pat Renamed", "Social worker")


@pytest.mark.django_db
def test_extra_fields_on_person_edit_are_ignored(personas, client_for):
    """Hostile: fields the form does not have, added to the post."""
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
    """Hostile: fields the form does not have, added to the post."""
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
    """Hostile: fields the pages do not have, posted to them."""
    me = personas["practitioner"]
    client = client_for(me)
    before = (_people_snapshot(), _membership_snapshot())
    client.post(reverse("accounts:account"), {"is_superuser": "on", "roles": ["system_admin"]})
    client.post(reverse("accounts:sessions"), {"is_superuser": "on"})
    client.post(reverse("workspace:home"), {"role": "bu_manager"})
    assert (_people_snapshot(), _membership_snapshot()) == before


@pytest.mark.django_db
def test_extra_fields_on_the_invitation_form_are_ignored(personas, client_for):
    """Hostile: fields the form does not have, added to the post."""
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
    own = me.memberships.get()
    before = (_people_snapshot(), _membership_snapshot())

    detail = _person_page(browse_as(me), me)
    assert "You cannot change your own roles or deactivate yourself" in detail.text
    assert "Give a role" not in detail.text and "Remove" not in detail.text and "Deactivate" not in detail.text
    # Hostile: the addresses the page does not offer them.
    client = client_for(me)
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
    before = (_people_snapshot(), _membership_snapshot())
    assert "Only a system administrator can change this person" in _person_page(browse_as(personas[key]), admin).text
    # Hostile: the addresses the page does not offer them.
    client = client_for(personas[key])
    assert client.post(reverse("partnership:person-deactivate", args=[admin.pk])).status_code == 404
    assert client.post(reverse("partnership:role-end", args=[admin.pk, admin.memberships.get().pk])).status_code == 404
    assert (_people_snapshot(), _membership_snapshot()) == before


# --- Roles ---------------------------------------------------------------------------------------------------


def _role_page(person: Any, target: Person) -> Any:
    return _person_page(browse_as(person), target).click("Give a role")


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bu_manager", "bu_coordinator"])
def test_only_a_system_administrator_can_give_the_system_administrator_role(personas, key):
    target = personas["chair"]
    page = _role_page(personas[key], target)
    form = form_with(page, "Give role")
    assert Role.SYSTEM_ADMINISTRATOR not in [value for value, _, _ in form["role"].options]
    # Hostile: the role forced into the post.
    form["role"].force_value(Role.SYSTEM_ADMINISTRATOR)
    refused = submit(form, "Give role")
    assert refused.status_code == 200
    assert error_summary(refused) == ["Select a role from the list"]
    assert not Membership.objects.filter(person=target, role=Role.SYSTEM_ADMINISTRATOR).exists()

    given = press(_role_page(personas["sysadmin"], target), "Give role", role=Role.SYSTEM_ADMINISTRATOR)
    assert banner(given.follow()) == (
        "The role system administrator for Persona chair is waiting for a second person to confirm it. "
        "It does not work until then."
    )
    assert not Membership.objects.active().filter(person=target, role=Role.SYSTEM_ADMINISTRATOR).exists()
    # The business unit cannot confirm it (only a second system administrator can).
    page = browse_as(personas[key]).get(reverse("partnership:person-detail", args=[target.pk]))
    assert "You cannot give this role, so you cannot confirm it." in page.text


@pytest.mark.django_db
def test_a_role_that_needs_an_agency_without_one_gives_a_clear_error(personas):
    before = _membership_snapshot()
    refused = press(_role_page(personas["bu_manager"], personas["chair"]), "Give role", role=Role.PRACTITIONER)
    assert refused.status_code == 200
    assert error_summary(refused) == ["Select the agency for the role practitioner"]
    assert field_error(refused, "agency") == "Select the agency for the role practitioner"
    assert _membership_snapshot() == before


@pytest.mark.django_db
def test_a_duplicate_role_is_refused(personas):
    council = Agency.objects.get(name="Testshire Council")
    before = _membership_snapshot()
    page = _role_page(personas["bu_manager"], personas["practitioner"])
    refused = press(page, "Give role", role=Role.PRACTITIONER, agency=council)
    assert field_error(refused, "role") == "This person already has this role"
    assert _membership_snapshot() == before


@pytest.mark.django_db
def test_choosing_no_role_is_refused(personas):
    before = _membership_snapshot()
    refused = press(_role_page(personas["bu_manager"], personas["chair"]), "Give role")
    assert error_summary(refused) == ["Select a role"]
    assert field_error(refused, "role") == "Select a role"
    assert _membership_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"), [("role", "lead_reviewer"), ("agency", "999999"), ("agency", "abc"), ("agency", str(2**70))]
)
def test_tampered_role_requests_change_nothing(personas, field, value):
    """Hostile: a review role, or an agency the page does not offer, forced into the post."""
    before = _membership_snapshot()
    form = fill(form_with(_role_page(personas["bu_manager"], personas["chair"]), "Give role"), role="practitioner")
    form[field].force_value(value)
    refused = submit(form, "Give role")
    assert refused.status_code == 200
    assert error_summary(refused)
    assert _membership_snapshot() == before


@pytest.mark.django_db
def test_give_and_remove_a_role(personas, client_for):
    target = personas["chair"]
    police = Agency.objects.get(name="Testshire Police")
    browser = browse_as(personas["bu_coordinator"])
    given = press(
        _person_page(browser, target).click("Give a role"), "Give role", role=Role.BOARD_MEMBER, agency=police
    )
    page = given.follow()
    assert banner(page) == "Persona chair now has the role board member or senior leader at Testshire Police."
    membership = Membership.objects.get(person=target, role=Role.BOARD_MEMBER)
    assert membership.agency == police
    removed = press(page, "Remove role Board member or senior leader")
    assert banner(removed.follow()) == (
        "Persona chair no longer has the role board member or senior leader at Testshire Police. "
        "It stops working on their next click."
    )
    membership.refresh_from_db()
    assert membership.ended_at is not None and membership.ended_by == personas["bu_coordinator"]
    # Removing it again from the page opened before says so.
    again = press(page, "Remove role Board member or senior leader").follow()
    assert error_summary(again) == ["This role has already been removed"]
    # Hostile: a GET, and somebody else's membership through this person's address.
    client = client_for(personas["bu_coordinator"])
    assert client.get(reverse("partnership:role-end", args=[target.pk, membership.pk])).status_code == 405
    other = personas["practitioner"].memberships.get()
    assert client.post(reverse("partnership:role-end", args=[target.pk, other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.ended_at is None


@pytest.mark.django_db
def test_deactivate_and_reactivate_pages(personas, client_for):
    target = personas["practitioner"]
    theirs = browse_as(target)
    browser = browse_as(personas["bu_manager"])
    confirm = _person_page(browser, target).click("Deactivate")
    assert Person.objects.get(pk=target.pk).is_active  # a GET changes nothing
    done = press(confirm, "Deactivate")
    page = done.follow()
    assert banner(page) == "Persona practitioner has been deactivated and signed out everywhere."
    assert not Person.objects.get(pk=target.pk).is_active
    assert theirs.get(reverse("workspace:home")).status_code == 302  # signed out at once
    # Deactivating again, from the confirmation page opened before, says so.
    assert error_summary(press(confirm, "Deactivate").follow()) == ["This person is already deactivated"]
    back = press(page, "Reactivate")
    assert banner(back.follow()) == "Persona practitioner can sign in again."
    assert Person.objects.get(pk=target.pk).is_active
    # Hostile: a GET to the reactivation address.
    assert (
        client_for(personas["bu_manager"]).get(reverse("partnership:person-reactivate", args=[target.pk])).status_code
        == 405
    )


# --- The Board --------------------------------------------------------------------------------------------


BOARD_VALUES: dict[str, Any] = {
    "name": "Testshire SAB",
    "short_name": "TSAB",
    "concern_phone": "01632 960123",
    "website": "www.tsab.example.org",
    "financial_year_start_month": "4",
    "purpose": "To learn.",
}


@pytest.mark.django_db
def test_edit_the_board(personas):
    overview = browse_as(personas["bu_manager"]).get(reverse("partnership:overview"))
    page = overview.click(href=reverse("partnership:board-edit"), index=0)
    saved = press(page, "Save", **BOARD_VALUES)  # the cached Board's details are forgotten on commit
    assert banner(saved.follow()) == "The Board's details have been saved."
    board = Board.objects.get()
    assert (board.name, board.concern_phone, board.website) == (
        "Testshire SAB",
        "01632 960123",
        "https://www.tsab.example.org",
    )
    assert "01632 960123" in Client().get(reverse("core:public-home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("concern_phone", "call us", "Enter a phone number, like 01709 822330"),
        ("website", "javascript:alert(1)", "Enter a full web address, like https://www.example.org.uk"),
        ("name", "", "Enter the Board's name"),
    ],
)
def test_bad_board_details_change_nothing(personas, field, value, message):
    before = list(Board.objects.values())
    page = browse_as(personas["bu_manager"]).get(reverse("partnership:board-edit"))
    refused = press(page, "Save", **{**BOARD_VALUES, field: value})
    assert refused.status_code == 200
    assert error_summary(refused) == [message]
    assert field_error(refused, field) == message
    assert list(Board.objects.values()) == before


@pytest.mark.django_db
def test_a_month_the_page_does_not_offer_is_refused(personas):
    """Hostile: a thirteenth month forced into the post."""
    before = list(Board.objects.values())
    form = fill(form_with(browse_as(personas["bu_manager"]).get(reverse("partnership:board-edit")), "Save"))
    for name, value in BOARD_VALUES.items():
        form[name] = value
    form["financial_year_start_month"].force_value("13")
    refused = submit(form, "Save")
    assert field_error(refused, "financial_year_start_month").startswith("Select a valid choice")
    assert list(Board.objects.values()) == before


# --- People list -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_people_filters(personas):
    browser = browse_as(personas["bu_manager"])
    council = Agency.objects.get(name="Testshire Council")

    def names(**values: Any) -> set[str]:
        # The filter form has its own "status" field: filled, then the button pressed.
        page = browser.get(reverse("partnership:person-list"))
        shown = submit(fill(form_with(page, "Apply filters"), **values), "Apply filters")
        assert shown.status_code == 200
        return {p["full_name"] for p in shown.context["page"].object_list}

    assert names(agency=council.pk) == {"Persona practitioner", "Persona line_manager"}
    assert names(role="independent_chair") == {"Persona chair"}
    assert names(q="agency.lead@") == {"Persona agency_lead"}
    Person.objects.filter(pk=personas["reviewer"].pk).update(is_active=False)
    assert "Persona reviewer" not in names()
    assert names(status="deactivated") == {"Persona reviewer"}
    assert len(names(status="all")) == len(PERSONA_KEYS)
