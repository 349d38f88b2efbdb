"""Fictional referrals at volume, for the benchmark (called by `manage.py seed_volume`, DEBUG only).

Everything is invented: adults are "Volume Adult 00001", public referrers "Volume referrer 00001" at
volume.invalid, addresses in the ZZ99 pseudo-postcode area, phone numbers in Ofcom's drama range.
Professional referrers, the business unit, the subgroup and the chair are volume people.

Rows are written with bulk_create (many-to-many links through their through models) inside the
caller's transaction. Primary keys are assigned here, in order of receipt, so that each reference is
written once in the app's own format (services._reference) and ids rise with time as they do for real.
The random choices come from the caller's seeded random.Random, so the same seed builds the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.core.working_days import add_working_days
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.referrals.models import (
    Criterion,
    Decision,
    FamilyKnows,
    LetterStatus,
    OtherProcess,
    Outcome,
    OutcomeLetter,
    Recommendation,
    Referral,
    RequestStatus,
    ScopingRequest,
    Source,
    Status,
)
from sarhub.referrals.services import _reference
from sarhub.taxonomy.models import AbuseType

DOMAIN = "volume.invalid"
BATCH = 5_000
ADULT_PREFIX = "Volume Adult"

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)

# The outcomes that set up a review (as sarhub.reviews.services.REVIEW_OUTCOMES), and the others.
REVIEW_OUTCOMES = [
    Outcome.MANDATORY_CONDITION_1,
    Outcome.MANDATORY_CONDITION_2,
    Outcome.DISCRETIONARY,
    Outcome.PROPORTIONATE,
]
OTHER_OUTCOMES = [Outcome.OTHER_PROCESS, Outcome.SINGLE_AGENCY, Outcome.NO_FURTHER_ACTION]
# Referrals that are not (yet) the subject of a review, by status.
STATUS_WEIGHTS: list[tuple[Status, int]] = [
    (Status.RECEIVED, 12),
    (Status.SCREENING, 18),
    (Status.AWAITING_DECISION, 12),
    (Status.WITHDRAWN, 10),
    (Status.DECIDED, 48),
]
CRITERION_WEIGHTS: list[tuple[Criterion, int]] = [
    (Criterion.CONDITION_1, 35),
    (Criterion.CONDITION_2, 25),
    (Criterion.DISCRETIONARY, 25),
    (Criterion.UNSURE, 15),
]
WHAT_HAPPENED = [
    "Fictional: an adult living alone was found in poor health after several agencies had visited.",
    "Fictional: an adult with care and support needs lost their tenancy after money was taken by others.",
    "Fictional: a care home resident developed pressure ulcers after a hospital discharge.",
    "Fictional: an adult with a learning disability was admitted to hospital malnourished.",
    "Fictional: a carer and the person they cared for were both assessed separately by several agencies.",
    "Fictional: an adult with alcohol dependency attended hospital repeatedly over a year.",
]
CONCERNS = [
    "Each agency saw part of the picture; nobody called a multi-agency meeting.",
    "Concerns were raised three times but each was closed without a joint plan.",
    "Information about risk was known to one agency and not shared with the others.",
    "The discharge plan was not shared with the community team.",
]
# The share of referrals at each status that have scoping requests (some go straight to a decision).
SCREENED_SHARE: dict[str, float] = {
    Status.RECEIVED: 0.0,
    Status.SCREENING: 1.0,
    Status.AWAITING_DECISION: 0.75,
    Status.DECIDED: 0.7,
    Status.WITHDRAWN: 0.4,
}
PROFESSIONAL_RELATIONSHIPS = [
    "Allocated social worker",
    "Named nurse for safeguarding adults",
    "GP",
    "Police officer",
    "Housing officer",
    "Care home manager",
]
PUBLIC_RELATIONSHIPS = ["Daughter", "Son", "Sister", "Brother", "Neighbour", "Friend", "Partner"]


@dataclass
class Staff:
    """Active volume people by what they do in the referral and review work (ids)."""

    managers: list[int]
    chairs: list[int]
    subgroup: list[int]
    reviewers: list[int]
    agency_leads: list[int]
    everyone: list[int]

    @classmethod
    def from_roles(cls, roles_of: dict[int, set[str]], active: Iterable[int]) -> Staff:
        active_ids = sorted(set(active))

        def holding(*roles: str) -> list[int]:
            return [pk for pk in active_ids if roles_of.get(pk, set()) & set(roles)]

        managers = holding(*BUSINESS_UNIT_ROLES) or active_ids[:1]
        return cls(
            managers=managers,
            chairs=holding(Role.INDEPENDENT_CHAIR) or managers,
            subgroup=holding(Role.SAR_SUBGROUP_MEMBER) or managers,
            reviewers=holding(Role.INDEPENDENT_REVIEWER) or managers,
            agency_leads=holding(Role.AGENCY_SAFEGUARDING_LEAD) or managers,
            everyone=active_ids,
        )


@dataclass
class ReferralsMade:
    for_reviews: list[int] = field(default_factory=list)  # ids, in the order of the decisions asked for
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Row:
    status: str
    received_at: datetime
    outcome: str = ""
    decided_at: datetime | None = None
    review_index: int | None = None
    busiest: bool = False
    referral: Referral | None = None
    agency_ids: list[int] = field(default_factory=list)


# --- Helpers shared with sarhub.demo.volume.reviews -----------------------------------------------------


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def save_all(model: type[M], rows: Sequence[M]) -> int:
    for batch in chunks(rows):
        model._default_manager.bulk_create(batch, batch_size=BATCH)
    return len(rows)


def next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(n=Max("pk"))["n"] or 0) + 1


def reset_sequences(*models_: type[models.Model]) -> None:
    """After rows were written with explicit ids (PostgreSQL's sequences do not follow; SQLite's do)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def link(descriptor: Any, pairs: Iterable[tuple[int, int]]) -> int:
    """Bulk-insert many-to-many links (source id, target id) through the relation's through model."""
    relation = descriptor.field if hasattr(descriptor, "field") else descriptor
    through = relation.remote_field.through
    source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
    rows = [through(**{source: a, target: b}) for a, b in pairs]
    return save_all(through, rows)


