"""Requests from a review to agencies: chronologies and IMRs (accepted or returned by the review team),
the factual-accuracy round, reminders, and the summaries agency leads and Board members see. Every send
says truthfully who received it."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any, cast

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.core.working_days import add_working_days
from sarhub.documents.models import Document
from sarhub.documents.services import add_document
from sarhub.partnership.models import Agency
from sarhub.reviews.models import (
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    Review,
    Stage,
)
from sarhub.reviews.services import requests
from sarhub.reviews.services.content import save_finding, save_recommendation
from tests.builders import review_at, signed_off_review
from tests.factories import SAMPLE_ADULT_NAME, SAMPLE_PDF, AgencyFactory, MembershipFactory, PersonFactory
from tests.pages import Upload, banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)  # a Wednesday, not a bank holiday


@pytest.fixture
def review(personas) -> Review:
    return review_at(personas, pseudonym="Adult R")


@pytest.fixture
def hospital(personas) -> Agency:
    return personas["agency_lead"].agencies[0]


@pytest.fixture
def ambulance() -> Agency:
    """An agency with two current safeguarding leads."""
    agency = cast(Agency, AgencyFactory(name="Testshire Ambulance Service"))
    for name in ("first", "second"):
        lead = PersonFactory(email=f"ambulance.{name}@testshire.example.org")
        MembershipFactory(person=lead, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=agency)
    return agency


def _council() -> Agency:
    """The persona's council: practitioners and a line manager, but no safeguarding lead."""
    return Agency.objects.get(name="Testshire Council")


def _hint_for(page, field: str, agency: Agency) -> str:
    soup = BeautifulSoup(page.text, "html.parser")
    box = soup.find("input", attrs={"name": field, "value": str(agency.pk)})
    hint = soup.find(id=box["aria-describedby"]) if box and box.has_attr("aria-describedby") else None
    return text_of(hint)


def _revealed_under(page, field: str, value: str) -> list[str]:
    soup = BeautifulSoup(page.text, "html.parser")
    option = soup.find("input", attrs={"name": field, "value": value})
    reveal = soup.find(id=option["data-aria-controls"]) if option and option.has_attr("data-aria-controls") else None
    return [str(tag["name"]) for tag in reveal.find_all(["input", "textarea", "select"])] if reveal else []


def _file() -> SimpleUploadedFile:
    """A file as a service receives it (for states built through the services)."""
    return SimpleUploadedFile("chronology.pdf", SAMPLE_PDF)


def _document_of(request: AgencyRequest) -> int:
    owner = ContentType.objects.get_for_model(AgencyRequest)
    return Document.objects.get(owner_type=owner, owner_id=request.pk).pk


def _at_factual_accuracy(personas) -> Review:
    return review_at(personas, stage=Stage.FACTUAL_ACCURACY, pseudonym="Adult R")


# --- Chronologies and IMRs ---------------------------------------------------------------------------


def test_a_lead_reviewer_asks_several_agencies_and_is_told_truly_who_received_it(personas, review, hospital, ambulance):
    council = _council()
    browser = browse_as(personas["reviewer"])
    page = browser.get(reverse("reviews:request-new", args=[review.pk]))
    # The send screen says which agencies have no current safeguarding lead.
    assert _hint_for(page, "agencies", council) == "No current safeguarding lead: nobody there will be told"
    assert _hint_for(page, "agencies", hospital) == "" and _hint_for(page, "agencies", ambulance) == ""
    mail.outbox.clear()
    done = press(
        page,
        "Send requests",
        kind="chronology",
        agencies=[hospital, ambulance, council],
        note="Cover 2025 to 2026.",
    )
    created = AgencyRequest.objects.filter(review=review).order_by("agency__name")
    assert [r.agency for r in created] == [ambulance, council, hospital]
    due = add_working_days(timezone.localdate(), settings.REVIEW_REQUEST_WORKING_DAYS)
    assert all(r.due_on == due and r.kind == "chronology" and r.status == "requested" for r in created)
    # One email per lead: the hospital's one and the ambulance service's two; none at the council.
    assert len(mail.outbox) == 3
    assert banner(done.follow()) == (
        "The chronology request was sent to 3 safeguarding leads at 2 agencies. Not received at Testshire "
        f"Council: it has no current safeguarding lead. Answers are due by {due:%-d %B %Y}."
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [
            personas["agency_lead"].email,
            "ambulance.first@testshire.example.org",
            "ambulance.second@testshire.example.org",
        ]
    )
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert review.reference in message.subject and "Adult R" in message.body
        assert SAMPLE_ADULT_NAME not in f"{message.subject} {message.body}"
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="reviews.agencyrequest").count() == 3


