"""Screening: the business unit asks agencies for scoping summaries, their leads answer, reminders follow.

A person using a form is a test that opens the page and presses its button (tests/pages.py). Raw posts
remain only where the sender is deliberately hostile (a persona the page refuses, a value the page never
offered, a post to a request with no form on its page), and say so.
"""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any, cast

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.core.working_days import add_working_days
from sarhub.documents.models import Document, DocumentVersion
from sarhub.partnership.models import Agency, Person
from sarhub.referrals.forms import NO_LEAD_HINT
from sarhub.referrals.models import Referral, RequestStatus, ScopingRequest, Status
from sarhub.referrals.services import screening, workflow
from tests.factories import (
    SAMPLE_ADULT_NAME,
    SAMPLE_PDF,
    AgencyFactory,
    MembershipFactory,
    PersonFactory,
    make_sample_referral,
)
from tests.pages import Upload, banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db

HOSPITAL = "Testshire Hospital Trust"  # the agency_lead persona's agency
COUNCIL = "Testshire Council"  # the practitioner's and line manager's agency
AMBULANCE = "Testshire Ambulance Service"
OTHER_ADULT = "Canary Adult Other Zt4Wren"
SEND_REQUESTS = "Send requests"
SEND_SUMMARY = "Send summary"


def _new_url(referral: Referral) -> str:
    return reverse("referrals:scoping-new", args=[referral.pk])


def _detail_url(referral: Referral) -> str:
    return reverse("referrals:detail", args=[referral.pk])


def _request_url(scoping: ScopingRequest) -> str:
    return reverse("referrals:request", args=[scoping.pk])


def _withdraw_url(scoping: ScopingRequest) -> str:
    return reverse("referrals:request-withdraw", args=[scoping.pk])


def _agency(name: str) -> Agency:
    return cast(Agency, AgencyFactory(name=name))  # get_or_create by name


def _lead(agency: Agency, email: str, **person: Any) -> Person:
    lead = cast(Person, PersonFactory(email=email, full_name=f"Lead {email.split('@')[0]}", **person))
    MembershipFactory(person=lead, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=agency)
    return lead


def _ask(personas: dict[str, Any], referral: Referral, *agencies: Agency) -> list[ScopingRequest]:
    """Scoping requests made through the service, as the page would make them (a state to start from)."""
    return screening.request_scoping(personas["bu_manager"], referral, list(agencies))


def _ask_page(personas: dict[str, Any], referral: Referral, app: Any = None) -> Any:
    return (app or browse_as(personas["bu_manager"])).get(_new_url(referral))


def _hint_of(page: Any, agency: Agency) -> str:
    """The hint drawn under an agency's checkbox on the request page, or ""."""
    box = page.html.find("input", attrs={"name": "agencies", "value": str(agency.pk)})
    assert box is not None, f"no checkbox for {agency.name}"
    hint = page.html.find(id=f"{box['id']}-hint")
    return text_of(hint) if hint is not None else ""


def _assert_one_recipient_and_no_name(message: Any, reference: str) -> None:
    assert len(message.to) == 1
    assert not message.cc and not message.bcc
    assert reference in message.subject
    assert reference in message.body
    for text in (message.subject, message.body):
        assert SAMPLE_ADULT_NAME not in text
        assert "Imaginary Lane" not in text
        assert "ZZ99 9ZZ" not in text


def _due_text() -> str:
    due = add_working_days(timezone.localdate(), settings.SCOPING_WORKING_DAYS)
    return f"Summaries are due on {due:%-d %B %Y}."


# --- Asking agencies for scoping summaries -------------------------------------------------------------


def test_the_request_page_shows_when_summaries_will_be_due(personas):
    referral = make_sample_referral()
    page = _ask_page(personas, referral)
    assert page.status_code == 200
    due = add_working_days(timezone.localdate(), settings.SCOPING_WORKING_DAYS)
    assert date_format(due, "l j F Y") in page.text


