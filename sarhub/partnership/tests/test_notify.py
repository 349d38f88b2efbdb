"""Whoever must act next is told: one email each, naming references and pseudonyms only."""

from __future__ import annotations

import pytest
from django.core import mail

from sarhub.referrals.services.decisions import decide, recommend
from sarhub.referrals.services.workflow import move
from sarhub.reviews.services import appoint, set_up_review
from sarhub.reviews.services.running import advance
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

pytestmark = pytest.mark.django_db


def _check(messages, expected_to):
    assert sorted(m.to[0] for m in messages) == sorted(expected_to)
    for message in messages:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert SAMPLE_ADULT_NAME not in message.subject + message.body


def test_the_chair_hears_of_a_recommendation_and_the_business_unit_of_a_decision(personas):
    referral = make_sample_referral()
    move(personas["bu_manager"], referral, "awaiting_decision")
    mail.outbox.clear()
    recommend(personas["subgroup_member"], referral, outcome="discretionary", other_process="", reasons="Learning.")
    _check(mail.outbox, [personas["chair"].email])
    assert referral.reference in mail.outbox[0].subject

    mail.outbox.clear()
    decide(personas["chair"], referral, outcome="discretionary", other_process="", reasons="Learning.")
    _check(mail.outbox, [personas["bu_manager"].email, personas["bu_coordinator"].email])
    assert "letter to the referrer is ready" in mail.outbox[0].body


def test_the_review_team_hears_when_the_review_moves_on(personas):
    review = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult A"})
    appoint(personas["bu_manager"], review, personas["reviewer"], "lead_reviewer")
    appoint(personas["bu_manager"], review, personas["agency_lead"], "panel_member")
    mail.outbox.clear()
    advance(personas["bu_manager"], review)
    _check(mail.outbox, [personas["reviewer"].email, personas["agency_lead"].email])
    assert "Adult A" in mail.outbox[0].subject and "information gathering" in mail.outbox[0].subject


def test_an_ended_appointment_on_one_review_is_not_revived_by_a_current_one_on_another(personas):
    """The recipient rule is matched on one membership: an active role on review A and an ended one on
    review B must not bring B's news."""
    from sarhub.reviews.services import end_appointment

    first = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult A"})
    second = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult B"})
    appoint(personas["bu_manager"], first, personas["reviewer"], "lead_reviewer")
    ended = appoint(personas["bu_manager"], second, personas["reviewer"], "panel_member")
    end_appointment(personas["bu_manager"], ended)
    mail.outbox.clear()
    advance(personas["bu_manager"], second)
    assert mail.outbox == []
