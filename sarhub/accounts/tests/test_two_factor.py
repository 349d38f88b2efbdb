"""Two-factor authentication: required on every private page, TOTP and backup codes, lockout, demo codes, admin."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts import services
from sarhub.accounts.models import DemoCodeDevice
from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Person
from tests.factories import PersonFactory
from tests.pages import browse_as, error_summary, field_error, press
from tests.personas import PERSONA_KEYS

VERIFY = reverse("accounts:two-factor-verify")
SETUP = reverse("accounts:two-factor-setup")
PRIVATE_NAMESPACES = {"core", "workspace", "accounts", "partnership", "audit"}


def _unverified(person: Person) -> Client:
    """Signed in with a password, second factor not yet given (a test client, for the hostile requests)."""
    client = Client()
    client.force_login(person)
    return client


def _unverified_browser(person: Person) -> Any:
    """A browser signed in with a password, second factor not yet given."""
    client = _unverified(person)
    browser = browse_as(None)
    browser.set_cookie(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    return browser


def _verified(browser: Any) -> bool:
    return browser.get(reverse("workspace:home"), status="*").status_code == 200


def _still_signed_in(browser: Any) -> bool:
    """Signed in with a password: private pages send the person to the code page, not the sign-in page."""
    return browser.get(reverse("workspace:home")).headers["Location"].startswith(VERIFY)


def _enter_code(browser: Any, code: str, *, page: Any = None, expect: Any = None) -> Any:
    """Enter a security code on the code page (reached as a private page sends the person there)."""
    page = page or browser.get(VERIFY)
    return press(page, "Continue", otp_token=code, **({"status": expect} if expect else {}))


def _is_verified(client: Client) -> bool:
    from django_otp import DEVICE_ID_SESSION_KEY

    return bool(client.session.get(DEVICE_ID_SESSION_KEY))


def _is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _code(device: TOTPDevice, drift: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{value:0{device.digits}d}"


def _wrong_code(device: TOTPDevice) -> str:
    """A well-formed code that is not valid for any time step the device would accept now."""
    valid = {_code(device, drift) for drift in range(-3, 4)}
    candidate = 100000
    while f"{candidate:06d}" in valid:
        candidate += 1
    return f"{candidate:06d}"


def _totp_device(person: Person) -> TOTPDevice:
    return TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)


def _let_the_throttle_pass(device: TOTPDevice) -> None:
    """As if the person waited out django-otp's growing pause after a wrong code (1, 2, 4... seconds)."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(hours=1))


