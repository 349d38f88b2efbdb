"""Too many wrong passwords: HTTP 429, and the same answer whether or not the account exists."""

from __future__ import annotations

from axes.utils import reset as reset_lockouts
from playwright.sync_api import Page, Response, expect

from tests.browser.support import Axe, submit_password
from tests.factories import TEST_PASSWORD
from tests.personas import build_personas

FAILURE_LIMIT = 10
WRONG_PASSWORD = "not the right password at all"


def _attempt(page: Page, email: str, password: str) -> Response:
    """One sign-in attempt through the form on the page; the response to the form's POST."""
    with page.expect_response(lambda r: r.request.method == "POST" and "/sign-in/" in r.url) as posted:
        submit_password(page, email, password)
    page.wait_for_load_state()
    return posted.value


def _lock_out(page: Page, base: str, email: str, axe: Axe) -> tuple[list[int], str, str]:
    """Fail FAILURE_LIMIT times, then try once more with the personas' real password.

    Returns every attempt's HTTP status, and the title and text of the page the last attempt showed."""
    page.goto(f"{base}/sign-in/")
    statuses = []
    for attempt in range(1, FAILURE_LIMIT):
        statuses.append(_attempt(page, email, WRONG_PASSWORD).status)
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
        if attempt == 1:
            axe(page)
    # The failure that reaches the limit is itself answered with the lockout page.
    statuses.append(_attempt(page, email, WRONG_PASSWORD).status)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts to sign in")
    axe(page)
    # The next attempt is refused even with the right password.
    page.goto(f"{base}/sign-in/")
    statuses.append(_attempt(page, email, TEST_PASSWORD).status)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts to sign in")
    axe(page)
    return statuses, page.title(), page.locator("body").inner_text()


def test_lockout_after_ten_wrong_passwords_gives_nothing_away(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    person = build_personas()["practitioner"]

    known_statuses, known_title, known_text = _lock_out(page, base, person.email, axe)
    assert known_statuses == [200] * (FAILURE_LIMIT - 1) + [429, 429]
    assert known_title.startswith("Too many attempts")
    assert "Wait 30 minutes" in known_text
    # Still locked: the right password does not get the person to the security-code page.
    assert "security code" not in known_text.lower()

    # The address is locked from this IP address now; clear the lock (as the cool-off would) and try an
    # address that has no account.
    reset_lockouts()
    unknown_statuses, unknown_title, unknown_text = _lock_out(page, base, "nobody.here@testshire.example.org", axe)

    assert unknown_statuses == known_statuses
    assert unknown_title == known_title
    assert unknown_text == known_text
