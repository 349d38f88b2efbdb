"""Fictional reviews at volume, for the benchmark (called by `manage.py seed_volume`, DEBUG only).

Two steps, because a review needs decided referrals and a referral's dates follow from its review's:

    specs = plan_reviews(n, rng=rng, now=now)            # routes, stages and timelines, in Python only
    made = make_referrals(..., for_reviews=decisions_needed(specs))   # sarhub.demo.volume.referrals
    make_reviews(specs, made.for_reviews, ...)           # the reviews and everything on them

Every review is consistent with its stage, as the running services would leave it: eight stage plans
(planned from the set-up date with the route's planned weeks, PLANNED_WEEKS), actual dates for the
stages done and the one under way (some slipping), findings from analysis on (at least one from the
draft report on), responses to every recommendation at complete, the Board's sign-off date at complete.
The adult is "Adult V00001"; the team are volume people. The first review planned is the largest
(60 findings, 25 recommendations) so that the benchmark can open it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sarhub.core.roles import Role
from sarhub.demo.volume.referrals import Staff, between, link, next_id, reset_sequences, save_all
from sarhub.partnership.models import Agency, Membership
from sarhub.referrals.models import Outcome
from sarhub.reviews.models import (
    PLANNED_WEEKS,
    QUALITY_MARKERS,
    STAGE_ORDER,
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    Finding,
    FindingKind,
    InvolvementEntry,
    InvolvementKind,
    ParallelProcess,
    ProcessKind,
    QualityMarkerAssessment,
    Rating,
    RequestKind,
    ResponseStatus,
    Review,
    ReviewRecommendation,
    Route,
    Stage,
    StagePlan,
)
from sarhub.reviews.services.running import refresh_stage_due
from sarhub.taxonomy.models import AbuseType, PracticeTheme

FINDINGS_PER_REVIEW = 10
RECOMMENDATIONS_PER_REVIEW = 4
LARGEST_FINDINGS = 60
LARGEST_RECOMMENDATIONS = 25
# Ordinary reviews stay well below the largest.
MOST_FINDINGS = 40
MOST_RECOMMENDATIONS = 20

ROUTE_WEIGHTS: list[tuple[Route, int]] = [
    (Route.INDEPENDENT_SAR, 40),
    (Route.RAPID, 20),
    (Route.THEMATIC, 10),
    (Route.OTHER_LEARNING, 30),
]
STAGE_WEIGHTS: list[tuple[Stage, int]] = [
    (Stage.SET_UP, 8),
    (Stage.INFORMATION_GATHERING, 14),
    (Stage.LEARNING_EVENT, 8),
    (Stage.ANALYSIS, 14),
    (Stage.DRAFT, 10),
    (Stage.FACTUAL_ACCURACY, 8),
    (Stage.BOARD_SIGN_OFF, 8),
    (Stage.COMPLETE, 30),
]
# How much of the usual number of findings and recommendations a review has at each stage.
FINDING_SHARE = [0.0, 0.1, 0.3, 0.7, 1.0, 1.0, 1.0, 1.0]
RECOMMENDATION_SHARE = [0.0, 0.0, 0.0, 0.3, 1.0, 1.0, 1.0, 1.0]
SAR_OUTCOMES = [Outcome.MANDATORY_CONDITION_1, Outcome.MANDATORY_CONDITION_2, Outcome.DISCRETIONARY]
DRAFT_INDEX = STAGE_ORDER.index(Stage.DRAFT)
ANALYSIS_INDEX = STAGE_ORDER.index(Stage.ANALYSIS)

# Findings are written from these clauses, each coded as a reviewer would code it (its learning domain, abuse
# or neglect types and practice themes, by their seeded names): a finding is one clause, or two, and carries
# the codes of what it says (the first clause's domain), so that coded findings at volume mean something to
# the theme suggestions' model and benchmark (bench/insight_suggest.py).
FINDING_CLAUSES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "risk was known to one agency and not shared with the others",
        "inter_agency",
        (),
        ("Information sharing", "Risk management"),
    ),
    (
        "the community nurse followed up every missed appointment in person",
        "direct_work",
        (),
        ("Professional curiosity", "Making Safeguarding Personal"),
    ),
    (
        "mental capacity was assumed rather than assessed when decisions were refused",
        "direct_work",
        ("Self-neglect",),
        ("Mental capacity, including executive functioning",),
    ),
    (
        "each hospital attendance was treated as a new episode",
        "inter_agency",
        (),
        ("Hospital discharge", "Risk management"),
    ),
    ("the family's concerns were recorded but not acted on", "direct_work", (), ("Family involvement", "Recording")),
    (
        "a multi-agency meeting was called promptly and agreed a clear plan",
        "inter_agency",
        (),
        ("Multi-agency working",),
    ),
    (
        "the home was cluttered to the ceiling and no one asked why he refused a deep clean",
        "direct_work",
        ("Self-neglect",),
        ("Self-neglect and hoarding", "Professional curiosity"),
    ),
    (
        "her hoarding was seen as a lifestyle choice and the case was closed",
        "organisational",
        ("Self-neglect",),
        ("Self-neglect and hoarding",),
    ),
    (
        "the fire service was not asked for a safe and well visit although he smoked in bed",
        "inter_agency",
        ("Self-neglect",),
        ("Fire risk", "Multi-agency working"),
    ),
    (
        "his daughter cared for him alone and was never offered a carer's assessment",
        "direct_work",
        ("Neglect and acts of omission",),
        ("Carers", "Family involvement"),
    ),
    (
        "he was discharged from the ward late at night with no care package in place",
        "organisational",
        ("Neglect and acts of omission",),
        ("Hospital discharge",),
    ),
    (
        "the care home did not reposition her and a pressure ulcer developed",
        "organisational",
        ("Neglect and acts of omission", "Organisational abuse"),
        ("Care homes and quality of care",),
    ),
    (
        "staff shortages at the nursing home meant medication rounds were missed",
        "organisational",
        ("Organisational abuse",),
        ("Care homes and quality of care",),
    ),
    (
        "her partner's coercive control was not recognised and no MARAC referral was made",
        "inter_agency",
        ("Domestic abuse",),
        ("Domestic abuse", "Risk management"),
    ),
    (
        "her son took her pension and no one asked who managed her money",
        "direct_work",
        ("Financial or material abuse",),
        ("Professional curiosity", "Family involvement"),
    ),
    (
        "he slept rough for months and the outreach team lost contact with him",
        "direct_work",
        ("Self-neglect",),
        ("Homelessness",),
    ),
    (
        "the hostel evicted him for drinking and no housing duty followed",
        "organisational",
        (),
        ("Homelessness", "Alcohol and substance misuse"),
    ),
    (
        "his alcohol dependence was given as the reason to close his case after missed appointments",
        "organisational",
        (),
        ("Alcohol and substance misuse", "Risk management"),
    ),
    (
        "the crisis team did not connect the overdose to his earlier suicidal thoughts",
        "direct_work",
        (),
        ("Mental health and suicide risk", "Risk management"),
    ),
    (
        "no independent advocate was appointed though she had no one to speak for her",
        "direct_work",
        (),
        ("Advocacy", "Making Safeguarding Personal"),
    ),
    (
        "the plan to move at eighteen from children's services was not started in time",
        "organisational",
        ("Neglect and acts of omission",),
        ("Transitions",),
    ),
    ("decisions and their reasons were not written in the case notes", "organisational", (), ("Recording",)),
    (
        "supervision did not give practitioners time to reflect on why he refused support",
        "organisational",
        ("Self-neglect",),
        ("Professional curiosity",),
    ),
    (
        "the Board had not sought assurance that an earlier review's recommendation was in place",
        "governance",
        (),
        ("Risk management",),
    ),
    (
        "the Board's self-neglect procedure gave no route to escalate when all services were refused",
        "governance",
        ("Self-neglect",),
        ("Self-neglect and hoarding", "Multi-agency working"),
    ),
    (
        "national funding pressures left no nursing home bed for weeks",
        "national",
        (),
        ("Hospital discharge", "Care homes and quality of care"),
    ),
    (
        "benefit sanctions left him without money for food and no agency linked this to his weight loss",
        "national",
        ("Neglect and acts of omission",),
        ("Information sharing",),
    ),
    (
        "he was made to work unpaid at a car wash and modern slavery was not considered",
        "inter_agency",
        ("Modern slavery", "Financial or material abuse"),
        ("Professional curiosity",),
    ),
    (
        "unexplained bruising was accepted as the result of falls",
        "direct_work",
        ("Physical abuse",),
        ("Professional curiosity",),
    ),
    (
        "she was assessed without an interpreter and her partner answered for her",
        "direct_work",
        ("Discriminatory abuse", "Domestic abuse"),
        ("Making Safeguarding Personal", "Domestic abuse"),
    ),
    (
        "a resident's sexual comments to her were not raised as a safeguarding concern",
        "organisational",
        ("Sexual abuse",),
        ("Care homes and quality of care",),
    ),
    (
        "his mental health team could not see that the GP had stopped his prescriptions",
        "organisational",
        (),
        ("Mental health and suicide risk", "Information sharing"),
    ),
    (
        "threats and name-calling by his neighbours were logged but never acted on",
        "inter_agency",
        ("Psychological or emotional abuse",),
        ("Risk management",),
    ),
]
RECOMMENDATION_TEXTS = [
    "Fictional: agree a joint referral route for fire risk between the council and the fire service.",
    "Fictional: the Board should seek assurance that discharge plans reach community teams.",
    "Fictional: agencies should review their guidance on professional curiosity.",
    "Fictional: develop a multi-agency self-neglect protocol with an escalation route.",
]
WHO = ["Daughter", "Son", "Sister", "Brother", "Partner", "Friend", "Advocate", "The adult", ""]
METHODS = [
    "Learning Together, with agency chronologies and a practitioner learning event.",
    "A SAR in Rapid Time: a single learning event and a short report.",
    "Appreciative inquiry with practitioners and the family.",
    "",
]


@dataclass
class Plan:
    stage: str
    planned_start: date
    planned_end: date
    actual_start: date | None = None
    actual_end: date | None = None


@dataclass
class ReviewSpec:
    route: str
    stage: str
    created_at: datetime
    outcomes: list[str]  # one decided referral each
    plans: list[Plan]
    signed_off_on: date | None = None
    converted_at: datetime | None = None
    largest: bool = False
    findings: int = 0
    recommendations: int = 0
    finished_at: datetime | None = None  # the day the review completed (for complete reviews)
    referral_ids: list[int] = field(default_factory=list)


def plan_reviews(
    count: int,
    *,
    rng: random.Random,
    now: datetime,
    findings: int | None = None,
    recommendations: int | None = None,
) -> list[ReviewSpec]:
    """Routes, stages, timelines and how many findings and recommendations each review has."""
    if count <= 0:
        return []
    today = timezone.localdate(now)
    routes = [route for route, _ in ROUTE_WEIGHTS]
    route_weights = [weight for _, weight in ROUTE_WEIGHTS]
    stages = [stage for stage, _ in STAGE_WEIGHTS]
    stage_weights = [weight for _, weight in STAGE_WEIGHTS]
    specs: list[ReviewSpec] = []
    for n in range(count):
        largest = n == 0
        if largest:
            route, stage = Route.INDEPENDENT_SAR, Stage.BOARD_SIGN_OFF
        elif n <= len(stages):
            # Every stage at least once, whatever the volume.
            route, stage = routes[n % len(routes)], stages[n - 1]
        else:
            route, stage = rng.choices(routes, route_weights)[0], rng.choices(stages, stage_weights)[0]
        plans, created, finished = _timeline(route, stage, rng, today)
        created_at = timezone.make_aware(datetime.combine(created, time(rng.randint(8, 17), rng.randint(0, 59))))
        spec = ReviewSpec(route, stage, min(created_at, now - timedelta(minutes=5)), _outcomes(route, n, rng), plans)
        spec.largest = largest
        if finished is not None:
            spec.finished_at = timezone.make_aware(datetime.combine(finished, time(16, 0)))
        sign_off = plans[STAGE_ORDER.index(Stage.BOARD_SIGN_OFF)]
        if sign_off.actual_start and (stage == Stage.COMPLETE or rng.random() < 0.4 or largest):
            last = sign_off.actual_end or today
            spec.signed_off_on = sign_off.actual_start + timedelta(
                days=rng.randint(0, (last - sign_off.actual_start).days)
            )
        if route == Route.INDEPENDENT_SAR and plans[1].actual_start and rng.random() < 0.15:
            # Converted from a SAR in Rapid Time while gathering information.
            spec.converted_at = timezone.make_aware(
                datetime.combine(plans[1].actual_start, time(rng.randint(8, 17), rng.randint(0, 59)))
            )
        specs.append(spec)
    _share(specs, rng, findings if findings is not None else count * FINDINGS_PER_REVIEW, "findings")
    _share(
        specs,
        rng,
        recommendations if recommendations is not None else count * RECOMMENDATIONS_PER_REVIEW,
        "recommendations",
    )
    return specs


def decisions_needed(specs: Sequence[ReviewSpec]) -> list[tuple[datetime, str]]:
    """(set up at, outcome) for every referral the reviews cover, in order: make_referrals' for_reviews."""
    return [(spec.created_at, outcome) for spec in specs for outcome in spec.outcomes]


