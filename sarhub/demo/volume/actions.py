"""seed_volume's action plan (fictional): actions answering the reviews' recommendations, with their
progress history, and some of the Board's decisions not to implement recommendations it did not accept.

About ACTIONS_PER_RECOMMENDATION actions answer each recommendation the Board has not refused (for a
share of the refused ones on signed-off reviews, a NotImplemented decision is recorded instead). Each is
owned by one of the agencies the recommendation is addressed to, or by the Board, and led by a volume
agency safeguarding lead of that agency (the Board's, led by a business unit person, where the agency has
no lead: an action is led by someone of its owner). Actions are created after the
recommendation (and after the Board's sign-off, if any) and due one month to a year later, so due dates
spread either side of today. Statuses follow the dates as the services would leave them: most long-overdue
actions are assured complete, recent ones not started or on track; completed ones have a completion date,
assured ones an assurance and an impact-check date (and, once that has passed, usually an impact outcome).
Each action that has moved has a few progress updates ending in its status. Every status appears whatever
the volume. Ids are assigned here, so the updates need no read-back; everything is written with
bulk_create in batches (a constant number of queries per batch).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sarhub.actions.models import Action, NotImplemented, ProgressUpdate, Status
from sarhub.core.roles import Role
from sarhub.demo.volume.referrals import Staff, between, next_id, reset_sequences, save_all
from sarhub.partnership.models import Membership
from sarhub.reviews.models import ResponseStatus, ReviewRecommendation

ACTIONS_PER_RECOMMENDATION = 1.2  # one, sometimes two, rarely three
ACTION_COUNT_WEIGHTS = [(1, 82), (2, 16), (3, 2)]
STATUSES = list(Status)
# The share of recommendations not accepted on signed-off reviews with a recorded decision not to implement.
DECISION_SHARE = 0.3

# Weights by where the due date stands: long overdue (over six months), overdue, or not yet due; and for
# actions created in the past fortnight.
LONG_OVERDUE = {
    Status.ASSURED: 80,
    Status.AWAITING_ASSURANCE: 2,
    Status.NOT_IMPLEMENTED: 6,
    Status.OFF_TRACK: 5,
    Status.AT_RISK: 2,
    Status.ON_TRACK: 3,
    Status.NOT_STARTED: 2,
}
OVERDUE = {
    Status.ASSURED: 50,
    Status.AWAITING_ASSURANCE: 10,
    Status.NOT_IMPLEMENTED: 3,
    Status.OFF_TRACK: 12,
    Status.AT_RISK: 9,
    Status.ON_TRACK: 10,
    Status.NOT_STARTED: 6,
}
NOT_YET_DUE = {
    Status.ASSURED: 8,
    Status.AWAITING_ASSURANCE: 8,
    Status.NOT_IMPLEMENTED: 2,
    Status.OFF_TRACK: 5,
    Status.AT_RISK: 12,
    Status.ON_TRACK: 40,
    Status.NOT_STARTED: 25,
}
JUST_MADE = {Status.NOT_STARTED: 70, Status.ON_TRACK: 30}

WHAT = [
    "Fictional: agree a joint referral route for fire risk with the fire service.",
    "Fictional: add a carer's assessment prompt to the first-contact form.",
    "Fictional: train front-line staff in assessing mental capacity for specific decisions.",
    "Fictional: share discharge summaries with every agency involved in the person's care.",
    "Fictional: audit how self-neglect cases are escalated, and report to the Board.",
    "Fictional: update the multi-agency risk management guidance and brief every team.",
    "Fictional: include hoarding in the safeguarding training for housing officers.",
]
MEASURES = [
    "Fictional: an audit of 50 cases shows the new practice in 45.",
    "Fictional: 80% of front-line staff trained within six months.",
    "Fictional: a quarterly report to the Board's quality subgroup.",
    "Fictional: the guidance published and every team briefed.",
]
PROGRESS_NOTES = [
    "Fictional: work has started; a task group has met twice.",
    "Fictional: draft guidance circulated for comment.",
    "Fictional: training dates booked; first session held.",
    "Fictional: waiting for the systems team to make the change.",
    "Fictional: progress slower than planned because of staffing.",
]
SETBACK_NOTES = [
    "Fictional: the lead left; a new lead is being found.",
    "Fictional: the funding for the training was not agreed.",
    "Fictional: the system change was deferred to next year.",
]
COMPLETION_NOTES = [
    "Fictional: complete; the audit report is attached as evidence.",
    "Fictional: complete; training records and the guidance are attached.",
]
ASSURED_NOTES = ["Fictional: the evidence shows the change is in place."]
IMPACT_NOTES = [
    "Fictional: a re-audit found the new practice in 46 of 50 cases.",
    "Fictional: referrals under the new route rose by a third; feedback from practitioners is good.",
    "Fictional: the re-audit found little change; a further action was agreed.",
]
NOT_IMPLEMENTED_NOTES = [
    "Fictional: overtaken by a national change; the Board will monitor it through the performance report.",
    "Fictional: the Board agreed another action answers the same risk.",
]
NOT_ACCEPTED_REASONS = [
    "Fictional: the Board did not accept the recommendation; existing guidance already covers it.",
    "Fictional: the Board did not accept the recommendation; it would duplicate the regional protocol.",
]


def _weighted(rng: random.Random, weights: dict[Status, int]) -> Status:
    return rng.choices(list(weights), list(weights.values()))[0]


def _at(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59))))


def _status(rng: random.Random, forced: Status | None, created: datetime, due: date, now: datetime) -> Status:
    today = timezone.localdate(now)
    if forced is not None:
        return forced
    if now - created < timedelta(days=14):
        return _weighted(rng, JUST_MADE)
    if due < today - timedelta(days=180):
        return _weighted(rng, LONG_OVERDUE)
    return _weighted(rng, OVERDUE if due < today else NOT_YET_DUE)


Step = tuple[str, Status, str]  # (kind, status after, note)


def _path(status: Status, rng: random.Random) -> list[Step]:
    """(kind, status after, note) for each update from not started to the status, oldest first."""
    progress: str = ProgressUpdate.Kind.PROGRESS
    if status == Status.NOT_STARTED:
        return [(progress, Status.NOT_STARTED, rng.choice(PROGRESS_NOTES))] if rng.random() < 0.2 else []
    steps: list[Step] = [(progress, Status.ON_TRACK, rng.choice(PROGRESS_NOTES)) for _ in range(rng.randint(0, 2))]
    if status == Status.ON_TRACK:
        return steps or [(progress, Status.ON_TRACK, rng.choice(PROGRESS_NOTES))]
    if status == Status.AT_RISK:
        return [*steps, (progress, Status.AT_RISK, rng.choice(SETBACK_NOTES))]
    if status == Status.OFF_TRACK:
        return [*steps, (progress, Status.OFF_TRACK, rng.choice(SETBACK_NOTES))]
    if status == Status.NOT_IMPLEMENTED:
        return [
            *steps,
            (ProgressUpdate.Kind.NOT_IMPLEMENTED, Status.NOT_IMPLEMENTED, rng.choice(NOT_IMPLEMENTED_NOTES)),
        ]
    completed: Step = (progress, Status.AWAITING_ASSURANCE, rng.choice(COMPLETION_NOTES))
    if status == Status.AWAITING_ASSURANCE:
        return [*steps, completed]
    return [*steps, completed, (ProgressUpdate.Kind.ACCEPTED, Status.ASSURED, rng.choice(ASSURED_NOTES))]


def _clamp(moment: datetime, low: datetime, high: datetime) -> datetime:
    return max(low, min(moment, high))


def _build(
    action: Action, status: Status, rng: random.Random, now: datetime, manager: int
) -> tuple[list[ProgressUpdate], dict[str, Any]]:
    """The updates and the dates that follow from the status (completion, assurance, impact)."""
    today = timezone.localdate(now)
    created = action.created_at
    latest = now - timedelta(minutes=10)
    soonest = created + (latest - created) * 0.1
    path = _path(status, rng)
    completion: datetime | None = None
    if status == Status.AWAITING_ASSURANCE:
        # Reported complete in the past six weeks (some waiting long enough to be escalated).
        completion = _clamp(now - timedelta(days=rng.triangular(0, 42, 3)), soonest, latest)
    elif status == Status.ASSURED:
        # Completed around the due date.
        completion = _clamp(_at(action.due_on, rng) + timedelta(days=rng.randint(-40, 25)), soonest, latest)
    moments: list[datetime] = []
    if completion is None:
        moments = sorted(between(rng, created, latest, 0.05, 1.0) for _ in path)
    else:
        done = next(i for i, step in enumerate(path) if step[1] == Status.AWAITING_ASSURANCE)
        moments = sorted(between(rng, created, completion, 0.05, 0.95) for _ in path[:done])
        moments.append(completion)
        for _ in path[done + 1 :]:  # the acceptance, some days later
            moments.append(_clamp(completion + timedelta(days=rng.randint(1, 20)), completion, now))
    updates: list[ProgressUpdate] = []
    before = Status.NOT_STARTED
    for (kind, after, note), at in zip(path, moments, strict=True):
        updates.append(
            ProgressUpdate(
                action_id=action.pk,
                kind=kind,
                status_before=before,
                status_after=after,
                note=note,
                created_by_id=action.lead_id if kind == ProgressUpdate.Kind.PROGRESS else manager,
                created_at=at,
            )
        )
        before = after
    fields: dict[str, Any] = {}
    if completion is not None:
        fields["completed_on"] = timezone.localdate(completion)
    if status == Status.ASSURED:
        assured = updates[-1].created_at
        check = timezone.localdate(assured) + timedelta(days=rng.randint(60, 180))
        fields.update(assured_at=assured, assured_by_id=manager, impact_check_on=check)
        if check <= today and rng.random() < 0.7:
            recorded = _clamp(_at(check, rng) + timedelta(days=rng.randint(0, 14)), assured, now)
            outcome = rng.choice(IMPACT_NOTES)
            fields.update(impact_outcome=outcome, impact_recorded_at=recorded)
            updates.append(
                ProgressUpdate(
                    action_id=action.pk,
                    kind=ProgressUpdate.Kind.IMPACT,
                    status_before=Status.ASSURED,
                    status_after=Status.ASSURED,
                    note=outcome,
                    created_by_id=manager,
                    created_at=recorded,
                )
            )
    if status == Status.NOT_IMPLEMENTED:
        fields["not_implemented_reason"] = updates[-1].note
    return updates, fields


def make_actions(*, rng: random.Random, now: datetime, staff: Staff) -> dict[str, int]:
    # Three reads, whatever the volume: the recommendations without a plan yet, who they are addressed
    # to, and the agency leads.
    planned = Action.objects.filter(recommendation__isnull=False).values("recommendation_id")
    recommendations = list(
        ReviewRecommendation.objects.exclude(pk__in=planned)
        .order_by("pk")
        .values_list("pk", "review_id", "to_board", "response", "created_at", "responded_at", "review__signed_off_on")
    )
    through = ReviewRecommendation.agencies.through
    addressed: dict[int, list[int]] = defaultdict(list)
    for recommendation_id, agency_id in (
        through.objects.filter(reviewrecommendation_id__in=[r[0] for r in recommendations])
        .order_by("pk")
        .values_list("reviewrecommendation_id", "agency_id")
    ):
        addressed[recommendation_id].append(agency_id)
    volume_people = set(staff.everyone)
    leads_of: dict[int, list[int]] = defaultdict(list)
    for agency_id, person_id in (
        Membership.objects.filter(role=Role.AGENCY_SAFEGUARDING_LEAD, ended_at__isnull=True, agency__isnull=False)
        .order_by("pk")
        .values_list("agency_id", "person_id")
    ):
        if person_id in volume_people:
            leads_of[agency_id].append(person_id)

    counts = [n for n, _ in ACTION_COUNT_WEIGHTS]
    count_weights = [w for _, w in ACTION_COUNT_WEIGHTS]
    start = next_id(Action)
    actions: list[Action] = []
    updates: list[ProgressUpdate] = []
    decisions: list[NotImplemented] = []
    for pk, review_id, to_board, response, created_at, responded_at, signed_off_on in recommendations:
        manager = rng.choice(staff.managers)
        if response == ResponseStatus.NOT_ACCEPTED:
            # No actions. For some, on signed-off reviews, the Board recorded a decision not to implement.
            if signed_off_on is None or rng.random() >= DECISION_SHARE:
                continue
            decided = responded_at or created_at
            decisions.append(
                NotImplemented(
                    review_id=review_id,
                    recommendation_id=pk,
                    reasons=rng.choice(NOT_ACCEPTED_REASONS),
                    decided_on=timezone.localdate(decided),
                    recorded_by_id=manager,
                    recorded_at=decided,
                )
            )
            continue
        # The plan is drawn up after the recommendation, and after the Board's sign-off if there is one.
        earliest = created_at
        if signed_off_on is not None:
            earliest = max(earliest, _at(signed_off_on, rng))
        earliest = min(earliest, now - timedelta(hours=2))
        owners: list[int | None] = [*addressed.get(pk, [])]
        if to_board or not owners:
            owners.append(None)
        rng.shuffle(owners)
        for n in range(rng.choices(counts, count_weights)[0]):
            owner = owners[n % len(owners)]
            candidates = leads_of.get(owner, []) if owner is not None else []
            if not candidates:
                owner = None  # an action is led by someone of its owner: with no lead there, it is the Board's
            lead = rng.choice(candidates) if candidates else rng.choice(staff.managers)
            created = min(earliest + timedelta(days=rng.uniform(0, 30)), now - timedelta(hours=1))
            due = timezone.localdate(created) + timedelta(days=rng.randint(30, 365))
            index = len(actions)
            forced = STATUSES[index] if index < len(STATUSES) else None
            status = _status(rng, forced, created, due, now)
            action = Action(
                pk=start + index,
                review_id=review_id,
                recommendation_id=pk,
                what=rng.choice(WHAT),
                owner_agency_id=owner,
                lead_id=lead,
                due_on=due,
                success_measure=rng.choice(MEASURES),
                status=status,
                created_by_id=manager,
                created_at=created,
                updated_by_id=manager,
                updated_at=created,
            )
            made, fields = _build(action, status, rng, now, manager)
            for name, value in fields.items():
                setattr(action, name, value)
            if made:
                last = max(made, key=lambda u: u.created_at)
                action.updated_at, action.updated_by_id = last.created_at, last.created_by_id
            action.version = 1 + len(made)
            actions.append(action)
            updates.extend(made)
    written = {"actions": save_all(Action, actions)}
    reset_sequences(Action)
    written["action progress updates"] = save_all(ProgressUpdate, updates)
    written["decisions not to implement"] = save_all(NotImplemented, decisions)
    return written
