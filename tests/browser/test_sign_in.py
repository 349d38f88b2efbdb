"""Signing in with a password and an authenticator-app code, and signing out."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.support import Axe, authenticator_for, current_code, device_code, submit_password
from tests.factories import TEST_PASSWORD
from tests.personas import build_personas


def test_sign_in_with_security_code_then_sign_out(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    person = build_personas()["agency_lead"]
    device = authenticator_for(person)

    page.goto(f"{base}/sign-in/")
    axe(page)
    submit_password(page, person.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    axe(page)

    # A wrong code: the GOV.UK error summary, linked to the field.
    # Not the code for this 30 seconds, nor for the one before or after (all three are accepted).
    accepted = {current_code(device.bin_key, drift=drift) for drift in (-1, 0, 1)}
    wrong = next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)
    page.get_by_label("Security code").fill(wrong)
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        "The security code is not correct, or it has expired. Enter the current code"
    )
    assert page.title().startswith("Error: Enter your security code")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Security code")).to_be_focused()
    axe(page)

    # django-otp throttles a device for 1 second after a wrong code (OTP_TOTP_THROTTLE_FACTOR = 1).
    page.wait_for_timeout(1100)
    page.get_by_label("Security code").fill(device_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{base}/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {person.full_name}")
    axe(page)

    # Signing out is a POST from the header's button.
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{base}/signed-out/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    axe(page)

    page.goto(f"{base}/home/")
    expect(page).to_have_url(f"{base}/sign-in/?next=/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to SAR Hub")
    axe(page)