@override_settings(SCOPING_WORKING_DAYS=10)
def test_the_request_page_and_the_due_date_follow_the_configured_working_days(personas):
    referral = make_sample_referral()
    due = add_working_days(timezone.localdate(), 10)

    page = _ask_page(personas, referral)
    assert date_format(due, "l j F Y") in page.text
    assert "10 working days from today" in page.text
    assert "15 working days" not in page.text

    press(page, SEND_REQUESTS, agencies=[_agency(HOSPITAL)])
    assert ScopingRequest.objects.get().due_on == due


def test_the_agencies_the_referral_names_are_ticked_already(personas):
    council, police = _agency(COUNCIL), _agency("Testshire Police")
    referral = make_sample_referral()
    referral.agencies.set([council, police])
    form = form_with(_ask_page(personas, referral), SEND_REQUESTS)
    ticked = {str(box.value) for box in form.fields["agencies"] if box.checked}
    assert ticked == {str(council.pk), str(police.pk)}


def test_the_business_unit_asks_agencies_and_each_current_lead_gets_one_email(personas):
    manager = personas["bu_manager"]
    referral = make_sample_referral()
    hospital, ambulance = _agency(HOSPITAL), _agency(AMBULANCE)
    second_hospital_lead = _lead(hospital, "second.lead@testshire.example.org")
    ambulance_lead = _lead(ambulance, "ambulance.lead@testshire.example.org")
    ended = _lead(hospital, "ended.lead@testshire.example.org")
    ended.memberships.update(ended_at=timezone.now())
    _lead(ambulance, "deactivated.lead@testshire.example.org", is_active=False)
    # Someone at the hospital who is not its safeguarding lead is not asked.
    MembershipFactory(
        person=PersonFactory(email="nurse@testshire.example.org"), role=Role.PRACTITIONER, agency=hospital
    )
    page = _ask_page(personas, referral)
    # Both agencies have a current lead: neither is flagged.
    assert _hint_of(page, hospital) == "" and _hint_of(page, ambulance) == ""

    response = press(page, SEND_REQUESTS, agencies=[hospital, ambulance], note="Please include 2025.")

    assert response.status_code == 302
    assert response["Location"] == _detail_url(referral)
    requests = list(ScopingRequest.objects.order_by("agency__name"))
    assert [r.agency for r in requests] == [ambulance, hospital]
    due = add_working_days(timezone.localdate(), settings.SCOPING_WORKING_DAYS)
    for scoping in requests:
        assert scoping.referral == referral
        assert scoping.status == RequestStatus.REQUESTED
        assert scoping.due_on == due
        assert scoping.requested_by == manager
        assert scoping.note == "Please include 2025."
    referral.refresh_from_db()
    assert referral.status == Status.SCREENING

    created = AuditEvent.objects.filter(action=Action.CREATE, object_type="referrals.scopingrequest", person=manager)
    assert sorted(created.values_list("object_id", flat=True)) == sorted(str(r.pk) for r in requests)
    moved = AuditEvent.objects.filter(
        action=Action.STATE_CHANGE, object_type="referrals.referral", object_id=str(referral.pk)
    )
    assert [e.detail for e in moved] == ["received -> screening: scoping requested"]

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([personas["agency_lead"].email, second_hospital_lead.email, ambulance_lead.email])
    by_recipient = {message.to[0]: message for message in mail.outbox}
    for message in mail.outbox:
        _assert_one_recipient_and_no_name(message, referral.reference)
        assert "Please include 2025." not in message.body  # the note is read on the request, signed in
    hospital_request = next(r for r in requests if r.agency == hospital)
    ambulance_request = next(r for r in requests if r.agency == ambulance)
    assert _request_url(hospital_request) in by_recipient[second_hospital_lead.email].body
    assert _request_url(ambulance_request) in by_recipient[ambulance_lead.email].body

    # The message counts what was sent: three emails, one recipient each, at two agencies.
    assert len(mail.outbox) == 3
    assert banner(response.follow()) == (
        f"The scoping request was sent to 3 safeguarding leads at 2 agencies. {_due_text()}"
    )


