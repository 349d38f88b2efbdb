"""An invitation sent through the UI, accepted in another browser, with two-factor set-up."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core import mail
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from sarhub.partnership.models import Person
from tests.browser.support import Axe, authenticator_for, current_code, key_from_setup_page, sign_in
from tests.personas import build_personas

NEW_EMAIL = "robin.fairweather@testshire.example.org"
NEW_PASSWORD = "lantern orchard velvet 1987"


def test_invited_person_creates_account_and_sets_up_two_factor(
    live_server, page: Page, new_context: Callable[..., BrowserContext], axe: Axe
) -> None:
    base = live_server.url
    people = build_personas()
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    # The business unit manager invites a practitioner.
    page.goto(f"{base}/partnership/invitations/new/")
    axe(page)
    page.get_by_label("Full name").fill("Robin Fairweather")
    page.get_by_label("Email address").fill(NEW_EMAIL)
    page.get_by_label("Job title (optional)").fill("Social Worker")
    page.get_by_label("Agency", exact=True).select_option(label="Testshire Council")
    page.get_by_label("Practitioner", exact=True).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page).to_have_url(f"{base}/partnership/invitations/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"An invitation has been sent to {NEW_EMAIL}, as practitioner at Testshire Council."
    )
    axe(page)

    # One email, to one person, with the link in it.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [NEW_EMAIL]
    assert not message.cc
    assert not message.bcc
    links = re.findall(r"https?://\S+/invitation/[^/\s]+/", str(message.body))
    assert len(links) == 1, message.body
    invitation_path = urlsplit(links[0]).path

    # The invited person opens it in their own browser.
    invitee = new_context().new_page()
    invitee.goto(base + invitation_path)
    expect(invitee).to_have_url(f"{base}/invitation/accept/")
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Create your SAR Hub account")
    expect(invitee.get_by_text("You have been invited as: Practitioner for Testshire Council.")).to_be_visible()
    axe(invitee)
    expect(invitee.get_by_label("Full name")).to_have_value("Robin Fairweather")

    # The link works only for the address it was sent to.
    invitee.get_by_label("Email address").fill("someone.else@testshire.example.org")
    invitee.get_by_label("Create a password").fill(NEW_PASSWORD)
    invitee.get_by_label("Confirm your password").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Create account").click()
    expect(invitee.locator(".govuk-error-summary")).to_contain_text(
        "Enter the email address this invitation was sent to"
    )
    axe(invitee)
    assert not Person.objects.filter(email__in=[NEW_EMAIL, "someone.else@testshire.example.org"]).exists()

    # The address is matched whatever its case.
    invitee.get_by_label("Email address").fill(NEW_EMAIL.upper())
    invitee.get_by_label("Create a password").fill(NEW_PASSWORD)
    invitee.get_by_label("Confirm your password").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Create account").click()

    # Two-factor set-up: read the key as a person would type it into their app.
    expect(invitee).to_have_url(f"{base}/account/two-factor/set-up/")
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(invitee.get_by_text("Your account has been created.")).to_be_visible()
    axe(invitee)
    key = key_from_setup_page(invitee.locator("#totp-secret").inner_text())
    assert len(key) == 20
    invitee.get_by_label("Security code").fill(current_code(key))
    invitee.get_by_role("button", name="Confirm and continue").click()

    expect(invitee.get_by_role("heading", level=1)).to_have_text("Save your backup codes")
    codes = invitee.locator("#backup-codes li")
    expect(codes).to_have_count(10)
    assert len(set(codes.all_inner_texts())) == 10
    axe(invitee)
    invitee.get_by_role("link", name="I have saved my codes").click()

    expect(invitee).to_have_url(f"{base}/home/")
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Welcome, Robin Fairweather")
    roles = invitee.locator(".govuk-summary-list")
    expect(roles).to_contain_text("Practitioner")
    expect(roles).to_contain_text("Testshire Council")
    axe(invitee)

    created = Person.objects.get(email=NEW_EMAIL)
    assert created.full_name == "Robin Fairweather"
    assert TOTPDevice.objects.filter(user=created, confirmed=True).count() == 1
    assert StaticToken.objects.filter(device__user=created).count() == 10

    # The business unit sees the invitation as accepted.
    page.reload()
    expect(page.get_by_role("row", name=re.compile("Robin Fairweather"))).to_contain_text("Accepted")
    axe(page)

    # The link works once: opened again, in yet another browser, it says so.
    again = new_context().new_page()
    response = again.goto(base + invitation_path)
    assert response is not None
    assert response.status == 410
    expect(again.get_by_role("heading", level=1)).to_have_text("This invitation has already been used")
    axe(again)
