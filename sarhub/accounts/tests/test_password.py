"""Password reset and change: no account enumeration, one email, the link works once and ends other sessions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from sarhub.accounts.models import UserSession
from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Person
from tests.factories import TEST_PASSWORD
from tests.pages import browse_as, error_summary, field_error, form_with, press

RESET = reverse("accounts:password-reset")
NEW_PASSWORD = "meadow tugboat violet 1987"
RESET_LINK = re.compile(r"https?://[^\s/]+(/account/reset/[^/\s]+/[^/\s]+/)")


def _reset_path(message: mail.EmailMessage) -> str:
    found = RESET_LINK.search(str(message.body))
    assert found, message.body
    return found.group(1)


def _request_reset(email: str) -> Any:
    """Ask for a reset link from the sign-in page, as a person who has forgotten their password would."""
    page = browse_as(None).get(reverse("accounts:password-reset"))
    return press(page, "Send the link", email=email)


def _open_reset_link(path: str) -> tuple[Any, Any]:
    """A new browser opening the link from the email: (the browser, the page to choose a password on)."""
    browser = browse_as(None)
    opened = browser.get(path)
    assert opened.status_code == 302 and "set-password" in opened.headers["Location"]
    return browser, opened.follow()


def _signed_in(browser: Any) -> bool:
    return browser.get(reverse("workspace:home"), status="*").status_code == 200


def _change_password(browser: Any, old: str, new: str, again: str | None = None) -> Any:
    page = browser.get(reverse("accounts:password-change"))
    return press(page, "Change password", old_password=old, new_password1=new, new_password2=again or new)


@pytest.mark.django_db
def test_reset_answer_is_identical_for_existing_and_unknown_addresses(personas):
    existing = _request_reset("practitioner@testshire.example.org")
    unknown = _request_reset("nobody.at.all@testshire.example.org")

    assert existing.status_code == unknown.status_code == 302
    assert existing.headers["Location"] == unknown.headers["Location"] == reverse("accounts:password-reset-done")
    done = unknown.follow()
    assert "If the address you entered belongs to an account" in done.text
    assert existing.follow().text == done.text

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["practitioner@testshire.example.org"]
    assert AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUEST).count() == 2
    # The request is audited without saying who was asked about.
    assert not AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUEST).exclude(person=None).exists()
    assert not AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUEST).exclude(object_id="").exists()


@pytest.mark.django_db
def test_the_reset_page_is_reached_from_the_sign_in_page(db):
    login = browse_as(None).get(reverse("accounts:login"))
    page = login.click(href=reverse("accounts:password-reset"))
    assert form_with(page, "Send the link")
    refused = press(page, "Send the link", email="not an address")
    assert field_error(refused, "email") and error_summary(refused)
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_reset_email_for_a_deactivated_account(personas):
    Person.objects.filter(pk=personas["practitioner"].pk).update(is_active=False)
    response = _request_reset("practitioner@testshire.example.org")
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_reset_address_is_not_case_sensitive(personas):
    _request_reset("Practitioner@TestShire.example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["practitioner@testshire.example.org"]


@pytest.mark.django_db
def test_the_reset_link_sets_a_new_password_and_ends_existing_sessions(personas):
    person = personas["practitioner"]
    signed_in_elsewhere = browse_as(person)
    old_key = next(c.value for c in signed_in_elsewhere.cookiejar if c.name == settings.SESSION_COOKIE_NAME)
    assert _signed_in(signed_in_elsewhere)

    _request_reset(person.email)
    path = _reset_path(mail.outbox[0])
    browser, page = _open_reset_link(path)

    response = press(page, "Save password", new_password1=NEW_PASSWORD, new_password2=NEW_PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("accounts:password-reset-complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert not person.check_password(TEST_PASSWORD)
    assert not Session.objects.filter(session_key=old_key).exists()
    assert not UserSession.objects.filter(person=person).exists()
    assert signed_in_elsewhere.get(reverse("workspace:home")).headers["Location"].startswith(reverse("accounts:login"))
    assert not _signed_in(browser)  # the reset does not sign anyone in
    assert AuditEvent.objects.filter(action=Action.PASSWORD_RESET, object_id=str(person.pk)).count() == 1

    # The new password works; the link does not work a second time.
    login = browse_as(None).get(reverse("accounts:login"))
    assert press(login, "Continue", username=person.email, password=NEW_PASSWORD).status_code == 302
    again = browse_as(None).get(path).maybe_follow()
    assert "This link is not valid" in again.text


@pytest.mark.django_db
def test_the_reset_link_refuses_a_weak_password(personas):
    person = personas["practitioner"]
    _request_reset(person.email)
    _, page = _open_reset_link(_reset_path(mail.outbox[0]))
    response = press(page, "Save password", new_password1="password1234", new_password2="password1234")
    assert response.status_code == 200
    assert field_error(response, "new_password2").startswith("This password is too common")
    assert error_summary(response)
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_a_tampered_reset_link_is_not_valid(personas):
    """Hostile: a reset link with its token changed."""
    person = personas["practitioner"]
    _request_reset(person.email)
    path = _reset_path(mail.outbox[0])
    tampered = path[:-3] + ("a" if path[-3] != "a" else "b") + path[-2:]
    response = browse_as(None).get(tampered).maybe_follow()
    assert "This link is not valid" in response.text


@pytest.mark.django_db
def test_changing_the_password_ends_other_sessions_but_not_this_one(personas):
    person = personas["chair"]
    here = browse_as(person)
    elsewhere = browse_as(person)
    response = _change_password(here, TEST_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert _signed_in(here)
    assert elsewhere.get(reverse("workspace:home")).headers["Location"].startswith(reverse("accounts:login"))
    assert AuditEvent.objects.filter(action=Action.PASSWORD_CHANGE, person=person).count() == 1


@pytest.mark.django_db
def test_changing_the_password_needs_the_current_one(personas):
    person = personas["chair"]
    response = _change_password(browse_as(person), "not my password", NEW_PASSWORD)
    assert response.status_code == 200
    assert field_error(response, "old_password").startswith("Your current password is not correct")
    assert error_summary(response)
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_no_password_reaches_the_audit_log(personas):
    person = personas["practitioner"]
    _request_reset(person.email)
    _, page = _open_reset_link(_reset_path(mail.outbox[0]))
    press(page, "Save password", new_password1=NEW_PASSWORD, new_password2=NEW_PASSWORD)
    token = _reset_path(mail.outbox[0]).strip("/").split("/")[-1]
    stored = "\n".join(str(v) for row in AuditEvent.objects.values() for v in row.values())
    assert NEW_PASSWORD not in stored
    assert token not in stored
