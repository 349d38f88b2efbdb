"""Managing API tokens through the pages: the business unit issues (the secret shown once), agencies' leads see
and revoke their own agency's, nobody else sees any. Forms are filled and pressed as a person would
(tests/pages.py); the raw requests are hostile on purpose and say so."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.api.models import ApiToken, Scopes
from sarhub.api.tests.conftest import bearer, issue
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.models import AuditEvent
from sarhub.partnership.models import Agency, Person
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory
from tests.pages import banner, browse_as, error_summary, field_error, fill, form_with, press, submit, text_of

pytestmark = pytest.mark.django_db

LIST = reverse("api_tokens:list")
NEW = reverse("api_tokens:new")
ISSUE = "Issue token"


def _values(personas: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """What the business unit chooses and types on the issuing form."""
    return {
        "agency": personas["agency_lead"].agencies[0],
        "acting_person": personas["agency_lead"],
        "name": "Datix action tracker",
        "scopes": Scopes.READ_WRITE,
        **overrides,
    }


def _issuing_form(person: Person) -> Any:
    return browse_as(person).get(LIST).click("Issue a token")


def _secret(page: Any) -> str:
    return text_of(page.html.select_one("#api-token"))


@pytest.mark.parametrize("key", ["bu_manager", "bu_coordinator"])
def test_the_business_unit_issues_a_token_and_sees_it_once(personas, key):
    browser = browse_as(personas[key])
    form_page = browser.get(LIST).click("Issue a token")
    issued = press(form_page, ISSUE, **_values(personas), expires_on=date(2099, 3, 31))
    assert issued.status_code == 200
    token = ApiToken.objects.get()
    secret = _secret(issued)
    assert secret.startswith(f"sarhub_{token.prefix}_") and "only time the token is shown" in issued.text
    assert (token.acting_person, token.created_by, token.scopes) == (
        personas["agency_lead"],
        personas[key],
        Scopes.READ_WRITE,
    )
    assert token.expires_at is not None and timezone.localtime(token.expires_at).date() == date(2099, 3, 31)
    assert "no-store" in issued.headers["Cache-Control"]
    # The list never shows it again, and the token works.
    listing = issued.click("I have copied the token")
    assert secret not in listing.text and token.prefix in listing.text
    assert bearer(secret).get("/api/v1/actions").status_code == 200


def test_the_acting_person_is_a_searchable_choice_of_safeguarding_leads(personas):
    select = _issuing_form(personas["bu_manager"]).html.select_one("select[name=acting_person]")
    assert select.get("data-module") == "sarhub-autocomplete"
    options = [text_of(option) for option in select.select("option") if option.get("value")]
    lead = personas["agency_lead"]
    assert options == [f"{lead.full_name} ({lead.email}, safeguarding lead at Testshire Hospital Trust)"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter a name for the token, such as the system that will use it"),
        ({"name": "x" * 101}, "name", "The name must be 100 characters or fewer"),
        ({"scopes": None}, "scopes", "Choose what the token may do"),
        ({"acting_person": None}, "acting_person", "Choose the person the token acts as"),
        ({"expires_on": date(2020, 1, 1)}, "expires_on", "The expiry date must be in the future"),
        ({"expires_on": ("31", "2", "2099")}, "expires_on", "Expires on must be a real date"),
    ],
)
def test_issuing_refuses_bad_input_with_clear_messages(personas, overrides, field, message):
    values = _values(personas, **overrides)
    if values["scopes"] is None:
        del values["scopes"]  # no option ticked
    form = fill(form_with(_issuing_form(personas["bu_manager"]), ISSUE), **values)
    refused = submit(form, ISSUE)
    assert refused.status_code == 200
    assert field_error(refused, field) == message
    assert error_summary(refused) == [message]
    assert text_of(refused.html.title).startswith("Error: ")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("acting_person", "practitioner", "Choose a safeguarding lead from the list"),
        ("scopes", "admin", "Choose what the token may do"),
        ("agency", str(2**64), "Choose an active agency from the list"),
    ],
)
def test_a_tampered_issuing_form_is_refused(personas, field, value, message):
    """Hostile: values the page does not offer, forced into its post."""
    form = fill(form_with(_issuing_form(personas["bu_manager"]), ISSUE), **_values(personas))
    form[field].force_value(str(personas[value].pk) if value in personas else value)
    refused = submit(form, ISSUE)
    assert field_error(refused, field) == message
    assert not ApiToken.objects.exists()


def test_the_acting_person_must_lead_the_chosen_agency(personas):
    other = cast(Agency, AgencyFactory(name="Testshire Police Service"))
    refused = press(_issuing_form(personas["bu_manager"]), ISSUE, **_values(personas, agency=other))
    assert field_error(refused, "acting_person") == (
        "Choose one of the agency's safeguarding leads: the token acts as them, under their permissions"
    )
    assert not ApiToken.objects.exists()


def test_an_agency_lead_sees_and_revokes_only_their_agencys_tokens(personas, client_for):
    own = issue(personas, personas["agency_lead"].agencies[0])
    other_agency = cast(Agency, AgencyFactory(name="Testshire Police Service"))
    other_lead = PersonFactory(full_name="Other Lead")
    MembershipFactory(person=other_lead, role="agency_lead", agency=other_agency)
    other = issue(personas, other_agency, acting_person=other_lead, name="Police tracker")
    browser = browse_as(personas["agency_lead"])
    page = browser.get(LIST)
    assert own.token.prefix in page.text and other.token.prefix not in page.text
    assert "Issue a token" not in page.text
    browser.get(NEW, status=403)
    # Hostile: posts the page never offers them.
    client = client_for(personas["agency_lead"])
    assert client.post(NEW, {"name": "Mine", "scopes": "read"}).status_code == 403
    assert client.post(reverse("api_tokens:revoke", args=[other.token.pk])).status_code == 404
    assert client.post(reverse("api_tokens:revoke", args=[2**64])).status_code == 404

    revoked = press(page, "Revoke the token Datix action tracker")
    assert revoked.status_code == 302 and revoked.headers["Location"] == LIST
    after = revoked.follow()
    assert banner(after) == f"The token {own.token.prefix} (Datix action tracker) has been revoked. It no longer works."
    own.token.refresh_from_db()
    other.token.refresh_from_db()
    assert own.token.revoked_by == personas["agency_lead"] and own.token.revoked_at is not None
    assert other.token.revoked_at is None
    assert bearer(own.secret).get("/api/v1/actions").status_code == 401  # it does no longer work
    assert AuditEvent.objects.filter(action=AuditAction.STATE_CHANGE, object_id=str(own.token.pk)).exists()
    assert "Revoke the token" not in after.text
    # Revoking again, from a page opened before (another tab), says so and changes nothing.
    again = press(page, "Revoke the token Datix action tracker").follow()
    assert error_summary(again) == ["This token had already been revoked"]
    assert ApiToken.objects.get(pk=own.token.pk).revoked_at == own.token.revoked_at


@pytest.mark.parametrize(
    "key", ["practitioner", "line_manager", "board_member", "chair", "subgroup_member", "sysadmin", "no_roles"]
)
def test_nobody_else_sees_or_changes_tokens(personas, client_for, key):
    issued = issue(personas, personas["agency_lead"].agencies[0])
    browser = browse_as(personas[key])
    browser.get(LIST, status=403)
    browser.get(NEW, status=403)
    # Hostile: posts the pages never offer them.
    client = client_for(personas[key])
    assert client.post(NEW, {"name": "Mine", "scopes": "read"}).status_code == 403
    assert client.post(reverse("api_tokens:revoke", args=[issued.token.pk])).status_code == 403
    assert ApiToken.objects.get().revoked_at is None and ApiToken.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(personas):
    for url in (LIST, NEW):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_pages_work_under_the_content_security_policy(personas):
    import re

    issued = issue(personas, personas["agency_lead"].agencies[0])
    browser = browse_as(personas["bu_manager"])
    listing = browser.get(LIST)
    form_page = listing.click("Issue a token")
    pages = [listing, form_page, press(form_page, ISSUE, **_values(personas)), browse_as(None).get("/api/v1/docs")]
    for response in pages:
        assert response.status_code == 200
        body = response.text
        assert all(s.strip() == "" for s in re.findall(r"<script\b[^>]*>(.*?)</script>", body, flags=re.S))
        assert "<style" not in body and not re.search(r"<[^>]+\s(style|on[a-z]+)\s*=", body)
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert issued.secret not in listing.text