def _outcomes(route: str, n: int, rng: random.Random) -> list[str]:
    if route == Route.THEMATIC:
        return [rng.choice(SAR_OUTCOMES) for _ in range(2 + n % 3)]  # two to four adults
    if route == Route.OTHER_LEARNING:
        return [Outcome.PROPORTIONATE if rng.random() < 0.8 else Outcome.DISCRETIONARY]
    return [rng.choices(SAR_OUTCOMES, [45, 25, 30])[0]]


def _timeline(route: str, stage: str, rng: random.Random, today: date) -> tuple[list[Plan], date, date | None]:
    """Eight stage plans ending today, as set_up_review and running.advance would have left them."""
    weeks = PLANNED_WEEKS[route]
    current = STAGE_ORDER.index(stage)
    durations: list[int] = []
    for index in range(current):
        planned = weeks[index] * 7
        if planned == 0:
            durations.append(0)
        elif rng.random() < 0.35:
            durations.append(round(planned * rng.uniform(1.05, 2.2)))  # finished late
        else:
            durations.append(max(1, round(planned * rng.uniform(0.6, 1.0))))
    if stage == Stage.COMPLETE:
        under_way, since = 0, rng.randint(1, 900)
    else:
        under_way, since = max(1, round(weeks[current] * 7 * rng.uniform(0.05, 1.6))), 0
    created = today - timedelta(days=sum(durations) + under_way + since)
    plans: list[Plan] = []
    planned_start, cursor = created, created
    for index, name in enumerate(STAGE_ORDER):
        plan = Plan(name, planned_start, planned_start + timedelta(weeks=weeks[index]))
        if index < current:
            plan.actual_start, plan.actual_end = cursor, cursor + timedelta(days=durations[index])
            cursor = plan.actual_end
        elif index == current:
            plan.actual_start = cursor
            if stage == Stage.COMPLETE:
                plan.actual_end = cursor
        plans.append(plan)
        planned_start = plan.planned_end
    finished = cursor if stage == Stage.COMPLETE else None
    return plans, created, finished


