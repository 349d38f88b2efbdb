"""The professional referral form (/referrals/new/) and a referrer's own list (/referrals/mine/).

A professional filling the form is a test that opens the page and presses "Send referral"
(tests/pages.py). Raw posts remain only where the sender is deliberately hostile (forged or tampered
fields, a person who may not refer, a signed-out visitor), and say so.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral, Source, Status
from sarhub.taxonomy.models import AbuseType
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral
from tests.pages import browse_as, error_summary, field_error, form_with, press

pytestmark = pytest.mark.django_db

NEW_URL = "/referrals/new/"
RECEIVED_URL = "/referrals/new/received/"
MINE_URL = "/referrals/mine/"
ADULT_NAME = "Canary Adult Mk3Plover"
SEND = "Send referral"


def answers(agency: Agency | None, **overrides: Any) -> dict[str, Any]:
    """What a social worker types. None leaves a question as the page served it."""
    values: dict[str, Any] = {
        "adult_name": ADULT_NAME,
        "adult_date_of_birth": date(1948, 3, 27),
        "what_happened": "A fictional account of serious neglect.",
        "happened_period": "March to June 2026",
        "working_together_concern": "Nobody shared the hospital discharge plan.",
        "criterion": "condition_2",
        "criterion_reasons": "She is alive and was seriously neglected.",
        "family_knows": "no",
        "referrer_agency": agency,
        "referrer_relationship": "Allocated social worker",
        "referrer_phone": "01632 960001",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def refer(person: Any, agency: Agency | None, *, app: Any = None, **overrides: Any) -> Any:
    page = (app or browse_as(person)).get(NEW_URL)
    return press(page, SEND, **answers(agency, **overrides))


def hostile_data(agency: Agency | None, **overrides: Any) -> dict[str, Any]:
    """The form's fields as a hand-made post, for the hostile tests only."""
    data = {
        k: v for k, v in answers(agency, **overrides).items() if k not in ("adult_date_of_birth", "referrer_agency")
    }
    data["adult_date_of_birth"] = "27/3/1948"
    if agency is not None:
        data["referrer_agency"] = agency.pk
    return data


def test_a_practitioner_refers_and_is_recorded_from_their_account(personas):
    practitioner = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    abuse = list(AbuseType.objects.active()[:2])
    police, hospital = Agency.objects.get(name="Testshire Police"), Agency.objects.get(name="Testshire Hospital Trust")
    app = browse_as(practitioner)

    response = refer(practitioner, council, app=app, abuse_types=abuse, agencies=[police, hospital, council])

    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:received")
    referral = Referral.objects.get()
    assert referral.source == Source.PROFESSIONAL
    assert referral.status == Status.RECEIVED
    assert referral.referred_by == practitioner
    assert referral.referrer_name == practitioner.full_name
    assert referral.referrer_email == practitioner.email
    assert referral.referrer_agency == council
    assert referral.referrer_relationship == "Allocated social worker"
    # A professional is asked which part of section 44 applies, and why.
    assert referral.criterion == "condition_2"
    assert referral.criterion_reasons == "She is alive and was seriously neglected."
    assert not referral.needs_judgement
    # Every box ticked is kept.
    assert set(referral.abuse_types.all()) == set(abuse)
    assert set(referral.agencies.all()) == {police, hospital, council}
    assert AuditEvent.objects.filter(
        action=Action.CREATE, person=practitioner, object_type="referrals.referral", object_id=str(referral.pk)
    ).exists()

    page = response.follow()
    assert page.status_code == 200
    assert referral.reference in page.text
    assert "We have emailed you this reference number." in page.text

    # The acknowledgement goes to the account's address.
    acknowledgements = [m for m in mail.outbox if m.subject.startswith("Referral received")]
    assert [m.to for m in acknowledgements] == [[practitioner.email]]
    assert ADULT_NAME not in acknowledgements[0].body


def test_the_professional_form_asks_which_part_of_the_law_applies(personas):
    page = browse_as(personas["practitioner"]).get(NEW_URL)
    form = form_with(page, SEND)
    assert {"criterion", "criterion_reasons"} <= set(form.fields)
    assert "Which part of the law do you think applies?" in page.text


def test_posted_referrer_fields_are_ignored(personas, client_for):
    """Hostile: fields the page does not have, forged to change who referred and the record's state."""
    practitioner = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    forged = hostile_data(
        council,
        referrer_email="impostor@example.com",
        referrer_name="Someone Else",
        referred_by=personas["chair"].pk,
        referred_by_id=personas["chair"].pk,
        source="public",
        status="decided",
        reference="R-1999-99999",
    )
    response = client_for(practitioner).post(NEW_URL, forged)
    assert response.status_code == 302

    referral = Referral.objects.get()
    assert referral.referred_by == practitioner
    assert referral.referrer_email == practitioner.email
    assert referral.referrer_name == practitioner.full_name
    assert referral.source == Source.PROFESSIONAL
    assert referral.status == Status.RECEIVED
    assert referral.reference != "R-1999-99999"
    assert all("impostor@example.com" not in m.to for m in mail.outbox)