def test_an_agency_with_no_current_lead_is_flagged_before_sending_and_named_after(personas):
    referral = make_sample_referral()
    hospital, ambulance, police = _agency(HOSPITAL), _agency(AMBULANCE), _agency("Testshire Police")
    # The ambulance service's only lead has left, and the other is deactivated; the police have none.
    _lead(ambulance, "ended.lead@testshire.example.org").memberships.update(ended_at=timezone.now())
    _lead(ambulance, "deactivated.lead@testshire.example.org", is_active=False)

    page = _ask_page(personas, referral)
    assert _hint_of(page, ambulance) == NO_LEAD_HINT
    assert _hint_of(page, police) == NO_LEAD_HINT
    assert _hint_of(page, hospital) == ""

    response = press(page, SEND_REQUESTS, agencies=[hospital, ambulance, police])

    assert ScopingRequest.objects.count() == 3  # the requests stand: their leads can be appointed
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]
    assert banner(response.follow()) == (
        "The scoping request was sent to 1 safeguarding lead at 1 agency. Not received at "
        f"{AMBULANCE} and Testshire Police: they have no current safeguarding lead. {_due_text()}"
    )


def test_a_request_nobody_receives_says_so(personas):
    referral = make_sample_referral()
    police = _agency("Testshire Police")
    response = press(_ask_page(personas, referral), SEND_REQUESTS, agencies=[police])
    assert mail.outbox == []
    assert banner(response.follow()) == (
        "The scoping request reached no one: no agency chosen has a current safeguarding lead. "
        f"Not received at Testshire Police: it has no current safeguarding lead. {_due_text()}"
    )


def test_asking_an_agency_again_while_its_request_is_open_is_refused(personas):
    referral = make_sample_referral()
    hospital, ambulance = _agency(HOSPITAL), _agency(AMBULANCE)
    (first,) = _ask(personas, referral, hospital)
    app = browse_as(personas["bu_manager"])
    mail.outbox.clear()
    changes = AuditEvent.objects.filter(action__in=[Action.CREATE, Action.STATE_CHANGE])
    changes_before = changes.count()

    page = press(_ask_page(personas, referral, app), SEND_REQUESTS, agencies=[hospital, ambulance])

    assert page.status_code == 200
    assert f"A request has already been sent to {HOSPITAL}" in error_summary(page)
    assert field_error(page, "agencies") == f"A request has already been sent to {HOSPITAL}"
    assert list(ScopingRequest.objects.all()) == [first]  # not even the request to the ambulance service
    assert mail.outbox == []
    assert changes.count() == changes_before

    # An answered request is still open: the agency has given its summary.
    screening.answer_scoping(personas["agency_lead"], first, involvement="Seen twice in A&E.", concerns="")
    page = press(_ask_page(personas, referral, app), SEND_REQUESTS, agencies=[hospital])
    assert page.status_code == 200
    assert f"A request has already been sent to {HOSPITAL}" in error_summary(page)
    assert ScopingRequest.objects.count() == 1


def test_an_agency_whose_request_was_withdrawn_can_be_asked_again(personas):
    referral = make_sample_referral()
    hospital = _agency(HOSPITAL)
    (first,) = _ask(personas, referral, hospital)
    screening.withdraw_scoping(personas["bu_manager"], first)

    response = press(_ask_page(personas, referral), SEND_REQUESTS, agencies=[hospital])

    assert response.status_code == 302
    assert list(ScopingRequest.objects.order_by("id").values_list("status", flat=True)) == [
        RequestStatus.WITHDRAWN,
        RequestStatus.REQUESTED,
    ]


def test_asking_no_agency_shows_a_govuk_error(personas):
    referral = make_sample_referral()
    page = press(_ask_page(personas, referral), SEND_REQUESTS, agencies=[], note="Hello")

    assert page.status_code == 200
    assert error_summary(page) == ["Select at least one agency"]
    assert field_error(page, "agencies") == "Select at least one agency"
    assert 'href="#id_agencies_0"' in page.text  # the summary links to the first checkbox
    assert "<title>Error: " in page.text
    assert "govuk-form-group--error" in page.text
    assert form_with(page, SEND_REQUESTS)["note"].value == "Hello"  # what was typed is kept
    assert not ScopingRequest.objects.exists()
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED
    assert mail.outbox == []


