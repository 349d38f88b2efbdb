"""seed_volume's referrals and reviews at a tiny scale: counts and consistency."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Min
from django.test import override_settings
from django.utils import timezone

from sarhub.core.roles import Role
from sarhub.partnership.models import Membership
from sarhub.referrals.models import Decision, OutcomeLetter, Recommendation, Referral, Status
from sarhub.reviews.models import STAGE_ORDER, Finding, Review, ReviewRecommendation, Stage, StagePlan
from sarhub.reviews.services import REVIEW_OUTCOMES

pytestmark = pytest.mark.django_db


def seed(**options: object) -> None:
    """At --scale 0.002: 5 agencies, 40 people, 40 referrals and 20 reviews (the first with 60 findings)."""
    options = {"referrals": 20_000, "reviews": 10_000, **options}
    with override_settings(DEBUG=True):
        call_command("seed_volume", scale=0.002, verbosity=0, **options)


def test_counts_at_a_tiny_scale() -> None:
    seed()
    assert Referral.objects.filter(adult_name__startswith="Volume Adult ").count() == 40
    assert Review.objects.filter(pseudonym__startswith="Adult V").count() == 20
    assert set(Referral.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Review.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert Finding.objects.exists() and ReviewRecommendation.objects.exists()


def test_reviews_are_consistent_with_their_stage() -> None:
    seed()
    assert set(StagePlan.objects.values("review").annotate(n=Count("pk")).values_list("n", flat=True)) == {8}
    numbers = Finding.objects.values("review").annotate(low=Min("number"), high=Max("number"), n=Count("pk"))
    assert all(row["low"] == 1 and row["high"] == row["n"] for row in numbers)
    for review in Review.objects.prefetch_related("stage_plans", "referrals"):
        current = STAGE_ORDER.index(review.stage)
        plans = sorted(review.stage_plans.all(), key=lambda p: p.order)
        assert all(p.actual_start and p.actual_end for p in plans[:current])
        assert plans[current].actual_start is not None
        assert not any(p.actual_start for p in plans[current + 1 :])
        # The stored due date of the stage under way (the "running late" filter reads it).
        assert review.stage_due_on == (None if review.stage == Stage.COMPLETE else plans[current].planned_end)
        if review.stage == Stage.COMPLETE:
            assert review.signed_off_on is not None
        elif review.stage != Stage.BOARD_SIGN_OFF:
            assert review.signed_off_on is None
        if current >= STAGE_ORDER.index(Stage.DRAFT):
            assert Finding.objects.filter(review=review).exists()
        for referral in review.referrals.all():
            decision = Decision.objects.get(referral=referral)
            assert decision.outcome in REVIEW_OUTCOMES and decision.decided_at < review.created_at
    assert not ReviewRecommendation.objects.filter(review__stage=Stage.COMPLETE, response="awaiting").exists()
    assert Review.objects.annotate(n=Count("findings")).order_by("-n").values_list("n", flat=True)[0] == 60


def test_decided_referrals_have_recommendation_decision_and_letter() -> None:
    seed()
    decided = Referral.objects.filter(status=Status.DECIDED)
    assert decided.count() == Decision.objects.count() == OutcomeLetter.objects.count()
    assert not decided.filter(recommendation__isnull=True).exists()
    assert Recommendation.objects.count() >= decided.count()
    for referral in Referral.objects.all():
        assert referral.reference == f"R-{timezone.localtime(referral.received_at).year}-{referral.pk:05d}"


def test_review_teams_are_review_memberships() -> None:
    seed()
    team = Membership.objects.filter(review__isnull=False)
    assert team.filter(role=Role.LEAD_REVIEWER).exists()
    assert set(team.values_list("role", flat=True)) <= {Role.LEAD_REVIEWER, Role.PANEL_MEMBER}
    assert not team.exclude(agency__isnull=True).exists()


def test_too_few_referrals_for_the_reviews_is_refused() -> None:
    with pytest.raises(CommandError, match="raise --referrals"):
        seed(referrals=1, reviews=20_000)  # 40 referrals (the floor) cannot cover 40 reviews
    assert not Review.objects.exists()


def test_the_same_seed_plans_the_same_reviews() -> None:
    import random

    from django.utils import timezone

    from sarhub.demo.volume.reviews import plan_reviews

    now = timezone.now()
    first = plan_reviews(50, rng=random.Random(7), now=now)
    again = plan_reviews(50, rng=random.Random(7), now=now)
    assert [(s.route, s.stage, s.created_at, s.findings) for s in first] == [
        (s.route, s.stage, s.created_at, s.findings) for s in again
    ]


def test_requests_to_agencies_follow_the_stage() -> None:
    from sarhub.reviews.models import AccuracyComment, AgencyRequest

    seed()
    assert AgencyRequest.objects.filter(kind="chronology").exists()
    assert AccuracyComment.objects.exists()
    early = AgencyRequest.objects.filter(review__stage__in=[Stage.SET_UP]).count()
    assert early == 0
    before_draft = [s for s in STAGE_ORDER if STAGE_ORDER.index(s) < STAGE_ORDER.index(Stage.FACTUAL_ACCURACY)]
    assert not AgencyRequest.objects.filter(kind="factual_accuracy", review__stage__in=before_draft).exists()
    # Open comments only on submitted requests; responses on every comment after factual accuracy.
    assert not AccuracyComment.objects.filter(request__status="requested").exists()
    assert not AccuracyComment.objects.filter(
        outcome="open", request__review__stage__in=[Stage.BOARD_SIGN_OFF, Stage.COMPLETE]
    ).exists()


def test_signed_off_reviews_get_a_publication_history_the_library_can_search() -> None:
    from django.test import Client
    from django.urls import reverse

    from sarhub.publication import search
    from sarhub.publication.models import PublicationProposal
    from sarhub.publication.models import Status as PublicationStatus

    seed()
    signed_off = Review.objects.filter(signed_off_on__isnull=False)
    approved = PublicationProposal.objects.filter(status=PublicationStatus.APPROVED)
    assert approved.count() == signed_off.count() > 0  # one standing decision per signed-off review
    published = PublicationProposal.objects.published()
    assert 0 < published.count() <= approved.count()
    first = published.first()
    assert first is not None and first.search_text and first.reference == first.review.reference
    word = first.content["pseudonym"].split()[-1]  # "V00003": found by search
    assert search.matching(published, word).filter(pk=first.pk).exists()
    assert Client().get(reverse("publication:review", args=[first.reference])).status_code == 200


def test_actions_are_made_in_every_status_for_recommendations_of_their_review() -> None:
    from django.db.models import F

    from sarhub.actions.models import Action, NotImplemented, ProgressUpdate
    from sarhub.actions.models import Status as ActionStatus

    seed()
    actions = Action.objects.all()
    assert set(actions.values_list("status", flat=True)) == set(ActionStatus.values)
    assert not actions.filter(recommendation__isnull=True).exists()
    assert not actions.exclude(recommendation__review=F("review")).exists()
    assert not actions.filter(created_at__lt=F("recommendation__created_at")).exists()
    # Dates follow the status, and each action's history ends in its status.
    completed = [ActionStatus.AWAITING_ASSURANCE, ActionStatus.ASSURED]
    assert not actions.filter(status__in=completed, completed_on__isnull=True).exists()
    assert not actions.exclude(status__in=completed).filter(completed_on__isnull=False).exists()
    assert not actions.filter(status=ActionStatus.ASSURED, assured_at__isnull=True).exists()
    assert not actions.filter(status=ActionStatus.ASSURED, impact_check_on__isnull=True).exists()
    assert ProgressUpdate.objects.exists()
    for action in actions.prefetch_related("updates"):
        updates = sorted(action.updates.all(), key=lambda u: (u.created_at, u.pk))
        assert action.version == len(updates) + 1
        if updates:
            assert updates[-1].status_after == action.status
            assert updates[0].created_at >= action.created_at
    assert not NotImplemented.objects.exclude(recommendation__review=F("review")).exists()
