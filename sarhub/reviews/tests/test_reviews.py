"""Setting up a review from a decided referral, its team scoped to the review, and its timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.roles import Role
from sarhub.reviews.models import Review, Route, Stage, StagePlan
from sarhub.reviews.services import set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _new(client, referral, **data):
    return client.post(
        reverse("reviews:new", args=[referral.pk]),
        {"route": "rapid", "pseudonym": "Adult A", "period_from": "", "period_to": "", **data},
    )


def test_the_business_unit_sets_up_a_review_with_a_planned_timeline(personas, client_for):
    referral = _decided(personas)
    response = _new(client_for(personas["bu_manager"]), referral, lines_of_enquiry="How was fire risk shared?")
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reviews:detail", args=[review.pk])
    assert review.reference == f"SAR-{timezone.localdate().year}-{review.pk:03d}"
    assert list(review.referrals.all()) == [referral]
    plans = sorted(review.stage_plans.all(), key=lambda p: p.order)
    assert [p.stage for p in plans] == list(Stage.values)
    assert plans[0].actual_start == timezone.localdate()
    # A SAR in Rapid Time is planned to finish in about three months.
    end, start = plans[-1].planned_end, plans[0].planned_start
    assert end is not None and start is not None
    assert 84 <= (end - start).days <= 100
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="reviews.review").exists()
    page = client_for(personas["bu_manager"]).get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Adult A" in page and "How was fire risk shared?" in page
    assert SAMPLE_ADULT_NAME not in page  # the pseudonym, never the adult's name


@pytest.mark.parametrize("outcome", ["no_further_action", "single_agency"])
def test_no_review_without_a_decision_for_one(outcome, personas, client_for):
    referral = _decided(personas, outcome=outcome)
    response = _new(client_for(personas["bu_manager"]), referral)
    assert response.status_code == 200
    assert "has not decided on a review" in response.content.decode()
    assert not Review.objects.exists()


def test_bad_terms_change_nothing(personas, client_for):
    referral = _decided(personas)
    client = client_for(personas["bu_manager"])
    assert "Enter a pseudonym" in _new(client, referral, pseudonym="").content.decode()
    response = _new(client, referral, period_from="1/4/2026", period_to="1/3/2026")
    assert "must be the same as or after its start" in response.content.decode()
    assert not Review.objects.exists()


def test_a_reviewer_sees_only_their_review_and_loses_it_at_once(personas, client_for):
    manager = client_for(personas["bu_manager"])
    first, second = _decided(personas), _decided(personas)
    _new(manager, first, pseudonym="Adult A")
    _new(manager, second, pseudonym="Adult B")
    review_a, review_b = Review.objects.get(pseudonym="Adult A"), Review.objects.get(pseudonym="Adult B")
    reviewer = personas["reviewer"]
    response = manager.post(
        reverse("reviews:appoint", args=[review_a.pk]), {"email": reviewer.email.upper(), "role": "lead_reviewer"}
    )
    assert response.status_code == 302

    client = client_for(reviewer)
    listing = client.get(reverse("reviews:list")).content.decode()
    assert "Adult A" in listing and "Adult B" not in listing
    for section in ("reviews:detail", "reviews:findings", "reviews:quality", "reviews:family", "reviews:documents"):
        assert client.get(reverse(section, args=[review_a.pk])).status_code == 200, section
        assert client.get(reverse(section, args=[review_b.pk])).status_code == 404, section
        assert client.get(reverse(section, args=[999_999])).status_code == 404, section
    assert client.get(reverse("referrals:detail", args=[first.pk])).status_code == 403  # never the confidential record

    membership = reviewer.memberships.get(review=review_a)
    manager.post(reverse("reviews:end-appointment", args=[review_a.pk, membership.pk]))
    assert client.get(reverse("reviews:detail", args=[review_a.pk])).status_code == 403  # the very next request


def test_another_independent_reviewer_sees_nothing(personas, client_for):
    _new(client_for(personas["bu_manager"]), _decided(personas))
    outsider = PersonFactory(email="other.reviewer@testshire.example.org")
    MembershipFactory(person=outsider, role=Role.INDEPENDENT_REVIEWER, agency=None)
    client = client_for(outsider)
    assert client.get(reverse("reviews:list")).status_code == 403
    assert client.get(reverse("reviews:detail", args=[Review.objects.get().pk])).status_code == 403


def test_appointments_need_an_account_and_are_not_doubled(personas, client_for):
    manager = client_for(personas["bu_manager"])
    _new(manager, _decided(personas))
    review = Review.objects.get()
    url = reverse("reviews:appoint", args=[review.pk])
    missing = manager.post(url, {"email": "nobody@example.invalid", "role": "panel_member"})
    assert "invite the person first" in missing.content.decode()
    manager.post(url, {"email": personas["agency_lead"].email, "role": "panel_member"})
    again = manager.post(url, {"email": personas["agency_lead"].email, "role": "panel_member"})
    assert "already has this role" in again.content.decode()
    assert review.memberships.count() == 1


def test_a_rapid_review_converted_into_a_sar_is_recorded(personas, client_for):
    manager = client_for(personas["bu_manager"])
    _new(manager, _decided(personas), route="rapid")
    review = Review.objects.get()
    assert manager.post(reverse("reviews:convert", args=[review.pk])).status_code == 302
    review.refresh_from_db()
    assert review.route == Route.INDEPENDENT_SAR and review.converted_from_rapid_at is not None
    assert (
        "Converted from a SAR in Rapid Time"
        in manager.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    )
    manager.post(reverse("reviews:convert", args=[review.pk]))
    assert AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="reviews.review").count() == 1


def test_a_thematic_review_covers_several_adults_and_others_do_not(personas):
    referrals = [_decided(personas), _decided(personas)]
    thematic = set_up_review(personas["bu_manager"], referrals, route="thematic", data={"pseudonym": "Theme: fire"})
    assert thematic.referrals.count() == 2
    with pytest.raises(ValidationError, match="Only a thematic review"):
        set_up_review(personas["bu_manager"], referrals, route="independent_sar", data={"pseudonym": "X"})


def test_slippage_is_flagged(personas, client_for):
    manager = client_for(personas["bu_manager"])
    _new(manager, _decided(personas))
    plan = StagePlan.objects.get(stage=Stage.SET_UP)
    StagePlan.objects.filter(pk=plan.pk).update(planned_end=timezone.localdate() - timedelta(days=4))
    plan.refresh_from_db()
    assert plan.is_slipping and plan.slip_days() == 4
    assert "4 days late" in manager.get(reverse("reviews:detail", args=[plan.review_id])).content.decode()


def test_the_list_can_show_only_reviews_running_late(personas, client_for):
    manager = client_for(personas["bu_manager"])
    _new(manager, _decided(personas), pseudonym="Adult Late")
    _new(manager, _decided(personas), pseudonym="Adult On Time")
    late = Review.objects.get(pseudonym="Adult Late")
    StagePlan.objects.filter(review=late, stage=Stage.SET_UP).update(
        planned_end=timezone.localdate() - timedelta(days=1)
    )
    manager.get(reverse("reviews:list"))  # shows (and so clears) the "has been set up" messages
    page = manager.get(reverse("reviews:list"), {"late": "1"}).content.decode()
    assert "Adult Late" in page and "Adult On Time" not in page
    everything = manager.get(reverse("reviews:list")).content.decode()
    assert "Adult Late" in everything and "Adult On Time" in everything
    # Combined with the other filters; and the same for a reviewer, whose list is filtered in the database.
    assert "Adult Late" in manager.get(reverse("reviews:list"), {"late": "1", "stage": "set_up"}).content.decode()
    assert "Adult Late" not in manager.get(reverse("reviews:list"), {"late": "1", "stage": "draft"}).content.decode()
    assert "Adult Late" not in manager.get(reverse("reviews:list"), {"late": "1", "route": "thematic"}).content.decode()
    manager.post(
        reverse("reviews:appoint", args=[late.pk]), {"email": personas["reviewer"].email, "role": "lead_reviewer"}
    )
    reviewer_page = client_for(personas["reviewer"]).get(reverse("reviews:list"), {"late": "1"}).content.decode()
    assert "Adult Late" in reviewer_page and "Adult On Time" not in reviewer_page


def test_the_people_list_counts_review_roles_rather_than_repeating_them(personas, client_for):
    manager = client_for(personas["bu_manager"])
    for name in ("Adult A", "Adult B"):
        _new(manager, _decided(personas), pseudonym=name)
    for review in Review.objects.all():
        manager.post(
            reverse("reviews:appoint", args=[review.pk]), {"email": personas["reviewer"].email, "role": "lead_reviewer"}
        )
    page = manager.get(reverse("partnership:person-list"), {"q": "reviewer"}).content.decode()
    assert "Lead reviewer (2 reviews)" in page
    assert "Lead reviewer<br>Lead reviewer" not in page
