"""The approval page shows everything approving makes public, with every finding of the check in place.

Through the pages, as the business unit and the chair use them: every public text in full (the pseudonym
line, the summary, findings, recommendations and the Board's response, the actions' words), each hit in a
`<mark>`, user text escaped; the same words hit by two rules shown once with both reasons and cleared at
once; the counts at the top, in the chair's email and on the approval's task true."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sarhub.actions.services import create_action
from sarhub.library.selectors import awaiting_approval
from sarhub.partnership.models import Agency
from sarhub.publication.findings import findings, highlighted
from sarhub.publication.models import PublicationProposal, Status
from sarhub.reviews.models import Review
from sarhub.reviews.services.content import respond, save_recommendation
from tests.builders import signed_off_review
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import approve_anyway, banner, browse_as, error_summary, fill, form_with, press, submit, text_of

pytestmark = pytest.mark.django_db

SURNAME = SAMPLE_ADULT_NAME.split()[-1]
# The adult was known as this, and a neighbour of the same name referred her (fictional): two rules, one name.
KNOWN_AS = "Dot Vq9Wren"
SUMMARY = f"{KNOWN_AS} raised the alarm. <script>alert('x')</script> Four agencies knew."


@pytest.fixture
def review(personas) -> Review:
    """A signed-off review whose pseudonym slips the surname, with a recommendation the Board answered and
    an action whose words slip it too (all fictional)."""
    manager = personas["bu_manager"]
    review = signed_off_review(personas, pseudonym=f"Mrs {SURNAME}", adult_aliases=KNOWN_AS, referrer_name=KNOWN_AS)
    recommendation = save_recommendation(manager, review, {"text": "Share risk at discharge.", "to_board": True})
    respond(manager, recommendation, response="accepted_in_part", reasons="Covered in part by the protocol.")
    action = create_action(
        manager,
        review,
        {
            "recommendation": recommendation,
            "what": f"Ask {SURNAME}'s GP practice to audit discharge letters.",
            "owner_agency": Agency.objects.get(name="Testshire Hospital Trust"),
            "lead": personas["agency_lead"],
            "due_on": timezone.localdate() + timedelta(days=90),
            "success_measure": "Nine in ten letters name the risk.",
        },
    )
    review.action_where = f"Action {action.pk} for recommendation 1"  # type: ignore[attr-defined]
    return review


def _page(person: Any, review: Review) -> Any:
    return browse_as(person).get(reverse("publication:for-review", args=[review.pk]))


def _texts(page: Any) -> dict[str, Any]:
    """The texts under "What approving will make public": heading to its value's node."""
    soup = BeautifulSoup(page.text, "html.parser")
    listing = soup.select_one("#going-public ~ dl.govuk-summary-list")
    assert listing is not None, "no list of what goes public"
    return {
        text_of(row.select_one(".govuk-summary-list__key")): row.select_one(".govuk-summary-list__value")
        for row in listing.select(".govuk-summary-list__row")
    }


def _findings(page: Any) -> list[dict[str, str]]:
    soup = BeautifulSoup(page.text, "html.parser")
    rows = soup.select("tr[id^=finding-]")
    return [
        {"found": text_of(cells[0]), "where": text_of(cells[1]), "cleared": text_of(cells[2])}
        for cells in (row.select("td") for row in rows)
    ]


def _count(page: Any) -> str:
    return text_of(BeautifulSoup(page.text, "html.parser").select_one("#going-public-count"))


