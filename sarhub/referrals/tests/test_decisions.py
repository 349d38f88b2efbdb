"""The subgroup's recommendation, the chair's decision, timeliness and the letter to the referrer.

Recording a recommendation or decision, and checking and sending the letter, are tests that open the
page and press its button (tests/pages.py). Raw posts remain only where the sender is deliberately
hostile (a persona the page refuses, a button the page does not offer), and say so.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.referrals.models import Decision, LetterStatus, OutcomeLetter, Recommendation, Referral, Status
from sarhub.referrals.services.screening import judge_criterion, request_scoping
from sarhub.referrals.services.workflow import move
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral
from tests.pages import banner, browse_as, error_summary, field_error, press

pytestmark = pytest.mark.django_db

REASONS = "Agencies did not share information about the risk of fire."
RECORD_RECOMMENDATION = "Record recommendation"
RECORD_DECISION = "Record decision"


def _ready(personas: dict[str, Any], **overrides: Any) -> Referral:
    referral = make_sample_referral(**overrides)
    move(personas["bu_manager"], referral, Status.AWAITING_DECISION)
    return referral


def _recommendation_page(person: Any, referral: Referral, app: Any = None) -> Any:
    return (app or browse_as(person)).get(reverse("referrals:recommendation", args=[referral.pk]))


def _decision_page(person: Any, referral: Referral, app: Any = None) -> Any:
    return (app or browse_as(person)).get(reverse("referrals:decision", args=[referral.pk]))


def _recommend(personas: dict[str, Any], referral: Referral, outcome: str = "discretionary", **extra: Any) -> Any:
    page = _recommendation_page(personas["subgroup_member"], referral)
    return press(page, RECORD_RECOMMENDATION, outcome=outcome, reasons="The subgroup sees learning.", **extra)


def _decide(personas: dict[str, Any], referral: Referral, outcome: str = "discretionary", **extra: Any) -> Any:
    page = _decision_page(personas["chair"], referral)
    return press(page, RECORD_DECISION, outcome=outcome, reasons=REASONS, **extra)


def _letter_page(personas: dict[str, Any], referral: Referral, app: Any = None) -> Any:
    return (app or browse_as(personas["bu_manager"])).get(reverse("referrals:letter", args=[referral.pk]))


def test_recommendation_then_decision_then_letter(personas, client_for):
    referral = _ready(personas, referrer_email="neighbour@example.invalid")
    recommended = _recommend(personas, referral)
    assert recommended.status_code == 302
    assert banner(recommended.follow()) == "The subgroup's recommendation has been recorded."
    assert Recommendation.objects.get(referral=referral).recommended_by == personas["subgroup_member"]

    page = _decision_page(personas["chair"], referral)
    assert "The subgroup sees learning." in page.text
    decided = press(page, RECORD_DECISION, outcome="discretionary", reasons=REASONS)
    assert decided.status_code == 302
    # True: the letter now exists, as a draft for the business unit.
    assert banner(decided.follow()) == (
        "Your decision has been recorded. A letter to the referrer has been drafted for the business unit to check."
    )
    referral.refresh_from_db()
    assert referral.status == Status.DECIDED
    decision = Decision.objects.get(referral=referral)
    assert decision.decided_by == personas["chair"] and decision.within_target and decision.days_taken == 0
    assert AuditEvent.objects.filter(
        action=Action.STATE_CHANGE, object_id=str(referral.pk), detail__contains="decided"
    ).exists()

    letter = OutcomeLetter.objects.get(referral=referral)
    assert letter.status == LetterStatus.DRAFT
    assert "Dear A Neighbour" in letter.body and REASONS in letter.body and "Discretionary SAR" in letter.body
    assert SAMPLE_ADULT_NAME not in letter.body

    manager = browse_as(personas["bu_manager"])
    url = reverse("referrals:letter", args=[referral.pk])
    page = _letter_page(personas, referral, manager)
    # Not checked and saved yet: the page offers no way to send it.
    assert "Email the letter" not in page.text
    # Hostile: "Email the letter" posted before the letter is saved (the page offers no such button).
    refused = client_for(personas["bu_manager"]).post(url, {"action": "email", "body": letter.body})
    assert refused.status_code == 200 and "Review the letter and save it" in refused.content.decode()

    edited = letter.body + "\n\nP.S. A line added by the business unit."
    saved = press(page, "Save letter", body=edited)
    assert saved.status_code == 302
    page = saved.follow()
    assert banner(page) == "The letter has been saved. Check it, then send it."
    stale_tab = _letter_page(personas, referral, manager)  # a second tab, still offering to send
    mail.outbox.clear()
    sent = press(page, "Email the letter")
    assert sent.status_code == 302
    assert banner(sent.follow()) == "The letter has been emailed to the referrer."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neighbour@example.invalid"] and not message.cc and not message.bcc
    assert "P.S. A line added by the business unit." in message.body
    assert referral.reference in message.subject and SAMPLE_ADULT_NAME not in message.subject
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT and letter.sent_at is not None

    again = press(stale_tab, "Email the letter")
    assert again.status_code == 200
    assert error_summary(again) == ["This letter has already been sent"]
    assert len(mail.outbox) == 1


def test_the_business_units_judgement_is_before_the_subgroup_and_the_chair(personas):
    referral = make_sample_referral(criterion="", criterion_reasons="")
    judge_criterion(personas["bu_manager"], referral, judgement="condition_2", reasons="Serious neglect; alive.")
    move(personas["bu_manager"], referral, Status.AWAITING_DECISION)
    for page in (
        _recommendation_page(personas["subgroup_member"], referral),
        _decision_page(personas["chair"], referral),
    ):
        assert "The business unit's judgement of section 44:" in page.text
        assert "Mandatory, condition 2" in page.text
        assert "Serious neglect; alive." in page.text


def test_the_chair_cannot_decide_without_the_subgroups_recommendation(personas):
    referral = _ready(personas)
    page = _decide(personas, referral)
    assert page.status_code == 200
    assert "the SAR subgroup's recommendation" in " ".join(error_summary(page))
    assert not Decision.objects.exists()
    referral.refresh_from_db()
    assert referral.status == Status.AWAITING_DECISION


def test_a_referral_still_being_screened_cannot_be_decided(personas):
    referral = make_sample_referral()
    request_scoping(personas["bu_manager"], referral, [personas["agency_lead"].agencies[0]])
    referral.refresh_from_db()
    assert referral.status == Status.SCREENING
    _recommend(personas, referral)
    page = _decide(personas, referral)
    assert "cannot become decided" in " ".join(error_summary(page))
    assert not Decision.objects.exists()


def test_referring_to_another_process_reveals_which_process(personas):
    referral = _ready(personas)
    _recommend(personas, referral)
    page = _decision_page(personas["chair"], referral)
    # The question is drawn once, nested under "Refer to another process" (GOV.UK conditional reveal).
    option = page.html.find("input", attrs={"name": "outcome", "value": "other_process"})
    reveal = page.html.find(id=option["data-aria-controls"])
    assert reveal is not None and "govuk-radios__conditional" in reveal["class"]
    assert len(reveal.find_all("input", attrs={"name": "other_process"})) == 4
    assert len(page.html.find_all("input", attrs={"name": "other_process"})) == 4

    refused = press(page, RECORD_DECISION, outcome="other_process", reasons=REASONS)
    assert field_error(refused, "other_process") == "Select the process the referral goes to"
    assert "Select the process the referral goes to" in error_summary(refused)
    assert "<title>Error: " in refused.text
    assert not Decision.objects.exists()

    decided = press(refused, RECORD_DECISION, outcome="other_process", other_process="leder")
    assert decided.status_code == 302
    assert Decision.objects.get().get_other_process_display().startswith("LeDeR")


def test_a_process_chosen_and_then_hidden_by_another_outcome_is_not_kept(personas):
    referral = _ready(personas)
    response = _recommend(personas, referral, outcome="discretionary", other_process="dhr")
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.outcome, recommendation.other_process) == ("discretionary", "")


def test_an_unanswered_decision_shows_each_error_beside_its_field(personas):
    referral = _ready(personas)
    _recommend(personas, referral)
    page = press(_decision_page(personas["chair"], referral), RECORD_DECISION, reasons="")
    assert page.status_code == 200
    assert field_error(page, "outcome") == "Select an outcome"
    assert field_error(page, "reasons") == "Give the reasons"
    assert error_summary(page) == ["Select an outcome", "Give the reasons"]


@pytest.mark.parametrize("persona", ["bu_manager", "subgroup_member", "agency_lead", "board_member"])
def test_only_the_chair_decides(persona, personas, client_for):
    """Hostile: personas the decision page refuses post anyway."""
    referral = _ready(personas)
    _recommend(personas, referral)
    url = reverse("referrals:decision", args=[referral.pk])
    response = client_for(personas[persona]).post(url, {"outcome": "discretionary", "reasons": REASONS})
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_a_decision_is_made_once(personas):
    referral = _ready(personas)
    _recommend(personas, referral)
    app = browse_as(personas["chair"])
    first_tab, second_tab = _decision_page(None, referral, app), _decision_page(None, referral, app)
    press(first_tab, RECORD_DECISION, outcome="discretionary", reasons=REASONS)
    second = press(second_tab, RECORD_DECISION, outcome="no_further_action", reasons="Changed my mind.")
    assert second.status_code == 200
    assert "This referral has already been decided" in error_summary(second)
    assert Decision.objects.get().outcome == "discretionary"


def test_timeliness_against_the_target(personas, settings):
    settings.DECISION_TARGET_DAYS = 28
    referral = _ready(personas)
    Referral.objects.filter(pk=referral.pk).update(received_at=timezone.now() - timedelta(days=40))
    _recommend(personas, referral)
    _decide(personas, referral)
    decision = Decision.objects.get()
    assert decision.days_taken == 40 and not decision.within_target
    page = browse_as(personas["bu_manager"]).get(reverse("referrals:detail", args=[referral.pk]))
    assert "over the 28-day target" in page.text


def test_a_referrer_without_email_gets_a_posted_letter(personas, client_for):
    referral = _ready(personas, referrer_email="")
    _recommend(personas, referral)
    _decide(personas, referral, outcome="no_further_action")
    manager = browse_as(personas["bu_manager"])
    url = reverse("referrals:letter", args=[referral.pk])
    page = press(_letter_page(personas, referral, manager), "Save letter").follow()
    # No address to email: the page offers only the post.
    assert "Email the letter" not in page.text
    assert "They gave no email address: print it and post it." in page.text
    # Hostile: emailing anyway.
    refused = client_for(personas["bu_manager"]).post(url, {"action": "email"})
    assert "gave no email address" in refused.content.decode()
    printable = page.click(description="Print the letter")
    assert printable.status_code == 200 and "No further action" in printable.text
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="referrals.outcomeletter").exists()
    posted = press(page, "I have posted it")
    assert posted.status_code == 302
    assert banner(posted.follow()) == "The letter is recorded as posted."
    letter = OutcomeLetter.objects.get()
    assert letter.status == LetterStatus.POSTED