def _share(specs: list[ReviewSpec], rng: random.Random, total: int, what: str) -> None:
    """Spread about `total` findings (or recommendations) over the reviews by stage."""
    findings = what == "findings"
    share = FINDING_SHARE if findings else RECOMMENDATION_SHARE
    largest, most = (LARGEST_FINDINGS, MOST_FINDINGS) if findings else (LARGEST_RECOMMENDATIONS, MOST_RECOMMENDATIONS)
    weights = [0.0 if s.largest else share[STAGE_ORDER.index(s.stage)] for s in specs]
    remaining = max(0, total - sum(largest for s in specs if s.largest))
    per_weight = remaining / sum(weights) if sum(weights) else 0.0
    for spec, weight in zip(specs, weights, strict=True):
        if spec.largest:
            n = largest
        else:
            n = min(most, round(per_weight * weight * rng.uniform(0.4, 1.6)))
            if findings and STAGE_ORDER.index(spec.stage) >= DRAFT_INDEX:
                n = max(1, n)  # a draft report needs at least one finding
        setattr(spec, what, n)


# --- Writing them -------------------------------------------------------------------------------


def make_reviews(
    specs: Sequence[ReviewSpec],
    referral_ids: Sequence[int],
    *,
    rng: random.Random,
    now: datetime,
    staff: Staff,
    agencies: Sequence[Agency],
) -> dict[str, int]:
    """The reviews planned by plan_reviews, linked to the referrals decided for them (in the order of
    decisions_needed), with their stage plans, team, findings, recommendations, Quality Markers,
    parallel processes and involvement log."""
    counts: dict[str, int] = {}
    if not specs:
        return counts
    needed = sum(len(spec.outcomes) for spec in specs)
    if len(referral_ids) != needed:
        raise ValueError(f"The reviews need {needed} referrals; {len(referral_ids)} were given")
    position = 0
    for spec in specs:
        spec.referral_ids = list(referral_ids[position : position + len(spec.outcomes)])
        position += len(spec.outcomes)
    # In order of set-up, so ids (and references) rise with time as they do for real.
    ordered = sorted(specs, key=lambda s: (s.created_at, not s.largest))

    start = next_id(Review)
    width = max(5, len(str(len(specs))))
    reviews: list[Review] = []
    for n, spec in enumerate(ordered, start=1):
        created = timezone.localdate(spec.created_at)
        period_to = created - timedelta(days=rng.randint(10, 120))
        review = Review(
            pk=start + n - 1,
            pseudonym=f"Adult V{n:0{width}d}",
            route=spec.route,
            stage=spec.stage,
            period_from=period_to - timedelta(days=rng.randint(90, 900)),
            period_to=period_to,
            lines_of_enquiry="Fictional: how was risk assessed and shared? How were the family involved?",
            methodology=rng.choice(METHODS),
            converted_from_rapid_at=spec.converted_at,
            created_by_id=rng.choice(staff.managers),
            created_at=spec.created_at,
            signed_off_on=spec.signed_off_on,
        )
        # As sarhub.reviews.services.set_up_review assigns it.
        review.reference = f"SAR-{timezone.localtime(review.created_at).year}-{review.pk:03d}"
        reviews.append(review)
    counts["reviews"] = save_all(Review, reviews)
    counts["review referrals"] = link(
        Review.referrals, [(r.pk, ref) for r, spec in zip(reviews, ordered, strict=True) for ref in spec.referral_ids]
    )
    reset_sequences(Review)
    counts["stage plans"] = save_all(
        StagePlan,
        [
            StagePlan(
                review_id=review.pk,
                stage=plan.stage,
                planned_start=plan.planned_start,
                planned_end=plan.planned_end,
                actual_start=plan.actual_start,
                actual_end=plan.actual_end,
            )
            for review, spec in zip(reviews, ordered, strict=True)
            for plan in spec.plans
        ],
    )
    refresh_stage_due(Review.objects.filter(pk__in=[review.pk for review in reviews]))
    leads = _team(reviews, ordered, rng, now, staff, counts)
    finding_ids = _findings(reviews, ordered, leads, rng, now, staff, counts)
    _recommendations(reviews, ordered, leads, finding_ids, rng, now, staff, agencies, counts)
    _running(reviews, ordered, leads, rng, now, staff, counts)
    _requests(reviews, ordered, leads, rng, now, staff, agencies, counts)
    return counts


