"""Password reset and change: no account enumeration, one email, the link works once and ends other sessions."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from sarhub.accounts.models import UserSession
from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Person
from tests.factories import TEST_PASSWORD

RESET = reverse("accounts:password-reset")
NEW_PASSWORD = "meadow tugboat violet 1987"
RESET_LINK = re.compile(r"https?://[^\s/]+(/account/reset/[^/\s]+/[^/\s]+/)")


def _reset_path(message: mail.EmailMessage) -> str:
    found = RESET_LINK.search(str(message.body))
    assert found, message.body
    return found.group(1)


def _request_reset(email: str) -> object:
    return Client().post(RESET, {"email": email})


@pytest.mark.django_db
def test_reset_answer_is_identical_for_existing_and_unknown_addresses(personas):
    existing = _request_reset("practitioner@testshire.example.org")
    unknown = _request_reset("nobody.at.all@testshire.example.org")

    assert existing.status_code == unknown.status_code == 302  # type: ignore[attr-defined]
    assert existing["Location"] == unknown["Location"] == reverse("accounts:password-reset-done")  # type: ignore[index]
    done = Client().get(reverse("accounts:password-reset-done"))
    assert "If the address you entered belongs to an account" in done.content.decode()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["practitioner@testshire.example.org"]
    assert AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUEST).count() == 2
    # The request is audited without saying who was asked about.
    assert not AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUEST).exclude(person=None).exists()
    assert not AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUEST).exclude(object_id="").exists()


@pytest.mark.django_db
def test_no_reset_email_for_a_deactivated_account(personas):
    Person.objects.filter(pk=personas["practitioner"].pk).update(is_active=False)
    response = _request_reset("practitioner@testshire.example.org")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert mail.outbox == []


@pytest.mark.django_db
def test_reset_address_is_not_case_sensitive(personas):
    _request_reset("Practitioner@TestShire.example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["practitioner@testshire.example.org"]


@pytest.mark.django_db
def test_the_reset_link_sets_a_new_password_and_ends_existing_sessions(personas, client_for):
    person = personas["practitioner"]
    signed_in_elsewhere = client_for(person)
    old_key = signed_in_elsewhere.session.session_key
    assert signed_in_elsewhere.get(reverse("core:home")).status_code == 200

    _request_reset(person.email)
    path = _reset_path(mail.outbox[0])
    client = Client()
    opened = client.get(path)
    assert opened.status_code == 302
    set_password_url = opened["Location"]
    assert "set-password" in set_password_url

    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert not person.check_password(TEST_PASSWORD)
    assert not Session.objects.filter(session_key=old_key).exists()
    assert not UserSession.objects.filter(person=person).exists()
    assert signed_in_elsewhere.get(reverse("core:home"))["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session  # the reset does not sign anyone in
    assert AuditEvent.objects.filter(action=Action.PASSWORD_RESET, object_id=str(person.pk)).count() == 1

    # The new password works; the link does not work a second time.
    login = Client().post(reverse("accounts:login"), {"username": person.email, "password": NEW_PASSWORD})
    assert login.status_code == 302
    again = Client().get(path, follow=True)
    assert "This link is not valid" in again.content.decode()


@pytest.mark.django_db
def test_the_reset_link_refuses_a_weak_password(personas):
    person = personas["practitioner"]
    _request_reset(person.email)
    client = Client()
    set_password_url = client.get(_reset_path(mail.outbox[0]))["Location"]
    response = client.post(set_password_url, {"new_password1": "password1234", "new_password2": "password1234"})
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_a_tampered_reset_link_is_not_valid(personas):
    person = personas["practitioner"]
    _request_reset(person.email)
    path = _reset_path(mail.outbox[0])
    tampered = path[:-3] + ("a" if path[-3] != "a" else "b") + path[-2:]
    response = Client().get(tampered, follow=True)
    assert "This link is not valid" in response.content.decode()


@pytest.mark.django_db
def test_changing_the_password_ends_other_sessions_but_not_this_one(personas, client_for):
    person = personas["chair"]
    here = client_for(person)
    elsewhere = client_for(person)
    response = here.post(
        reverse("accounts:password-change"),
        {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert here.get(reverse("core:home")).status_code == 200
    assert elsewhere.get(reverse("core:home"))["Location"].startswith(reverse("accounts:login"))
    assert AuditEvent.objects.filter(action=Action.PASSWORD_CHANGE, person=person).count() == 1


@pytest.mark.django_db
def test_changing_the_password_needs_the_current_one(personas, client_for):
    person = personas["chair"]
    client = client_for(person)
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": "not my password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Your current password is not correct" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_no_password_reaches_the_audit_log(personas, client_for):
    person = personas["practitioner"]
    _request_reset(person.email)
    client = Client()
    set_password_url = client.get(_reset_path(mail.outbox[0]))["Location"]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    token = _reset_path(mail.outbox[0]).strip("/").split("/")[-1]
    stored = "\n".join(str(v) for row in AuditEvent.objects.values() for v in row.values())
    assert NEW_PASSWORD not in stored
    assert token not in stored
