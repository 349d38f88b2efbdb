""" "Tick all that apply" in a real browser: a person ticks several answers and every one is kept.

Before issue 11 every multiple-choice question was drawn as radio buttons, so a browser could send one
answer only. These tests tick two or more in Chromium, through the pages as served (axe on each):
a finding's practice themes and abuse types, and a leadership presentation's reviews and themes. (The
public referral and a thematic 7-minute briefing are ticked in test_accessibility.py and
test_briefings.py.)
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from sarhub.leadership.models import Presentation
from sarhub.reviews.models import Finding
from tests.browser.support import Axe, authenticator_for, fill_date, sign_in
from tests.builders import signed_off_review
from tests.personas import build_personas

THEMES = ["Self-neglect and hoarding", "Professional curiosity"]
ABUSE = ["Neglect and acts of omission", "Self-neglect"]


def test_a_finding_keeps_every_theme_and_abuse_type_ticked(
    live_server, page: Page, axe: Axe, seeded_terms: None
) -> None:
    base = live_server.url
    people = build_personas()
    review = signed_off_review(people, pseudonym="Adult T")
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    page.goto(base + reverse("reviews:finding-new", args=[review.pk]))
    axe(page)
    page.get_by_label("Finding", exact=True).fill("Hoarding was not seen as a risk to life.")
    page.get_by_label("Direct work with the adult").check()
    page.get_by_label("Barrier to good practice").check()
    for name in THEMES + ABUSE:
        page.get_by_label(name, exact=True).check()
    # The suggestions the typing and ticking asked for (after a pause) have arrived: a save mid-request
    # would cut it off, which the browser check reports.
    page.wait_for_timeout(700)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save finding").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    axe(page)

    finding = Finding.objects.get(text="Hoarding was not seen as a risk to life.")
    assert sorted(finding.practice_themes.values_list("name", flat=True)) == sorted(THEMES)
    assert sorted(finding.abuse_types.values_list("name", flat=True)) == sorted(ABUSE)


def test_a_presentation_keeps_every_review_and_theme_ticked(
    live_server, page: Page, axe: Axe, seeded_terms: None
) -> None:
    base = live_server.url
    people = build_personas()
    first = signed_off_review(people, pseudonym="Adult S")
    second = signed_off_review(people, pseudonym="Adult R")
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    page.goto(base + reverse("leadership:new"))
    axe(page)
    page.get_by_label("Place Board").check()
    fill_date(page, "presented_on", timezone.localdate())
    page.get_by_label("Title", exact=True).fill("Thematic findings: hoarding and curiosity")
    page.get_by_label(f"{first.reference}: Adult S").check()
    page.get_by_label(f"{second.reference}: Adult R").check()
    for name in THEMES:
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thematic findings: hoarding and curiosity")
    axe(page)

    presentation = Presentation.objects.get()
    assert set(presentation.reviews.all()) == {first, second}
    assert sorted(presentation.practice_themes.values_list("name", flat=True)) == sorted(THEMES)
