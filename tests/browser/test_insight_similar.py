"""Similar findings and repeated learning in a real browser (axe on each page): the review's findings offer
"Similar findings"; the Board's page of repeated learning; the Board's view refused without a reason for
"not a repeat", then recorded."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from sarhub.actions import services as actions
from sarhub.insight import similarity
from sarhub.insight.models import RepeatFlag
from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_finding, save_recommendation
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.builders import decided_referral
from tests.factories import SAMPLE_PDF
from tests.personas import build_personas


def test_similar_findings_and_repeated_learning(live_server, page: Page, axe: Axe) -> None:
    similarity.forget()
    base = live_server.url
    people = build_personas()
    manager, lead = people["bu_manager"], people["agency_lead"]
    today = timezone.localdate()
    earlier = set_up_review(manager, [decided_referral(people)], route="rapid", data={"pseudonym": "Adult E"})
    old = save_finding(
        manager,
        earlier,
        {
            "text": "Hoarding was seen as a lifestyle choice rather than a risk.",
            "domain": "direct_work",
            "kind": "barrier",
        },
    )
    recommendation = save_recommendation(
        manager, earlier, {"text": "Treat hoarding as a risk.", "to_board": True, "findings": [old]}
    )
    action = actions.create_action(
        manager,
        earlier,
        {
            "recommendation": recommendation,
            "what": "Rewrite the hoarding guidance.",
            "owner_agency": lead.agencies[0],
            "lead": lead,
            "due_on": today + timedelta(days=60),
            "success_measure": "Hoarding is assessed as a risk.",
        },
    )
    action, _ = actions.report_progress_with_evidence(
        lead,
        action,
        {"version": action.version, "status": "awaiting_assurance", "note": "Rewritten."},
        SimpleUploadedFile("guidance.pdf", SAMPLE_PDF),
    )
    actions.assure(
        manager,
        action,
        action.version,
        {"decision": "accept", "note": "Seen.", "impact_check_on": today + timedelta(days=90)},
    )
    new = set_up_review(manager, [decided_referral(people)], route="rapid", data={"pseudonym": "Adult N"})
    save_finding(
        manager,
        new,
        {
            "text": "The hoarding was treated as a lifestyle choice, not a risk.",
            "domain": "direct_work",
            "kind": "barrier",
        },
    )
    assert RepeatFlag.objects.count() == 1

    sign_in(page, base, manager, authenticator_for(manager), axe)
    page.goto(f"{base}/reviews/{new.pk}/findings/")
    axe(page)
    expect(page.get_by_text("Repeated learning?")).to_be_visible()
    page.get_by_role("link", name="Similar findings to finding 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Similar findings")
    expect(page.locator("mark", has_text="lifestyle").first).to_be_visible()
    axe(page)

    page.goto(f"{base}/insight/repeated-learning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Repeated learning")
    axe(page)
    page.get_by_role("link", name="See the evidence and the Board's view").click()
    axe(page)
    page.get_by_label("No: not a repeat").check()
    page.get_by_role("button", name="Record the Board's view").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why this is not a repeat")
    axe(page)
    page.get_by_label("Why is it not a repeat?").fill("A different team, years later.")
    page.get_by_role("button", name="Record the Board's view").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The Board's view has been recorded.")
    axe(page)
    page.goto(f"{base}/insight/findings/search/?q=hoarding+risk")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("2 findings found")
    axe(page)
