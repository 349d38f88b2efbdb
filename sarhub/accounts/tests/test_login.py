"""Signing in: one generic error, a fresh session key, lockout after 10 failures, failures audited without content."""

from __future__ import annotations

import re
from typing import Any, cast

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent, Outcome
from sarhub.partnership.models import Person
from tests.factories import TEST_PASSWORD, PersonFactory

LOGIN = reverse("accounts:login")
GENERIC_ERROR = "Enter a correct email address and password"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _without_csrf(body: bytes) -> str:
    return CSRF_INPUT.sub('name="csrfmiddlewaretoken" value=""', body.decode())


def _post_login(client: Client, username: str, password: str, ip: str = "127.0.0.1") -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _all_audit_text() -> str:
    """Every stored value of every audit event, as one lower-case string."""
    parts: list[str] = []
    for row in AuditEvent.objects.values():
        parts.extend(str(value) for value in row.values())
    return "\n".join(parts).lower()


@pytest.mark.django_db
def test_correct_password_signs_in_and_asks_for_the_second_factor(personas):
    client = Client()
    response = _post_login(client, "bu.manager@testshire.example.org", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
    assert _is_signed_in(client)
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, person=personas["bu_manager"]).count() == 1


@pytest.mark.django_db
def test_email_address_is_not_case_sensitive_at_sign_in(personas):
    client = Client()
    response = _post_login(client, "  BU.Manager@TESTSHIRE.example.org ", TEST_PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == personas["bu_manager"].pk


@pytest.mark.django_db
def test_unknown_email_wrong_password_and_deactivated_account_get_the_identical_answer(db):
    """The same typed address in all three cases, so the pages can be compared byte for byte (bar CSRF)."""
    email = "sam.example@testshire.example.org"
    client = Client()

    unknown = _post_login(client, email, TEST_PASSWORD)

    person = cast(Person, PersonFactory(email=email))
    wrong_password = _post_login(client, email, "not the right password at all")

    Person.objects.filter(pk=person.pk).update(is_active=False)
    deactivated = _post_login(client, email, TEST_PASSWORD)

    assert unknown.status_code == wrong_password.status_code == deactivated.status_code == 200
    assert GENERIC_ERROR in unknown.content.decode()
    assert _without_csrf(unknown.content) == _without_csrf(wrong_password.content) == _without_csrf(deactivated.content)
    assert not _is_signed_in(client)


@pytest.mark.django_db
def test_session_key_rotates_on_sign_in(personas):
    client = Client()
    session = client.session
    session["probe"] = "before sign-in"
    session.save()
    old_key = session.session_key
    assert Session.objects.filter(session_key=old_key).exists()

    response = _post_login(client, "practitioner@testshire.example.org", TEST_PASSWORD)

    assert response.status_code == 302
    new_key = client.cookies["sessionid"].value
    assert new_key and new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert Session.objects.filter(session_key=new_key).exists()


@pytest.mark.django_db
def test_ten_failures_for_one_address_in_any_case_lock_it_with_http_429(personas):
    """Every attempt comes from a different IP address, so only the per-address count can lock."""
    variants = [
        "agency.lead@testshire.example.org",
        "Agency.Lead@testshire.example.org",
        "AGENCY.LEAD@TESTSHIRE.EXAMPLE.ORG",
        " agency.lead@Testshire.Example.Org ",
    ]
    client = Client()
    statuses = []
    for attempt in range(10):
        response = _post_login(client, variants[attempt % len(variants)], "wrong password", ip=f"10.1.0.{attempt + 1}")
        statuses.append(response.status_code)
        if response.status_code == 200:
            assert GENERIC_ERROR in response.content.decode()
    assert statuses[:9] == [200] * 9
    assert statuses[9] == 429

    # Even the right password is refused now, from yet another address, and nobody is signed in.
    locked = _post_login(client, "agency.lead@testshire.example.org", TEST_PASSWORD, ip="10.1.0.200")
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert not _is_signed_in(client)
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT, outcome=Outcome.DENIED).exists()

    # Another address is not affected.
    other = _post_login(Client(), "practitioner@testshire.example.org", TEST_PASSWORD, ip="10.1.0.201")
    assert other.status_code == 302


@pytest.mark.django_db
def test_nine_failures_do_not_lock(personas):
    client = Client()
    for attempt in range(9):
        assert (
            _post_login(client, "chair@testshire.example.org", "wrong", ip=f"10.2.0.{attempt + 1}").status_code == 200
        )
    response = _post_login(client, "chair@testshire.example.org", TEST_PASSWORD, ip="10.2.0.100")
    assert response.status_code == 302
    assert _is_signed_in(client)


@pytest.mark.django_db
def test_unknown_address_is_locked_too_with_the_same_page(personas):
    known, unknown = Client(), Client()
    for attempt in range(10):
        _post_login(known, "reviewer@testshire.example.org", "wrong", ip=f"10.3.0.{attempt + 1}")
        _post_login(unknown, "nobody.here@testshire.example.org", "wrong", ip=f"10.4.0.{attempt + 1}")
    known_locked = _post_login(known, "reviewer@testshire.example.org", "wrong", ip="10.3.1.1")
    unknown_locked = _post_login(unknown, "Nobody.Here@testshire.example.org", "wrong", ip="10.4.1.1")
    assert known_locked.status_code == unknown_locked.status_code == 429
    assert _without_csrf(known_locked.content) == _without_csrf(unknown_locked.content)


@pytest.mark.django_db
def test_failures_from_one_ip_address_lock_that_address(personas):
    client = Client()
    for attempt in range(10):
        _post_login(client, f"guess{attempt}@testshire.example.org", "wrong", ip="192.0.2.77")
    response = _post_login(client, "practitioner@testshire.example.org", TEST_PASSWORD, ip="192.0.2.77")
    assert response.status_code == 429
    assert not _is_signed_in(client)


@pytest.mark.django_db
def test_failures_are_audited_without_the_typed_email_or_password(personas):
    typed = [
        ("Line.Manager@Testshire.example.org", "Typed-Secret-One-123"),
        ("someone.unknown@elsewhere.example.net", "Typed-Secret-Two-456"),
    ]
    for email, password in typed:
        response = _post_login(Client(), email, password, ip="10.5.0.1")
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
def test_sign_in_page_offers_no_open_redirect(personas):
    client = Client()
    response = client.post(
        LOGIN,
        {"username": "practitioner@testshire.example.org", "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
