"""Running a review: the stage checklist and the one service that checks each move, the lead reviewer's
request to move on, parallel processes, the involvement log and the review's documents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sarhub.documents.models import Document, DocumentVersion
from sarhub.events.models import LearningEvent
from sarhub.events.services import cancel_event, plan_event
from sarhub.reviews.models import InvolvementEntry, ParallelProcess, Review, Stage, StageMoveRequest, StagePlan
from sarhub.reviews.services import content, running
from tests.builders import review_at
from tests.factories import SAMPLE_PDF
from tests.pages import Upload, banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db


def _overview(browser, review):
    return browser.get(reverse("reviews:detail", args=[review.pk]))


def _advance(browser, review):
    page = _overview(browser, review)
    return press(page, "Confirm: finish" if "Confirm: finish" in page.text else "Finish").follow()


def _checklist(page) -> dict[str, str]:
    """The stage checklist as shown: each item's words and its tag (Done or Not done)."""
    found = {}
    for item in BeautifulSoup(page.text, "html.parser").select(".sarhub-stage-checklist li"):
        tag = text_of(item.find("strong"))
        found[text_of(item).removeprefix(tag).strip()] = tag
    return found


def _warnings(page) -> list[str]:
    soup = BeautifulSoup(page.text, "html.parser")
    return [text_of(w) for w in soup.select("#next-stage ~ .govuk-warning-text")]


def test_the_stages_move_on_only_when_ready_and_the_checklist_says_what_is_missing(personas):
    review = review_at(personas)
    manager, reviewer = browse_as(personas["bu_manager"]), browse_as(personas["reviewer"])
    first = _overview(manager, review)
    assert "Nothing has to be done before the set-up stage can finish." in first.text
    for expected in ("information gathering", "learning event", "analysis"):
        assert banner(_advance(manager, review)) == f"{review.reference} is now at {expected}."
    review.refresh_from_db()
    assert review.stage == Stage.ANALYSIS

    assert _checklist(_overview(manager, review)) == {"At least one finding": "Not done"}
    refused = _advance(manager, review)
    assert "The review is not ready for draft report" in refused.text and "at least one finding" in refused.text
    review.refresh_from_db()
    assert review.stage == Stage.ANALYSIS

    finding_page = reviewer.get(reverse("reviews:finding-new", args=[review.pk]))
    press(finding_page, "Save finding", text="Risk was not shared.", domain="inter_agency", kind="barrier")
    assert _checklist(_overview(manager, review)) == {"At least one finding": "Done"}
    _advance(manager, review)

    # A draft report is a document of the type "Draft report", whatever its title.
    draft_item = "A draft report uploaded to the review's documents, as the type 'Draft report'"
    assert _checklist(_overview(manager, review)) == {draft_item: "Not done"}
    add = reverse("documents:add", args=["reviews.review", review.pk])
    press(
        reviewer.get(add),
        "Upload",
        title="Draft report notes",
        document_type="other",
        classification="confidential",
        file=Upload("notes.pdf", SAMPLE_PDF),
    )
    assert "a draft report uploaded" in _advance(manager, review).text
    press(
        reviewer.get(add),
        "Upload",
        title="Version for agencies",
        document_type="draft_report",
        classification="confidential",
        file=Upload("d.pdf", SAMPLE_PDF),
    )
    assert _checklist(_overview(manager, review)) == {draft_item: "Done"}
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.FACTUAL_ACCURACY

    # The factual-accuracy round: the draft goes to an agency, which comments; every comment is answered.
    page = _overview(manager, review)
    assert _checklist(page) == {
        "The draft report sent to the agencies for their comments on its factual accuracy": "Not done",
        "Comments (or none) sent by every agency asked": "Not done",
        "A response to every comment on the draft": "Done",
    }
    assert "the draft report sent to the agencies" in _advance(manager, review).text
    agency = personas["agency_lead"].agencies[0]
    draft = DocumentVersion.objects.get(document__title="Version for agencies")
    send_page = reviewer.get(reverse("reviews:accuracy-new", args=[review.pk]))
    # Only the draft report is offered, not the other documents.
    assert [str(v) for v, *_ in form_with(send_page, "Send the draft")["draft"].options] == [str(draft.pk)]
    press(send_page, "Send the draft", draft=draft.pk, agencies=[agency.pk])
    request = review.agency_requests.get()
    assert _checklist(_overview(manager, review)) == {
        "The draft report sent to the agencies for their comments on its factual accuracy": "Done",
        "Comments (or none) sent by every agency asked (1 agency has not sent theirs yet)": "Not done",
        "A response to every comment on the draft": "Done",
    }
    waiting = _advance(manager, review)
    assert "comments from 1 agency still waited for" in waiting.text
    lead = browse_as(personas["agency_lead"])
    request_page = lead.get(reverse("reviews:request", args=[request.pk]))
    commented = press(
        request_page, "Add comment", location="Paragraph 3.2", comment="The visit was on the 4th, not the 5th."
    ).follow()
    press(commented, "Send 1 comment")
    assert "a response to 1 comment on the draft" in _advance(manager, review).text
    comment = request.comments.get()
    response_page = reviewer.get(reverse("reviews:comment-response", args=[request.pk, comment.pk]))
    press(response_page, "Save response", outcome="amended", change="Date corrected.")
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.BOARD_SIGN_OFF

    press(
        reviewer.get(reverse("reviews:recommendation-new", args=[review.pk])),
        "Save recommendation",
        text="Share risk.",
        to_board=True,
    )
    page = _overview(manager, review)
    assert _checklist(page) == {
        "The date the Board signed the review off": "Not done",
        "A response to every recommendation": "Not done",
    }
    blocked = _advance(manager, review).text
    assert "the date the Board signed the review off" in blocked and "a response to every recommendation" in blocked

    sign_off = manager.get(reverse("reviews:sign-off", args=[review.pk]))
    future = press(sign_off, "Save", signed_off_on=timezone.localdate() + timedelta(days=3))
    assert field_error(future, "signed_off_on") == "The sign-off date must be today or in the past"
    press(sign_off, "Save", signed_off_on=timezone.localdate())
    recommendation = review.recommendations.get()
    respond = manager.get(reverse("reviews:recommendation-response", args=[review.pk, recommendation.pk]))
    press(respond, "Save response", response="accepted")
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.COMPLETE and review.signed_off_on == timezone.localdate()
    plans = {p.stage: p for p in StagePlan.objects.filter(review=review)}
    assert all(p.actual_start and p.actual_end for p in plans.values())
    complete = _overview(manager, review)
    assert "Moving on to" not in complete.text and "and move on" not in complete.text