def test_an_agency_closed_while_the_page_was_open_cannot_be_asked(personas):
    referral = make_sample_referral()
    closed = _agency("Testshire Closed Agency")
    page = _ask_page(personas, referral)
    Agency.objects.filter(pk=closed.pk).update(is_active=False)
    response = press(page, SEND_REQUESTS, agencies=[closed])
    assert response.status_code == 200
    assert field_error(response, "agencies") == "Select agencies from the list"
    assert not ScopingRequest.objects.exists()


@pytest.mark.parametrize("value", ["999999", "nonsense", "99999999999999999999999"])
def test_an_unknown_agency_is_refused_in_the_same_words(personas, client_for, value):
    """Hostile: values the page never offered, posted directly."""
    referral = make_sample_referral()
    response = client_for(personas["bu_manager"]).post(_new_url(referral), {"agencies": [value]})
    assert response.status_code == 200
    assert "Select agencies from the list" in response.content.decode()
    assert not ScopingRequest.objects.exists()


def test_a_referral_withdrawn_while_the_page_was_open_is_not_screened(personas):
    referral = make_sample_referral()
    page = _ask_page(personas, referral)
    workflow.move(personas["bu_manager"], referral, Status.WITHDRAWN)
    response = press(page, SEND_REQUESTS, agencies=[_agency(HOSPITAL)])
    assert response.status_code == 200
    assert "A referral that is withdrawn is not being screened" in error_summary(response)
    assert not ScopingRequest.objects.exists()


@pytest.mark.parametrize("key", ["subgroup_member", "chair", "agency_lead", "practitioner"])
def test_only_the_business_unit_asks_for_summaries(personas, client_for, key):
    referral = make_sample_referral()
    hospital = _agency(HOSPITAL)
    client = client_for(personas[key])

    assert client.get(_new_url(referral)).status_code == 403
    # Hostile: a persona the page refuses posts anyway.
    response = client.post(_new_url(referral), {"agencies": [hospital.pk]})

    assert response.status_code == 403
    assert SAMPLE_ADULT_NAME not in response.content.decode()
    assert not ScopingRequest.objects.exists()
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED
    assert mail.outbox == []
    with pytest.raises(PermissionDenied):
        screening.request_scoping(personas[key], referral, [hospital])


# --- The agency lead's requests ----------------------------------------------------------------------


def test_a_lead_lists_only_the_requests_for_their_agency(personas):
    ours = make_sample_referral()
    theirs = make_sample_referral(adult_name=OTHER_ADULT)
    (mine,) = _ask(personas, ours, _agency(HOSPITAL))
    _ask(personas, theirs, _agency(COUNCIL))

    page = browse_as(personas["agency_lead"]).get(reverse("referrals:requests"))

    assert page.status_code == 200
    assert ours.reference in page.text
    assert _request_url(mine) in page.text
    assert theirs.reference not in page.text
    assert COUNCIL not in page.text
    # The list names the referral by its reference only.
    assert SAMPLE_ADULT_NAME not in page.text
    assert OTHER_ADULT not in page.text


@pytest.mark.parametrize("key", ["practitioner", "line_manager", "subgroup_member", "bu_manager"])
def test_only_agency_leads_have_a_request_list(personas, client_for, key):
    assert client_for(personas[key]).get(reverse("referrals:requests")).status_code == 403


def test_another_agencys_request_is_not_found(personas, client_for):
    """Hostile: a lead opens and posts to another agency's request by its address."""
    referral = make_sample_referral(adult_name=OTHER_ADULT)
    (theirs,) = _ask(personas, referral, _agency(COUNCIL))
    client = client_for(personas["agency_lead"])

    for url in (_request_url(theirs), reverse("referrals:request", args=[theirs.pk + 1000])):
        for response in (client.get(url), client.post(url, {"involvement": "Nothing to add."})):
            assert response.status_code == 404
            body = response.content.decode()
            assert OTHER_ADULT not in body
            assert referral.reference not in body
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.REQUESTED
    assert theirs.involvement == ""
    assert not AuditEvent.objects.filter(action=Action.VIEW, object_type="referrals.scopingrequest").exists()


