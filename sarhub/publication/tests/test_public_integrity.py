"""What goes public is exactly what the chair approved (issue 13, items found by an independent security test).

- The pseudonym bait-and-switch: the real name proposed as the pseudonym and then set back is what the
  chair sees, marked, and what the public sees if it is approved anyway; never the review's live pseudonym.
- Actions' words: only the words frozen in the approved proposal, only while the action still has them;
  any change to a published review's actions reaches the public page at once (no stale cached page).
- Every public text is checked against every review's and referral's record the Board holds.

All names are fictional."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.actions.services import create_action, report_progress, update_details
from sarhub.briefings import services as briefings
from sarhub.library.selectors import awaiting_approval
from sarhub.partnership.models import Agency
from sarhub.publication import services
from sarhub.publication.models import Form, PublicationProposal, Status
from sarhub.reviews.models import Review
from tests.builders import review_at, written_briefing
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral
from tests.pages import approve_anyway, banner, browse_as, fill, form_with, press, submit, text_of

pytestmark = pytest.mark.django_db

LIVE = "Adult Qx"  # the pseudonym set back after proposing: never approved, so never public


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """The public pages' cache is on (Django's local-memory cache), as in production; start it empty."""
    cache.clear()


def _chair_page(person: Any, review: Review) -> Any:
    return browse_as(person).get(reverse("publication:for-review", args=[review.pk]))


def _set_pseudonym(person: Any, review: Review, pseudonym: str) -> None:
    page = browse_as(person).get(reverse("reviews:terms", args=[review.pk]))
    press(page, "Save", pseudonym=pseudonym).follow()
    review.refresh_from_db()
    assert review.pseudonym == pseudonym


def _public(address: str) -> str:
    return Client().get(address).content.decode()


def test_the_pseudonym_bait_and_switch_shows_the_chair_the_real_name_and_the_public_only_what_was_approved(
    personas, review
):
    manager, chair = personas["bu_manager"], personas["chair"]
    # The attack: the adult's real name as the pseudonym, proposed, then the pseudonym set back.
    _set_pseudonym(manager, review, SAMPLE_ADULT_NAME)
    form = fill(form_with(_chair_page(manager, review).click("Propose how it is published"), "Check and propose"))
    form["form"] = "executive_summary"
    form["summary"] = "Four agencies knew of the risk."
    mail.outbox.clear()
    submit(form, "Check and propose").follow()
    _set_pseudonym(manager, review, LIVE)

    # The chair's email and task list name the review without the proposed (real) name, nor the live one.
    [email] = mail.outbox
    told = f"{email.subject}\n{email.body}"
    assert SAMPLE_ADULT_NAME not in told and LIVE not in told
    [waiting] = awaiting_approval(chair)
    assert waiting.title == f"{review.reference}: publication"

    # The chair sees what was proposed, the real name marked as a match, and no Approve button.
    page = _chair_page(chair, review)
    soup = BeautifulSoup(page.text, "html.parser")
    listing = soup.select_one("#going-public ~ dl.govuk-summary-list")
    assert listing is not None
    heading = listing.select(".govuk-summary-list__row")[0]
    assert text_of(heading.select_one(".govuk-summary-list__key")) == "Reference and pseudonym"
    assert [m.get_text() for m in heading.select("mark")] == [SAMPLE_ADULT_NAME]
    assert "The adult's name" in text_of(soup.select_one("tr[id^=finding-]"))
    refused = approve_anyway(page).follow()
    proposal = PublicationProposal.objects.get()
    assert proposal.status == Status.PROPOSED and not proposal.is_public()

    # Cleared anyway, with a reason, and approved: the public sees exactly what was approved.
    press(_chair_page(manager, review), "Clear match 1", reason="Fictional: the chair decides.").follow()
    assert banner(press(_chair_page(chair, review), "Approve", note="Read.").follow()) == "Approved."
    approved_heading = f"{review.reference}: {SAMPLE_ADULT_NAME}"
    for address in (
        reverse("publication:review", args=[review.reference]),
        reverse("publication:library"),
        reverse("publication:library") + "?q=agencies",
        reverse("publication:feed"),
    ):
        text = _public(address)
        assert approved_heading in text, address
        assert LIVE not in text, address  # the live pseudonym, never approved, is shown nowhere
    assert refused.status_code == 200

    # A briefing about the review names it on its public page by the approved publication's pseudonym.
    briefing = written_briefing(personas, review, title="Self-neglect")
    briefing_proposal = briefings.propose(manager, briefing.versions.get())
    for finding in briefing_proposal.findings:
        briefing_proposal = briefings.gate.clear_finding(manager, briefing_proposal, finding.key, "Fictional.")
    briefings.approve(chair, briefing_proposal)
    text = _public(reverse("briefings:public-page", args=[briefing.pk]))
    assert approved_heading in text and LIVE not in text


def _action(personas: dict[str, Any], review: Review, what: str, days: int = 60) -> Any:
    return create_action(
        personas["bu_manager"],
        review,
        {
            "recommendation": review.recommendations.get(),
            "what": what,
            "owner_agency": Agency.objects.get(name="Testshire Hospital Trust"),
            "lead": personas["agency_lead"],
            "due_on": timezone.localdate() + timedelta(days=days),
            "success_measure": "Nine in ten.",
        },
    )


def _publish(personas: dict[str, Any], review: Review) -> PublicationProposal:
    manager = personas["bu_manager"]
    proposal = services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "Four agencies knew."})
    for finding in proposal.findings:
        proposal = services.gate.clear_finding(manager, proposal, finding.key, "Fictional: agreed.")
    return services.approve(personas["chair"], proposal)


def _details(action: Any, **changes: Any) -> dict[str, Any]:
    return {
        "what": action.what,
        "owner_agency": action.owner_agency,
        "lead": action.lead,
        "due_on": action.due_on,
        "success_measure": action.success_measure,
        **changes,
    }


def test_actions_words_are_only_the_approved_ones_and_every_change_shows_at_once(personas, review):
    manager, lead = personas["bu_manager"], personas["agency_lead"]
    action = _action(personas, review, "Audit discharge summaries for shared risk.")
    _publish(personas, review)
    address = reverse("publication:review", args=[review.reference])
    page = _public(address)  # served, and now cached
    assert "Audit discharge summaries for shared risk." in page and "Not started" in page

    # Reworded after approval: at once, the public sees the action without words (neither old nor new).
    action = update_details(manager, action, action.version, _details(action, what="Audit every discharge letter."))
    page = _public(address)
    assert "Audit discharge summaries" not in page and "Audit every discharge letter." not in page
    assert "An action (its details are not published)" in page and "1 action agreed" in page

    # A status change shows at once.
    report_progress(lead, action, action.version, {"status": "on_track", "note": "Started."})
    assert "On track" in _public(address)

    # An action added after approval: no words until a new proposal with them is approved.
    _action(personas, review, "Train ward staff on shared risk.", days=30)
    page = _public(address)
    assert "Train ward staff" not in page and "2 actions agreed" in page

    # A new proposal freezes every action's words again; approved, they show.
    _publish(personas, review)
    page = _public(address)
    assert "Audit every discharge letter." in page and "Train ward staff on shared risk." in page


def test_a_publication_summary_naming_other_reviews_adults_is_flagged_and_cannot_be_approved(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    review_at(personas, pseudonym="Adult S", adult_name="Bramble Xq7Otter")
    review_at(personas, pseudonym="Adult T", adult_name="Juniper Zk4Marten")
    make_sample_referral(adult_name="Hazel Wv3Stoat")  # a referral with no review
    summary = "Bramble Xq7Otter and Juniper Zk4Marten knew Hazel Wv3Stoat."
    proposal = services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": summary})
    found = {hit["found"]: hit["kind"] for hit in proposal.hits if hit["where"] == "summary"}
    assert found == {
        "Bramble Xq7Otter": "The adult's name (another review)",
        "Juniper Zk4Marten": "The adult's name (another review)",
        "Hazel Wv3Stoat": "The adult's name (a referral with no review)",
    }
    # Another review's reference is never named in what the check found.
    assert not any("SAR-" in hit["kind"] for hit in proposal.hits)
    with pytest.raises(ValidationError, match="still to clear"):
        services.approve(chair, proposal)
    for finding in proposal.findings:
        proposal = services.gate.clear_finding(manager, proposal, finding.key, "Fictional: agreed.")
    assert services.approve(chair, proposal).status == Status.APPROVED
