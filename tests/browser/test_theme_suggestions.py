"""Theme suggestions in a real browser: as a finding is typed, suggestions appear (announced in a live
region); accepting one ticks its box, and only what the person accepted or rejected is kept (axe on each
state)."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page, expect

from sarhub.insight import suggestions
from sarhub.insight.models import SuggestionChoice
from sarhub.reviews.models import Finding
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.builders import review_at
from tests.personas import build_personas

TEXT = (
    "Each visit noted the hoarding and the clutter in the hallway, and that she declined help, but no one "
    "asked the fire service for a home safety visit."
)


def test_suggestions_appear_as_a_finding_is_typed_and_one_is_accepted(
    live_server, page: Page, axe: Axe, seeded_terms: None
) -> None:
    suggestions.forget()
    base = live_server.url
    people = build_personas()
    review = review_at(people, "analysis")
    reviewer = people["reviewer"]
    sign_in(page, base, reviewer, authenticator_for(reviewer), axe)

    page.goto(base + reverse("reviews:finding-new", args=[review.pk]))
    axe(page)
    page.get_by_label("Finding", exact=True).press_sequentially(TEXT[:60])
    page.get_by_label("Finding", exact=True).fill(TEXT)
    panel = page.locator("#finding-suggestions")
    expect(panel.get_by_role("heading", name="Suggested themes")).to_be_visible()
    expect(panel.get_by_role("button", name="Accept Self-neglect", exact=True)).to_be_visible()
    status = page.locator("[data-suggestions-status]")
    expect(status).to_contain_text("suggested theme")
    expect(panel).to_contain_text("hoarding")
    axe(page)

    # Nothing is ticked until the person accepts.
    assert not page.get_by_label("Self-neglect", exact=True).is_checked()
    panel.get_by_role("button", name="Accept Self-neglect", exact=True).click()
    expect(page.get_by_label("Self-neglect", exact=True)).to_be_checked()
    expect(status).to_contain_text("Accepted: Self-neglect.")
    expect(panel.locator("[data-token]", has_text="Accepted").first).to_be_visible()
    # Keyboard: focus stays in the suggestions, on the accepted suggestion's remaining button.
    expect(page.locator(":focus")).to_have_text("Reject Self-neglect")
    axe(page)

    page.get_by_label("Direct work with the adult").check()
    page.get_by_label("Barrier to good practice").check()
    page.get_by_role("button", name="Save finding").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    axe(page)

    finding = Finding.objects.get(text=TEXT)
    assert list(finding.abuse_types.values_list("name", flat=True)) == ["Self-neglect"]
    assert not finding.practice_themes.exists()
    choices = list(SuggestionChoice.objects.filter(finding=finding))
    assert [(c.kind, c.accepted) for c in choices] == [("abuse_type", True)]
    assert any("hoard" in word.lower() for word in choices[0].words)
    suggestions.forget()