@pytest.mark.parametrize("key", ["practitioner", "line_manager"])
def test_colleagues_of_the_agency_who_are_not_its_lead_cannot_see_it(personas, client_for, key):
    """Hostile: colleagues who are not the lead open and post to the request by its address."""
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(COUNCIL))  # the persona's own agency
    client = client_for(personas[key])

    for response in (client.get(_request_url(scoping)), client.post(_request_url(scoping), {"involvement": "x"})):
        assert response.status_code == 404
        assert SAMPLE_ADULT_NAME not in response.content.decode()
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.REQUESTED
    with pytest.raises(PermissionDenied):
        screening.answer_scoping(personas[key], scoping, involvement="x", concerns="")


def test_the_lead_sees_the_adults_identifiers_and_the_view_is_audited(personas):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    ScopingRequest.objects.filter(pk=scoping.pk).update(note="Please include the discharge in 2025.")
    lead = personas["agency_lead"]

    page = browse_as(lead).get(_request_url(scoping))

    assert page.status_code == 200
    for shown in (referral.reference, SAMPLE_ADULT_NAME, "27 March 1950", "1 Imaginary Lane", "ZZ99 9ZZ"):
        assert shown in page.text
    assert "Please include the discharge in 2025." in page.text
    assert "involvement" in form_with(page, SEND_SUMMARY).fields
    views = AuditEvent.objects.filter(
        action=Action.VIEW, object_type="referrals.scopingrequest", object_id=str(scoping.pk)
    )
    assert [(e.person, e.detail) for e in views] == [(lead, "")]
    assert "agency_lead" in views.get().roles
    assert SAMPLE_ADULT_NAME not in views.get().detail


def test_an_empty_answer_is_refused_and_changes_nothing(personas):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    mail.outbox.clear()
    page = browse_as(personas["agency_lead"]).get(_request_url(scoping))

    response = press(page, SEND_SUMMARY, involvement="   ", concerns="Some concerns.")

    assert response.status_code == 200
    message = "Describe your agency's involvement with the adult"
    assert error_summary(response) == [message]
    assert field_error(response, "involvement") == message
    assert "<title>Error: " in response.text
    assert form_with(response, SEND_SUMMARY)["concerns"].value == "Some concerns."
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.REQUESTED
    assert scoping.answered_by is None
    assert scoping.answered_at is None
    assert scoping.concerns == ""
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="referrals.scopingrequest").exists()


def test_a_lead_answers_and_the_business_unit_is_told(personas):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    lead = personas["agency_lead"]
    former = PersonFactory(email="former.coordinator@testshire.example.org")
    MembershipFactory(person=former, role=Role.BUSINESS_UNIT_COORDINATOR, agency=None, ended_at=timezone.now())
    page = browse_as(lead).get(_request_url(scoping))
    mail.outbox.clear()

    response = press(
        page,
        SEND_SUMMARY,
        involvement="Two admissions in 2025; discharged home.",
        concerns="No discharge plan shared.",
    )

    assert response.status_code == 302
    assert response["Location"] == _request_url(scoping)
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.ANSWERED
    assert scoping.answered_by == lead
    assert scoping.answered_at is not None
    assert scoping.involvement == "Two admissions in 2025; discharged home."
    assert scoping.concerns == "No discharge plan shared."
    assert (
        AuditEvent.objects.filter(
            action=Action.STATE_CHANGE, person=lead, object_type="referrals.scopingrequest", object_id=str(scoping.pk)
        )
        .get()
        .detail
        == "answered"
    )

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["bu_manager"].email, personas["bu_coordinator"].email]
    )
    for message in mail.outbox:
        _assert_one_recipient_and_no_name(message, referral.reference)
        assert "Two admissions" not in message.body  # the answer is read signed in
        assert reverse("referrals:detail", args=[referral.pk]) in message.body

    done = response.follow()
    assert banner(done) == (
        "Thank you. Your scoping summary has been sent to the business unit: 2 people have been told by email."
    )
    assert "Two admissions in 2025; discharged home." in done.text
    assert 'name="involvement"' not in done.text


