"""An axe-core sweep (WCAG 2.2 AA) of the staff pages and the public pages, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.support import Axe, authenticator_for, sign_in
from tests.personas import build_personas


def _visit(page: Page, url: str, axe: Axe, *, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == status, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    axe(page)


def test_business_unit_pages_pass_axe(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    people = build_personas()
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    for path in [
        "/home/",
        "/partnership/",
        "/partnership/agencies/",
        "/partnership/agencies/new/",
        "/partnership/people/",
        f"/partnership/people/{people['practitioner'].pk}/",
        "/partnership/invitations/",
        "/partnership/invitations/new/",
        "/audit/",
        "/account/",
        "/account/password/",
        "/account/two-factor/",
        "/account/sessions/",
    ]:
        _visit(page, base + path, axe)

    # The error state of a form: the new-agency form sent empty.
    page.goto(f"{base}/partnership/agencies/new/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the agency's name")
    assert "(error)" in page.title()
    axe(page)


def test_public_pages_pass_axe(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    build_personas()

    for path in ["/", "/sign-in/", "/accessibility/", "/privacy/", "/password-reset/"]:
        _visit(page, base + path, axe)
    _visit(page, f"{base}/no-such-page/", axe, status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