def between(rng: random.Random, start: datetime, end: datetime, low: float = 0.0, high: float = 1.0) -> datetime:
    """A moment a random fraction (low to high) of the way from start to end."""
    return start + (end - start) * rng.uniform(low, high)


# --- Referrals ------------------------------------------------------------------------------------


def make_referrals(
    count: int,
    *,
    rng: random.Random,
    now: datetime,
    staff: Staff,
    agencies: Sequence[Agency],
    for_reviews: Sequence[tuple[datetime, str]] = (),
    busiest: int | None = 0,
) -> ReferralsMade:
    """`count` referrals over every status. `for_reviews` lists (review set up at, outcome): one referral
    is decided with that outcome shortly before each, for the reviews to link to; its ids come back in
    the same order. The referral for `for_reviews[busiest]` involves a dozen agencies and has a dozen
    scoping requests (the benchmark opens it)."""
    if count < len(for_reviews):
        raise ValueError(f"{len(for_reviews)} referrals are needed for the reviews, but only {count} were asked for")
    if not agencies:
        raise ValueError("Volume referrals need agencies")
    made = ReferralsMade()
    if count == 0:
        return made
    rows = _plan(count, rng, now, for_reviews, busiest)
    rows.sort(key=lambda r: r.received_at)
    abuse_type_ids = list(AbuseType.objects.order_by("pk").values_list("pk", flat=True))
    referrers = _referrers(rng, staff)
    agency_ids = [a.pk for a in agencies]
    # A few large agencies (the council, the acute trust) are involved far more often than the rest.
    agency_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(agency_ids))]
    leads_of = _agency_leads(agency_ids)

    start = next_id(Referral)
    width = max(5, len(str(count)))
    referrals: list[Referral] = []
    abuse_links: list[tuple[int, int]] = []
    agency_links: list[tuple[int, int]] = []
    for n, row in enumerate(rows, start=1):
        referral = _referral(row, start + n - 1, n, width, rng, referrers)
        referrals.append(referral)
        row.referral = referral
        wanted = 12 if row.busiest else rng.choice([1, 1, 2, 2, 3, 3, 4, 5])
        row.agency_ids = _pick(rng, agency_ids, agency_weights, min(wanted, len(agency_ids)))
        agency_links += [(referral.pk, a) for a in row.agency_ids]
        if abuse_type_ids:
            k = min(len(abuse_type_ids), 6 if row.busiest else rng.choice([0, 1, 1, 1, 2, 2, 3]))
            abuse_links += [(referral.pk, a) for a in rng.sample(abuse_type_ids, k)]
    made.counts["referrals"] = save_all(Referral, referrals)
    made.counts["referral abuse types"] = link(Referral.abuse_types, abuse_links)
    made.counts["referral agencies"] = link(Referral.agencies, agency_links)
    reset_sequences(Referral)

    made.counts["scoping requests"] = _scoping_requests(rows, rng, now, staff, leads_of)
    made.counts["recommendations"], made.counts["decisions"], made.counts["outcome letters"] = _decisions(
        rows, rng, now, staff
    )
    ids = {row.review_index: referral.pk for row, referral in zip(rows, referrals, strict=True)}
    made.for_reviews = [ids[i] for i in range(len(for_reviews))]
    return made


