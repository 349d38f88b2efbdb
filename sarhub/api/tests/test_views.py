"""Managing API tokens through the pages: the business unit issues (the secret shown once), agencies' leads see
and revoke their own agency's, nobody else sees any."""

from __future__ import annotations

from typing import cast

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.api.models import ApiToken, Scopes
from sarhub.api.tests.conftest import bearer, issue
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.models import AuditEvent
from sarhub.partnership.models import Agency
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api_tokens:list")
NEW = reverse("api_tokens:new")


def _form(personas, **overrides):
    return {
        "agency": str(personas["agency_lead"].agencies[0].pk),
        "acting_person": str(personas["agency_lead"].pk),
        "name": "Datix action tracker",
        "scopes": Scopes.READ_WRITE,
        "expires_on": "",
        **overrides,
    }


@pytest.mark.parametrize("key", ["bu_manager", "bu_coordinator"])
def test_the_business_unit_issues_a_token_and_sees_it_once(personas, client_for, key):
    client = client_for(personas[key])
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, _form(personas, expires_on="31/3/2099"))
    assert response.status_code == 200
    token = ApiToken.objects.get()
    body = response.content.decode()
    secret = body.split('id="api-token"', 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert secret.startswith(f"sarhub_{token.prefix}_") and "only time the token is shown" in body
    assert token.acting_person == personas["agency_lead"] and token.created_by == personas[key]
    assert token.expires_at is not None and timezone.localtime(token.expires_at).date().isoformat() == "2099-03-31"
    assert "no-store" in response["Cache-Control"]
    # The list never shows it again, and the token works.
    listing = client.get(LIST)
    assert listing.status_code == 200 and secret not in listing.content.decode()
    assert token.prefix in listing.content.decode()
    assert bearer(secret).get("/api/v1/actions").status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"acting_person": "practitioner"}, "Choose a safeguarding lead from the list"),
        ({"name": ""}, "Enter a name for the token"),
        ({"scopes": "admin"}, "Choose what the token may do"),
        ({"agency": str(2**64)}, "Choose an active agency from the list"),
        ({"expires_on": "1/1/2020"}, "The expiry date must be in the future"),
    ],
)
def test_issuing_refuses_bad_input_with_clear_messages(personas, client_for, overrides, field_message):
    if overrides.get("acting_person") == "practitioner":
        overrides = {"acting_person": str(personas["practitioner"].pk)}
    response = client_for(personas["bu_manager"]).post(NEW, _form(personas, **overrides))
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_acting_person_must_lead_the_chosen_agency(personas, client_for):
    other = cast(Agency, AgencyFactory(name="Testshire Police Service"))
    response = client_for(personas["bu_manager"]).post(NEW, _form(personas, agency=str(other.pk)))
    assert "Choose one of the agency&#x27;s safeguarding leads" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_agency_lead_sees_and_revokes_only_their_agencys_tokens(personas, client_for):
    own = issue(personas, personas["agency_lead"].agencies[0])
    other_agency = cast(Agency, AgencyFactory(name="Testshire Police Service"))
    other_lead = PersonFactory(full_name="Other Lead")
    MembershipFactory(person=other_lead, role="agency_lead", agency=other_agency)
    other = issue(personas, other_agency, acting_person=other_lead)
    client = client_for(personas["agency_lead"])
    page = client.get(LIST).content.decode()
    assert own.token.prefix in page and other.token.prefix not in page
    assert "Issue a token" not in page
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _form(personas)).status_code == 403
    assert client.post(reverse("api_tokens:revoke", args=[other.token.pk])).status_code == 404
    assert client.post(reverse("api_tokens:revoke", args=[2**64])).status_code == 404
    response = client.post(reverse("api_tokens:revoke", args=[own.token.pk]))
    assert response.status_code == 302 and response["Location"] == LIST
    own.token.refresh_from_db()
    other.token.refresh_from_db()
    assert own.token.revoked_by == personas["agency_lead"] and own.token.revoked_at is not None
    assert other.token.revoked_at is None
    assert bearer(own.secret).get("/api/v1/actions").status_code == 401
    assert AuditEvent.objects.filter(action=AuditAction.STATE_CHANGE, object_id=str(own.token.pk)).exists()
    # Revoking again says so and changes nothing.
    again = client.post(reverse("api_tokens:revoke", args=[own.token.pk]), follow=True)
    assert "already been revoked" in again.content.decode()


@pytest.mark.parametrize(
    "key", ["practitioner", "line_manager", "board_member", "chair", "subgroup_member", "sysadmin", "no_roles"]
)
def test_nobody_else_sees_or_changes_tokens(personas, client_for, key):
    issued = issue(personas, personas["agency_lead"].agencies[0])
    client = client_for(personas[key])
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _form(personas)).status_code == 403
    assert client.post(reverse("api_tokens:revoke", args=[issued.token.pk])).status_code == 403
    assert ApiToken.objects.get().revoked_at is None and ApiToken.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(personas):
    for url in (LIST, NEW):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_pages_work_under_the_content_security_policy(personas, client_for):
    import re

    issued = issue(personas, personas["agency_lead"].agencies[0])
    client = client_for(personas["bu_manager"])
    pages = [client.get(LIST), client.get(NEW), client.post(NEW, _form(personas)), Client().get("/api/v1/docs")]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert all(s.strip() == "" for s in re.findall(r"<script\b[^>]*>(.*?)</script>", body, flags=re.S))
        assert "<style" not in body and not re.search(r"<[^>]+\s(style|on[a-z]+)\s*=", body)
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert issued.secret not in pages[0].content.decode()
