"""Requests from a review to agencies: chronologies and IMRs, the factual-accuracy round, reminders,
and the summaries agency leads and Board members see."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import cast

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core import notify
from sarhub.core.working_days import add_working_days
from sarhub.documents.services import add_document
from sarhub.partnership.models import Agency
from sarhub.partnership.roles import Role
from sarhub.reviews import requests
from sarhub.reviews.content import save_finding, save_recommendation
from sarhub.reviews.models import (
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    Review,
    Stage,
)
from sarhub.reviews.services import appoint, set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, SAMPLE_PDF, AgencyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)  # a Wednesday, not a bank holiday


@pytest.fixture(autouse=True)
def _send_at_once(monkeypatch):
    """Emails go once the change commits; each test runs in one transaction, so send them at once."""
    monkeypatch.setattr(notify.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


@pytest.fixture
def review(personas) -> Review:
    review = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult R"})
    appoint(personas["bu_manager"], review, personas["reviewer"], Role.LEAD_REVIEWER)
    return review


@pytest.fixture
def hospital(personas) -> Agency:
    return personas["agency_lead"].agencies[0]


def _upload(name: str = "chronology.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SAMPLE_PDF)


def _at_factual_accuracy(personas, review: Review):
    """Put the review at factual accuracy with a draft report among its documents; return the draft."""
    draft = add_document(
        personas["bu_manager"], review, title="Draft report", classification="confidential", upload=_upload("d.pdf")
    )
    Review.objects.filter(pk=review.pk).update(stage=Stage.FACTUAL_ACCURACY)
    review.refresh_from_db()
    return draft


# --- Chronologies and IMRs ---------------------------------------------------------------------------


def test_a_lead_reviewer_asks_agencies_for_chronologies_due_in_working_days(personas, client_for, review, hospital):
    other = cast(Agency, AgencyFactory(name="Testshire Ambulance Service"))
    other_lead = PersonFactory(email="ambulance.lead@testshire.example.org")
    MembershipFactory(person=other_lead, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=other)
    mail.outbox.clear()
    response = client_for(personas["reviewer"]).post(
        reverse("reviews:request-new", args=[review.pk]),
        {"kind": "chronology", "agencies": [hospital.pk, other.pk], "note": "Cover 2025 to 2026."},
    )
    assert response.status_code == 302
    created = AgencyRequest.objects.filter(review=review).order_by("agency__name")
    assert [r.agency for r in created] == [other, hospital]
    due = add_working_days(timezone.localdate(), settings.REVIEW_REQUEST_WORKING_DAYS)
    assert all(r.due_on == due and r.kind == "chronology" and r.status == "requested" for r in created)
    # One email per lead, each naming the review by reference and pseudonym, never the adult.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas["agency_lead"].email, other_lead.email])
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert review.reference in message.subject and "Adult R" in message.body
        assert SAMPLE_ADULT_NAME not in f"{message.subject} {message.body}"
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="reviews.agencyrequest").count() == 2


def test_asking_twice_while_a_request_is_open_is_refused_and_changes_nothing(personas, client_for, review, hospital):
    manager = client_for(personas["bu_manager"])
    url = reverse("reviews:request-new", args=[review.pk])
    manager.post(url, {"kind": "imr", "agencies": [hospital.pk]})
    response = manager.post(url, {"kind": "imr", "agencies": [hospital.pk]})
    assert response.status_code == 200
    assert "already has a individual management review (imr) request open" in response.content.decode().lower()
    assert AgencyRequest.objects.filter(review=review).count() == 1
    # A chronology is a different request, so it may be asked for alongside.
    manager.post(url, {"kind": "chronology", "agencies": [hospital.pk]})
    assert AgencyRequest.objects.filter(review=review).count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "chronology"}, "Select at least one agency"),
        ({"agencies": ["HOSPITAL"]}, "Select what to ask for"),
        ({"kind": "factual_accuracy", "agencies": ["HOSPITAL"]}, "Select from the list"),
        ({"kind": "chronology", "agencies": ["999999"]}, "Select agencies from the list"),
        ({"kind": "chronology", "agencies": ["99999999999999999999999999"]}, "Select agencies from the list"),
    ],
)
def test_a_bad_request_form_gets_a_clear_message(data, message, personas, client_for, review, hospital):
    data = {k: ([str(hospital.pk)] if v == ["HOSPITAL"] else v) for k, v in data.items()}
    response = client_for(personas["bu_manager"]).post(reverse("reviews:request-new", args=[review.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not AgencyRequest.objects.exists()


def test_a_complete_review_asks_for_nothing(personas, review, hospital):
    Review.objects.filter(pk=review.pk).update(stage=Stage.COMPLETE)
    with pytest.raises(Exception, match="complete"):
        requests.request_information(personas["bu_manager"], review, [hospital], "chronology")
    assert not AgencyRequest.objects.exists()


def test_the_agency_lead_uploads_and_sends_the_chronology(personas, client_for, review, hospital):
    request = requests.request_information(personas["bu_manager"], review, [hospital], "chronology")[0]
    lead = client_for(personas["agency_lead"])
    page = lead.get(reverse("reviews:request", args=[request.pk])).content.decode()
    assert "Adult R" in page and SAMPLE_ADULT_NAME not in page
    # Sending without the document is refused with a clear message.
    response = lead.post(reverse("reviews:request-submit", args=[request.pk]), {"cover_note": ""})
    assert response.status_code == 400 and "Upload the chronology before you send it" in response.content.decode()
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.REQUESTED

    response = lead.post(
        reverse("documents:add", args=["reviews.agencyrequest", request.pk]),
        {"title": "Hospital chronology", "classification": "confidential", "file": _upload()},
    )
    assert response.status_code == 302
    mail.outbox.clear()
    lead.post(reverse("reviews:request-submit", args=[request.pk]), {"cover_note": "Two admissions."})
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.SUBMITTED and request.cover_note == "Two admissions."
    assert request.submitted_by == personas["agency_lead"]
    # The review's lead reviewer and the business unit are told, one email each.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert personas["reviewer"].email in recipients and personas["bu_manager"].email in recipients
    assert all(len(m.to) == 1 and SAMPLE_ADULT_NAME not in m.body for m in mail.outbox)
    # Once sent, nothing more can be added by the agency, and sending again changes nothing.
    again = lead.post(reverse("reviews:request-submit", args=[request.pk]), {"cover_note": "Changed"})
    assert again.status_code == 302
    request.refresh_from_db()
    assert request.cover_note == "Two admissions."
    assert lead.get(reverse("documents:add", args=["reviews.agencyrequest", request.pk])).status_code == 404
    # The review team reads it.
    team_page = client_for(personas["reviewer"]).get(reverse("reviews:request", args=[request.pk])).content.decode()
    assert "Hospital chronology" in team_page


def test_another_agencys_lead_gets_404_for_the_request_its_documents_and_the_draft(personas, client_for, review):
    other = AgencyFactory(name="Testshire Police")
    outsider = PersonFactory(email="police.lead@testshire.example.org")
    MembershipFactory(person=outsider, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=other)
    hospital = personas["agency_lead"].agencies[0]
    draft = _at_factual_accuracy(personas, review)
    request = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    client = client_for(outsider)
    for url in (
        reverse("reviews:request", args=[request.pk]),
        reverse("reviews:request-draft", args=[request.pk]),
        reverse("reviews:summary", args=[review.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code in (403, 404)
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
    manager = client_for(personas["bu_manager"])
    manager.post(reverse("reviews:request-withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.WITHDRAWN
    page = manager.post(reverse("reviews:request-withdraw", args=[request.pk]), follow=True).content.decode()
    assert "Only a request still waiting for an answer can be withdrawn" in page
    # The agency lead cannot withdraw it.
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


def test_the_factual_accuracy_round_from_draft_to_dispute(personas, client_for, review, hospital):
    draft = _at_factual_accuracy(personas, review)
    manager = client_for(personas["bu_manager"])
    response = manager.post(
        reverse("reviews:accuracy-new", args=[review.pk]), {"draft": draft.pk, "agencies": [hospital.pk]}
    )
    assert response.status_code == 302
    request = AgencyRequest.objects.get(review=review)
    assert request.kind == "factual_accuracy" and request.draft == draft
    assert request.due_on == add_working_days(timezone.localdate(), settings.ACCURACY_WORKING_DAYS)

    lead = client_for(personas["agency_lead"])
    downloaded = lead.get(reverse("reviews:request-draft", args=[request.pk]))
    assert downloaded.status_code == 200 and b"".join(downloaded.streaming_content) == SAMPLE_PDF  # type: ignore[attr-defined]
    assert downloaded["Content-Disposition"].startswith("attachment")
    assert downloaded["Content-Security-Policy"].startswith("default-src 'none'")
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, person=personas["agency_lead"]).exists()
    # The lead reads the draft but not the rest of the review's documents or its page.
    assert lead.get(reverse("documents:download", args=[draft.pk])).status_code == 404
    assert lead.get(reverse("reviews:detail", args=[review.pk])).status_code in (403, 404)

    # An empty comment is refused and nothing is saved.
    bad = lead.post(reverse("reviews:comment-new", args=[request.pk]), {"location": "", "comment": ""})
    assert bad.status_code == 400
    assert "Say where in the draft the comment applies" in bad.content.decode()
    assert not AccuracyComment.objects.exists()
    for where in ("Paragraph 2.3", "Paragraph 5.1", "Paragraph 6.0"):
        lead.post(
            reverse("reviews:comment-new", args=[request.pk]),
            {"location": where, "comment": f"Wrong date at {where}.", "suggested": ""},
        )
    third = AccuracyComment.objects.get(location="Paragraph 6.0")
    lead.post(reverse("reviews:comment-remove", args=[request.pk, third.pk]))
    assert list(request.comments.values_list("number", flat=True)) == [1, 2]

    # The review team cannot respond before the comments are sent.
    first, second = request.comments.order_by("number")
    early = manager.post(
        reverse("reviews:comment-response", args=[request.pk, first.pk]), {"outcome": "amended", "response": ""}
    )
    assert "once the agency has sent them" in early.content.decode()
    mail.outbox.clear()
    lead.post(reverse("reviews:request-submit", args=[request.pk]), {"cover_note": ""})
    assert any("2 comments" in m.body for m in mail.outbox)
    # Removing a comment after sending is refused.
    page = lead.post(reverse("reviews:comment-remove", args=[request.pk, first.pk]), follow=True).content.decode()
    assert "only be removed before they are sent" in page and request.comments.count() == 2

    # Not amending needs reasons.
    reviewer = client_for(personas["reviewer"])
    url = reverse("reviews:comment-response", args=[request.pk, second.pk])
    refused = reviewer.post(url, {"outcome": "not_amended", "response": " "})
    assert "Give the reasons the draft was not amended" in refused.content.decode()
    second.refresh_from_db()
    assert second.outcome == CommentOutcome.OPEN
    reviewer.post(
        reverse("reviews:comment-response", args=[request.pk, first.pk]), {"outcome": "amended", "response": ""}
    )
    mail.outbox.clear()
    reviewer.post(url, {"outcome": "not_amended", "response": "The GP record shows the 5th."})
    second.refresh_from_db()
    assert second.outcome == CommentOutcome.NOT_AMENDED and second.responded_by == personas["reviewer"]
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]

    # The agency keeps its position: the dispute is recorded, seen on the review, and is final.
    dispute_url = reverse("reviews:comment-dispute", args=[request.pk, second.pk])
    assert "Say what your agency" in lead.post(dispute_url, {"statement": ""}).content.decode()
    lead.post(dispute_url, {"statement": "Our electronic record is time-stamped on the 4th."})
    second.refresh_from_db()
    assert second.is_disputed and second.disputed_by == personas["agency_lead"]
    review_page = manager.get(reverse("reviews:agencies", args=[review.pk])).content.decode()
    assert "Disputed points on the draft" in review_page and "time-stamped on the 4th" in review_page
    again = lead.post(dispute_url, {"statement": "Changed"})
    assert "already been recorded" in again.content.decode()
    changed = reviewer.post(url, {"outcome": "amended", "response": ""})
    assert "can no longer be changed" in changed.content.decode()
    second.refresh_from_db()
    assert second.dispute.startswith("Our electronic record") and second.outcome == CommentOutcome.NOT_AMENDED


def test_a_dispute_needs_a_comment_that_was_not_amended(personas, review, hospital):
    draft = _at_factual_accuracy(personas, review)
    request = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    comment = requests.add_comment(personas["agency_lead"], request, {"location": "1.1", "comment": "Wrong."})
    with pytest.raises(Exception, match="not amended"):
        requests.record_dispute(personas["agency_lead"], comment, statement="We disagree.")
    comment.refresh_from_db()
    assert not comment.is_disputed


def test_the_round_starts_only_at_factual_accuracy_and_with_the_reviews_own_draft(
    personas, client_for, review, hospital
):
    draft = add_document(
        personas["bu_manager"], review, title="Draft", classification="confidential", upload=_upload("d.pdf")
    )
    manager = client_for(personas["bu_manager"])
    url = reverse("reviews:accuracy-new", args=[review.pk])
    response = manager.post(url, {"draft": draft.pk, "agencies": [hospital.pk]})
    assert "when the review is at factual accuracy" in response.content.decode()
    Review.objects.filter(pk=review.pk).update(stage=Stage.FACTUAL_ACCURACY)
    other_review = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "B"})
    foreign = add_document(
        personas["bu_manager"], other_review, title="Other", classification="confidential", upload=_upload("o.pdf")
    )
    response = manager.post(url, {"draft": foreign.pk, "agencies": [hospital.pk]})
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


def test_board_members_see_only_signed_off_summaries(personas, client_for, review):
    board = client_for(personas["board_member"])
    save_finding(
        personas["bu_manager"], review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"}
    )
    assert board.get(reverse("reviews:summary", args=[review.pk])).status_code == 404
    assert "Adult R" not in board.get(reverse("reviews:summaries")).content.decode()
    assert board.get(reverse("reviews:detail", args=[review.pk])).status_code in (403, 404)
    Review.objects.filter(pk=review.pk).update(signed_off_on=timezone.localdate(), stage=Stage.COMPLETE)
    assert "Adult R" in board.get(reverse("reviews:summaries")).content.decode()
    page = board.get(reverse("reviews:summary", args=[review.pk])).content.decode()
    assert "Risk was not shared." in page and SAMPLE_ADULT_NAME not in page
    assert board.get(reverse("reviews:detail", args=[review.pk])).status_code in (403, 404)


def test_tasks_show_each_side_what_is_waiting(personas, client_for, review, hospital):
    draft = _at_factual_accuracy(personas, review)
    request = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    lead_tasks = client_for(personas["agency_lead"]).get(reverse("core:tasks")).content.decode()
    assert "Review requests to answer" in lead_tasks and reverse("reviews:request", args=[request.pk]) in lead_tasks
    requests.add_comment(personas["agency_lead"], request, {"location": "2.2", "comment": "Missing visit."})
    requests.submit(personas["agency_lead"], request)
    reviewer_tasks = client_for(personas["reviewer"]).get(reverse("core:tasks")).content.decode()
    assert "Comments on draft reports to respond to" in reviewer_tasks and "comment 1" in reviewer_tasks
    chair_tasks = client_for(personas["chair"]).get(reverse("core:tasks")).content.decode()
    assert "Comments on draft reports to respond to" not in chair_tasks


def test_a_comment_asked_for_through_another_request_gives_404(personas, client_for, review, hospital):
    draft = _at_factual_accuracy(personas, review)
    first = requests.start_accuracy_round(personas["bu_manager"], review, [hospital], draft)[0]
    comment = requests.add_comment(personas["agency_lead"], first, {"location": "1", "comment": "Wrong."})
    requests.submit(personas["agency_lead"], first)
    other_review = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "B"})
    second = requests.request_information(personas["bu_manager"], other_review, [hospital], "chronology")[0]
    manager = client_for(personas["bu_manager"])
    url = reverse("reviews:comment-response", args=[second.pk, comment.pk])
    assert manager.get(url).status_code == 404
    assert manager.post(url, {"outcome": "amended", "response": ""}).status_code == 404
    assert (
        client_for(personas["agency_lead"])
        .post(reverse("reviews:comment-remove", args=[second.pk, comment.pk]))
        .status_code
        == 404
    )
    comment.refresh_from_db()
    assert comment.outcome == CommentOutcome.OPEN
    assert client_for(personas["bu_manager"]).get(reverse("reviews:request", args=["99999"])).status_code == 404