def _plan(
    count: int,
    rng: random.Random,
    now: datetime,
    for_reviews: Sequence[tuple[datetime, str]],
    busiest: int | None,
) -> list[_Row]:
    rows: list[_Row] = []
    for index, (set_up_at, outcome) in enumerate(for_reviews):
        decided_at = set_up_at - timedelta(days=rng.uniform(1, 21))
        received_at = decided_at - timedelta(days=rng.uniform(7, 70))
        rows.append(_Row(Status.DECIDED, received_at, outcome, decided_at, index, busiest == index))
    statuses = [status for status, _ in STATUS_WEIGHTS]
    weights = [weight for _, weight in STATUS_WEIGHTS]
    for _ in range(count - len(for_reviews)):
        status = rng.choices(statuses, weights)[0]
        if status == Status.RECEIVED:
            # About a third are past the decision target without having been screened: overdue.
            rows.append(_Row(status, now - timedelta(days=rng.uniform(0.1, 45))))
        elif status == Status.SCREENING:
            rows.append(_Row(status, now - timedelta(days=rng.uniform(3, 80))))
        elif status == Status.AWAITING_DECISION:
            rows.append(_Row(status, now - timedelta(days=rng.uniform(10, 90))))
        elif status == Status.WITHDRAWN:
            rows.append(_Row(status, now - timedelta(days=rng.uniform(5, 3 * 365))))
        else:
            received_at = now - timedelta(days=rng.uniform(20, 3 * 365))
            decided_at = min(received_at + timedelta(days=rng.uniform(5, 50)), now - timedelta(hours=2))
            recent = now - decided_at < timedelta(days=45)
            # Recently decided SARs whose review is not set up yet; otherwise another outcome.
            outcome = rng.choice(REVIEW_OUTCOMES) if recent and rng.random() < 0.4 else rng.choice(OTHER_OUTCOMES)
            rows.append(_Row(status, received_at, outcome, decided_at))
    return rows


def _referrers(rng: random.Random, staff: Staff) -> list[tuple[int, str, str, int | None]]:
    """(id, name, email, agency id) of the volume people who make the professional referrals."""
    pool = rng.sample(staff.everyone, min(len(staff.everyone), 600))
    agency_of = dict(
        Membership.objects.filter(person_id__in=pool, ended_at__isnull=True, agency__isnull=False)
        .order_by("person_id", "pk")
        .values_list("person_id", "agency_id")
    )
    people = Person.objects.filter(pk__in=pool).order_by("pk").values_list("pk", "full_name", "email")
    return [(pk, name, email, agency_of.get(pk)) for pk, name, email in people]


def _agency_leads(agency_ids: list[int]) -> dict[int, list[int]]:
    leads: dict[int, list[int]] = {}
    for agency_id, person_id in (
        Membership.objects.filter(
            role=Role.AGENCY_SAFEGUARDING_LEAD, ended_at__isnull=True, agency_id__in=agency_ids, person__is_active=True
        )
        .order_by("pk")
        .values_list("agency_id", "person_id")
    ):
        leads.setdefault(agency_id, []).append(person_id)
    return leads