def test_a_stale_move_on_a_complete_review_is_refused(personas, client_for):
    """Hostile (or a stale page): pressing "move on" again once the review is complete."""
    from tests.builders import signed_off_review

    review = signed_off_review(personas)
    client = client_for(personas["bu_manager"])
    page = client.post(reverse("reviews:advance", args=[review.pk]), follow=True).content.decode()
    assert "The review is complete" in page


@pytest.mark.parametrize("persona", ["reviewer", "chair", "subgroup_member"])
def test_only_the_business_unit_moves_the_stages(persona, personas, client_for):
    """Hostile: people without the "move on" button post to it by hand."""
    review = review_at(personas)
    response = client_for(personas[persona]).post(reverse("reviews:advance", args=[review.pk]))
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.stage == Stage.SET_UP


def test_soft_gaps_are_warned_about_but_do_not_stop_the_move(personas):
    manager = browse_as(personas["bu_manager"])
    review = review_at(personas, stage=Stage.LEARNING_EVENT)
    no_event = "No learning event has been held for this review"
    assert any(no_event in w for w in _warnings(_overview(manager, review)))
    start = timezone.now() + timedelta(days=7)
    details = {"title": "Learning event", "starts_at": start, "ends_at": start + timedelta(hours=2), "venue": "Room 1"}
    cancelled = plan_event(personas["bu_manager"], review, details, [])
    cancel_event(personas["bu_manager"], cancelled)
    event = plan_event(personas["bu_manager"], review, details, [])
    assert any(no_event in w for w in _warnings(_overview(manager, review)))  # one cancelled, one to come
    # Time passing: the event took place yesterday (and the cancelled one would have too).
    LearningEvent.objects.update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(days=1, hours=-2)
    )
    assert not _warnings(_overview(manager, review))
    LearningEvent.objects.filter(pk=event.pk).delete()
    assert any(no_event in w for w in _warnings(_overview(manager, review)))  # a cancelled one is not held
    assert banner(_advance(manager, review)) == f"{review.reference} is now at analysis."  # a warning only

    at_accuracy = review_at(personas, stage=Stage.FACTUAL_ACCURACY, pseudonym="Adult S")
    warned = _warnings(_overview(manager, at_accuracy))
    assert any("No Quality Markers have been assessed" in w for w in warned)
    assert any("No contact with the person or their family has been logged" in w for w in warned)
    running.log_involvement(
        personas["reviewer"], at_accuracy, {"happened_on": timezone.localdate(), "kind": "informed", "who": "Son"}
    )
    content.save_quality_markers(personas["reviewer"], at_accuracy, {1: ("green", "Referral was timely.")})
    assert not _warnings(_overview(manager, at_accuracy))


def test_the_lead_reviewer_asks_to_move_on_and_the_business_unit_confirms(personas):
    review = review_at(personas, stage=Stage.INFORMATION_GATHERING)
    reviewer = browse_as(personas["reviewer"])
    page = _overview(reviewer, review)
    assert "Finish information gathering and move on" not in page.text  # the business unit moves stages
    mail.outbox.clear()
    asked = press(page, "Ask the business unit to move the review on", note="Every chronology is in.")
    assert banner(asked.follow()) == (
        f"You have asked the business unit to move {review.reference} on to learning event. "
        "2 people there have been told by email."
    )
    move = StageMoveRequest.objects.get()
    assert move.requested_by == personas["reviewer"] and move.to_stage == Stage.LEARNING_EVENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["bu_manager"].email, personas["bu_coordinator"].email]
    )
    assert all(review.reference in m.subject and "Every chronology is in." in m.body for m in mail.outbox)
    after = _overview(reviewer, review)
    assert "asked on" in after.text and "Ask the business unit" not in after.text  # asked once

    manager = browse_as(personas["bu_manager"])
    overview = _overview(manager, review)
    assert "Persona reviewer, the lead reviewer, asked on" in overview.text
    moved = _advance(manager, review)
    assert banner(moved) == f"{review.reference} is now at learning event."
    move.refresh_from_db()
    assert move.settled_by == personas["bu_manager"] and move.settled_at is not None
    assert "Ask the business unit to move the review on" in _overview(reviewer, review).text  # next stage


