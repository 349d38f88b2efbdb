"""The action plan in a real browser: add an action, report progress with evidence, assure it, see the plan
(axe on each page)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from sarhub.actions.models import Action, Status
from tests.browser.support import Axe, authenticator_for, fill_date, sign_in
from tests.builders import signed_off_review
from tests.factories import SAMPLE_PDF
from tests.personas import build_personas

PDF = SAMPLE_PDF


def test_add_report_assure_and_see_the_plan(live_server, page: Page, axe: Axe, tmp_path: Path) -> None:
    from sarhub.reviews.services.content import save_recommendation

    base = live_server.url
    people = build_personas()
    review = signed_off_review(people, pseudonym="Adult W")
    manager, lead = people["bu_manager"], people["agency_lead"]
    save_recommendation(manager, review, {"text": "Treat hoarding as a risk.", "to_board": True})
    sign_in(page, base, manager, authenticator_for(manager), axe)

    page.goto(f"{base}/reviews/{review.pk}/actions/")
    axe(page)
    page.get_by_role("link", name="Add an action").click()
    axe(page)
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("The recommendation it answers").select_option(
        label="Recommendation 1: Treat hoarding as a risk."
    )
    page.get_by_label("What will be done").fill("Add hoarding to the discharge checklist.")
    page.get_by_label("Owner").select_option(label="Testshire Hospital Trust")
    # The named lead is searched for by name (GOV.UK's accessible autocomplete) and chosen.
    page.get_by_label("Named lead").fill(lead.full_name)
    page.get_by_role("option", name=f"{lead.full_name} ({lead.email}, Testshire Hospital Trust)").click()
    fill_date(page, "due_on", timezone.localdate() + timedelta(days=60))
    page.get_by_label("Success measure or evidence of impact expected").fill(
        "The checklist is used at every discharge."
    )
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add hoarding to the discharge checklist.")
    axe(page)
    action = Action.objects.get()

    # The agency lead reports it complete, with evidence.
    lead_page = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    sign_in(lead_page, base, lead, authenticator_for(lead), axe)
    lead_page.goto(f"{base}/actions/")
    axe(lead_page)
    lead_page.get_by_role("link", name="Add hoarding to the discharge checklist.").click()
    evidence = tmp_path / "checklist.pdf"
    evidence.write_bytes(PDF)
    lead_page.get_by_label("Completed, awaiting assurance").check()
    lead_page.get_by_label("Progress, and the evidence for it").fill("The checklist is in use on every ward.")
    lead_page.get_by_label("Evidence (optional)").set_input_files(str(evidence))
    lead_page.get_by_role("button", name="Save progress").click()
    expect(lead_page.locator(".govuk-notification-banner")).to_contain_text("Progress recorded")
    axe(lead_page)

    # The business unit assures it.
    page.reload()
    page.get_by_label("Yes: accept it as complete").check()
    page.get_by_label("Why: the evidence seen, or what is still needed").fill("Checklist seen.")
    fill_date(page, "impact_check_on", timezone.localdate() + timedelta(days=180))
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Assured complete")
    axe(page)
    action.refresh_from_db()
    assert action.status == Status.ASSURED

    page.goto(f"{base}/actions/?status=assured")
    expect(page.locator("main table")).to_contain_text("Add hoarding to the discharge checklist.")
    axe(page)
    for path in ("/actions/mine/", f"/actions/agency/{action.owner_agency_id}/", "/annual-report/"):
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        axe(page)
    # A crafted year shows the chooser with a clear message.
    page.goto(f"{base}/annual-report/?year=abc")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