def test_the_chair_sees_every_public_text_with_each_finding_in_place_and_merged_hits_clear_at_once(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    form = fill(form_with(_page(manager, review).click("Propose how it is published"), "Check and propose"))
    form["form"] = "executive_summary"
    form["summary"] = SUMMARY
    mail.outbox.clear()
    submit(form, "Check and propose").follow()
    proposal = PublicationProposal.objects.get()
    found = proposal.findings
    # The pseudonym line, the summary (one finding, hit by two rules) and the action's words.
    assert len(found) == 3 and len(proposal.hits) == 4

    page = _page(chair, review)
    texts = _texts(page)
    assert list(texts) == [
        "Reference and pseudonym",
        "Summary",
        "Finding 1",
        "Recommendation 1",
        "Recommendation 1 response",
        review.action_where,
    ]
    assert text_of(texts["Reference and pseudonym"]) == f"{review.reference}: Mrs {SURNAME} (match 1)"
    assert text_of(texts["Recommendation 1 response"]) == "Covered in part by the protocol."
    assert [m.get_text() for m in texts["Reference and pseudonym"].select("mark")] == [SURNAME]
    assert [m.get_text() for m in texts["Summary"].select("mark")] == [KNOWN_AS]
    assert [m.get_text() for m in texts[review.action_where].select("mark")] == [SURNAME]
    # Words a person wrote are shown as written, never run.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page.text and "<script>alert" not in page.text
    assert text_of(texts["Summary"]).startswith(f"{KNOWN_AS} (match 2) raised the alarm. <script>")
    assert _count(page) == "6 texts will be made public. The check found 3 things; 0 are cleared."

    # The same words hit by two rules: one finding naming both reasons, its words in context.
    rows = _findings(page)
    assert len(rows) == 3
    assert rows[1]["found"] == "Match 2 The adult's name The referrer's name (Neighbour)"
    assert rows[1]["where"].startswith(f"Summary: {KNOWN_AS} raised the alarm. <script>alert('x')</s")
    assert rows[2]["where"].startswith(f"{review.action_where}: Ask {SURNAME} 's GP practice")
    assert all(row["cleared"].startswith("Not cleared") for row in rows)

    # The chair is told the same count, and the approval waits with it.
    [email] = mail.outbox
    assert "found 3 things" in email.body
    [waiting] = awaiting_approval(chair)
    assert waiting.open_hits == 3
    refused = approve_anyway(page).follow()
    assert error_summary(refused) == ["The de-identification check found 3 things still to clear"]

    # Clearing the merged finding clears both rules' keys, each with the reason.
    merged = found[1]
    assert len(merged.keys) == 2
    cleared = press(_page(manager, review), "Clear match 2", reason="The neighbour agreed.").follow()
    assert banner(cleared) == "Cleared, with your reason recorded."
    proposal.refresh_from_db()
    assert proposal.overrides == dict.fromkeys(merged.keys, "The neighbour agreed.")
    assert _count(cleared) == "6 texts will be made public. The check found 3 things; 1 is cleared."
    assert _findings(cleared)[1]["cleared"] == "The neighbour agreed."
    assert awaiting_approval(chair)[0].open_hits == 2

    for number in (1, 3):
        page = press(_page(manager, review), f"Clear match {number}", reason="Fictional: agreed.").follow()
    assert _count(page) == "6 texts will be made public. The check found 3 things; 3 are cleared."
    approved = press(_page(chair, review), "Approve", note="Read in full.").follow()
    assert banner(approved) == "Approved."
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED and proposal.is_public()

    # What was approved is what the public reads: the Board's response, and the action's cleared words.
    public = browse_as(None).get(reverse("publication:review", args=[review.reference]))
    assert "Covered in part by the protocol." in public.text
    assert f"Ask {SURNAME}&#x27;s GP practice to audit discharge letters." in public.text


def test_an_action_whose_words_are_not_cleared_stays_withheld(personas, review):
    """Approval clears only what the check found: words of an action added later are checked as the page is
    built and withheld if they slip."""
    from sarhub.publication import services

    manager = personas["bu_manager"]
    proposal = services.propose(manager, review, {"form": "executive_summary", "summary": "Four agencies knew."})
    for finding in proposal.findings:
        proposal = services.gate.clear_finding(manager, proposal, finding.key, "Fictional: agreed.")
    services.approve(personas["chair"], proposal)
    create_action(
        manager,
        review,
        {
            "what": f"Write to {SURNAME}'s family.",
            "owner_agency": Agency.objects.get(name="Testshire Hospital Trust"),
            "lead": personas["agency_lead"],
            "due_on": timezone.localdate() + timedelta(days=30),  # listed before the approved action
            "success_measure": "A letter sent.",
            "recommendation": review.recommendations.get(),
        },
    )
    public = browse_as(None).get(reverse("publication:review", args=[review.reference]))
    assert "Write to" not in public.text and "An action (its details are not published)" in public.text
    assert f"Ask {SURNAME}&#x27;s GP practice" in public.text


def test_findings_merge_overlaps_and_shared_keys_and_the_marks_are_escaped():
    hits = [
        {
            "key": "dob|summary|27 march 1950",
            "kind": "Date of birth",
            "found": "27 March 1950",
            "where": "summary",
            "context": "",
            "start": 10,
            "end": 23,
        },
        {
            "key": "date|summary|march 1950",
            "kind": "A date",
            "found": "March 1950",
            "where": "summary",
            "context": "",
            "start": 13,
            "end": 23,
        },
        {
            "key": "date|finding 1|march 1950",
            "kind": "A date",
            "found": "March 1950",
            "where": "finding 1",
            "context": "",
            "start": 13,
            "end": 23,
        },
        {
            "key": "name|summary|heron",
            "kind": "Name",
            "found": "Heron",
            "where": "summary",
            "context": "",
            "start": 30,
            "end": 35,
        },
        {
            "key": "name|summary|heron",
            "kind": "Name",
            "found": "Heron",
            "where": "summary",
            "context": "",
            "start": 40,
            "end": 45,
        },
        {
            "key": "name|page 2|heron",
            "kind": "Name",
            "found": "Heron",
            "where": "page 2",
            "context": "[Heron] said",
            "file": True,
        },
        {
            "key": "other|page 2|heron",
            "kind": "Other",
            "found": "Heron",
            "where": "page 2",
            "context": "[Heron] said",
            "file": True,
        },
    ]
    merged = findings(hits, {"name|summary|heron": "Agreed."})
    assert [f.keys for f in merged] == [
        ["dob|summary|27 march 1950", "date|summary|march 1950"],
        ["date|finding 1|march 1950"],
        ["name|summary|heron"],
        ["name|page 2|heron", "other|page 2|heron"],
    ]
    assert merged[0].kinds == ["Date of birth", "A date"]
    assert [(p.start, p.end) for p in merged[0].places] == [(10, 23)]  # one place, both spans
    assert len(merged[2].places) == 2 and merged[2].cleared and not merged[0].cleared
    text = "Born on a 27 March 1950. <b>Heron</b> Heron."
    html = highlighted(text, "summary", merged)
    assert html.startswith("Born on a <mark")
    assert '<mark class="sarhub-hit">27 March 1950</mark>' in html
    assert "&lt;b&gt;" in html and "<b>" not in html