def _private_routes() -> list[tuple[str, str]]:
    """(name, url) of every route that needs a signed-in person with a second factor."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
                continue
            assert isinstance(pattern, URLPattern)
            if namespace not in PRIVATE_NAMESPACES or not pattern.name:
                continue
            view = pattern.callback
            if getattr(view, "second_factor_not_required", False) or getattr(view, "login_required", True) is False:
                continue
            kwargs = {
                name: (1 if type(converter).__name__ == "IntConverter" else "x")
                for name, converter in pattern.pattern.converters.items()
            }
            name = f"{namespace}:{pattern.name}"
            found.append((name, reverse(name, kwargs=kwargs)))

    walk(get_resolver().url_patterns, None)
    return found


def test_the_private_route_inventory_is_not_empty() -> None:
    names = {name for name, _ in _private_routes()}
    assert {"workspace:home", "accounts:account", "partnership:overview", "audit:list", "audit:export"} <= names
    assert "accounts:login" not in names
    assert "accounts:two-factor-verify" not in names


@pytest.mark.django_db
def test_every_private_page_sends_an_unverified_person_to_the_code_page(personas):
    person = personas["bu_manager"]
    _totp_device(person)
    client = _unverified(person)
    for name, url in _private_routes():
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (name, method, response.status_code)
            assert response["Location"].startswith(VERIFY), (name, method, response["Location"])
    assert _is_signed_in(client)
    assert not _is_verified(client)


@pytest.mark.django_db
def test_every_private_page_sends_a_person_without_a_device_to_set_up(personas):
    client = _unverified(personas["bu_coordinator"])
    for name, url in _private_routes():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(SETUP), (name, response["Location"])


@pytest.mark.django_db
def test_unverified_post_changes_nothing(personas, client_for):
    """A POST that would end other sessions is refused before the view runs."""
    person = personas["practitioner"]
    other = client_for(person)
    client = _unverified(person)
    response = client.post(reverse("accounts:sessions-end-others"))
    assert response.status_code == 302
    assert other.get(reverse("workspace:home")).status_code == 200


@pytest.mark.django_db
def test_authenticator_app_code_verifies_and_opens_private_pages(personas):
    person = personas["chair"]
    device = _totp_device(person)
    browser = _unverified_browser(person)
    sent = browser.get(reverse("accounts:account"))
    assert sent.headers["Location"].startswith(VERIFY)

    response = _enter_code(browser, _code(device), page=sent.follow())

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("accounts:account")
    assert _verified(browser)
    event = AuditEvent.objects.get(action=Action.SECOND_FACTOR, person=person)
    assert event.detail == "TOTPDevice"


@pytest.mark.django_db
def test_a_wrong_code_does_not_verify(personas):
    person = personas["chair"]
    device = _totp_device(person)
    browser = _unverified_browser(person)
    response = _enter_code(browser, _wrong_code(device))
    assert response.status_code == 200
    message = "The security code is not correct, or it has expired. Enter the current code"
    assert field_error(response, "otp_token") == message and error_summary(response) == [message]
    assert not _verified(browser)


@pytest.mark.django_db
def test_an_empty_code_says_what_to_enter(personas):
    _totp_device(personas["chair"])
    response = _enter_code(_unverified_browser(personas["chair"]), "")
    assert field_error(response, "otp_token") and error_summary(response)


@pytest.mark.django_db
def test_an_authenticator_code_cannot_be_replayed(personas):
    person = personas["reviewer"]
    device = _totp_device(person)
    code = _code(device)
    first = _unverified_browser(person)
    assert _enter_code(first, code).status_code == 302
    second = _unverified_browser(person)
    response = _enter_code(second, code)
    assert response.status_code == 200
    assert not _verified(second)


@pytest.mark.django_db
def test_setting_up_an_authenticator_app(personas):
    person = personas["board_member"]
    browser = _unverified_browser(person)
    sent = browser.get(reverse("workspace:home"))
    assert sent.headers["Location"].startswith(SETUP)

    page = sent.follow()
    assert "<svg" in page.text
    device = TOTPDevice.objects.get(user=person, confirmed=False)

    wrong = press(page, "Confirm and continue", otp_token=_wrong_code(device))
    assert wrong.status_code == 200 and field_error(wrong, "otp_token")
    assert not _verified(browser)

    _let_the_throttle_pass(device)
    response = press(wrong, "Confirm and continue", otp_token=_code(device))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:backup-codes"))
    device.refresh_from_db()
    assert device.confirmed
    assert _verified(browser)

    codes_page = response.follow()
    stored = list(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert len(stored) == services.BACKUP_CODE_COUNT
    assert all(code in codes_page.text for code in stored)
    # Shown once only.
    again = browser.get(reverse("accounts:backup-codes"))
    assert again.status_code == 302
    assert stored[0] not in again.follow().text


@pytest.mark.django_db
def test_a_backup_code_works_once_only(personas):
    person = personas["line_manager"]
    _totp_device(person)
    codes = services.new_backup_codes(person)

    first = _unverified_browser(person)
    assert _enter_code(first, codes[0]).status_code == 302
    assert _verified(first)
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR, person=person, detail="StaticDevice").count() == 1

    another = _unverified_browser(person)
    assert _enter_code(another, codes[1]).status_code == 302

    reuse = _unverified_browser(person)
    response = _enter_code(reuse, codes[0])
    assert response.status_code == 200
    assert not _verified(reuse)
    assert services.backup_codes_left(person) == services.BACKUP_CODE_COUNT - 2


@pytest.mark.django_db
def test_new_backup_codes_replace_the_old_ones(personas):
    person = personas["line_manager"]
    _totp_device(person)
    old = services.new_backup_codes(person)
    browser = browse_as(person)
    made = press(browser.get(reverse("accounts:two-factor")), "Make new backup codes")
    new = list(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    shown = made.maybe_follow().text
    assert all(code in shown for code in new)
    unverified = _unverified_browser(person)
    assert _enter_code(unverified, old[0]).status_code == 200
    assert not _verified(unverified)
    assert set(old).isdisjoint(new)
    assert len(new) == services.BACKUP_CODE_COUNT


@pytest.mark.django_db
def test_ten_wrong_codes_sign_the_person_out_with_http_429(personas):
    person = personas["agency_lead"]
    device = _totp_device(person)
    browser = _unverified_browser(person)
    wrong = _wrong_code(device)
    for attempt in range(9):
        _let_the_throttle_pass(device)
        response = _enter_code(browser, wrong)
        assert response.status_code == 200, attempt
        assert field_error(response, "otp_token").startswith("The security code is not correct")
        assert _still_signed_in(browser)

    _let_the_throttle_pass(device)
    response = _enter_code(browser, wrong, expect=429)

    assert "Too many attempts" in response.text
    assert not _still_signed_in(browser)
    assert browser.get(reverse("workspace:home")).headers["Location"].startswith(reverse("accounts:login"))
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR_FAILED, person=person).count() == 10
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT).count() == 1


@pytest.mark.django_db
def test_a_code_sent_too_soon_after_a_wrong_one_is_not_checked(personas):
    """django-otp pauses checking after a wrong code; the person is told to wait, even for a right code."""
    person = personas["agency_lead"]
    device = _totp_device(person)
    browser = _unverified_browser(person)
    first = _enter_code(browser, _wrong_code(device))
    assert first.status_code == 200
    response = _enter_code(browser, _code(device), page=first)
    assert response.status_code == 200
    assert field_error(response, "otp_token").startswith("For your security, wait")
    assert not _verified(browser)
    _let_the_throttle_pass(device)
    assert _enter_code(browser, _code(device), page=response).status_code == 302
    assert _verified(browser)


@pytest.mark.django_db
def test_demo_code_device_never_verifies_outside_demo_mode(db):
    assert settings.DEMO_MODE is False
    person = cast(Person, PersonFactory(email="demo.person@testshire.example.org"))
    device = DemoCodeDevice.objects.create(user=person, name="Demo code", confirmed=True, code="246810")

    assert device.verify_token("246810") is False
    browser = _unverified_browser(person)
    response = _enter_code(browser, "246810")
    assert response.status_code == 200
    assert not _verified(browser)

    with override_settings(DEMO_MODE=False, DEBUG=True):
        assert device.verify_token("246810") is False


@pytest.mark.django_db
def test_demo_code_device_verifies_in_demo_mode(db):
    person = cast(Person, PersonFactory(email="demo.person@testshire.example.org"))
    device = DemoCodeDevice.objects.create(user=person, name="Demo code", confirmed=True, code="246810")
    with override_settings(DEMO_MODE=True):
        assert device.verify_token("246810") is True
        assert device.verify_token("246811") is False
        assert device.verify_token(246810) is False
        browser = _unverified_browser(person)
        response = _enter_code(browser, "246810")
        assert response.status_code == 302
        assert _verified(browser)


# --- The administration site ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", [k for k in PERSONA_KEYS if k != "sysadmin"])
def test_admin_refuses_everyone_but_system_administrators(personas, client_for, key):
    client = client_for(personas[key])
    for url in ("/admin/", "/admin/partnership/person/", "/admin/audit/auditevent/"):
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_admin_refuses_an_unverified_system_administrator(personas):
    person = personas["sysadmin"]
    _totp_device(person)
    client = _unverified(person)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.get("/admin/partnership/person/").status_code == 302


@pytest.mark.django_db
def test_admin_refuses_anonymous_visitors(db):
    response = Client().get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Sign in to SAR Hub" in response.content.decode()


@pytest.mark.django_db
def test_admin_allows_a_verified_system_administrator(personas, client_for):
    client = client_for(personas["sysadmin"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "SAR Hub administration" in response.content.decode()
    assert client.get("/admin/partnership/person/").status_code == 200


@pytest.mark.django_db
def test_admin_refuses_a_system_administrator_whose_role_has_ended(personas, client_for):
    from sarhub.core.roles import Role
    from sarhub.partnership.models import Membership

    client = client_for(personas["sysadmin"])
    assert client.get("/admin/").status_code == 200
    Membership.objects.filter(person=personas["sysadmin"], role=Role.SYSTEM_ADMINISTRATOR).update(
        ended_at="2020-01-01T00:00:00Z"
    )
    assert client.get("/admin/").status_code == 403
