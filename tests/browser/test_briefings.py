"""A 7-minute briefing in a real browser: written by the business unit, approved by the chair, sent to the
agencies, cascaded by an agency lead, and read and searched in the public library (axe on each page)."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from sarhub.briefings.models import POINTS, Briefing, CascadeRecord
from tests.browser.support import Axe, authenticator_for, fill_date, sign_in
from tests.builders import signed_off_review
from tests.personas import build_personas


def test_write_approve_send_cascade_and_read_a_briefing(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    people = build_personas()
    review = signed_off_review(people, pseudonym="Adult W")
    other = signed_off_review(people, pseudonym="Adult V")
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    # Written through the editor: an empty point is refused with a clear message first.
    page.goto(f"{base}/briefings/")
    axe(page)
    page.get_by_role("link", name="Write a briefing").click()
    axe(page)
    page.get_by_label("Title").fill("Hoarding is a safeguarding risk")
    # Thematic learning across both reviews: each ticked review is kept.
    page.get_by_label("Thematic learning across several reviews").check()
    page.get_by_label(f"{review.reference}: Adult W").check()
    page.get_by_label(f"{other.reference}: Adult V").check()
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write the point: background")
    axe(page)
    for name, heading, _ in POINTS:
        page.locator(f"#id_{name}").fill(f"{heading}: hoarding was treated as a housing matter for Adult W.")
    page.locator("#id_question_1").fill("When would you call hoarding a safeguarding concern?")
    page.locator("#id_question_2").fill("Who else should know?")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoarding is a safeguarding risk")
    expect(page.locator(".sevenmin")).to_contain_text("Key finding 3")
    axe(page)
    briefing = Briefing.objects.get()
    assert briefing.thematic and set(briefing.reviews.all()) == {review, other}

    page.get_by_role("button", name="Propose version 1 for publication").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("proposed for publication")
    page.get_by_role("button", name="Send version 1 to agency leads").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has shared it")
    axe(page)

    # The chair approves (signed in moments ago, so no new code is needed).
    chair = people["chair"]
    chair_page = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    sign_in(chair_page, base, chair, authenticator_for(chair), axe)
    chair_page.goto(f"{base}/briefings/{briefing.pk}/")
    chair_page.get_by_role("button", name="Approve", exact=True).click()
    expect(chair_page.locator(".govuk-notification-banner")).to_contain_text("Approved")
    axe(chair_page)

    # The agency lead records a team.
    lead = people["agency_lead"]
    lead_page = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    sign_in(lead_page, base, lead, authenticator_for(lead), axe)
    lead_page.goto(f"{base}/briefings/")
    lead_page.get_by_role("link", name="Hoarding is a safeguarding risk").first.click()
    expect(lead_page.get_by_role("heading", level=1)).to_have_text("Share the briefing with your teams")
    axe(lead_page)
    lead_page.get_by_role("button", name="Record this team").click()
    expect(lead_page.locator(".govuk-error-summary")).to_contain_text("Enter the team you briefed")
    axe(lead_page)
    lead_page.get_by_label("Team", exact=True).fill("Community nursing")
    fill_date(lead_page, "briefed_on", timezone.localdate())
    lead_page.get_by_label("Number of staff it reached").fill("12")
    lead_page.get_by_label("What the team discussed").fill("When hoarding is a risk to life.")
    lead_page.get_by_label("What the team will change").fill("We will refer to the self-neglect pathway.")
    lead_page.get_by_role("button", name="Record this team").click()
    expect(lead_page.locator("table")).to_contain_text("Community nursing")
    assert CascadeRecord.objects.get().staff_reached == 12

    # The business unit sees the reach.
    page.reload()
    expect(page.locator("main")).to_contain_text("12")
    axe(page)

    # The public: the briefing list and page, and a search of the library.
    public = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    public.goto(f"{base}/learning/briefings/")
    axe(public)
    public.get_by_role("link", name="Hoarding is a safeguarding risk").click()
    expect(public.locator(".sevenmin")).to_contain_text("Who else should know?")
    axe(public)
    public.goto(f"{base}/learning/?q=%22hoarding%20NEAR(")
    expect(public.locator("[role=status]")).to_contain_text("0 reviews")
    axe(public)