@pytest.mark.parametrize("other", ["Testshire Police", "Testshire Hospital Trust"])
def test_an_agency_the_person_does_not_belong_to_is_refused(personas, client_for, other):
    """Hostile: the page offers only the person's own agencies; this posts another."""
    agency = Agency.objects.get(name=other)
    page = browse_as(personas["practitioner"]).get(NEW_URL)
    assert [str(v) for v, *_ in form_with(page, SEND)["referrer_agency"].options] == [
        str(Agency.objects.get(name="Testshire Council").pk)
    ]
    response = client_for(personas["practitioner"]).post(NEW_URL, hostile_data(agency))
    assert response.status_code == 200
    assert "Select one of your agencies" in response.content.decode()
    assert Referral.objects.count() == 0
    assert mail.outbox == []


def test_a_person_without_an_agency_is_offered_none_and_may_still_refer(personas, client_for):
    manager = personas["bu_manager"]
    page = browse_as(manager).get(NEW_URL)
    assert "You are not attached to a partner agency" in page.text
    assert "referrer_agency" not in form_with(page, SEND).fields

    # Hostile: claiming an agency the page did not offer.
    police = Agency.objects.get(name="Testshire Police")
    response = client_for(manager).post(NEW_URL, hostile_data(police))
    assert response.status_code == 200
    assert "Select one of your agencies" in response.content.decode()
    assert Referral.objects.count() == 0

    # As the page serves it, they may refer.
    response = press(page, SEND, **answers(None))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.referrer_agency is None
    assert referral.referred_by == manager


def test_a_practitioner_must_choose_their_agency(personas):
    page = refer(personas["practitioner"], None)
    assert page.status_code == 200
    assert "Select your agency" in error_summary(page)
    assert field_error(page, "referrer_agency") == "Select your agency"
    assert Referral.objects.count() == 0


def test_bad_input_on_the_professional_form_changes_nothing(personas):
    council = Agency.objects.get(name="Testshire Council")
    page = refer(
        personas["practitioner"],
        council,
        adult_nhs_number="9434765918",
        what_happened="",
        criterion=None,  # left unanswered
        adult_date_of_birth=["27", "", "1948"],
    )
    assert page.status_code == 200
    summary = error_summary(page)
    assert "Enter a valid 10-digit NHS number, like 943 476 5919, or leave it empty" in summary
    assert field_error(page, "what_happened") == "Describe what happened"
    assert field_error(page, "criterion") == "Select which part of the law you think applies, or 'I am not sure'"
    assert field_error(page, "adult_date_of_birth") == "Date of birth must include a month"
    assert "<title>Error: " in page.text
    assert Referral.objects.count() == 0

    # Corrected on the page with the errors, it is sent.
    done = press(
        page,
        SEND,
        adult_nhs_number="943 476 5919",
        what_happened="Corrected.",
        criterion="unsure",
        adult_date_of_birth=date(1948, 3, 27),
    )
    assert done.status_code == 302
    referral = Referral.objects.get()
    assert (referral.what_happened, referral.criterion, referral.adult_date_of_birth) == (
        "Corrected.",
        "unsure",
        date(1948, 3, 27),
    )


def test_the_received_page_without_a_reference_goes_to_my_referrals(personas):
    response = browse_as(personas["practitioner"]).get(RECEIVED_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:mine")


def test_my_referrals_lists_only_my_own(personas):
    practitioner = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    mine_app = browse_as(practitioner)
    assert refer(practitioner, council, app=mine_app).status_code == 302
    own = Referral.objects.get(referred_by=practitioner)
    Referral.objects.filter(pk=own.pk).update(status=Status.SCREENING)

    other_app = browse_as(personas["agency_lead"])
    assert refer(personas["agency_lead"], hospital, app=other_app, adult_name="Another Adult").status_code == 302
    theirs = Referral.objects.get(referred_by=personas["agency_lead"])
    public = make_sample_referral()

    body = mine_app.get(MINE_URL).text
    assert own.reference in body
    assert "Screening" in body
    assert theirs.reference not in body
    assert public.reference not in body
    assert ADULT_NAME not in body
    assert SAMPLE_ADULT_NAME not in body

    other_body = other_app.get(MINE_URL).text
    assert theirs.reference in other_body
    assert "Received" in other_body
    assert own.reference not in other_body


def test_my_referrals_is_empty_for_someone_who_has_not_referred(personas):
    make_sample_referral()
    body = browse_as(personas["board_member"]).get(MINE_URL).text
    assert "You have not made any referrals." in body
    assert not re.search(r"R-\d{4}-\d{5}", body)


def test_signed_out_visitors_are_sent_to_sign_in(personas):
    for url in (NEW_URL, MINE_URL):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
    # Hostile: a post without signing in.
    response = Client().post(NEW_URL, hostile_data(None))
    assert response.status_code == 302
    assert Referral.objects.count() == 0


def test_a_person_without_roles_may_not_refer(personas, client_for):
    client = client_for(personas["no_roles"])
    assert client.get(NEW_URL).status_code == 403
    # Hostile: a person the page refuses posts anyway.
    assert client.post(NEW_URL, hostile_data(None)).status_code == 403
    assert client.get(MINE_URL).status_code == 403
    assert Referral.objects.count() == 0
