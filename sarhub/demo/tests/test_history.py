"""The demo's history (sarhub/demo/history.py): sixteen fictional reviews signed off over six financial years,
each consistent with its stage and dates, with action plans, briefings and learning events; findings that
repeat learning the Board had assured, and one that resembles earlier learning not yet assured; and referral
decisions spread over the last two years, most within the 28-day target."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from sarhub.actions.annual import year_of
from sarhub.actions.models import Action, ProgressUpdate, Rag, Status, rag_for
from sarhub.briefings.models import AgencyCascade, CascadeRecord, Circulation
from sarhub.demo.history import HISTORY, NEAR_MISS, REPEATS, base_year, seed_history
from sarhub.documents.models import Document
from sarhub.events.models import EventInvitation, LearningEvent, Reply
from sarhub.partnership.models import Person
from sarhub.referrals.models import Decision, Referral
from sarhub.reviews.models import STAGE_ORDER, Finding, FindingKind, Review, Route, Stage
from sarhub.taxonomy.models import PracticeTheme

pytestmark = pytest.mark.django_db

STOP = {"the", "a", "an", "and", "or", "of", "in", "to", "was", "were", "his", "her", "by", "but", "no", "so", "as"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP}


def _overlap(one: str, other: str) -> float:
    """The share of the words two findings have between them that both use (Jaccard, without stop words)."""
    a, b = _words(one), _words(other)
    return len(a & b) / len(a | b)


def _finding(pseudonym: str, number: int) -> Finding:
    return Finding.objects.select_related("review").get(review__pseudonym=pseudonym, number=number)


def _actions_of(finding: Finding) -> list[Action]:
    return list(Action.objects.filter(Q(finding=finding) | Q(recommendation__findings=finding)).distinct())


@override_settings(DEBUG=True, DEMO_MODE=True)
def test_the_demo_has_six_years_of_signed_off_reviews_with_learning_that_did_not_stick():
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    base = base_year(today)
    historic = list(Review.objects.filter(pseudonym__in=[item.pseudonym for item in HISTORY]))
    assert len(historic) == len(HISTORY) == 16

    # Two to four signed off in each of six financial years, mostly independent SARs and SARs in Rapid Time.
    per_year = Counter(year_of(review.signed_off_on) for review in historic if review.signed_off_on)
    assert sorted(per_year) == list(range(base - 5, base + 1))
    assert all(2 <= count <= 4 for count in per_year.values()), per_year
    routes = Counter(review.route for review in historic)
    assert routes[Route.THEMATIC] == routes[Route.OTHER_LEARNING] == 1
    assert routes[Route.INDEPENDENT_SAR] + routes[Route.RAPID] == 14 and routes[Route.RAPID] >= 4

    # Each is complete and consistent with its dates: every stage started and finished in order, the Board's
    # sign-off at the end of its stage, no stage under way; its referrals received, then decided, before it
    # was set up; its reference numbered by the year it was set up.
    for review in historic:
        assert review.stage == Stage.COMPLETE and review.stage_due_on is None, review
        plans = {plan.stage: plan for plan in review.stage_plans.all()}
        assert list(plans) and set(plans) == set(STAGE_ORDER)
        created = timezone.localdate(review.created_at)
        assert plans[Stage.SET_UP].actual_start == plans[Stage.SET_UP].planned_start == created
        cursor = created
        for stage in STAGE_ORDER:
            plan = plans[stage]
            assert plan.actual_start is not None and plan.actual_end is not None, (review, stage)
            assert cursor <= plan.actual_start <= plan.actual_end, (review, stage)
            cursor = plan.actual_end
        assert plans[Stage.BOARD_SIGN_OFF].actual_end == plans[Stage.COMPLETE].actual_start == review.signed_off_on
        assert review.signed_off_on is not None and review.signed_off_on < today
        assert review.reference == f"SAR-{created.year}-{review.pk:03d}"
        for referral in review.referrals.select_related("decision"):
            received = timezone.localdate(referral.received_at)
            assert received < timezone.localdate(referral.decision.decided_at) < created
            assert referral.reference.startswith(f"R-{received.year}-")
        # Three to six findings, each coded; recommendations linked to findings, each answered.
        findings = list(review.findings.prefetch_related("practice_themes"))
        assert 3 <= len(findings) <= 6
        assert all(f.domain and f.kind and f.practice_themes.all() for f in findings)
        assert any(f.kind == FindingKind.GOOD_PRACTICE for f in findings)
        for recommendation in review.recommendations.all():
            assert recommendation.findings.exists() and recommendation.response != "awaiting"
            assert timezone.localdate(recommendation.responded_at) == review.signed_off_on
        analysis = plans[Stage.ANALYSIS].actual_start
        assert analysis is not None
        for finding in findings:
            assert analysis <= timezone.localdate(finding.created_at) <= today

    # The themes vary over the years (every practice theme the brief names appears somewhere).
    used = set(PracticeTheme.objects.filter(findings__review__in=historic).values_list("name", flat=True))
    for theme in (
        "Self-neglect and hoarding",
        "Mental capacity, including executive functioning",
        "Making Safeguarding Personal",
        "Information sharing",
        "Hospital discharge",
        "Alcohol and substance misuse",
        "Homelessness",
        "Fire risk",
        "Carers",
        "Domestic abuse",
        "Transitions",
    ):
        assert theme in used, theme

    # "Did the learning stick?": each repeat resembles an earlier review's finding whose actions were all
    # assured complete, with evidence; the later one is recent. The near miss resembles earlier learning as
    # closely, but none of the earlier actions was assured.
    assert len(REPEATS) >= 2
    for (earlier_review, n), (later_review, m) in REPEATS:
        earlier, later = _finding(earlier_review, n), _finding(later_review, m)
        first, then = earlier.review.signed_off_on, later.review.signed_off_on
        assert first is not None and then is not None and first < then
        assert year_of(then) >= base - 1
        assert _overlap(earlier.text, later.text) >= 0.6, (earlier.text, later.text)
        actions = _actions_of(earlier)
        assert actions and all(a.status == Status.ASSURED and a.assured_at for a in actions)
        for action in actions:
            assert Document.objects.filter(owner_type__model="action", owner_id=action.pk).exists()
            assert action.updates.filter(kind=ProgressUpdate.Kind.ACCEPTED).exists()
    (earlier_review, n), (later_review, m) = NEAR_MISS
    earlier, later = _finding(earlier_review, n), _finding(later_review, m)
    assert _overlap(earlier.text, later.text) >= 0.6
    assert _actions_of(earlier) and not [a for a in _actions_of(earlier) if a.status == Status.ASSURED]

    # The action plans: most of the older ones assured complete, some still open, a few red.
    actions = list(Action.objects.filter(review__in=historic))
    statuses = Counter(a.status for a in actions)
    assert statuses[Status.ASSURED] > len(actions) / 2
    assert statuses[Status.ON_TRACK] and statuses[Status.AWAITING_ASSURANCE] and statuses[Status.NOT_IMPLEMENTED]
    red = [a for a in actions if rag_for(a.status, a.due_on, today) == Rag.RED]
    assert 2 <= len(red) <= 6
    for action in actions:
        dates = list(action.updates.values_list("created_at", flat=True))
        assert all(action.created_at <= when <= timezone.now() for when in dates)
        if action.status == Status.ASSURED:
            assert action.completed_on and action.completed_on <= timezone.localdate(action.assured_at) < today

    # Referrals are decided a realistic number of days after receipt, spread over the last two years.
    days = [d.days_taken for d in Decision.objects.select_related("referral")]
    assert 0.6 <= sum(1 for n in days if n <= 28) / len(days) < 1 and min(days) > 0
    recent = Decision.objects.filter(decided_at__date__gte=today - timedelta(days=730))
    quarters = {(d.year, (d.month - 1) // 3) for d in recent.values_list("decided_at__date", flat=True)}
    assert len(quarters) >= 7
    assert not Referral.objects.filter(decision__isnull=False, received_at__date=today).exists()

    # Briefings sent to every agency: some cascades recorded (teams and staff), some agencies yet to respond.
    circulations = Circulation.objects.filter(briefing__reviews__in=historic).distinct()
    assert circulations.count() >= 2
    assert len({year_of(timezone.localdate(c.sent_at)) for c in circulations}) >= 2
    cascades = AgencyCascade.objects.filter(circulation__in=circulations)
    answered = cascades.filter(records__isnull=False).distinct()
    assert answered.exists() and cascades.exclude(pk__in=answered).exists()
    for record in CascadeRecord.objects.filter(cascade__in=cascades).select_related("cascade__circulation"):
        assert timezone.localdate(record.cascade.circulation.sent_at) <= record.briefed_on < today

    # Learning events held, with invitations by agency and role, replies and the register.
    events = LearningEvent.objects.filter(review__in=historic)
    assert events.count() >= 3 and not events.filter(starts_at__gte=timezone.now()).exists()
    invitations = EventInvitation.objects.filter(event__in=events)
    assert invitations.values("agency").distinct().count() >= 6
    assert set(invitations.values_list("role", flat=True)) == {"practitioner", "line_manager"}
    assert {Reply.ACCEPTED, Reply.DECLINED, Reply.AWAITING} <= set(invitations.values_list("reply", flat=True))
    assert invitations.filter(attended=True).exists() and invitations.filter(reply=Reply.ACCEPTED, attended=False)

    # A second run adds nothing.
    counts = (Review.objects.count(), Action.objects.count(), Referral.objects.count(), Person.objects.count())
    people = {p.email.split("@")[0]: p for p in Person.objects.filter(email__endswith="@rsab-demo.invalid")}
    seed_history(people)
    assert (Review.objects.count(), Action.objects.count(), Referral.objects.count(), Person.objects.count()) == counts