def test_a_request_answered_in_another_tab_cannot_be_answered_again(personas):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    lead = personas["agency_lead"]
    app = browse_as(lead)
    first_tab, second_tab = app.get(_request_url(scoping)), app.get(_request_url(scoping))
    press(first_tab, SEND_SUMMARY, involvement="First answer.")
    scoping.refresh_from_db()
    answered_at = scoping.answered_at
    mail.outbox.clear()

    response = press(second_tab, SEND_SUMMARY, involvement="Second answer.", concerns="More.").follow()

    assert error_summary(response) == ["This request cannot be answered now"]
    scoping.refresh_from_db()
    assert (scoping.involvement, scoping.concerns, scoping.answered_at) == ("First answer.", "", answered_at)
    assert mail.outbox == []
    with pytest.raises(ValidationError, match="already been answered or withdrawn"):
        screening.answer_scoping(lead, scoping, involvement="Third answer.", concerns="")


@pytest.mark.parametrize("key", ["bu_manager", "chair"])
def test_the_case_team_reads_a_request_but_does_not_answer_it(personas, client_for, key):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))

    page = browse_as(personas[key]).get(_request_url(scoping))
    assert page.status_code == 200
    assert 'name="involvement"' not in page.text

    # Hostile: the page has no form to answer with; an answer posted anyway is refused.
    response = client_for(personas[key]).post(
        _request_url(scoping), {"involvement": "Not theirs to give."}, follow=True
    )
    assert "This request cannot be answered now" in response.content.decode()
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.REQUESTED
    assert scoping.involvement == ""


# --- Documents on a request ---------------------------------------------------------------------------


def _upload(app: Any, scoping: ScopingRequest, title: str = "Chronology") -> Any:
    """The lead opens the request, follows "Add a document" and uploads a file."""
    request_page = app.get(_request_url(scoping))
    page = request_page.click(description="Add a document")
    return press(page, "Upload", title=title, classification="confidential", file=Upload("chronology.pdf", SAMPLE_PDF))


