"""Session limits, signing out, deactivation and role removal taking effect, the sessions page, settings."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.accounts.middleware import LAST_SEEN, LOGIN_AT
from sarhub.accounts.models import UserSession
from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.partnership import services as partnership_services
from sarhub.partnership.models import Membership, Person
from tests.pages import browse_as, error_summary, press

HOME = reverse("workspace:home")
LOGIN = reverse("accounts:login")


def _set_times(client: Client, *, login_ago: timedelta, seen_ago: timedelta) -> None:
    now = timezone.now()
    session = client.session
    session[LOGIN_AT] = (now - login_ago).isoformat()
    session[LAST_SEEN] = (now - seen_ago).isoformat()
    session.save()


def _is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _sent_to_sign_in(response: object) -> bool:
    return getattr(response, "status_code", None) == 302 and response["Location"].startswith(LOGIN)  # type: ignore[index]


# --- Time limits ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_session_idle_for_29_minutes_continues(personas, client_for):
    client = client_for(personas["practitioner"])
    _set_times(client, login_ago=timedelta(hours=1), seen_ago=timedelta(minutes=29))
    assert client.get(HOME).status_code == 200
    # The request renewed the idle timer.
    seen = datetime.fromisoformat(client.session[LAST_SEEN])
    assert timezone.now() - seen < timedelta(minutes=1)


@pytest.mark.django_db
def test_a_session_idle_for_more_than_30_minutes_ends(personas, client_for):
    person = personas["practitioner"]
    client = client_for(person)
    key = client.session.session_key
    _set_times(client, login_ago=timedelta(hours=1), seen_ago=timedelta(minutes=31))

    response = client.get(HOME)

    assert _sent_to_sign_in(response)
    assert not _is_signed_in(client)
    assert not Session.objects.filter(session_key=key).exists()
    assert AuditEvent.objects.filter(action=Action.SESSION_ENDED, person=person, detail="time limit").exists()
    sign_in_page = client.get(response["Location"])
    assert "Your session ended" in sign_in_page.content.decode()
    assert _sent_to_sign_in(client.get(HOME))


@pytest.mark.django_db
def test_a_session_older_than_10_hours_ends_even_if_active(personas, client_for):
    client = client_for(personas["chair"])
    _set_times(client, login_ago=timedelta(hours=10, minutes=1), seen_ago=timedelta(seconds=5))
    assert _sent_to_sign_in(client.get(HOME))
    assert not _is_signed_in(client)


@pytest.mark.django_db
def test_a_session_just_under_10_hours_continues(personas, client_for):
    client = client_for(personas["chair"])
    _set_times(client, login_ago=timedelta(hours=9, minutes=58), seen_ago=timedelta(seconds=5))
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_session_without_a_sign_in_time_ends(personas, client_for):
    client = client_for(personas["chair"])
    session = client.session
    del session[LOGIN_AT]
    session.save()
    assert _sent_to_sign_in(client.get(HOME))


@pytest.mark.django_db
def test_session_cookie_age_and_stored_expiry_are_30_minutes(personas, client_for):
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert timedelta(hours=10) == settings.SESSION_ABSOLUTE_LIMIT
    client = client_for(personas["chair"])
    client.get(HOME)
    stored = Session.objects.get(session_key=client.session.session_key)
    assert timedelta(minutes=29) < stored.expire_date - timezone.now() <= timedelta(minutes=30)


# --- Signing out ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_out_is_post_only(personas, client_for):
    """Hostile: a link (GET) cannot sign anyone out."""
    client = client_for(personas["bu_manager"])
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert client.get(HOME).status_code == 200


def _key(browser: Any) -> str:
    return next(c.value for c in browser.cookiejar if c.name == settings.SESSION_COOKIE_NAME)


@pytest.mark.django_db
def test_sign_out_ends_the_session(personas):
    person = personas["bu_manager"]
    browser = browse_as(person)
    key = _key(browser)
    response = press(browser.get(HOME), "Sign out")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("accounts:signed-out")
    assert response.follow().status_code == 200
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert browser.get(HOME).headers["Location"].startswith(LOGIN)
    assert AuditEvent.objects.filter(action=Action.SIGN_OUT, person=person).count() == 1


@pytest.mark.django_db
def test_an_old_session_cookie_does_not_come_back_after_sign_out(personas):
    """Hostile: the session cookie from before signing out, replayed."""
    browser = browse_as(personas["bu_manager"])
    key = _key(browser)
    press(browser.get(HOME), "Sign out")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert _sent_to_sign_in(replay.get(HOME))


# --- Deactivation and role removal --------------------------------------------------------------------


@pytest.mark.django_db
def test_deactivating_a_person_signs_them_out_on_their_next_request(personas, client_for):
    person = personas["practitioner"]
    theirs = client_for(person)
    second_device = client_for(person)
    assert theirs.get(HOME).status_code == 200

    partnership_services.deactivate_person(personas["bu_manager"], person)

    assert _sent_to_sign_in(theirs.get(HOME))
    assert _sent_to_sign_in(second_device.get(reverse("accounts:account")))
    assert not UserSession.objects.filter(person=person).exists()
    assert not Person.objects.get(pk=person.pk).is_active


@pytest.mark.django_db
def test_a_deactivated_person_cannot_sign_in_again(personas):
    from tests.factories import TEST_PASSWORD

    person = personas["practitioner"]
    partnership_services.deactivate_person(personas["bu_manager"], person)
    browser = browse_as(None)
    response = press(browser.get(LOGIN), "Continue", username=person.email, password=TEST_PASSWORD)
    assert response.status_code == 200
    assert error_summary(response) == ["Enter a correct email address and password"]
    assert browser.get(HOME).headers["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_removing_a_role_takes_effect_on_the_next_request(personas, client_for):
    manager = personas["bu_manager"]
    client = client_for(manager)
    assert client.get(reverse("partnership:overview")).status_code == 200

    membership = Membership.objects.get(person=manager, role=Role.BUSINESS_UNIT_MANAGER)
    partnership_services.end_membership(personas["bu_coordinator"], membership)

    assert client.get(reverse("partnership:overview")).status_code == 403
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(HOME).status_code == 200  # still signed in, just without the role


# --- The person's sessions page ------------------------------------------------------------------


@pytest.mark.django_db
def test_sessions_page_lists_the_persons_own_sessions(personas, client_for):
    person = personas["subgroup_member"]
    here = client_for(person)
    client_for(person)
    client_for(personas["chair"])  # someone else's session is not listed

    response = here.get(reverse("accounts:sessions"))

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="govuk-table__row"') == 1 + 2  # header row plus two sessions
    assert "This session" in body
    assert "Sign out of all other sessions" in body


@pytest.mark.django_db
def test_ending_other_sessions_keeps_this_one(personas):
    person = personas["subgroup_member"]
    here = browse_as(person)
    elsewhere = browse_as(person)
    somebody_else = browse_as(personas["chair"])

    page = here.get(reverse("accounts:account")).click(href=reverse("accounts:sessions"))
    response = press(page, "Sign out of all other sessions")

    assert response.status_code == 302
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME).headers["Location"].startswith(LOGIN)
    assert somebody_else.get(HOME).status_code == 200
    assert list(UserSession.objects.filter(person=person).values_list("session_key", flat=True)) == [_key(here)]
    assert AuditEvent.objects.filter(action=Action.SESSION_ENDED, person=person).exists()


@pytest.mark.django_db
def test_ending_other_sessions_is_post_only(personas, client_for):
    """Hostile: a link (GET) ends no session."""
    person = personas["subgroup_member"]
    here = client_for(person)
    elsewhere = client_for(person)
    assert here.get(reverse("accounts:sessions-end-others")).status_code == 405
    assert elsewhere.get(HOME).status_code == 200


# --- Password policy (Cyber Essentials) ---------------------------------------------------------------


def _password_errors(password: str) -> list[str]:
    try:
        password_validation.validate_password(password, Person(email="pat@testshire.example.org", full_name="Pat"))
    except ValidationError as error:
        return list(error.messages)
    return []


def test_eleven_characters_are_refused_and_twelve_accepted() -> None:
    assert _password_errors("qzmvtrlkwpx")  # 11
    assert _password_errors("qzmvtrlkwpxb") == []  # 12


@pytest.mark.parametrize("length", [64, 65, 100, 128])
def test_long_passphrases_are_accepted(length: int) -> None:
    phrase = ("ferry lantern orchard puzzle " * 10)[:length]
    assert len(phrase) == length
    assert _password_errors(phrase) == []


def test_an_absurdly_long_password_is_refused_with_a_clear_message() -> None:
    errors = _password_errors("x" * 50 + "q" * 200)
    assert any("128 characters or fewer" in e for e in errors)


@pytest.mark.parametrize("common", ["password1234", "qwerty123456", "Q1W2E3R4T5Y6"])
def test_common_passwords_are_refused(common: str) -> None:
    assert len(common) >= 12
    assert any("too common" in e for e in _password_errors(common))


@pytest.mark.parametrize("plain", ["lanternharbourmeadow", "9384751620583746", "LANTERNHARBOURMEADOW"])
def test_no_composition_rule(plain: str) -> None:
    """No demand for mixed case, digits or symbols."""
    assert _password_errors(plain) == []


def test_password_validators_are_the_cyber_essentials_set() -> None:
    validators = cast(list[dict[str, Any]], settings.AUTH_PASSWORD_VALIDATORS)
    names = [v["NAME"].rsplit(".", 1)[-1] for v in validators]
    assert "MinimumLengthValidator" in names
    assert "CommonPasswordValidator" in names
    assert not any("Numeric" in n or "Composition" in n or "Complex" in n for n in names)
    minimum = next(v for v in validators if v["NAME"].endswith("MinimumLengthValidator"))
    assert minimum["OPTIONS"]["min_length"] == 12
