"""Good practice, shared, in a real browser (axe on each page): the business unit filters the page, meets a
filter it cannot use, and starts a 7-minute briefing from a finding with its "What went well" filled in."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from sarhub.briefings.models import POINTS, BriefingVersion
from sarhub.reviews.services.content import save_finding
from sarhub.taxonomy.models import PracticeTheme
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.builders import signed_off_review
from tests.personas import build_personas

GOOD = "The community nurse followed up every missed appointment in person."


def test_filter_good_practice_and_start_a_briefing_from_it(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    people = build_personas()
    review = signed_off_review(people, pseudonym="Adult W")
    # Transactional browser tests empty the seeded taxonomy: put the theme back if another test took it.
    curiosity, _ = PracticeTheme.objects.get_or_create(name="Professional curiosity")
    manager = people["bu_manager"]
    save_finding(
        manager,
        review,
        {"text": GOOD, "domain": "direct_work", "kind": "good_practice", "practice_themes": [curiosity]},
    )
    sign_in(page, base, manager, authenticator_for(manager), axe)

    page.get_by_role("link", name="Good practice, shared").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Good practice, shared")
    expect(page.locator("#good-practice-count")).to_have_text("1 item of good practice")
    axe(page)
    page.get_by_text("How agencies and years are decided").click()
    axe(page)

    page.get_by_label("Practice theme").select_option(label="Professional curiosity")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-summary-card")).to_contain_text(GOOD)
    axe(page)

    page.goto(f"{base}/insight/good-practice/?year=1999")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a financial year from the list")
    axe(page)

    page.goto(f"{base}/insight/good-practice/")
    page.get_by_role("link", name="Start a new briefing with it").click()
    expect(page.locator("#went-well-offer")).to_contain_text(f"finding 2 of {review.reference} (Adult W)")
    expect(page.locator("#id_what_went_well")).to_have_value(GOOD)
    axe(page)
    page.get_by_label("Title").fill("Following up in person")
    for name, heading, _ in POINTS:
        page.locator(f"#id_{name}").fill(f"{heading}: what teams should know about Adult W.")
    page.locator("#id_question_1").fill("What would you do?")
    page.locator("#id_question_2").fill("Who would you tell?")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator(".sevenmin")).to_contain_text("What went well")
    axe(page)
    assert BriefingVersion.objects.get().what_went_well == GOOD
