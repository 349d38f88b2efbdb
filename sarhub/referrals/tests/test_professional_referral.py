"""The professional referral form (/referrals/new/) and a referrer's own list (/referrals/mine/)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral, Source, Status
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

pytestmark = pytest.mark.django_db

NEW_URL = "/referrals/new/"
RECEIVED_URL = "/referrals/new/received/"
MINE_URL = "/referrals/mine/"
ADULT_NAME = "Canary Adult Mk3Plover"


def professional_data(agency: Agency | None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "adult_name": ADULT_NAME,
        "adult_date_of_birth": "27/3/1948",
        "adult_date_of_death": "",
        "adult_postcode": "",
        "adult_nhs_number": "",
        "what_happened": "A fictional account of serious neglect.",
        "happened_period": "March to June 2026",
        "working_together_concern": "Nobody shared the hospital discharge plan.",
        "criterion": "condition_2",
        "criterion_reasons": "She is alive and was seriously neglected.",
        "family_knows": "no",
        "referrer_relationship": "Allocated social worker",
        "referrer_phone": "01632 960001",
    }
    if agency is not None:
        data["referrer_agency"] = agency.pk
    data.update(overrides)
    return data


def _error_summary(response: Any) -> str:
    body = response.content.decode()
    start = body.find('class="govuk-error-summary"')
    return "" if start == -1 else body[start : body.find("</ul>", start)]


def test_a_practitioner_refers_and_is_recorded_from_their_account(
    personas, client_for, django_capture_on_commit_callbacks
):
    practitioner = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    client = client_for(practitioner)
    assert client.get(NEW_URL).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW_URL, professional_data(council))

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
    assert AuditEvent.objects.filter(
        action=Action.CREATE, person=practitioner, object_type="referrals.referral", object_id=str(referral.pk)
    ).exists()

    page = client.get(RECEIVED_URL)
    assert page.status_code == 200
    assert referral.reference in page.content.decode()

    # The acknowledgement goes to the account's address.
    acknowledgements = [m for m in mail.outbox if m.subject.startswith("Referral received")]
    assert [m.to for m in acknowledgements] == [[practitioner.email]]
    assert ADULT_NAME not in acknowledgements[0].body


def test_posted_referrer_fields_are_ignored(personas, client_for, django_capture_on_commit_callbacks):
    practitioner = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    forged = professional_data(
        council,
        referrer_email="impostor@example.com",
        referrer_name="Someone Else",
        referred_by=personas["chair"].pk,
        referred_by_id=personas["chair"].pk,
        source="public",
        status="decided",
        reference="R-1999-99999",
    )
    with django_capture_on_commit_callbacks(execute=True):
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
def test_an_agency_the_person_does_not_belong_to_is_refused(
    personas, client_for, django_capture_on_commit_callbacks, other
):
    agency = Agency.objects.get(name=other)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas["practitioner"]).post(NEW_URL, professional_data(agency))
    assert response.status_code == 200
    summary = _error_summary(response)
    assert "There is a problem" in summary
    assert "Select one of your agencies" in summary
    assert Referral.objects.count() == 0
    assert mail.outbox == []


def test_a_person_without_an_agency_cannot_claim_one(personas, client_for):
    police = Agency.objects.get(name="Testshire Police")
    client = client_for(personas["bu_manager"])
    response = client.post(NEW_URL, professional_data(police))
    assert response.status_code == 200
    assert "Select one of your agencies" in _error_summary(response)
    assert Referral.objects.count() == 0

    # Without claiming one, they may refer.
    response = client.post(NEW_URL, professional_data(None))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.referrer_agency is None
    assert referral.referred_by == personas["bu_manager"]


def test_a_practitioner_must_choose_their_agency(personas, client_for):
    response = client_for(personas["practitioner"]).post(NEW_URL, professional_data(None))
    assert response.status_code == 200
    assert "Select your agency" in _error_summary(response)
    assert Referral.objects.count() == 0


def test_bad_input_on_the_professional_form_changes_nothing(personas, client_for):
    council = Agency.objects.get(name="Testshire Council")
    response = client_for(personas["practitioner"]).post(
        NEW_URL, professional_data(council, adult_nhs_number="9434765918", what_happened="")
    )
    assert response.status_code == 200
    summary = _error_summary(response)
    assert "Enter a valid 10-digit NHS number" in summary
    assert "Describe what happened" in summary
    assert Referral.objects.count() == 0


def test_the_received_page_without_a_reference_goes_to_my_referrals(personas, client_for):
    response = client_for(personas["practitioner"]).get(RECEIVED_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:mine")


def test_my_referrals_lists_only_my_own(personas, client_for):
    practitioner = personas["practitioner"]
    council = Agency.objects.get(name="Testshire Council")
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    mine_client = client_for(practitioner)
    assert mine_client.post(NEW_URL, professional_data(council)).status_code == 302
    own = Referral.objects.get(referred_by=practitioner)
    Referral.objects.filter(pk=own.pk).update(status=Status.SCREENING)

    other_client = client_for(personas["agency_lead"])
    assert other_client.post(NEW_URL, professional_data(hospital, adult_name="Another Adult")).status_code == 302
    theirs = Referral.objects.get(referred_by=personas["agency_lead"])
    public = make_sample_referral()

    body = mine_client.get(MINE_URL).content.decode()
    assert own.reference in body
    assert "Screening" in body
    assert theirs.reference not in body
    assert public.reference not in body
    assert ADULT_NAME not in body
    assert SAMPLE_ADULT_NAME not in body

    other_body = other_client.get(MINE_URL).content.decode()
    assert theirs.reference in other_body
    assert "Received" in other_body
    assert own.reference not in other_body


def test_my_referrals_is_empty_for_someone_who_has_not_referred(personas, client_for):
    make_sample_referral()
    body = client_for(personas["board_member"]).get(MINE_URL).content.decode()
    assert "You have not made any referrals." in body
    assert not re.search(r"R-\d{4}-\d{5}", body)


def test_signed_out_visitors_are_sent_to_sign_in(personas):
    for url in (NEW_URL, MINE_URL):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
    response = Client().post(NEW_URL, professional_data(None))
    assert response.status_code == 302
    assert Referral.objects.count() == 0


def test_a_person_without_roles_may_not_refer(personas, client_for):
    client = client_for(personas["no_roles"])
    assert client.get(NEW_URL).status_code == 403
    assert client.post(NEW_URL, professional_data(None)).status_code == 403
    assert client.get(MINE_URL).status_code == 403
    assert Referral.objects.count() == 0
