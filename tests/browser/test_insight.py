"""The insight pages in a real browser, with axe (WCAG 2.2 AA) on each, charts included: the business unit's
dashboard and its filters, a click through to a list, the Board's overview, themes over time and the
quarterly report (and its error)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from sarhub.actions.services import create_action
from sarhub.taxonomy.models import PracticeTheme
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.builders import signed_off_review
from tests.personas import build_personas


def test_the_insight_pages_work_and_pass_axe(live_server, page: Page, axe: Axe) -> None:
    from sarhub.reviews.services.content import save_finding, save_recommendation

    base = live_server.url
    people = build_personas()
    manager, lead = people["bu_manager"], people["agency_lead"]
    theme, _ = PracticeTheme.objects.get_or_create(name="Information sharing")
    review = signed_off_review(people, pseudonym="Adult W")
    save_finding(
        manager,
        review,
        {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier", "practice_themes": [theme]},
        review.findings.get(),
    )
    recommendation = save_recommendation(manager, review, {"text": "Share risk.", "to_board": True})
    create_action(
        manager,
        review,
        {
            "recommendation": recommendation,
            "what": "Audit discharge summaries.",
            "owner_agency": lead.agencies[0],
            "lead": lead,
            "due_on": timezone.localdate() + timedelta(days=10),
            "success_measure": "Nine in ten name the risk.",
        },
    )

    sign_in(page, base, manager, authenticator_for(manager), axe)
    page.goto(f"{base}/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The SAR programme")
    expect(page.get_by_role("img", name="Actions by owner and RAG rating")).to_be_visible()
    axe(page)

    page.get_by_label("Agency", exact=True).select_option(label=lead.agencies[0].name)
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator("#figure-actions-by-agency tbody tr")).to_have_count(2)  # the agency and the total
    axe(page)
    page.locator("#figure-actions-by-agency tbody tr").first.get_by_role("link").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Board's action plan")
    expect(page.get_by_text("1 action", exact=True)).to_be_visible()

    board = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    member = people["board_member"]
    sign_in(board, base, member, authenticator_for(member), axe)
    for path, heading in [
        ("/insight/", "The programme at a glance"),
        ("/insight/themes/", "Themes over time"),
        ("/insight/quarterly/", None),
    ]:
        board.goto(base + path)
        if heading:
            expect(board.get_by_role("heading", level=1)).to_have_text(heading)
        axe(board)
    board.goto(f"{base}/insight/quarterly/?quarter=nonsense")
    expect(board.locator(".govuk-error-summary")).to_contain_text("Choose a quarter from the list")
    axe(board)