def _until(spec: ReviewSpec, now: datetime) -> datetime:
    """The last moment anything was recorded on the review."""
    return spec.finished_at or now


def _team(
    reviews: list[Review],
    specs: list[ReviewSpec],
    rng: random.Random,
    now: datetime,
    staff: Staff,
    counts: dict[str, int],
) -> dict[int, int]:
    """Lead reviewers and panel members (review-scoped memberships, as services.appoint makes them).
    Returns each review's current lead reviewer, who wrote its findings."""
    # Independent reviewers lead most reviews; a pool of others lead the rest and sit on panels.
    reviewers = set(staff.reviewers)
    others = [pk for pk in staff.everyone if pk not in reviewers]
    lead_pool = staff.reviewers + rng.sample(others, min(len(others), max(0, len(reviews) // 50)))
    # Someone can be both an agency lead and a subgroup member: each person once, or a panel could hold
    # them twice (which the membership constraint refuses).
    candidates = sorted(set(staff.agency_leads + staff.subgroup))
    panel_pool = rng.sample(candidates, min(len(candidates), max(30, len(reviews) // 5)))
    rows: list[Membership] = []
    leads: dict[int, int] = {}
    for review, spec in zip(reviews, specs, strict=True):
        until = _until(spec, now)
        set_up = spec.stage == Stage.SET_UP
        if not spec.largest and set_up and rng.random() < 0.5:
            continue  # not appointed yet
        lead = rng.choice(lead_pool)
        leads[review.pk] = lead
        granted = between(rng, spec.created_at, until, 0.0, 0.1)
        if spec.largest or rng.random() < 0.05:
            # An earlier lead reviewer, replaced.
            previous = rng.choice([pk for pk in lead_pool if pk != lead] or lead_pool)
            ended = between(rng, granted, until, 0.1, 0.4)
            rows.append(_membership(previous, Role.LEAD_REVIEWER, review, granted, staff, rng, ended_at=ended))
            granted = ended
        rows.append(_membership(lead, Role.LEAD_REVIEWER, review, granted, staff, rng))
        panel = 6 if spec.largest else rng.choice([0, 1, 2, 2, 3, 3, 4])
        for person in rng.sample([pk for pk in panel_pool if pk != lead], min(panel, len(panel_pool) - 1)):
            joined = between(rng, spec.created_at, until, 0.0, 0.2)
            left = between(rng, joined, until, 0.3, 0.9) if rng.random() < 0.08 else None
            rows.append(_membership(person, Role.PANEL_MEMBER, review, joined, staff, rng, ended_at=left))
    counts["review team memberships"] = save_all(Membership, rows)
    return leads


def _membership(
    person: int,
    role: Role,
    review: Review,
    granted: datetime,
    staff: Staff,
    rng: random.Random,
    ended_at: datetime | None = None,
) -> Membership:
    return Membership(
        person_id=person,
        role=role,
        review_id=review.pk,
        granted_at=granted,
        granted_by_id=rng.choice(staff.managers),
        ended_at=ended_at,
        ended_by_id=rng.choice(staff.managers) if ended_at else None,
    )


def _findings(
    reviews: list[Review],
    specs: list[ReviewSpec],
    leads: dict[int, int],
    rng: random.Random,
    now: datetime,
    staff: Staff,
    counts: dict[str, int],
) -> dict[int, list[int]]:
    """Findings numbered from 1 in each review, written from FINDING_CLAUSES and coded from what they say."""
    abuse_type_ids = dict(AbuseType.objects.values_list("name", "pk"))
    theme_ids = dict(PracticeTheme.objects.values_list("name", "pk"))
    kinds = FindingKind.values
    start = next_id(Finding)
    rows: list[Finding] = []
    abuse_links: list[tuple[int, int]] = []
    theme_links: list[tuple[int, int]] = []
    ids: dict[int, list[int]] = {}
    for review, spec in zip(reviews, specs, strict=True):
        analysis = spec.plans[ANALYSIS_INDEX].actual_start
        first = (
            timezone.make_aware(datetime.combine(analysis, time(10, 0)))
            if analysis and analysis > timezone.localdate(spec.created_at)
            else spec.created_at
        )
        until = _until(spec, now)
        for number in range(1, spec.findings + 1):
            pk = start + len(rows)
            clauses = rng.sample(FINDING_CLAUSES, rng.choice([1, 1, 2]))
            text = "; ".join(clause[0] for clause in clauses)
            rows.append(
                Finding(
                    pk=pk,
                    review_id=review.pk,
                    number=number,
                    text=f"Fictional: {text}.",
                    domain=clauses[0][1],
                    kind=rng.choices(kinds, [25, 45, 30])[0],
                    created_by_id=leads.get(review.pk) or rng.choice(staff.managers),
                    created_at=between(rng, first, until, 0.0, 0.9),
                )
            )
            ids.setdefault(review.pk, []).append(pk)
            # Coded from what the finding says (a term the Board has since removed is left out).
            abuse = {abuse_type_ids[n] for clause in clauses for n in clause[2] if n in abuse_type_ids}
            themes = {theme_ids[n] for clause in clauses for n in clause[3] if n in theme_ids}
            abuse_links += [(pk, a) for a in sorted(abuse)]
            theme_links += [(pk, t) for t in sorted(themes)]
    counts["findings"] = save_all(Finding, rows)
    counts["finding abuse types"] = link(Finding.abuse_types, abuse_links)
    counts["finding practice themes"] = link(Finding.practice_themes, theme_links)
    reset_sequences(Finding)
    return ids


def _recommendations(
    reviews: list[Review],
    specs: list[ReviewSpec],
    leads: dict[int, int],
    finding_ids: dict[int, list[int]],
    rng: random.Random,
    now: datetime,
    staff: Staff,
    agencies: Sequence[Agency],
    counts: dict[str, int],
) -> None:
    agency_ids = [a.pk for a in agencies]
    # The share of recommendations with a response, by stage; every one has one at complete.
    responded_share: dict[str, float] = {
        Stage.DRAFT: 0.1,
        Stage.FACTUAL_ACCURACY: 0.2,
        Stage.BOARD_SIGN_OFF: 0.6,
        Stage.COMPLETE: 1.0,
    }
    responses = [ResponseStatus.ACCEPTED, ResponseStatus.ACCEPTED_IN_PART, ResponseStatus.NOT_ACCEPTED]
    start = next_id(ReviewRecommendation)
    rows: list[ReviewRecommendation] = []
    agency_links: list[tuple[int, int]] = []
    finding_links: list[tuple[int, int]] = []
    for review, spec in zip(reviews, specs, strict=True):
        until = _until(spec, now)
        findings = finding_ids.get(review.pk, [])
        share = responded_share.get(spec.stage, 0.0)
        for number in range(1, spec.recommendations + 1):
            pk = start + len(rows)
            created_at = between(rng, spec.created_at, until, 0.5, 0.9)
            to_board = rng.random() < 0.3
            recommendation = ReviewRecommendation(
                pk=pk,
                review_id=review.pk,
                number=number,
                text=rng.choice(RECOMMENDATION_TEXTS),
                to_board=to_board,
                created_by_id=leads.get(review.pk) or rng.choice(staff.managers),
                created_at=created_at,
            )
            if rng.random() < share:
                recommendation.response = rng.choices(responses, [70, 20, 10])[0]
                if recommendation.response != ResponseStatus.ACCEPTED:
                    recommendation.response_reasons = "Fictional: the reasons it was not accepted in full."
                recommendation.responded_by_id = rng.choice(staff.managers)
                recommendation.responded_at = between(rng, created_at, until, 0.1, 1.0)
            rows.append(recommendation)
            # To the Board, to agencies, or both (save_recommendation refuses neither).
            wanted = rng.choice([0, 1, 1, 2]) if to_board else rng.choice([1, 1, 2, 3])
            agency_links += [(pk, a) for a in rng.sample(agency_ids, min(wanted, len(agency_ids)))]
            if findings:
                finding_links += [(pk, f) for f in rng.sample(findings, min(len(findings), rng.choice([1, 1, 2, 3])))]
    counts["review recommendations"] = save_all(ReviewRecommendation, rows)
    counts["recommendation agencies"] = link(ReviewRecommendation.agencies, agency_links)
    counts["recommendation findings"] = link(ReviewRecommendation.findings, finding_links)
    reset_sequences(ReviewRecommendation)


def _running(
    reviews: list[Review],
    specs: list[ReviewSpec],
    leads: dict[int, int],
    rng: random.Random,
    now: datetime,
    staff: Staff,
    counts: dict[str, int],
) -> None:
    """Quality Markers self-assessments, parallel processes and the involvement log."""
    today = timezone.localdate(now)
    ratings = [Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NOT_ASSESSED]
    markers: list[QualityMarkerAssessment] = []
    processes: list[ParallelProcess] = []
    involvement: list[InvolvementEntry] = []
    for review, spec in zip(reviews, specs, strict=True):
        stage = STAGE_ORDER.index(spec.stage)
        until = _until(spec, now)
        assessed = 0.6 if stage >= DRAFT_INDEX else 0.2 if stage == ANALYSIS_INDEX else 0.0
        if spec.largest or rng.random() < assessed:
            editor = leads.get(review.pk) or rng.choice(staff.managers)
            markers += [
                QualityMarkerAssessment(
                    review_id=review.pk,
                    marker=number,
                    rating=rng.choices(ratings, [55, 25, 8, 12])[0],
                    note="Fictional: evidence for this marker." if rng.random() < 0.3 else "",
                    updated_by_id=editor,
                )
                for number, _name, _group in QUALITY_MARKERS
            ]
        if spec.largest or rng.random() < 0.2:
            for _ in range(3 if spec.largest else rng.choice([1, 1, 2])):
                recorded_at = between(rng, spec.created_at, until, 0.0, 0.5)
                concluded = rng.random() < 0.5
                processes.append(
                    ParallelProcess(
                        review_id=review.pk,
                        kind=rng.choice(ProcessKind.values),
                        details="Fictional: opened and adjourned" if rng.random() < 0.5 else "",
                        holds_publication=rng.random() < 0.7,
                        concluded_on=timezone.localdate(between(rng, recorded_at, until, 0.2, 1.0))
                        if concluded
                        else None,
                        recorded_by_id=rng.choice(staff.managers),
                        recorded_at=recorded_at,
                    )
                )
        if spec.largest or rng.random() < 0.5:
            for _ in range(8 if spec.largest else rng.randint(1, 5)):
                happened = between(rng, spec.created_at, until, 0.0, 1.0)
                involvement.append(
                    InvolvementEntry(
                        review_id=review.pk,
                        happened_on=min(timezone.localdate(happened), today),
                        kind=rng.choice(InvolvementKind.values),
                        who=rng.choice(WHO),
                        note="Fictional: what they shared about the adult." if rng.random() < 0.4 else "",
                        recorded_by_id=leads.get(review.pk) or rng.choice(staff.managers),
                        recorded_at=min(happened + timedelta(hours=rng.uniform(1, 72)), until),
                    )
                )
    counts["quality marker assessments"] = save_all(QualityMarkerAssessment, markers)
    counts["parallel processes"] = save_all(ParallelProcess, processes)
    counts["involvement entries"] = save_all(InvolvementEntry, involvement)


def _requests(
    reviews: list[Review],
    specs: list[ReviewSpec],
    leads: dict[int, int],
    rng: random.Random,
    now: datetime,
    staff: Staff,
    agencies: Sequence[Agency],
    counts: dict[str, int],
) -> None:
    """Chronology and IMR requests from information gathering on; the factual-accuracy round, with
    comments, responses and the odd dispute, from factual accuracy on."""
    today = timezone.localdate(now)
    gathering, accuracy = STAGE_ORDER.index(Stage.INFORMATION_GATHERING), STAGE_ORDER.index(Stage.FACTUAL_ACCURACY)
    active = [a.pk for a in agencies if a.is_active] or [a.pk for a in agencies]
    leads_of_agency = staff.agency_leads or staff.everyone
    rows: list[AgencyRequest] = []
    comments: list[tuple[int, AccuracyComment]] = []  # (index of the request in rows, comment)
    for review, spec in zip(reviews, specs, strict=True):
        stage = STAGE_ORDER.index(spec.stage)
        if stage < gathering:
            continue
        until = _until(spec, now)
        asker = leads.get(review.pk) or rng.choice(staff.managers)
        chosen = rng.sample(active, min(len(active), 6 if spec.largest else rng.randint(1, 4)))
        for agency_id in chosen:
            for kind in (RequestKind.CHRONOLOGY, RequestKind.IMR) if rng.random() < 0.4 else (RequestKind.CHRONOLOGY,):
                asked = between(rng, spec.created_at, until, 0.05, 0.3)
                due = timezone.localdate(asked) + timedelta(days=28)
                answered = stage > gathering + 1 or rng.random() < 0.6
                submitted_at = min(between(rng, asked, until, 0.1, 0.6), now) if answered else None
                rows.append(
                    AgencyRequest(
                        review_id=review.pk,
                        agency_id=agency_id,
                        kind=kind,
                        status=AgencyRequestStatus.SUBMITTED if answered else AgencyRequestStatus.REQUESTED,
                        note="Fictional: cover the period in scope.",
                        due_on=due,
                        requested_by_id=asker,
                        requested_at=asked,
                        submitted_by_id=rng.choice(leads_of_agency) if answered else None,
                        submitted_at=submitted_at,
                        last_reminded_on=today if not answered and due < today else None,
                        reminder_count=1 if not answered and due < today else 0,
                    )
                )
        if stage < accuracy:
            continue
        for agency_id in chosen[: 5 if spec.largest else 3]:
            asked = between(rng, spec.created_at, until, 0.75, 0.85)
            waiting = stage == accuracy and rng.random() < 0.3
            rows.append(
                AgencyRequest(
                    review_id=review.pk,
                    agency_id=agency_id,
                    kind=RequestKind.FACTUAL_ACCURACY,
                    status=AgencyRequestStatus.REQUESTED if waiting else AgencyRequestStatus.SUBMITTED,
                    due_on=timezone.localdate(asked) + timedelta(days=14),
                    requested_by_id=asker,
                    requested_at=asked,
                    submitted_by_id=None if waiting else rng.choice(leads_of_agency),
                    submitted_at=None if waiting else min(between(rng, asked, until, 0.86, 0.9), now),
                )
            )
            if waiting:
                continue
            for number in range(1, (5 if spec.largest else rng.randint(0, 3)) + 1):
                open_ = stage == accuracy and rng.random() < 0.3
                outcome = (
                    CommentOutcome.OPEN
                    if open_
                    else rng.choice([CommentOutcome.AMENDED, CommentOutcome.AMENDED, CommentOutcome.NOT_AMENDED])
                )
                disputed = outcome == CommentOutcome.NOT_AMENDED and rng.random() < 0.4
                created = rows[-1].submitted_at or now
                comments.append(
                    (
                        len(rows) - 1,
                        AccuracyComment(
                            number=number,
                            location=f"Paragraph {rng.randint(1, 9)}.{rng.randint(1, 20)}",
                            comment="Fictional: the date of this contact is wrong.",
                            author_id=rows[-1].submitted_by_id or rng.choice(leads_of_agency),
                            created_at=created,
                            outcome=outcome,
                            response=""
                            if outcome == CommentOutcome.OPEN
                            else "Fictional: checked against the records.",
                            responded_by_id=None if open_ else asker,
                            responded_at=None if open_ else min(created + timedelta(days=3), now),
                            dispute="Fictional: our record shows otherwise." if disputed else "",
                            disputed_by_id=rows[-1].submitted_by_id if disputed else None,
                            disputed_at=min(created + timedelta(days=6), now) if disputed else None,
                        ),
                    )
                )
    start = next_id(AgencyRequest)
    for offset, row in enumerate(rows):
        row.pk = start + offset
    counts["review requests"] = save_all(AgencyRequest, rows)
    reset_sequences(AgencyRequest)
    for index, comment in comments:
        comment.request_id = rows[index].pk
    counts["factual-accuracy comments"] = save_all(AccuracyComment, [c for _, c in comments])
