"""Sign-in lockout behind the documented reverse proxy: nobody can lock out someone signing in from elsewhere.

The app runs on pytest-django's live server with BEHIND_PROXY on, and a real reverse proxy (tests/reverse_proxy.py)
in front of it adds X-Forwarded-For as nginx does. Clients connect from different loopback addresses, so the
proxy sees different people, while the app sees every request arrive from the proxy at 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.partnership.models import Person
from tests.factories import TEST_PASSWORD
from tests.personas import build_personas
from tests.reverse_proxy import Browser, Response, reverse_proxy

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two-factor-verify")
HOME = reverse("workspace:home")
ATTACKER, VICTIM, COLLEAGUE = "127.0.0.2", "127.0.0.3", "127.0.0.4"
WRONG = "not the right password at all"
ADDRESS_LIMIT = 100  # failed sign-ins from one address across any emails (SIGN_IN_FAILURES_PER_ADDRESS)


@pytest.fixture
def proxied(live_server: Any, settings: Any) -> Iterator[tuple[int, int]]:
    """(the proxy's port, the app's own port), with the app told it is behind a proxy at 127.0.0.1."""
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    with reverse_proxy(live_server.url) as port:
        yield port, int(live_server.url.rsplit(":", 1)[1])


@pytest.fixture
def people(transactional_db: None) -> dict[str, Person]:
    return build_personas()


def _sign_in(browser: Browser, email: str, password: str, headers: dict[str, str] | None = None) -> Response:
    return browser.post_form(LOGIN, {"username": email, "password": password}, headers=headers)


def _signs_in_fully(browser: Browser, person: Person) -> None:
    """The person signs in with their password and their authenticator app's code, and sees their home page."""
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first() or TOTPDevice.objects.create(
        user=person, name="Phone", confirmed=True
    )
    password_step = _sign_in(browser, person.email, TEST_PASSWORD)
    assert password_step.status == 302, password_step.status
    assert password_step.location.startswith(VERIFY)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code_step = browser.post_form(VERIFY, {"otp_token": f"{code:06d}"})
    assert code_step.status == 302, code_step.status
    home = browser.get(HOME)
    assert home.status == 200
    assert "Sign out" in home.text


def test_fifty_failures_against_someones_email_do_not_lock_them_out_where_they_are(proxied, people):
    proxy_port, _ = proxied
    victim = people["chair"]
    attacker = Browser(ATTACKER, proxy_port)

    statuses = [_sign_in(attacker, victim.email, WRONG).status for _ in range(50)]

    assert statuses[:9] == [200] * 9
    assert set(statuses[9:]) == {429}, "the email and the attacker's address, together, are locked"
    assert _sign_in(attacker, victim.email, TEST_PASSWORD).status == 429
    _signs_in_fully(Browser(VICTIM, proxy_port), victim)


def test_made_up_emails_from_one_place_refuse_that_place_only(proxied, people):
    proxy_port, _ = proxied
    attacker = Browser(ATTACKER, proxy_port)

    statuses = [_sign_in(attacker, f"made.up.{n}@testshire.example.org", WRONG).status for n in range(ADDRESS_LIMIT)]

    assert statuses == [200] * (ADDRESS_LIMIT - 1) + [429]
    # The address is refused now, whatever it tries, with the lockout page.
    refused = _sign_in(attacker, people["practitioner"].email, TEST_PASSWORD)
    assert refused.status == 429
    assert "Too many attempts to sign in" in refused.text
    # Everyone else behind the same proxy signs in as usual.
    _signs_in_fully(Browser(VICTIM, proxy_port), people["practitioner"])
    _signs_in_fully(Browser(COLLEAGUE, proxy_port), people["bu_manager"])


def test_a_forged_x_forwarded_for_does_not_choose_someone_elses_address(proxied, people):
    """Hostile: the attacker claims the victim's address, through the proxy and straight to the app server."""
    proxy_port, app_port = proxied
    victim = people["agency_lead"]
    claim = {"X-Forwarded-For": VICTIM}
    through_proxy = Browser(ATTACKER, proxy_port)
    direct = Browser("127.0.0.5", app_port)

    for _ in range(12):
        _sign_in(through_proxy, victim.email, WRONG, headers=claim)
        _sign_in(direct, victim.email, WRONG, headers=claim)

    assert _sign_in(through_proxy, victim.email, TEST_PASSWORD, headers=claim).status == 429
    assert _sign_in(direct, victim.email, TEST_PASSWORD, headers=claim).status == 429
    _signs_in_fully(Browser(VICTIM, proxy_port), victim)