def test_the_lead_uploads_while_requested_and_the_case_team_downloads(personas, client_for):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    lead = browse_as(personas["agency_lead"])
    other_lead = _lead(_agency(AMBULANCE), "ambulance.lead@testshire.example.org")

    response = _upload(lead, scoping)
    assert response.status_code == 302
    assert response["Location"] == _request_url(scoping)
    version = DocumentVersion.objects.get()
    assert version.document.owner == scoping
    assert version.uploaded_by == personas["agency_lead"]
    download_url = reverse("documents:download", args=[version.pk])
    assert download_url in response.follow().text

    for key in ("bu_manager", "subgroup_member"):
        download = client_for(personas[key]).get(download_url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == SAMPLE_PDF

    # Hostile: another agency's lead downloads or uploads by address.
    other = client_for(other_lead)
    assert other.get(download_url).status_code == 404
    add_url = reverse("documents:add", args=["referrals.scopingrequest", scoping.pk])
    upload = {"title": "Not ours", "classification": "confidential", "file": SimpleUploadedFile("x.pdf", SAMPLE_PDF)}
    assert other.post(add_url, upload).status_code == 404
    assert Document.objects.count() == 1
    assert client_for(personas["practitioner"]).get(download_url).status_code == 404


def test_the_lead_cannot_add_documents_once_the_request_is_answered(personas, client_for):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    lead = browse_as(personas["agency_lead"])
    _upload(lead, scoping)
    press(lead.get(_request_url(scoping)), SEND_SUMMARY, involvement="Answered.")
    version = DocumentVersion.objects.get()

    answered = lead.get(_request_url(scoping))
    assert "Add a document" not in answered.text
    assert "Upload a new version" not in answered.text
    # Hostile: uploads posted by address after the page stopped offering them.
    client = client_for(personas["agency_lead"])
    add_url = reverse("documents:add", args=["referrals.scopingrequest", scoping.pk])
    late = {"title": "Late addition", "classification": "confidential", "file": SimpleUploadedFile("c.pdf", SAMPLE_PDF)}
    assert client.post(add_url, late).status_code == 404
    new_version = {"file": SimpleUploadedFile("c2.pdf", SAMPLE_PDF)}
    assert client.post(reverse("documents:add-version", args=[version.document_id]), new_version).status_code == 404
    assert Document.objects.count() == 1
    assert DocumentVersion.objects.count() == 1
    # What they sent is still theirs to read.
    assert client.get(reverse("documents:download", args=[version.pk])).status_code == 200


# --- Withdrawing a request ----------------------------------------------------------------------------


def test_the_business_unit_withdraws_a_waiting_request(personas, client_for):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    manager = personas["bu_manager"]
    lead = browse_as(personas["agency_lead"])
    lead_tab = lead.get(_request_url(scoping))  # the lead has the request open

    response = press(browse_as(manager).get(_detail_url(referral)), f"Withdraw request to {HOSPITAL}")

    assert response.status_code == 302
    assert response["Location"] == _detail_url(referral)
    assert banner(response.follow()) == f"The request to {HOSPITAL} has been withdrawn."
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.WITHDRAWN
    assert (
        AuditEvent.objects.filter(
            action=Action.STATE_CHANGE,
            person=manager,
            object_type="referrals.scopingrequest",
            object_id=str(scoping.pk),
        )
        .get()
        .detail
        == "withdrawn"
    )

    # The lead can no longer answer it: the page offers no form, and the open tab's answer is refused.
    assert 'name="involvement"' not in lead.get(_request_url(scoping)).text
    answer = press(lead_tab, SEND_SUMMARY, involvement="Too late.").follow()
    assert error_summary(answer) == ["This request cannot be answered now"]
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.WITHDRAWN
    assert scoping.involvement == ""


def test_a_request_answered_while_the_page_was_open_cannot_be_withdrawn(personas):
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    page = browse_as(personas["bu_coordinator"]).get(_detail_url(referral))
    screening.answer_scoping(personas["agency_lead"], scoping, involvement="Known to us.", concerns="")

    response = press(page, f"Withdraw request to {HOSPITAL}").follow()

    assert error_summary(response) == ["Only a request still waiting for an answer can be withdrawn"]
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.ANSWERED
    assert scoping.involvement == "Known to us."
    assert not AuditEvent.objects.filter(action=Action.STATE_CHANGE, detail="withdrawn").exists()


@pytest.mark.parametrize("key", ["agency_lead", "chair", "subgroup_member"])
def test_only_the_business_unit_withdraws(personas, client_for, key):
    """Hostile: personas the page offers no withdraw button post anyway."""
    referral = make_sample_referral()
    (scoping,) = _ask(personas, referral, _agency(HOSPITAL))
    assert client_for(personas[key]).post(_withdraw_url(scoping)).status_code == 403
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.REQUESTED


# --- Reminders ----------------------------------------------------------------------------------------

TODAY = date(2026, 6, 10)  # a Wednesday


def _scoping(personas: dict[str, Any], agency: Agency, *, due_on: date, status: str, **fields: Any) -> ScopingRequest:
    referral = make_sample_referral()
    return ScopingRequest.objects.create(
        referral=referral,
        agency=agency,
        requested_by=personas["bu_manager"],
        due_on=due_on,
        status=status,
        **fields,
    )


def test_reminders_go_to_the_leads_of_overdue_requests_once_a_day(personas):
    hospital = _agency(HOSPITAL)
    second_lead = _lead(hospital, "second.lead@testshire.example.org")
    overdue = _scoping(personas, hospital, due_on=TODAY - timedelta(days=1), status=RequestStatus.REQUESTED)
    due_today = _scoping(personas, hospital, due_on=TODAY, status=RequestStatus.REQUESTED)  # not overdue yet
    quiet = [
        _scoping(personas, hospital, due_on=TODAY - timedelta(days=5), status=RequestStatus.ANSWERED),
        _scoping(personas, hospital, due_on=TODAY - timedelta(days=5), status=RequestStatus.WITHDRAWN),
        _scoping(personas, hospital, due_on=TODAY + timedelta(days=3), status=RequestStatus.REQUESTED),
    ]

    assert screening.send_reminders(today=TODAY) == 1

    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas["agency_lead"].email, second_lead.email])
    for message in mail.outbox:
        _assert_one_recipient_and_no_name(message, overdue.referral.reference)
        assert message.subject == f"Overdue scoping summary: {overdue.referral.reference}"
        assert _request_url(overdue) in message.body
        for other in [due_today, *quiet]:
            assert other.referral.reference not in f"{message.subject}\n{message.body}"
    overdue.refresh_from_db()
    assert (overdue.reminder_count, overdue.last_reminded_on) == (1, TODAY)

    # Again the same day: nothing more.
    assert screening.send_reminders(today=TODAY) == 0
    assert len(mail.outbox) == 2
    overdue.refresh_from_db()
    assert overdue.reminder_count == 1

    # The next day: reminded again, and the one that was due yesterday is now overdue too.
    tomorrow = TODAY + timedelta(days=1)
    assert screening.send_reminders(today=tomorrow) == 2
    assert len(mail.outbox) == 6
    assert sorted(m.subject for m in mail.outbox[2:]) == sorted(
        [f"Overdue scoping summary: {overdue.referral.reference}"] * 2
        + [f"Overdue scoping summary: {due_today.referral.reference}"] * 2
    )
    overdue.refresh_from_db()
    assert (overdue.reminder_count, overdue.last_reminded_on) == (2, tomorrow)
    due_today.refresh_from_db()
    assert (due_today.reminder_count, due_today.last_reminded_on) == (1, tomorrow)

    for other in quiet:
        other.refresh_from_db()
        assert (other.reminder_count, other.last_reminded_on) == (0, None)
    reminders = AuditEvent.objects.filter(
        action=Action.UPDATE, object_type="referrals.scopingrequest", object_id=str(overdue.pk)
    ).order_by("id")
    assert [e.detail for e in reminders] == ["reminder 1 sent", "reminder 2 sent"]


