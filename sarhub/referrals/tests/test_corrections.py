"""The business unit corrects a referral (the adult's details, what happened, the kinds of harm, the
agencies) and records its judgement of section 44; the previous values stay visible on the referral.

A person correcting or judging is a test that opens the page from the referral and presses its button
(tests/pages.py). Raw posts remain only for personas the pages refuse (hostile), and say so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral, ReferralCorrection, Status
from sarhub.referrals.services.workflow import move
from sarhub.taxonomy.models import AbuseType
from tests.builders import decided_referral
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral
from tests.pages import banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db

SAVE = "Save correction"
NEW_NAME = "Canary Adult Corrected Vb6Heron"


def _detail_url(referral: Referral) -> str:
    return reverse("referrals:detail", args=[referral.pk])


def _correct_url(referral: Referral) -> str:
    return reverse("referrals:correct", args=[referral.pk])


def _judgement_url(referral: Referral) -> str:
    return reverse("referrals:judgement", args=[referral.pk])


def _correction_page(person: Any, referral: Referral) -> Any:
    """The business unit opens the referral and follows "Correct the referral"."""
    detail = browse_as(person).get(_detail_url(referral))
    return detail.click(href=_correct_url(referral))


def _checked(form: Any, name: str) -> set[str]:
    return {str(box._value) for box in form.fields[name] if box.checked}


# --- Correcting ------------------------------------------------------------------------------------------


def test_the_business_unit_corrects_a_referral_and_the_previous_details_stay_visible(personas):
    manager = personas["bu_manager"]
    referral = make_sample_referral()
    neglect, financial, physical = (
        AbuseType.objects.get(name__startswith="Neglect"),
        AbuseType.objects.get(name__startswith="Financial"),
        AbuseType.objects.get(name__startswith="Physical"),
    )
    council, police, hospital = (
        Agency.objects.get(name="Testshire Council"),
        Agency.objects.get(name="Testshire Police"),
        Agency.objects.get(name="Testshire Hospital Trust"),
    )
    referral.abuse_types.set([neglect])
    referral.agencies.set([council])

    page = _correction_page(manager, referral)
    form = form_with(page, SAVE)
    # The form starts from the referral as it stands.
    assert form["adult_name"].value == SAMPLE_ADULT_NAME
    assert (form["adult_date_of_birth-day"].value, form["adult_date_of_birth-month"].value) == ("27", "3")
    assert _checked(form, "abuse_types") == {str(neglect.pk)}
    assert _checked(form, "agencies") == {str(council.pk)}

    response = press(
        page,
        SAVE,
        adult_name=NEW_NAME,
        adult_date_of_birth=date(1950, 3, 28),
        what_happened="A corrected fictional account.",
        abuse_types=[neglect, financial, physical],
        agencies=[police, hospital],
        reason="The referrer telephoned with the right date of birth.",
    )

    assert response.status_code == 302
    assert response["Location"] == _detail_url(referral)
    referral.refresh_from_db()
    assert referral.adult_name == NEW_NAME
    assert referral.adult_date_of_birth == date(1950, 3, 28)
    assert referral.what_happened == "A corrected fictional account."
    # Every box ticked is kept, and the one unticked is gone.
    assert set(referral.abuse_types.all()) == {neglect, financial, physical}
    assert set(referral.agencies.all()) == {police, hospital}
    # Untouched details are left alone.
    assert referral.adult_postcode == "ZZ99 9ZZ"
    assert referral.adult_date_of_death == date(2026, 2, 14)

    correction = ReferralCorrection.objects.get()
    assert correction.corrected_by == manager
    assert correction.reason == "The referrer telephoned with the right date of birth."
    by_field = {change["field"]: change for change in correction.changes}
    assert set(by_field) == {"adult_name", "adult_date_of_birth", "what_happened", "abuse_types", "agencies"}
    assert (by_field["adult_name"]["before"], by_field["adult_name"]["after"]) == (SAMPLE_ADULT_NAME, NEW_NAME)
    assert (by_field["adult_date_of_birth"]["before"], by_field["adult_date_of_birth"]["after"]) == (
        "27 March 1950",
        "28 March 1950",
    )
    assert by_field["agencies"]["before"] == "Testshire Council"
    assert by_field["agencies"]["after"] == "Testshire Hospital Trust, Testshire Police"

    # Audited: who, what kind of change, which fields, and never the values.
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="referrals.referral", object_id=str(referral.pk))
    assert event.person == manager
    assert event.detail == (
        f"correction {correction.pk}: adult_name, adult_date_of_birth, what_happened, abuse_types, agencies"
    )
    for secret in (SAMPLE_ADULT_NAME, NEW_NAME, "1950"):
        assert secret not in event.detail

    # The referral shows the details now, and under "Corrections" what they were.
    detail = response.follow()
    assert banner(detail) == (
        f"{referral.reference} has been corrected (name, date of birth, what happened, abuse or neglect "
        "suspected, partner agencies involved). The previous details are kept under 'Corrections'."
    )
    corrections = detail.html.find(id="corrections").find_next("table")
    text = text_of(corrections)
    assert "The referrer telephoned with the right date of birth." in text
    assert manager.full_name in text
    assert f"Name {SAMPLE_ADULT_NAME} {NEW_NAME}" in text
    assert "Date of birth 27 March 1950 28 March 1950" in text
    assert "Partner agencies involved Testshire Council Testshire Hospital Trust, Testshire Police" in text


def test_a_second_correction_keeps_the_first(personas):
    referral = make_sample_referral()
    manager = personas["bu_manager"]
    press(_correction_page(manager, referral), SAVE, adult_aliases="Peggy", reason="Known as Peggy.")
    press(_correction_page(manager, referral), SAVE, adult_aliases="Peg", reason="She preferred Peg.")
    changes = [c.changes[0] for c in ReferralCorrection.objects.order_by("id")]
    assert [(c["before"], c["after"]) for c in changes] == [("", "Peggy"), ("Peggy", "Peg")]
    page = browse_as(manager).get(_detail_url(referral))
    assert "Known as Peggy." in page.text and "She preferred Peg." in page.text


def test_nothing_changed_is_refused_on_the_page(personas):
    referral = make_sample_referral()
    page = press(_correction_page(personas["bu_manager"], referral), SAVE, reason="Checking.")
    assert page.status_code == 200
    assert error_summary(page) == ["You have not changed anything. Change a detail, or go back to the referral."]
    assert "<title>Error: " in page.text
    assert not ReferralCorrection.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.UPDATE, object_type="referrals.referral").exists()


def test_a_correction_needs_a_reason_and_valid_details(personas):
    referral = make_sample_referral()
    page = press(
        _correction_page(personas["bu_manager"], referral),
        SAVE,
        adult_name="",
        adult_date_of_death=["13", "", "2026"],
        adult_postcode="nonsense",
    )
    assert page.status_code == 200
    assert field_error(page, "adult_name") == "Enter the adult's full name"
    assert field_error(page, "adult_date_of_death") == "Date of death must include a month"
    assert field_error(page, "reason") == "Say why you are correcting the referral"
    assert field_error(page, "adult_postcode") == "Enter a full UK postcode, like S60 1AE, or leave it empty"
    assert len(error_summary(page)) == 4
    referral.refresh_from_db()
    assert referral.adult_name == SAMPLE_ADULT_NAME
    assert not ReferralCorrection.objects.exists()

    # Put right on the page with the errors, it is saved.
    done = press(
        page,
        SAVE,
        adult_name=SAMPLE_ADULT_NAME,
        adult_date_of_death=date(2026, 2, 13),
        adult_postcode="ZZ99 9ZZ",
        reason="The coroner's date.",
    )
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.adult_date_of_death == date(2026, 2, 13)


def test_a_kind_of_harm_retired_since_the_referral_stays_on_offer(personas):
    referral = make_sample_referral()
    retired = AbuseType.objects.get(name__startswith="Physical")
    other = AbuseType.objects.get(name__startswith="Financial")
    referral.abuse_types.set([retired])
    AbuseType.objects.filter(pk=retired.pk).update(is_active=False)

    page = _correction_page(personas["bu_manager"], referral)
    assert _checked(form_with(page, SAVE), "abuse_types") == {str(retired.pk)}
    press(page, SAVE, abuse_types=[retired, other], reason="Another kind of harm came to light.")
    assert set(referral.abuse_types.all()) == {retired, other}


def test_a_decided_referral_can_still_be_corrected(personas):
    referral = decided_referral(personas)
    response = press(_correction_page(personas["bu_coordinator"], referral), SAVE, adult_aliases="Bet", reason="X.")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.adult_aliases == "Bet"
    assert referral.status == Status.DECIDED


@pytest.mark.parametrize("key", ["subgroup_member", "chair", "agency_lead", "practitioner"])
def test_only_the_business_unit_corrects(personas, client_for, key):
    referral = make_sample_referral()
    client = client_for(personas[key])
    if key in ("subgroup_member", "chair"):
        # The case team reads the referral but is not offered the correction.
        assert _correct_url(referral) not in client.get(_detail_url(referral)).content.decode()
    assert client.get(_correct_url(referral)).status_code == 403
    # Hostile: a persona the page refuses posts anyway.
    response = client.post(_correct_url(referral), {"adult_name": "Changed", "reason": "x"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.adult_name == SAMPLE_ADULT_NAME
    assert not ReferralCorrection.objects.exists()


def test_opening_the_correction_page_is_audited(personas):
    referral = make_sample_referral()
    _correction_page(personas["bu_manager"], referral)
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="referrals.referral", object_id=str(referral.pk), detail="correction form"
    ).exists()


# --- The business unit's judgement of section 44 ---------------------------------------------------------

RECORD = "Record judgement"


def test_the_judgement_is_recorded_changed_and_audited(personas):
    manager = personas["bu_manager"]
    referral = make_sample_referral(criterion="", criterion_reasons="")
    detail = browse_as(manager).get(_detail_url(referral))
    page = detail.click(description="Record the business unit's judgement of section 44")
    assert "The referrer was not asked which part of the law applies" in page.text

    done = press(page, RECORD, judgement="discretionary", reasons="Learning about hoarding and fire risk.")
    assert done.status_code == 302
    detail = done.follow()
    assert banner(detail) == "The business unit's judgement of section 44 has been recorded."
    assert "Discretionary: another case of an adult with care and support needs" in detail.text
    assert "Learning about hoarding and fire risk." in detail.text
    referral.refresh_from_db()
    assert (referral.screening_criterion, referral.screening_criterion_by) == ("discretionary", manager)
    assert not referral.needs_judgement

    # Changed later, from the page as it now stands (the earlier answer is filled in).
    page = detail.click(description="Change the business unit's judgement of section 44")
    assert form_with(page, RECORD)["reasons"].value == "Learning about hoarding and fire risk."
    press(page, RECORD, judgement="condition_1", reasons="The coroner found neglect contributed.")
    referral.refresh_from_db()
    assert referral.screening_criterion == "condition_1"
    events = AuditEvent.objects.filter(
        action=Action.UPDATE, object_type="referrals.referral", object_id=str(referral.pk)
    ).order_by("id")
    assert [e.detail for e in events] == [
        "section 44 judgement: none -> discretionary",
        "section 44 judgement: discretionary -> condition_1",
    ]


def test_a_judgement_without_an_answer_shows_the_errors_beside_the_fields(personas):
    referral = make_sample_referral(criterion="", criterion_reasons="")
    page = press(browse_as(personas["bu_manager"]).get(_judgement_url(referral)), RECORD, reasons="  ")
    assert page.status_code == 200
    assert field_error(page, "judgement") == "Select which part of section 44 applies, or that it is not met"
    assert field_error(page, "reasons") == "Give the reasons for your judgement"
    assert "<title>Error: " in page.text
    referral.refresh_from_db()
    assert referral.screening_criterion == ""


def test_no_judgement_once_the_referral_is_withdrawn(personas):
    referral = make_sample_referral()
    page = browse_as(personas["bu_manager"]).get(_judgement_url(referral))
    move(personas["bu_manager"], referral, Status.WITHDRAWN)
    response = press(page, RECORD, judgement="not_met", reasons="No care and support needs.")
    assert response.status_code == 200
    assert error_summary(response) == ["A referral that is withdrawn is not being screened"]
    detail = browse_as(personas["bu_manager"]).get(_detail_url(referral))
    assert _judgement_url(referral) not in detail.text


@pytest.mark.parametrize("key", ["subgroup_member", "chair", "agency_lead"])
def test_only_the_business_unit_records_the_judgement(personas, client_for, key):
    referral = make_sample_referral(criterion="", criterion_reasons="")
    client = client_for(personas[key])
    assert client.get(_judgement_url(referral)).status_code == 403
    # Hostile: a persona the page refuses posts anyway.
    assert client.post(_judgement_url(referral), {"judgement": "not_met", "reasons": "x"}).status_code == 403
    referral.refresh_from_db()
    assert referral.screening_criterion == ""