def test_the_lead_reviewer_cannot_ask_before_the_stage_is_ready(personas, client_for):
    review = review_at(personas, stage=Stage.ANALYSIS)
    page = _overview(browse_as(personas["reviewer"]), review)
    assert "Ask the business unit" not in page.text
    assert "When everything above is done, you can ask the business unit" in page.text
    # Hostile: the press posted by hand anyway.
    response = client_for(personas["reviewer"]).post(reverse("reviews:advance-ask", args=[review.pk]), {"note": ""})
    assert response.status_code == 400 and "not ready for draft report" in response.content.decode()
    assert not StageMoveRequest.objects.exists()


def test_asking_twice_or_without_being_the_lead_is_refused(personas, client_for):
    """Hostile: a second ask posted by hand, and asks from people who are not the review's lead."""
    review = review_at(personas)
    url = reverse("reviews:advance-ask", args=[review.pk])
    running.ask_to_move_on(personas["reviewer"], review)
    again = client_for(personas["reviewer"]).post(url, {"note": ""})
    assert again.status_code == 400 and "already asked" in again.content.decode()
    for persona in ("bu_manager", "chair", "agency_lead"):
        assert client_for(personas[persona]).post(url, {"note": ""}).status_code == 404, persona
    assert StageMoveRequest.objects.count() == 1


def test_a_parallel_process_holds_publication_until_it_concludes(personas):
    review = review_at(personas)
    manager = browse_as(personas["bu_manager"])
    new = manager.get(reverse("reviews:process-new", args=[review.pk]))
    press(new, "Save", kind="coroner", details="Listed for March", holds_publication=True)
    process = ParallelProcess.objects.get()
    assert process.holds_publication and process.details == "Listed for March"
    assert "Publication is held until the coroner" in _overview(manager, review).text
    conclude = manager.get(reverse("reviews:process-conclude", args=[review.pk, process.pk]))
    future = press(conclude, "Save", concluded_on=timezone.localdate() + timedelta(days=1))
    assert "The date it concluded must be today or in the past" in error_summary(future)
    done = press(conclude, "Save", concluded_on=timezone.localdate()).follow()
    assert banner(done) == "The coroner's inquest is recorded as concluded."
    assert "Publication is held" not in _overview(manager, review).text


def test_the_involvement_log(personas):
    review = review_at(personas)
    manager = browse_as(personas["bu_manager"])
    page = manager.get(reverse("reviews:involvement-new", args=[review.pk]))
    future = press(page, "Save", happened_on=timezone.localdate() + timedelta(days=2), kind="informed")
    assert field_error(future, "happened_on") == "The date must be today or in the past"
    assert not InvolvementEntry.objects.exists()
    done = press(
        page,
        "Save",
        happened_on=timezone.localdate(),
        kind="advocacy_offered",
        who="Daughter",
        note="Accepted an advocate.",
    ).follow()
    entry = InvolvementEntry.objects.get()
    assert entry.kind == "advocacy_offered" and entry.who == "Daughter"
    assert "Accepted an advocate." in done.text


def test_review_documents_have_types_and_follow_the_review(personas, client_for):
    review = review_at(personas)
    reviewer = browse_as(personas["reviewer"])
    page = reviewer.get(reverse("documents:add", args=["reviews.review", review.pk]))
    untyped = press(page, "Upload", title="Chronology", classification="confidential", file=Upload("c.pdf", SAMPLE_PDF))
    assert field_error(untyped, "document_type") == "Select the type of document"
    done = press(
        page,
        "Upload",
        title="Merged chronology",
        document_type="chronology",
        classification="confidential",
        file=Upload("c.pdf", SAMPLE_PDF),
    ).follow()
    assert banner(done) == "Merged chronology has been added."
    document = Document.objects.get()
    assert document.document_type == "chronology"
    assert "Merged chronology Chronology" in text_of(BeautifulSoup(done.text, "html.parser").select_one("table"))
    version = DocumentVersion.objects.get()
    assert reviewer.get(reverse("documents:download", args=[version.pk])).status_code == 200
    assert client_for(personas["chair"]).get(reverse("documents:download", args=[version.pk])).status_code == 200
    for outsider in ("agency_lead", "practitioner", "board_member"):
        assert client_for(personas[outsider]).get(reverse("documents:download", args=[version.pk])).status_code == 404
    assert Review.objects.count() == 1