def _pick(rng: random.Random, items: list[int], weights: list[float], k: int) -> list[int]:
    """k distinct items, drawn by weight."""
    chosen: list[int] = []
    while len(chosen) < k:
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _referral(
    row: _Row, pk: int, n: int, width: int, rng: random.Random, referrers: list[tuple[int, str, str, int | None]]
) -> Referral:
    received = timezone.localdate(row.received_at)
    if row.outcome == Outcome.MANDATORY_CONDITION_1:
        criterion = Criterion.CONDITION_1
    elif row.outcome == Outcome.MANDATORY_CONDITION_2:
        criterion = Criterion.CONDITION_2
    else:
        criterion = rng.choices([c for c, _ in CRITERION_WEIGHTS], [w for _, w in CRITERION_WEIGHTS])[0]
    died = criterion == Criterion.CONDITION_1 or (criterion != Criterion.CONDITION_2 and rng.random() < 0.3)
    referral = Referral(
        pk=pk,
        status=row.status,
        received_at=row.received_at,
        adult_name=f"{ADULT_PREFIX} {n:0{width}d}",
        adult_date_of_birth=date(rng.randint(1925, 2004), rng.randint(1, 12), rng.randint(1, 28)),
        adult_date_of_death=(received - timedelta(days=rng.randint(10, 200))) if died else None,
        adult_address=f"{rng.randint(1, 200)} Volume Street, Fictional Town" if rng.random() < 0.8 else "",
        adult_postcode=f"ZZ99 {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
        what_happened=rng.choice(WHAT_HAPPENED),
        happened_on=(received - timedelta(days=rng.randint(5, 300))) if rng.random() < 0.6 else None,
        happened_period="" if rng.random() < 0.6 else "Over the months before the referral",
        working_together_concern=rng.choice(CONCERNS),
        criterion=criterion,
        criterion_reasons="Fictional: the referrer's reasons, generated for the benchmark.",
        family_knows=rng.choice(FamilyKnows.values),
    )
    if rng.random() < 0.75 and referrers:
        person_id, name, email, agency_id = rng.choice(referrers)
        referral.source = Source.PROFESSIONAL
        referral.referred_by_id = person_id
        referral.referrer_name = name
        referral.referrer_email = email
        referral.referrer_agency_id = agency_id
        referral.referrer_relationship = rng.choice(PROFESSIONAL_RELATIONSHIPS)
    else:
        referral.source = Source.PUBLIC
        referral.referrer_name = f"Volume referrer {n:0{width}d}"
        referral.referrer_email = f"referrer{n:0{width}d}@{DOMAIN}" if rng.random() < 0.6 else ""
        referral.referrer_phone = f"01632 960{rng.randint(0, 999):03d}" if rng.random() < 0.7 else ""
        referral.referrer_relationship = rng.choice(PUBLIC_RELATIONSHIPS)
    if referral.referrer_email:
        referral.acknowledged_at = row.received_at + timedelta(minutes=rng.uniform(1, 30))
    referral.reference = _reference(referral)
    return referral


