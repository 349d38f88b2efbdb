"""Signing in: one generic error, a fresh session key, lockout after 10 failures, failures audited without content."""

from __future__ import annotations

import re
from typing import Any, cast

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent, Outcome
from sarhub.partnership.models import Person
from tests.factories import TEST_PASSWORD, PersonFactory
from tests.pages import browse_as, error_summary, field_error, fill, form_with, submit

LOGIN = reverse("accounts:login")
GENERIC_ERROR = "Enter a correct email address and password"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _without_csrf(body: bytes) -> str:
    return CSRF_INPUT.sub('name="csrfmiddlewaretoken" value=""', body.decode())


def _page(response: Any) -> str:
    return _without_csrf(response.body)


def _sign_in(browser: Any, username: str, password: str, ip: str = "127.0.0.1") -> Any:
    """Open the sign-in page and sign in from `ip`, as a person would (any answer is returned)."""
    environ = {"REMOTE_ADDR": ip}
    page = browser.get(LOGIN, extra_environ=environ)
    form = fill(form_with(page, "Continue"), username=username, password=password)
    return submit(form, "Continue", status="*", extra_environ=environ)


def _is_signed_in(browser: Any) -> bool:
    """Signed in with a password: private pages ask for the second factor rather than the password."""
    found = browser.get(reverse("workspace:home"), status="*")
    return found.status_code == 302 and found.headers["Location"].split("?")[0] != LOGIN


def _session_key(browser: Any) -> str:
    return next(c.value for c in browser.cookiejar if c.name == settings.SESSION_COOKIE_NAME)


def _all_audit_text() -> str:
    """Every stored value of every audit event, as one lower-case string."""
    parts: list[str] = []
    for row in AuditEvent.objects.values():
        parts.extend(str(value) for value in row.values())
    return "\n".join(parts).lower()


@pytest.mark.django_db
def test_correct_password_signs_in_and_asks_for_the_second_factor(personas):
    browser = browse_as(None)
    response = _sign_in(browser, "bu.manager@testshire.example.org", TEST_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:two-factor-setup"))
    assert _is_signed_in(browser)
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, person=personas["bu_manager"]).count() == 1


@pytest.mark.django_db
def test_email_address_is_not_case_sensitive_at_sign_in(personas):
    browser = browse_as(None)
    response = _sign_in(browser, "  BU.Manager@TESTSHIRE.example.org ", TEST_PASSWORD)
    assert response.status_code == 302
    session = Session.objects.get(session_key=_session_key(browser))
    assert int(session.get_decoded()["_auth_user_id"]) == personas["bu_manager"].pk


@pytest.mark.django_db
def test_unknown_email_wrong_password_and_deactivated_account_get_the_identical_answer(db):
    """The same typed address in all three cases, so the pages can be compared byte for byte (bar CSRF)."""
    email = "sam.example@testshire.example.org"
    browser = browse_as(None)

    unknown = _sign_in(browser, email, TEST_PASSWORD)

    person = cast(Person, PersonFactory(email=email))
    wrong_password = _sign_in(browser, email, "not the right password at all")

    Person.objects.filter(pk=person.pk).update(is_active=False)
    deactivated = _sign_in(browser, email, TEST_PASSWORD)

    assert unknown.status_code == wrong_password.status_code == deactivated.status_code == 200
    assert error_summary(unknown) == [GENERIC_ERROR]
    assert _page(unknown) == _page(wrong_password) == _page(deactivated)
    assert not _is_signed_in(browser)


@pytest.mark.django_db
def test_session_key_rotates_on_sign_in(personas):
    """Hostile: a session planted in the browser before sign-in (session fixation) is not the one signed in."""
    planted = SessionStore()
    planted["probe"] = "before sign-in"
    planted.create()
    old_key = planted.session_key
    browser = browse_as(None)
    browser.set_cookie(settings.SESSION_COOKIE_NAME, old_key)

    response = _sign_in(browser, "practitioner@testshire.example.org", TEST_PASSWORD)

    assert response.status_code == 302
    new_key = _session_key(browser)
    assert new_key and new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert Session.objects.filter(session_key=new_key).exists()


@pytest.mark.django_db
def test_ten_failures_for_one_address_in_any_case_lock_it_with_http_429(personas):
    """Every attempt comes from one IP address; the email's case and spaces do not give more guesses."""
    variants = [
        "agency.lead@testshire.example.org",
        "Agency.Lead@testshire.example.org",
        "AGENCY.LEAD@TESTSHIRE.EXAMPLE.ORG",
        " agency.lead@Testshire.Example.Org ",
    ]
    browser = browse_as(None)
    statuses = []
    for attempt in range(10):
        response = _sign_in(browser, variants[attempt % len(variants)], "wrong password", ip="10.1.0.1")
        statuses.append(response.status_code)
        if response.status_code == 200:
            assert GENERIC_ERROR in " ".join(error_summary(response))
    assert statuses[:9] == [200] * 9
    assert statuses[9] == 429

    # Even the right password is refused now from that IP address, and nobody is signed in.
    locked = _sign_in(browser, "agency.lead@testshire.example.org", TEST_PASSWORD, ip="10.1.0.1")
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.text
    assert not _is_signed_in(browser)
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT, outcome=Outcome.DENIED).exists()

    # Another email address is not affected, and nor is the account's owner signing in from elsewhere:
    # the lock is on the email and the IP address together, so it cannot be turned on the owner.
    other = _sign_in(browse_as(None), "practitioner@testshire.example.org", TEST_PASSWORD, ip="10.1.0.1")
    assert other.status_code == 302
    owner = _sign_in(browse_as(None), "agency.lead@testshire.example.org", TEST_PASSWORD, ip="10.1.0.201")
    assert owner.status_code == 302


