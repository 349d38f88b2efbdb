"""The subgroup's recommendation, the chair's decision, timeliness and the letter to the referrer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.referrals.models import Decision, LetterStatus, OutcomeLetter, Recommendation, Referral, Status
from sarhub.referrals.screening import request_scoping
from sarhub.referrals.workflow import move
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

REASONS = "Agencies did not share information about the risk of fire."


def _ready(personas, **overrides) -> Referral:
    referral = make_sample_referral(**overrides)
    move(personas["bu_manager"], referral, Status.AWAITING_DECISION)
    return referral


def _recommend(client, referral, outcome="discretionary", **extra):
    return client.post(
        reverse("referrals:recommendation", args=[referral.pk]),
        {"outcome": outcome, "other_process": "", "reasons": "The subgroup sees learning.", **extra},
    )


def _decide(client, referral, outcome="discretionary", **extra):
    return client.post(
        reverse("referrals:decision", args=[referral.pk]),
        {"outcome": outcome, "other_process": "", "reasons": REASONS, **extra},
    )


@pytest.mark.django_db
def test_recommendation_then_decision_then_letter(personas, client_for, django_capture_on_commit_callbacks):
    referral = _ready(personas, referrer_email="neighbour@example.invalid")
    assert _recommend(client_for(personas["subgroup_member"]), referral).status_code == 302
    assert Recommendation.objects.get(referral=referral).recommended_by == personas["subgroup_member"]

    chair = client_for(personas["chair"])
    page = chair.get(reverse("referrals:decision", args=[referral.pk])).content.decode()
    assert "The subgroup sees learning." in page
    assert _decide(chair, referral).status_code == 302
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

    manager = client_for(personas["bu_manager"])
    url = reverse("referrals:letter", args=[referral.pk])
    refused = manager.post(url, {"action": "email", "body": letter.body})
    assert refused.status_code == 200 and "Review the letter and save it" in refused.content.decode()
    edited = letter.body + "\n\nP.S. A line added by the business unit."
    assert manager.post(url, {"action": "save", "body": edited}).status_code == 302
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = manager.post(url, {"action": "email", "body": ""})
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neighbour@example.invalid"] and not message.cc and not message.bcc
    assert "P.S. A line added by the business unit." in message.body
    assert referral.reference in message.subject and SAMPLE_ADULT_NAME not in message.subject
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT and letter.sent_at is not None
    again = manager.post(url, {"action": "email", "body": ""})
    assert "already been sent" in again.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_chair_cannot_decide_without_the_subgroups_recommendation(personas, client_for):
    referral = _ready(personas)
    response = _decide(client_for(personas["chair"]), referral)
    assert response.status_code == 200
    assert "the SAR subgroup&#x27;s recommendation" in response.content.decode()
    assert not Decision.objects.exists()
    referral.refresh_from_db()
    assert referral.status == Status.AWAITING_DECISION


@pytest.mark.django_db
def test_a_referral_still_being_screened_cannot_be_decided(personas, client_for):
    referral = make_sample_referral()
    request_scoping(personas["bu_manager"], referral, [personas["agency_lead"].agencies[0]])
    referral.refresh_from_db()
    assert referral.status == Status.SCREENING
    _recommend(client_for(personas["subgroup_member"]), referral)
    response = _decide(client_for(personas["chair"]), referral)
    assert "cannot become decided" in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_another_process_must_be_named(personas, client_for):
    referral = _ready(personas)
    _recommend(client_for(personas["subgroup_member"]), referral)
    response = _decide(client_for(personas["chair"]), referral, outcome="other_process")
    assert "Select the process the referral goes to" in response.content.decode()
    assert not Decision.objects.exists()
    assert (
        _decide(client_for(personas["chair"]), referral, outcome="other_process", other_process="leder").status_code
        == 302
    )
    assert Decision.objects.get().get_other_process_display().startswith("LeDeR")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["bu_manager", "subgroup_member", "agency_lead", "board_member"])
def test_only_the_chair_decides(persona, personas, client_for):
    referral = _ready(personas)
    _recommend(client_for(personas["subgroup_member"]), referral)
    assert _decide(client_for(personas[persona]), referral).status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_decision_is_made_once(personas, client_for):
    referral = _ready(personas)
    _recommend(client_for(personas["subgroup_member"]), referral)
    chair = client_for(personas["chair"])
    _decide(chair, referral)
    second = _decide(chair, referral, outcome="no_further_action")
    assert second.status_code == 200
    assert Decision.objects.get().outcome == "discretionary"


@pytest.mark.django_db
def test_timeliness_against_the_target(personas, client_for, settings):
    settings.DECISION_TARGET_DAYS = 28
    referral = _ready(personas)
    Referral.objects.filter(pk=referral.pk).update(received_at=timezone.now() - timedelta(days=40))
    _recommend(client_for(personas["subgroup_member"]), referral)
    _decide(client_for(personas["chair"]), referral)
    decision = Decision.objects.get()
    assert decision.days_taken == 40 and not decision.within_target
    page = client_for(personas["bu_manager"]).get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "over the 28-day target" in page


@pytest.mark.django_db
def test_a_referrer_without_email_gets_a_posted_letter(personas, client_for):
    referral = _ready(personas, referrer_email="")
    _recommend(client_for(personas["subgroup_member"]), referral)
    _decide(client_for(personas["chair"]), referral, outcome="no_further_action")
    manager = client_for(personas["bu_manager"])
    url = reverse("referrals:letter", args=[referral.pk])
    letter = OutcomeLetter.objects.get()
    manager.post(url, {"action": "save", "body": letter.body})
    refused = manager.post(url, {"action": "email"})
    assert "gave no email address" in refused.content.decode()
    printable = manager.get(reverse("referrals:letter-print", args=[referral.pk]))
    assert printable.status_code == 200 and "No further action" in printable.content.decode()
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="referrals.outcomeletter").exists()
    assert manager.post(url, {"action": "post"}).status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.POSTED
