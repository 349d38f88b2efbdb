"""'Your tasks' shows each person what waits for them, and nothing they could not open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sarhub.referrals.decisions import recommend
from sarhub.referrals.models import ScopingRequest
from sarhub.referrals.screening import request_scoping
from sarhub.referrals.workflow import move
from sarhub.reviews.models import StagePlan
from sarhub.reviews.services import appoint
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

pytestmark = pytest.mark.django_db


def _tasks(client_for, person) -> str:
    response = client_for(person).get(reverse("core:tasks"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_role_sees_its_own_tasks(personas, client_for):
    new = make_sample_referral()
    screening = make_sample_referral()
    scoping = request_scoping(personas["bu_manager"], screening, [personas["agency_lead"].agencies[0]])[0]
    ScopingRequest.objects.filter(pk=scoping.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    awaiting = make_sample_referral()
    move(personas["bu_manager"], awaiting, "awaiting_decision")
    recommend(personas["subgroup_member"], awaiting, outcome="discretionary", other_process="", reasons="Learning.")

    lead = _tasks(client_for, personas["agency_lead"])
    assert screening.reference in lead and "Overdue" in lead
    assert new.reference not in lead and awaiting.reference not in lead

    chair = _tasks(client_for, personas["chair"])
    assert awaiting.reference in chair and new.reference not in chair

    subgroup = _tasks(client_for, personas["subgroup_member"])
    assert screening.reference in subgroup  # still needs a recommendation
    assert awaiting.reference not in subgroup.split("needing the subgroup")[1]

    manager = _tasks(client_for, personas["bu_manager"])
    assert new.reference in manager and "Overdue scoping summaries" in manager

    practitioner = _tasks(client_for, personas["practitioner"])
    assert new.reference not in practitioner and "You have no tasks" in practitioner
    for page in (lead, chair, subgroup, manager, practitioner):
        assert SAMPLE_ADULT_NAME not in page


def test_a_reviewer_sees_their_late_review_only(personas, client_for):
    from sarhub.reviews.services import set_up_review

    mine = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult A"})
    other = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult B"})
    appoint(personas["bu_manager"], mine, personas["reviewer"], "lead_reviewer")
    StagePlan.objects.filter(review__in=[mine, other], stage="set_up").update(
        planned_end=timezone.localdate() - timedelta(days=3)
    )
    page = _tasks(client_for, personas["reviewer"])
    assert "Adult A" in page and "Adult B" not in page
    assert "Reviews running late" in page
    assert "Adult B" in _tasks(client_for, personas["bu_manager"])


def test_a_long_group_shows_the_oldest_ten_and_links_to_the_rest(personas, client_for):
    made = [make_sample_referral() for _ in range(12)]
    page = _tasks(client_for, personas["bu_manager"])
    # The ten received first are shown; the last two are not, and the page says there are more.
    shown = [r.reference for r in made if f">{r.reference}<" in page]
    assert shown == [r.reference for r in made[:10]]
    assert "There are more than 10." in page
    assert f'href="{reverse("referrals:list")}?status=received"' in page


def test_overdue_is_decided_from_the_dates(personas, client_for):
    referral = make_sample_referral()
    scoping = request_scoping(personas["bu_manager"], referral, [personas["agency_lead"].agencies[0]])[0]
    page = _tasks(client_for, personas["bu_manager"])
    assert "Overdue scoping summaries" in page and f"{referral.reference}: " not in page  # due in 15 working days
    ScopingRequest.objects.filter(pk=scoping.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    page = _tasks(client_for, personas["bu_manager"])
    assert f"{referral.reference}: Testshire Hospital Trust" in page