def test_an_answer_stops_the_reminders(personas):
    overdue = _scoping(personas, _agency(HOSPITAL), due_on=TODAY - timedelta(days=2), status=RequestStatus.REQUESTED)
    assert screening.send_reminders(today=TODAY) == 1
    screening.answer_scoping(personas["agency_lead"], overdue, involvement="Sorry for the delay.", concerns="")
    mail.outbox.clear()

    assert screening.send_reminders(today=TODAY + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_an_agency_without_a_current_lead_is_counted_but_nobody_is_emailed(personas):
    ambulance = _agency(AMBULANCE)
    ended = _lead(ambulance, "ended.lead@testshire.example.org")
    ended.memberships.update(ended_at=timezone.now())
    _lead(ambulance, "deactivated.lead@testshire.example.org", is_active=False)
    _scoping(personas, ambulance, due_on=TODAY - timedelta(days=1), status=RequestStatus.REQUESTED)

    assert screening.send_reminders(today=TODAY) == 1
    assert mail.outbox == []


def test_the_management_command_sends_reminders_and_says_how_many(personas, monkeypatch):
    # Run "today" on a fixed working day, so the test does not depend on the day it runs.
    monkeypatch.setattr(screening.timezone, "localdate", lambda *args, **kwargs: TODAY)
    today = TODAY
    overdue = _scoping(personas, _agency(HOSPITAL), due_on=today - timedelta(days=1), status=RequestStatus.REQUESTED)

    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Reminders sent for 1 overdue scoping request.",
        "Reminders sent for 0 overdue review requests.",
        "Reminders sent to 0 people yet to reply to a learning event.",
        "Reminders sent to 0 agencies yet to record sharing a 7-minute briefing.",
        "Action reminders sent to 0 leads, and escalation lists to 0 business unit people.",
        "Insight figures refreshed (2 views; 0 old views removed).",
        "Repeated learning checked: 0 new flags.",
    ]
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]
    overdue.refresh_from_db()
    assert overdue.last_reminded_on == today

    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines()[0] == "Reminders sent for 0 overdue scoping requests."
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("day", [date(2026, 6, 13), date(2026, 8, 31)], ids=["a Saturday", "a bank holiday"])
def test_no_reminders_at_weekends_or_on_bank_holidays(personas, day):
    _scoping(personas, _agency(HOSPITAL), due_on=day - timedelta(days=7), status=RequestStatus.REQUESTED)
    assert screening.send_reminders(today=day) == 0
    assert mail.outbox == []