def _scoping_requests(
    rows: list[_Row], rng: random.Random, now: datetime, staff: Staff, leads_of: dict[int, list[int]]
) -> int:
    today = timezone.localdate(now)
    working_days = settings.SCOPING_WORKING_DAYS
    requests: list[ScopingRequest] = []
    for row in rows:
        referral = row.referral
        assert referral is not None
        if row.status == Status.RECEIVED:
            continue
        asked = SCREENED_SHARE[row.status]
        if not row.busiest and rng.random() >= asked:
            continue
        end = row.decided_at or now
        statuses: list[str] = []
        for _ in row.agency_ids:
            if row.status == Status.SCREENING:
                statuses.append(rng.choices(RequestStatus.values, [55, 40, 5])[0])
            else:
                statuses.append(RequestStatus.ANSWERED if rng.random() < 0.87 else RequestStatus.WITHDRAWN)
        if row.status == Status.SCREENING and all(s == RequestStatus.WITHDRAWN for s in statuses):
            statuses[0] = RequestStatus.REQUESTED  # screening needs a live request
        for agency_id, status in zip(row.agency_ids, statuses, strict=True):
            requested_at = between(rng, row.received_at, end, 0.02, 0.3)
            due_on = add_working_days(timezone.localdate(requested_at), working_days)
            scoping = ScopingRequest(
                referral_id=referral.pk,
                agency_id=agency_id,
                status=status,
                note="Fictional volume request." if rng.random() < 0.3 else "",
                requested_by_id=rng.choice(staff.managers),
                requested_at=requested_at,
                due_on=due_on,
            )
            if status == RequestStatus.ANSWERED:
                scoping.answered_at = between(rng, requested_at, end, 0.2, 0.95)
                scoping.answered_by_id = rng.choice(leads_of.get(agency_id) or staff.agency_leads)
                scoping.involvement = "Fictional: two outpatient appointments and one admission in the period."
                scoping.concerns = "Fictional: the discharge summary did not reach the community team."
            elif status == RequestStatus.REQUESTED and due_on < today:
                scoping.reminder_count = rng.randint(1, 3)
                scoping.last_reminded_on = due_on + timedelta(days=rng.randint(0, (today - due_on).days))
            requests.append(scoping)
    return save_all(ScopingRequest, requests)


def _decisions(rows: list[_Row], rng: random.Random, now: datetime, staff: Staff) -> tuple[int, int, int]:
    """The subgroup's recommendations, the chair's decisions and the letters to the referrers."""
    recommendations: list[Recommendation] = []
    decisions: list[Decision] = []
    letters: list[OutcomeLetter] = []
    for row in rows:
        referral = row.referral
        assert referral is not None
        if row.status == Status.AWAITING_DECISION and rng.random() < 0.6:
            outcome = rng.choice(REVIEW_OUTCOMES + OTHER_OUTCOMES)
            recommendations.append(
                _recommendation(referral, outcome, between(rng, row.received_at, now, 0.5, 0.95), rng, staff)
            )
        if row.status != Status.DECIDED or row.decided_at is None:
            continue
        agreed = rng.random() < 0.85
        recommended = row.outcome if agreed else rng.choice(REVIEW_OUTCOMES + OTHER_OUTCOMES)
        recommended_at = between(rng, row.received_at, row.decided_at, 0.5, 0.95)
        recommendations.append(_recommendation(referral, recommended, recommended_at, rng, staff))
        other = rng.choice(OtherProcess.values) if row.outcome == Outcome.OTHER_PROCESS else ""
        decisions.append(
            Decision(
                referral_id=referral.pk,
                outcome=row.outcome,
                other_process=other,
                reasons="Fictional: the chair's reasons, generated for the benchmark.",
                decided_by_id=rng.choice(staff.chairs),
                decided_at=row.decided_at,
            )
        )
        # Every decision drafts a letter (as decisions.decide does); most have been sent.
        letter = OutcomeLetter(
            referral_id=referral.pk,
            body=f"Fictional letter to the referrer about referral {referral.reference}: the Board's decision.",
            drafted_at=row.decided_at,
        )
        if now - row.decided_at > timedelta(days=14) and rng.random() > 0.03:
            letter.status = LetterStatus.SENT if referral.referrer_email and rng.random() < 0.8 else LetterStatus.POSTED
            letter.reviewed_by_id = rng.choice(staff.managers)
            letter.sent_at = min(row.decided_at + timedelta(days=rng.uniform(1, 10)), now)
        elif rng.random() < 0.3:
            letter.reviewed_by_id = rng.choice(staff.managers)
        letters.append(letter)
    return save_all(Recommendation, recommendations), save_all(Decision, decisions), save_all(OutcomeLetter, letters)


def _recommendation(referral: Referral, outcome: str, at: datetime, rng: random.Random, staff: Staff) -> Recommendation:
    return Recommendation(
        referral_id=referral.pk,
        outcome=outcome,
        other_process=rng.choice(OtherProcess.values) if outcome == Outcome.OTHER_PROCESS else "",
        reasons="Fictional: the subgroup's reasons, generated for the benchmark.",
        recommended_by_id=rng.choice(staff.subgroup),
        recommended_at=at,
    )