def test_a_request_that_reaches_no_one_says_so(personas, review):
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:request-new", args=[review.pk]))
    mail.outbox.clear()
    done = press(page, "Send requests", kind="imr", agencies=[_council()])
    assert mail.outbox == []
    assert banner(done.follow()).startswith(
        "The individual management review (IMR) request reached no one: no agency chosen has a current "
        "safeguarding lead. Not received at Testshire Council"
    )


def test_asking_twice_while_a_request_is_open_is_refused_and_changes_nothing(personas, review, hospital):
    manager = browse_as(personas["bu_manager"])
    url = reverse("reviews:request-new", args=[review.pk])
    press(manager.get(url), "Send requests", kind="imr", agencies=[hospital])
    response = press(manager.get(url), "Send requests", kind="imr", agencies=[hospital])
    assert response.status_code == 200
    assert field_error(response, "agencies") == (
        "Testshire Hospital Trust already has an individual management review (IMR) request open"
    )
    assert AgencyRequest.objects.filter(review=review).count() == 1
    # A chronology is a different request, so it may be asked for alongside.
    press(manager.get(url), "Send requests", kind="chronology", agencies=[hospital])
    assert AgencyRequest.objects.filter(review=review).count() == 2


def test_a_request_form_left_incomplete_says_what_is_missing(personas, review, hospital):
    browser = browse_as(personas["bu_manager"])
    url = reverse("reviews:request-new", args=[review.pk])
    no_agency = press(browser.get(url), "Send requests", kind="chronology")
    assert field_error(no_agency, "agencies") == "Select at least one agency"
    no_kind = press(browser.get(url), "Send requests", agencies=[hospital])
    assert field_error(no_kind, "kind") == "Select what to ask for"
    assert error_summary(no_kind) == ["Select what to ask for"]
    assert not AgencyRequest.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "factual_accuracy", "agencies": ["HOSPITAL"]}, "Select from the list"),
        ({"kind": "chronology", "agencies": ["999999"]}, "Select agencies from the list"),
        ({"kind": "chronology", "agencies": ["99999999999999999999999999"]}, "Select agencies from the list"),
    ],
)
def test_a_tampered_request_form_gets_a_clear_message(data, message, personas, client_for, review, hospital):
    """Hostile: answers the page does not offer, posted by hand."""
    data = {k: ([str(hospital.pk)] if v == ["HOSPITAL"] else v) for k, v in data.items()}
    response = client_for(personas["bu_manager"]).post(reverse("reviews:request-new", args=[review.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not AgencyRequest.objects.exists()


def test_a_complete_review_asks_for_nothing(personas, hospital):
    review = signed_off_review(personas)
    with pytest.raises(Exception, match="complete"):
        requests.request_information(personas["bu_manager"], review, [hospital], "chronology")
    assert not AgencyRequest.objects.filter(kind="chronology").exists()


def test_the_agency_lead_uploads_and_sends_the_chronology(personas, review, hospital):
    request = requests.request_information(personas["bu_manager"], review, [hospital], "chronology")[0]
    lead = browse_as(personas["agency_lead"])
    url = reverse("reviews:request", args=[request.pk])
    page = lead.get(url)
    assert "Adult R" in page.text and SAMPLE_ADULT_NAME not in page.text
    # Sending without the document is refused, with the reason in the error summary.
    refused = press(page, "Send to the review team", status=400)
    assert error_summary(refused) == ["Upload the chronology before you send it"]
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.REQUESTED

    add = lead.get(reverse("documents:add", args=["reviews.agencyrequest", request.pk]))
    # On a chronology request, the type offered is a chronology (chosen to start with) or other.
    assert {v for v, *_ in form_with(add, "Upload")["document_type"].options} == {"chronology", "other"}
    assert form_with(add, "Upload")["document_type"].value == "chronology"
    uploaded = press(
        add, "Upload", title="Hospital chronology", classification="confidential", file=Upload("c.pdf", SAMPLE_PDF)
    )
    assert uploaded.status_code == 302
    mail.outbox.clear()
    sent = press(lead.get(url), "Send to the review team", cover_note="Two admissions.")
    assert banner(sent.follow()) == "Thank you. It has been sent to the review team; 3 people have been told by email."
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.SUBMITTED and request.cover_note == "Two admissions."
    assert request.submitted_by == personas["agency_lead"]
    # The review's lead reviewer and the business unit are told, one email each.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert len(recipients) == 3  # as the message said
    assert personas["reviewer"].email in recipients and personas["bu_manager"].email in recipients
    assert all(len(m.to) == 1 and SAMPLE_ADULT_NAME not in m.body for m in mail.outbox)
    # Once sent, the page offers nothing more to send, and the review team reads it.
    after = lead.get(url)
    assert "Send to the review team" not in after.text
    assert lead.get(reverse("documents:add", args=["reviews.agencyrequest", request.pk]), status=404).status_code == 404
    team_page = browse_as(personas["reviewer"]).get(url).text
    assert "Hospital chronology" in team_page and "Check the chronology" in team_page


def test_sending_again_is_refused_with_a_reason(personas, client_for, review, hospital):
    """Hostile (or a stale page pressed again): a second send, posted by hand."""
    request = requests.request_information(personas["bu_manager"], review, [hospital], "chronology")[0]
    add_document(personas["agency_lead"], request, title="Chronology", classification="confidential", upload=_file())
    requests.submit(personas["agency_lead"], request, cover_note="Two admissions.")
    again = client_for(personas["agency_lead"]).post(
        reverse("reviews:request-submit", args=[request.pk]), {"cover_note": "Changed"}
    )
    assert again.status_code == 400 and "This request cannot be answered now" in again.content.decode()
    assert "<title>Error: " in again.content.decode()
    request.refresh_from_db()
    assert request.cover_note == "Two admissions."


def _sent_chronology(personas, review, hospital) -> AgencyRequest:
    request = requests.request_information(personas["bu_manager"], review, [hospital], "chronology")[0]
    add_document(personas["agency_lead"], request, title="Chronology", classification="confidential", upload=_file())
    return requests.submit(personas["agency_lead"], request)


def test_the_lead_reviewer_returns_a_chronology_with_reasons_and_the_agency_sends_it_again(personas, review, hospital):
    request = _sent_chronology(personas, review, hospital)
    reviewer = browse_as(personas["reviewer"])
    url = reverse("reviews:request", args=[request.pk])
    page = reviewer.get(url)
    assert _revealed_under(page, "decision", "return") == ["reasons"]
    assert "Sent: to check" in reviewer.get(reverse("reviews:agencies", args=[review.pk])).text
    no_reasons = press(page, "Save decision", decision="return", status=400)
    assert field_error(no_reasons, "reasons") == "Say why you are returning it"
    assert error_summary(no_reasons) == ["Say why you are returning it"]
    mail.outbox.clear()
    returned = press(page, "Save decision", decision="return", reasons="It stops in March; we need to June.")
    due = add_working_days(timezone.localdate(), requests.RESUBMIT_WORKING_DAYS)
    assert banner(returned.follow()) == (
        "You have returned Testshire Hospital Trust's chronology: its 1 safeguarding lead has been told by email. "
        f"It is due again by {due:%-d %B %Y}."
    )
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.REQUESTED and request.return_count == 1
    assert request.due_on == due and request.returned_by == personas["reviewer"]
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]
    assert "returned" in mail.outbox[0].subject and "we need to June" not in mail.outbox[0].body  # read in SAR Hub
    assert "Returned" in reviewer.get(reverse("reviews:agencies", args=[review.pk])).text

    lead = browse_as(personas["agency_lead"])
    lead_page = lead.get(url)
    assert "It stops in March; we need to June." in lead_page.text
    assert "Returned: send it again" in lead.get(reverse("reviews:requests")).text
    press(
        lead.get(reverse("documents:add-version", args=[_document_of(request)])),
        "Upload",
        file=Upload("c2.pdf", SAMPLE_PDF),
    )
    mail.outbox.clear()
    press(lead.get(url), "Send to the review team")
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.SUBMITTED
    assert any("again, after it was returned" in m.body for m in mail.outbox)

    accepted = press(reviewer.get(url), "Save decision", decision="accept")
    assert banner(accepted.follow()) == "You have accepted Testshire Hospital Trust's chronology."
    request.refresh_from_db()
    assert request.accepted_by == personas["reviewer"] and request.accepted_at is not None
    assert "Save decision" not in reviewer.get(url).text  # decided
    assert "Accepted" in reviewer.get(reverse("reviews:agencies", args=[review.pk])).text


def test_returning_to_an_agency_with_no_lead_says_no_one_was_told(personas, review):
    council = _council()
    lead: Any = PersonFactory(email="council.lead@testshire.example.org")
    membership: Any = MembershipFactory(person=lead, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=council)
    request = requests.request_information(personas["bu_manager"], review, [council], "imr")[0]
    add_document(lead, request, title="IMR", classification="confidential", upload=_file())
    requests.submit(lead, request)
    membership.ended_at = timezone.now()
    membership.save()
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:request", args=[request.pk]))
    mail.outbox.clear()
    done = press(page, "Save decision", decision="return", reasons="It needs the manager's sign-off.")
    assert "it has no current safeguarding lead, so no one there has been told" in banner(done.follow())
    assert mail.outbox == []


def test_only_the_review_team_accepts_or_returns(personas, client_for, review, hospital):
    """Hostile: the decision posted by hand by people who are not offered it."""
    request = _sent_chronology(personas, review, hospital)
    url = reverse("reviews:request-check", args=[request.pk])
    for persona in ("agency_lead", "chair", "practitioner"):
        response = client_for(personas[persona]).post(url, {"decision": "accept"})
        assert response.status_code == 404, persona
    assert "Save decision" not in browse_as(personas["agency_lead"]).get(reverse("reviews:request", args=[request.pk]))
    request.refresh_from_db()
    assert request.accepted_at is None and request.status == AgencyRequestStatus.SUBMITTED


def test_another_agencys_lead_gets_404_for_the_request_its_documents_and_the_draft(personas, client_for):
    other = AgencyFactory(name="Testshire Police")
    outsider = PersonFactory(email="police.lead@testshire.example.org")
    MembershipFactory(person=outsider, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=other)
    hospital = personas["agency_lead"].agencies[0]
    review = _at_factual_accuracy(personas)
    draft = requests.review_drafts(review).get()
    request = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    client = client_for(outsider)
    for url in (
        reverse("reviews:request", args=[request.pk]),
        reverse("reviews:request-draft", args=[request.pk]),
        reverse("reviews:summary", args=[review.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 403
    # Hostile: a comment posted by hand to another agency's request.
    response = client.post(reverse("reviews:comment-new", args=[request.pk]), {"location": "1", "comment": "No"})
    assert response.status_code == 404
    assert not AccuracyComment.objects.exists()
    assert client.get(reverse("reviews:requests")).content.decode().count("Adult R") == 0


@pytest.mark.parametrize("persona", ["practitioner", "line_manager", "board_member"])
def test_practitioners_managers_and_board_members_see_no_request(persona, personas, client_for, review, hospital):
    request = requests.request_information(personas["bu_manager"], review, [hospital], "imr")[0]
    client = client_for(personas[persona])
    assert client.get(reverse("reviews:request", args=[request.pk])).status_code == 404
    assert client.get(reverse("reviews:requests")).status_code == 403


def test_a_request_can_be_withdrawn_only_while_waiting(personas, client_for, review, hospital):
    request = requests.request_information(personas["bu_manager"], review, [hospital], "chronology")[0]
    manager = browse_as(personas["bu_manager"])
    page = manager.get(reverse("reviews:request", args=[request.pk]))
    withdrawn = press(page, "Withdraw the request").follow()
    assert banner(withdrawn) == "The request to Testshire Hospital Trust has been withdrawn."
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.WITHDRAWN
    assert "Withdraw the request" not in manager.get(reverse("reviews:request", args=[request.pk])).text
    # Hostile (or a stale page): withdrawing again, and the agency lead withdrawing, posted by hand.
    again = client_for(personas["bu_manager"]).post(reverse("reviews:request-withdraw", args=[request.pk]), follow=True)
    assert "Only a request still waiting for an answer can be withdrawn" in again.content.decode()
    second = requests.request_information(personas["bu_manager"], review, [hospital], "chronology")[0]
    assert (
        client_for(personas["agency_lead"]).post(reverse("reviews:request-withdraw", args=[second.pk])).status_code
        == 404
    )
    second.refresh_from_db()
    assert second.status == AgencyRequestStatus.REQUESTED


# --- Reminders ---------------------------------------------------------------------------------------


def test_reminders_go_once_a_day_for_overdue_requests_only(personas, review, hospital, monkeypatch):
    monkeypatch.setattr(requests.timezone, "localdate", lambda *args, **kwargs: TODAY)
    overdue, on_time = requests.request_information(personas["bu_manager"], review, [hospital], "chronology") + (
        requests.request_information(personas["bu_manager"], review, [hospital], "imr")
    )
    # Time passing: one was due yesterday, the other today.
    AgencyRequest.objects.filter(pk=overdue.pk).update(due_on=TODAY - timedelta(days=1))
    AgencyRequest.objects.filter(pk=on_time.pk).update(due_on=TODAY)
    mail.outbox.clear()
    assert requests.send_reminders(TODAY) == 1
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]
    assert "Overdue" in mail.outbox[0].subject and "Adult R" in mail.outbox[0].subject
    assert SAMPLE_ADULT_NAME not in mail.outbox[0].body
    assert requests.send_reminders(TODAY) == 0  # not twice in a day
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminders sent for 0 overdue review requests." in out.getvalue()
    assert len(mail.outbox) == 1
    # The next working day it goes again; never at the weekend.
    assert requests.send_reminders(TODAY + timedelta(days=3)) == 0  # Saturday
    # The next day the request due today is overdue too.
    assert requests.send_reminders(TODAY + timedelta(days=1)) == 2
    overdue.refresh_from_db()
    assert overdue.reminder_count == 2


# --- The factual-accuracy round ----------------------------------------------------------------------


def test_the_factual_accuracy_round_from_draft_to_dispute(personas, client_for, hospital, ambulance):
    review = _at_factual_accuracy(personas)
    draft = requests.review_drafts(review).get()
    council = _council()
    manager = browse_as(personas["bu_manager"])
    send_page = manager.get(reverse("reviews:accuracy-new", args=[review.pk]))
    assert _hint_for(send_page, "agencies", council) == "No current safeguarding lead: nobody there will be told"
    mail.outbox.clear()
    sent = press(send_page, "Send the draft", draft=draft.pk, agencies=[hospital, ambulance, council])
    due = add_working_days(timezone.localdate(), settings.ACCURACY_WORKING_DAYS)
    assert len(mail.outbox) == 3
    assert banner(sent.follow()) == (
        "The draft report was sent to 3 safeguarding leads at 2 agencies. Not received at Testshire Council: "
        f"it has no current safeguarding lead. Answers are due by {due:%-d %B %Y}."
    )
    request = AgencyRequest.objects.get(review=review, agency=hospital)
    assert request.kind == "factual_accuracy" and request.draft == draft and request.due_on == due
    for other in AgencyRequest.objects.filter(review=review).exclude(pk=request.pk):
        requests.withdraw(personas["bu_manager"], other)

    lead = browse_as(personas["agency_lead"])
    url = reverse("reviews:request", args=[request.pk])
    downloaded = client_for(personas["agency_lead"]).get(reverse("reviews:request-draft", args=[request.pk]))
    assert downloaded.status_code == 200 and b"".join(downloaded.streaming_content) == SAMPLE_PDF  # type: ignore[attr-defined]
    assert downloaded["Content-Disposition"].startswith("attachment")
    assert downloaded["Content-Security-Policy"].startswith("default-src 'none'")
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, person=personas["agency_lead"]).exists()
    # The lead reads the draft but not the rest of the review's documents or its page.
    assert lead.get(reverse("documents:download", args=[draft.pk]), status=404).status_code == 404
    assert lead.get(reverse("reviews:detail", args=[review.pk]), status="*").status_code == 403

    # An empty comment is refused and nothing is saved.
    bad = press(lead.get(url), "Add comment", status=400)
    assert field_error(bad, "location") == "Say where in the draft the comment applies"
    assert "Say where in the draft the comment applies" in error_summary(bad)
    assert not AccuracyComment.objects.exists()
    for where in ("Paragraph 2.3", "Paragraph 5.1", "Paragraph 6.0"):
        added = press(lead.get(url), "Add comment", location=where, comment=f"Wrong date at {where}.")
    assert banner(added.follow()) == "Comment 3 has been added. Send your comments when you are done."
    press(lead.get(url), "Remove comment 3")
    assert list(request.comments.values_list("number", flat=True)) == [1, 2]

    # The review team cannot respond before the comments are sent.
    first, second = request.comments.order_by("number")
    reviewer = browse_as(personas["reviewer"])
    early = press(
        reviewer.get(reverse("reviews:comment-response", args=[request.pk, first.pk])),
        "Save response",
        outcome="amended",
    )
    assert error_summary(early) == ["Respond to comments once the agency has sent them"]
    mail.outbox.clear()
    press(lead.get(url), "Send 2 comments")
    assert any("2 comments" in m.body for m in mail.outbox)
    assert "Remove comment" not in lead.get(url).text  # nothing to remove once sent

    # Not amending needs reasons, asked for under that answer.
    response_url = reverse("reviews:comment-response", args=[request.pk, second.pk])
    response_page = reviewer.get(response_url)
    assert _revealed_under(response_page, "outcome", "not_amended") == ["reasons"]
    assert _revealed_under(response_page, "outcome", "amended") == ["change"]
    refused = press(response_page, "Save response", outcome="not_amended", reasons=" ")
    assert field_error(refused, "reasons") == "Give the reasons the draft was not amended"
    second.refresh_from_db()
    assert second.outcome == CommentOutcome.OPEN
    amended = press(
        reviewer.get(reverse("reviews:comment-response", args=[request.pk, first.pk])),
        "Save response",
        outcome="amended",
        change="Corrected to the 4th.",
    )
    assert banner(amended.follow()) == "Your response to comment 1 has been recorded."
    first.refresh_from_db()
    assert first.outcome == CommentOutcome.AMENDED and first.response == "Corrected to the 4th."
    mail.outbox.clear()
    saved = press(response_page, "Save response", outcome="not_amended", reasons="The GP record shows the 5th.")
    assert banner(saved.follow()) == "Your response to comment 2 has been recorded."
    second.refresh_from_db()
    assert second.outcome == CommentOutcome.NOT_AMENDED and second.responded_by == personas["reviewer"]
    assert second.response == "The GP record shows the 5th."
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]

    # The agency keeps its position: the dispute is recorded, seen on the review, and is final.
    dispute_url = reverse("reviews:comment-dispute", args=[request.pk, second.pk])
    blank = press(lead.get(dispute_url), "Record the dispute")
    assert field_error(blank, "statement") == "Say what your agency's position is"
    press(lead.get(dispute_url), "Record the dispute", statement="Our electronic record is time-stamped on the 4th.")
    second.refresh_from_db()
    assert second.is_disputed and second.disputed_by == personas["agency_lead"]
    review_page = manager.get(reverse("reviews:agencies", args=[review.pk])).text
    assert "Disputed points on the draft" in review_page and "time-stamped on the 4th" in review_page
    assert "Record a dispute" not in lead.get(url).text and "Respond to comment 2" not in reviewer.get(url).text


def test_a_dispute_or_response_after_the_dispute_is_refused(personas, client_for, hospital):
    """Hostile (or a stale page): a second dispute, and a changed response, posted by hand."""
    review = _at_factual_accuracy(personas)
    request = requests.start_accuracy_round(
        personas["bu_manager"], review, [hospital], requests.review_drafts(review).get()
    )[0]
    comment = requests.add_comment(personas["agency_lead"], request, {"location": "1.1", "comment": "Wrong."})
    requests.submit(personas["agency_lead"], request)
    requests.respond(personas["reviewer"], comment, outcome="not_amended", response="It is right.")
    requests.record_dispute(personas["agency_lead"], comment, statement="We disagree.")
    again = client_for(personas["agency_lead"]).post(
        reverse("reviews:comment-dispute", args=[request.pk, comment.pk]), {"statement": "Changed"}
    )
    assert "already been recorded" in again.content.decode()
    changed = client_for(personas["reviewer"]).post(
        reverse("reviews:comment-response", args=[request.pk, comment.pk]), {"outcome": "amended"}
    )
    assert "can no longer be changed" in changed.content.decode()
    comment.refresh_from_db()
    assert comment.dispute == "We disagree." and comment.outcome == CommentOutcome.NOT_AMENDED


def test_a_dispute_needs_a_comment_that_was_not_amended(personas, hospital):
    review = _at_factual_accuracy(personas)
    draft = requests.review_drafts(review).get()
    request = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    comment = requests.add_comment(personas["agency_lead"], request, {"location": "1.1", "comment": "Wrong."})
    with pytest.raises(Exception, match="not amended"):
        requests.record_dispute(personas["agency_lead"], comment, statement="We disagree.")
    comment.refresh_from_db()
    assert not comment.is_disputed


def test_only_draft_reports_are_offered_and_the_round_starts_only_at_factual_accuracy(
    personas, client_for, review, hospital
):
    # Before factual accuracy, the button is not offered; a draft posted by hand is refused.
    early_draft = add_document(
        personas["bu_manager"],
        review,
        title="Early",
        classification="confidential",
        upload=_file(),
        document_type="draft_report",
    )
    assert (
        "Send the draft for factual-accuracy comments"
        not in browse_as(personas["bu_manager"]).get(reverse("reviews:agencies", args=[review.pk])).text
    )
    client = client_for(personas["bu_manager"])
    url = reverse("reviews:accuracy-new", args=[review.pk])
    response = client.post(url, {"draft": early_draft.pk, "agencies": [hospital.pk]})  # hostile
    assert "when the review is at factual accuracy" in response.content.decode()

    at_accuracy = _at_factual_accuracy(personas)
    notes = add_document(
        personas["bu_manager"],
        at_accuracy,
        title="Panel notes",
        classification="confidential",
        upload=_file(),
        document_type="other",
    )
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:accuracy-new", args=[at_accuracy.pk]))
    offered = {str(v) for v, *_ in form_with(page, "Send the draft")["draft"].options}
    assert offered == {str(requests.review_drafts(at_accuracy).get().pk)}
    # Hostile: a document that is not a draft report, or another review's draft, posted by hand.
    accuracy_url = reverse("reviews:accuracy-new", args=[at_accuracy.pk])
    for version in (notes, early_draft):
        response = client.post(accuracy_url, {"draft": version.pk, "agencies": [hospital.pk]})
        assert "Select a draft report from the review" in response.content.decode()
    assert not AgencyRequest.objects.exists()


# --- Summaries ---------------------------------------------------------------------------------------


def test_an_agency_lead_sees_a_pseudonymised_summary_of_reviews_involving_their_agency(
    personas, client_for, review, hospital
):
    lead = client_for(personas["agency_lead"])
    assert lead.get(reverse("reviews:summary", args=[review.pk])).status_code == 404  # not involved yet
    assert "Adult R" not in lead.get(reverse("reviews:summaries")).content.decode()
    save_finding(
        personas["bu_manager"], review, {"text": "Finding kept back.", "domain": "organisational", "kind": "barrier"}
    )
    save_recommendation(
        personas["bu_manager"], review, {"text": "Hospital to audit discharge.", "agencies": [hospital]}
    )
    save_recommendation(personas["bu_manager"], review, {"text": "Board to review policy.", "to_board": True})
    listing = lead.get(reverse("reviews:summaries")).content.decode()
    assert "Adult R" in listing
    page = lead.get(reverse("reviews:summary", args=[review.pk])).content.decode()
    assert "Adult R" in page and "Hospital to audit discharge." in page
    # Before sign-off: only the recommendations addressed to their agency; no findings, no confidential record.
    assert "Board to review policy." not in page and "Finding kept back." not in page
    assert SAMPLE_ADULT_NAME not in page and "Persona reviewer" not in page
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="reviews.review", detail="summary").exists()


def test_board_members_see_only_signed_off_summaries(personas, client_for):
    board = client_for(personas["board_member"])
    review = review_at(personas, stage=Stage.ANALYSIS, pseudonym="Adult Q")
    assert board.get(reverse("reviews:summary", args=[review.pk])).status_code == 404
    assert "Adult Q" not in board.get(reverse("reviews:summaries")).content.decode()
    assert board.get(reverse("reviews:detail", args=[review.pk])).status_code == 403
    signed = signed_off_review(personas, pseudonym="Adult P")
    assert "Adult P" in board.get(reverse("reviews:summaries")).content.decode()
    page = board.get(reverse("reviews:summary", args=[signed.pk])).content.decode()
    assert "Risk was not shared." in page and SAMPLE_ADULT_NAME not in page
    assert "Agreed revised end" in page and "No change" in page
    assert board.get(reverse("reviews:detail", args=[signed.pk])).status_code == 403


def test_tasks_show_each_side_what_is_waiting(personas, client_for, hospital):
    review = _at_factual_accuracy(personas)
    draft = requests.review_drafts(review).get()
    request = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    lead_tasks = client_for(personas["agency_lead"]).get(reverse("workspace:tasks")).content.decode()
    assert "Review requests to answer" in lead_tasks and reverse("reviews:request", args=[request.pk]) in lead_tasks
    requests.add_comment(personas["agency_lead"], request, {"location": "2.2", "comment": "Missing visit."})
    requests.submit(personas["agency_lead"], request)
    reviewer_tasks = client_for(personas["reviewer"]).get(reverse("workspace:tasks")).content.decode()
    assert "Comments on draft reports to respond to" in reviewer_tasks and "comment 1" in reviewer_tasks
    chair_tasks = client_for(personas["chair"]).get(reverse("workspace:tasks")).content.decode()
    assert "Comments on draft reports to respond to" not in chair_tasks


def test_a_comment_asked_for_through_another_request_gives_404(personas, client_for, hospital):
    """Hostile: another request's comment, by id, posted by hand."""
    review = _at_factual_accuracy(personas)
    first = requests.start_accuracy_round(
        personas["bu_manager"], review, [hospital], requests.review_drafts(review).get()
    )[0]
    comment = requests.add_comment(personas["agency_lead"], first, {"location": "1", "comment": "Wrong."})
    requests.submit(personas["agency_lead"], first)
    other_review = review_at(personas, pseudonym="B")
    second = requests.request_information(personas["bu_manager"], other_review, [hospital], "chronology")[0]
    manager = client_for(personas["bu_manager"])
    url = reverse("reviews:comment-response", args=[second.pk, comment.pk])
    assert manager.get(url).status_code == 404
    assert manager.post(url, {"outcome": "amended", "change": ""}).status_code == 404
    assert (
        client_for(personas["agency_lead"])
        .post(reverse("reviews:comment-remove", args=[second.pk, comment.pk]))
        .status_code
        == 404
    )
    comment.refresh_from_db()
    assert comment.outcome == CommentOutcome.OPEN
    assert client_for(personas["bu_manager"]).get(reverse("reviews:request", args=["99999"])).status_code == 404