@pytest.mark.django_db
def test_nine_failures_do_not_lock(personas):
    browser = browse_as(None)
    for _ in range(9):
        assert _sign_in(browser, "chair@testshire.example.org", "wrong", ip="10.2.0.1").status_code == 200
    response = _sign_in(browser, "chair@testshire.example.org", TEST_PASSWORD, ip="10.2.0.1")
    assert response.status_code == 302
    assert _is_signed_in(browser)


@pytest.mark.django_db
def test_unknown_address_is_locked_too_with_the_same_page(personas):
    known, unknown = browse_as(None), browse_as(None)
    for _ in range(10):
        _sign_in(known, "reviewer@testshire.example.org", "wrong", ip="10.3.0.1")
        _sign_in(unknown, "nobody.here@testshire.example.org", "wrong", ip="10.4.0.1")
    known_locked = _sign_in(known, "reviewer@testshire.example.org", "wrong", ip="10.3.0.1")
    unknown_locked = _sign_in(unknown, "Nobody.Here@testshire.example.org", "wrong", ip="10.4.0.1")
    assert known_locked.status_code == unknown_locked.status_code == 429
    assert _page(known_locked) == _page(unknown_locked)


@pytest.mark.django_db
def test_failures_from_one_ip_address_lock_that_address_at_its_own_higher_limit(personas, settings):
    """Made-up emails from one IP address: ten do not lock it (a shared gateway is many people), the
    address's own limit across all emails does, and no other IP address is affected."""
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 20
    browser = browse_as(None)
    for attempt in range(10):
        _sign_in(browser, f"guess{attempt}@testshire.example.org", "wrong", ip="192.0.2.77")
    colleague = browse_as(None)
    assert _sign_in(colleague, "line.manager@testshire.example.org", TEST_PASSWORD, ip="192.0.2.77").status_code == 302
    statuses = [
        _sign_in(browser, f"guess{attempt}@testshire.example.org", "wrong", ip="192.0.2.77").status_code
        for attempt in range(10, 20)
    ]
    assert statuses == [200] * 9 + [429]
    response = _sign_in(browser, "practitioner@testshire.example.org", TEST_PASSWORD, ip="192.0.2.77")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.text
    assert not _is_signed_in(browser)
    elsewhere = _sign_in(browse_as(None), "practitioner@testshire.example.org", TEST_PASSWORD, ip="192.0.2.78")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_failures_are_audited_without_the_typed_email_or_password(personas):
    typed = [
        ("Line.Manager@Testshire.example.org", "Typed-Secret-One-123"),
        ("someone.unknown@elsewhere.example.net", "Typed-Secret-Two-456"),
    ]
    for email, password in typed:
        response = _sign_in(browse_as(None), email, password, ip="10.5.0.1")
        assert response.status_code == 200

    failures = list(AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).order_by("id"))
    assert len(failures) == 2
    assert all(event.outcome == Outcome.FAILURE and event.person_id is None for event in failures)
    # The known account is identified by its id only; the unknown address leaves no trace.
    assert (failures[0].object_type, failures[0].object_id) == ("partnership.person", str(personas["line_manager"].pk))
    assert (failures[1].object_type, failures[1].object_id) == ("", "")

    stored = _all_audit_text()
    for email, password in typed:
        assert email.lower() not in stored
        assert email.split("@")[0].lower() not in stored
        assert password.lower() not in stored
    assert TEST_PASSWORD not in stored


@pytest.mark.django_db
def test_an_empty_form_says_what_to_enter(personas):
    refused = _sign_in(browse_as(None), "", "")
    assert refused.status_code == 200
    assert field_error(refused, "username") and field_error(refused, "password")
    assert len(error_summary(refused)) == 2


@pytest.mark.django_db
def test_sign_in_page_offers_no_open_redirect(personas):
    """Hostile: a link to the sign-in page that would send the person elsewhere afterwards."""
    browser = browse_as(None)
    page = browser.get(LOGIN, {"next": "https://evil.example/"})
    form = fill(form_with(page, "Continue"), username="practitioner@testshire.example.org", password=TEST_PASSWORD)
    response = submit(form, "Continue")
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
