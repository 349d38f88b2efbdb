"""Helpers shared by the browser tests: security codes and signing in through the real pages."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sarhub.insight.permissions import can_see_dashboard
from sarhub.partnership.models import Person
from tests.factories import TEST_PASSWORD

Axe = Callable[[Page], None]


def current_code(key: bytes, *, step: int = 30, t0: int = 0, digits: int = 6, drift: int = 0) -> str:
    """The code an authenticator app would show now for this key."""
    return f"{totp(key, step, t0, digits, drift):0{digits}d}"


def device_code(device: TOTPDevice) -> str:
    return current_code(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)


def key_from_setup_page(shown: str) -> bytes:
    """The key as the set-up page shows it ("ABCD EFGH ..."), decoded from base32."""
    compact = "".join(shown.split()).upper()
    return base64.b32decode(compact + "=" * (-len(compact) % 8))


def authenticator_for(person: Person) -> TOTPDevice:
    """A confirmed authenticator app for a person, as if they had set one up earlier."""
    return TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)


def submit_password(page: Page, email: str, password: str) -> None:
    """Fill in and send the sign-in form on the page currently shown."""
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def sign_in(page: Page, base_url: str, person: Person, device: TOTPDevice, axe: Axe) -> None:
    """Sign in through the sign-in and security-code pages, checking each page on the way."""
    page.goto(f"{base_url}/sign-in/")
    axe(page)
    submit_password(page, person.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    axe(page)
    page.get_by_label("Security code").fill(device_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{base_url}/home/")
    # The business unit's home page is the programme's dashboard; everyone else's welcomes them.
    home = "The SAR programme" if can_see_dashboard(person) else f"Welcome, {person.full_name}"
    expect(page.get_by_role("heading", level=1)).to_have_text(home)
    axe(page)


def fill_date(page: Page, name: str, day: Any) -> None:
    """Type a date into GOV.UK's date input for field `name`, box by box, as a person does."""
    page.locator(f"#id_{name}-day").fill(str(day.day))
    page.locator(f"#id_{name}-month").fill(str(day.month))
    page.locator(f"#id_{name}-year").fill(str(day.year))
