"""Your tasks: what is waiting for this person, drawn from each app's own rules.

Every list is built with the same permission checks as the pages it links to, so a task never shows
something the person could not open. Each group shows the first few (oldest or most overdue first)
and, when there are more, says so and links to the full list where one exists.

Each group is one light query compiled once (sarhub/core/prepared.py) that reads only references,
names and dates, never a confidential field, with its links made without reverse() per row: with
thousands of referrals and reviews the page stays as quick as any other (docs/performance.md).
Overdue is decided in Python from rows read in date order, so the queries need no date parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from sarhub.actions import permissions as action_permissions
from sarhub.actions.models import OPEN_STATUSES
from sarhub.actions.models import Action as PlanAction
from sarhub.actions.models import Status as ActionStatus
from sarhub.briefings.models import AgencyCascade, BriefingProposal
from sarhub.core.components import body, concat, heading, link, tag, task_list, task_list_item
from sarhub.core.links import url_maker
from sarhub.core.prepared import Prepared
from sarhub.core.roles import Role, role_phrase
from sarhub.events.models import EventInvitation, EventStatus, LearningEvent, Reply
from sarhub.partnership import selectors as partnership_selectors
from sarhub.publication import permissions as publication_permissions
from sarhub.publication.models import PublicationProposal
from sarhub.publication.models import Status as GateStatus
from sarhub.referrals import permissions as referral_permissions
from sarhub.referrals.models import LetterStatus, OutcomeLetter, Referral, RequestStatus, ScopingRequest, Status
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import (
    REQUEST_KIND_LABELS,
    STAGE_LABELS,
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    RequestKind,
    Review,
    Stage,
    StageMoveRequest,
    StagePlan,
)

SHOWN = 10  # tasks shown per group; the rest are counted as "more" and reached through the full list
OVERDUE = tag("Overdue", "red")
TO_DO = tag("To do", "blue")


@dataclass
class Task:
    title: str
    url: str
    detail: str = ""
    overdue: bool = False


@dataclass
class TaskGroup:
    heading: str
    tasks: list[Task] = field(default_factory=list)
    more: bool = False
    all_url: str = ""


def _group(heading: str, tasks: Iterable[Task], all_url: str = "") -> TaskGroup:
    items = list(tasks)
    return TaskGroup(heading, items[:SHOWN], more=len(items) > SHOWN, all_url=all_url)


def _day(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return f"{value:%-d %B %Y}"


# --- The queries: ids in, a few plain columns out, at most SHOWN + 1 rows (SHOWN + 1 tells "more") ----

_MORE = SHOWN + 1

SCOPING_FOR_AGENCY = Prepared(
    lambda agency_id: (
        ScopingRequest.objects.filter(agency_id=agency_id, status=RequestStatus.REQUESTED)
        .order_by("due_on", "id")
        .values_list("id", "referral__reference", "agency__name", "due_on")[:_MORE]
    )
)
REVIEW_REQUESTS_FOR_AGENCY = Prepared(
    lambda agency_id: (
        AgencyRequest.objects.filter(agency_id=agency_id, status=AgencyRequestStatus.REQUESTED)
        .order_by("due_on", "id")
        .values_list("id", "review__reference", "review__pseudonym", "kind", "agency__name", "due_on")[:_MORE]
    )
)
CASCADES_FOR_AGENCY = Prepared(
    lambda agency_id: (
        AgencyCascade.objects.filter(agency_id=agency_id, records__isnull=True)
        .order_by("circulation__due_on", "id")
        .values_list("id", "circulation__version__title", "agency__name", "circulation__due_on")[:_MORE]
    )
)
NOT_AMENDED_FOR_AGENCY = Prepared(
    lambda agency_id: (
        AccuracyComment.objects.filter(
            request__agency_id=agency_id,
            outcome=CommentOutcome.NOT_AMENDED,
            disputed_at__isnull=True,
            request__review__stage=Stage.FACTUAL_ACCURACY,
        )
        .order_by("responded_at", "id")
        .values_list("request_id", "request__review__reference", "request__review__pseudonym", "number")[:_MORE]
    )
)
AWAITING_DECISION = Prepared(
    lambda: (
        Referral.objects.filter(status=Status.AWAITING_DECISION)
        .order_by("received_at", "id")
        .values_list("id", "reference", "received_at")[:_MORE]
    )
)
TO_RECOMMEND = Prepared(
    lambda: (
        Referral.objects.filter(status__in=[Status.SCREENING, Status.AWAITING_DECISION], recommendation__isnull=True)
        .order_by("received_at", "id")
        .values_list("id", "reference", "status")[:_MORE]
    )
)
NEW_REFERRALS = Prepared(
    lambda: (
        Referral.objects.filter(status=Status.RECEIVED)
        .order_by("received_at", "id")
        .values_list("id", "reference", "received_at")[:_MORE]
    )
)
TO_JUDGE = Prepared(
    lambda: (
        Referral.objects.filter(status__in=[Status.RECEIVED, Status.SCREENING], criterion="", screening_criterion="")
        .order_by("received_at", "id")
        .values_list("id", "reference", "received_at")[:_MORE]
    )
)
OPEN_SCOPING = Prepared(
    lambda: (
        ScopingRequest.objects.filter(status=RequestStatus.REQUESTED)
        .order_by("due_on", "id")
        .values_list("referral_id", "referral__reference", "agency__name", "due_on")[:_MORE]
    )
)
DRAFT_LETTERS = Prepared(
    lambda: (
        OutcomeLetter.objects.filter(status=LetterStatus.DRAFT)
        .order_by("drafted_at", "id")
        .values_list("referral_id", "referral__reference")[:_MORE]
    )
)
OPEN_STAGES = Prepared(
    lambda: (
        StagePlan.objects.filter(
            actual_start__isnull=False,
            actual_end__isnull=True,
        )
        .exclude(review__stage=Stage.COMPLETE)
        .order_by("planned_end", "id")
        .values_list("review_id", "review__reference", "review__pseudonym", "stage", "planned_end")[:_MORE]
    )
)
OPEN_STAGES_OF_REVIEW = Prepared(
    lambda review_id: (
        StagePlan.objects.filter(actual_start__isnull=False, actual_end__isnull=True, review_id=review_id)
        .exclude(review__stage=Stage.COMPLETE)
        .values_list("review_id", "review__reference", "review__pseudonym", "stage", "planned_end")
    )
)
# Every open comment, read through the partial index on open comments (a few hundred at most: only
# reviews in their factual-accuracy round have any); those on comments not yet sent are left out here.
OPEN_COMMENTS = Prepared(
    lambda: AccuracyComment.objects.filter(outcome=CommentOutcome.OPEN).values_list(
        "id",
        "request_id",
        "request__review__reference",
        "request__review__pseudonym",
        "number",
        "request__agency__name",
        "request__status",
        "request__submitted_at",
    )
)
COMMENTS_TO_ANSWER_ON_REVIEW = Prepared(
    lambda review_id: (
        AccuracyComment.objects.filter(
            outcome=CommentOutcome.OPEN, request__status=AgencyRequestStatus.SUBMITTED, request__review_id=review_id
        )
        .order_by("request__submitted_at", "number")
        .values_list(
            "id",
            "request_id",
            "request__review__reference",
            "request__review__pseudonym",
            "number",
            "request__agency__name",
        )
    )
)
MOVES_ASKED = Prepared(
    lambda: (
        StageMoveRequest.objects.filter(settled_at__isnull=True)
        .order_by("requested_at", "id")
        .values_list("review_id", "review__reference", "review__pseudonym", "to_stage", "requested_at")[:_MORE]
    )
)
RETURNS_TO_CHECK = Prepared(
    lambda: (
        AgencyRequest.objects.filter(
            kind__in=[RequestKind.CHRONOLOGY, RequestKind.IMR],
            status=AgencyRequestStatus.SUBMITTED,
            accepted_at__isnull=True,
        )
        .order_by("submitted_at", "id")
        .values_list("id", "review_id", "review__reference", "review__pseudonym", "kind", "agency__name")
    )
)
WAITING_REQUESTS = Prepared(
    lambda: (
        AgencyRequest.objects.filter(status=AgencyRequestStatus.REQUESTED)
        .order_by("due_on", "id")
        .values_list("id", "review__reference", "review__pseudonym", "kind", "agency__name", "due_on")[:_MORE]
    )
)
WAITING_REQUESTS_ON_REVIEW = Prepared(
    lambda review_id: (
        AgencyRequest.objects.filter(status=AgencyRequestStatus.REQUESTED, review_id=review_id)
        .order_by("due_on", "id")
        .values_list("id", "review__reference", "review__pseudonym", "kind", "agency__name", "due_on")
    )
)


EVENT_INVITATIONS_FOR_PERSON = Prepared(
    lambda person_id: (
        EventInvitation.objects.filter(person_id=person_id, event__status=EventStatus.PLANNED)
        .exclude(reply__in=[Reply.DECLINED, Reply.NOMINATED])
        .order_by("event__starts_at", "id")
        .values_list(
            "event_id",
            "event__review__reference",
            "event__review__pseudonym",
            "event__starts_at",
            "event__collation_closed_at",
            "reply",
            "reflection__id",
            "reflection__withdrawn_at",
            "evaluation__id",
        )[:_MORE]
    )
)
EVENTS_TO_COLLATE = Prepared(
    lambda: (
        LearningEvent.objects.filter(status=EventStatus.PLANNED, collation_closed_at__isnull=True)
        .order_by("starts_at", "id")
        .values_list("id", "review_id", "review__reference", "review__pseudonym", "starts_at")[:_MORE]
    )
)


# The chair's approvals: proposals waiting for the second person's decision (reviews and briefings).
REVIEW_PROPOSALS = Prepared(
    lambda: (
        PublicationProposal.objects.filter(status=GateStatus.PROPOSED)
        .order_by("proposed_at", "id")
        .values_list("review_id", "review__reference", "review__pseudonym", "proposed_by_id", "proposed_at")[:_MORE]
    )
)
BRIEFING_PROPOSALS = Prepared(
    lambda: (
        BriefingProposal.objects.filter(status=GateStatus.PROPOSED)
        .order_by("proposed_at", "id")
        .values_list("briefing_id", "version__title", "proposed_by_id", "proposed_at")[:_MORE]
    )
)
# The business unit's watch over the action plan and the briefings' cascade.
ACTIONS_TO_ASSURE = Prepared(
    lambda: (
        PlanAction.objects.filter(status=ActionStatus.AWAITING_ASSURANCE)
        .order_by("completed_on", "id")
        .values_list("id", "review__reference", "owner_agency__name", "completed_on")[:_MORE]
    )
)
OPEN_ACTIONS_BY_DUE = Prepared(
    lambda: (
        PlanAction.objects.filter(status__in=OPEN_STATUSES)
        .order_by("due_on", "id")
        .values_list("id", "review__reference", "owner_agency__name", "due_on")[:_MORE]
    )
)
CASCADES_WITHOUT_RESPONSE = Prepared(
    lambda: (
        AgencyCascade.objects.filter(records__isnull=True)
        .order_by("circulation__due_on", "id")
        .values_list("circulation_id", "circulation__version__title", "agency__name", "circulation__due_on")[:_MORE]
    )
)


def _approval_tasks(user: Any) -> list[Task]:
    """Proposals the person may decide: never their own (the two-person rule)."""
    review_link = url_maker("publication:for-review")
    briefing_link = url_maker("briefings:detail")
    rows = [
        (at, Task(f"{ref} ({pseudonym}): publication", review_link(pk), f"Proposed {_day(at)}"))
        for pk, ref, pseudonym, proposer, at in REVIEW_PROPOSALS.rows()
        if proposer != user.pk
    ] + [
        (at, Task(f"7-minute briefing: {title}", briefing_link(pk), f"Proposed {_day(at)}"))
        for pk, title, proposer, at in BRIEFING_PROPOSALS.rows()
        if proposer != user.pk
    ]
    return [task for _, task in sorted(rows, key=lambda row: row[0])]


def _plan_tasks(today: date) -> list[TaskGroup]:
    action_link = url_maker("actions:detail")
    board = "The Board"
    circulation_link = url_maker("briefings:circulation")
    return [
        _group(
            "Actions waiting for assurance",
            (
                Task(f"{ref}: action {pk}", action_link(pk), f"{agency or board}, reported complete {_day(done)}")
                for pk, ref, agency, done in ACTIONS_TO_ASSURE.rows()
                if done is not None
            ),
            reverse("actions:plan") + f"?status={ActionStatus.AWAITING_ASSURANCE}",
        ),
        _group(
            "Overdue actions",
            (
                Task(f"{ref}: action {pk}", action_link(pk), f"{agency or board}, due {_day(due)}", True)
                for pk, ref, agency, due in _overdue_first(OPEN_ACTIONS_BY_DUE.rows(), 3, today)
            ),
            reverse("actions:plan") + "?rag=red",
        ),
        _group(
            "7-minute briefings agencies have not reported sharing",
            (
                Task(title, circulation_link(pk), f"{agency}: no team recorded, asked by {_day(due)}", True)
                for pk, title, agency, due in _overdue_first(CASCADES_WITHOUT_RESPONSE.rows(), 3, today)
            ),
            reverse("briefings:list"),
        ),
    ]


def _event_tasks(user: Any, now: datetime) -> list[Task]:
    tasks = []
    link = url_maker("events:detail")
    for (
        event_id,
        ref,
        pseudonym,
        starts,
        closed,
        reply,
        reflection,
        withdrawn,
        evaluation,
    ) in EVENT_INVITATIONS_FOR_PERSON.rows(user.pk):
        name = f"{ref} ({pseudonym}), {_day(starts)}"
        if reply == Reply.AWAITING and starts > now:
            tasks.append(Task(f"Reply to the learning event invitation: {name}", link(event_id)))
        elif reply == Reply.ACCEPTED and closed is None and (reflection is None or withdrawn is not None):
            tasks.append(Task(f"Write your reflection: {name}", link(event_id), "Only you and the review team read it"))
        elif reply == Reply.ACCEPTED and starts <= now and evaluation is None:
            tasks.append(Task(f"Tell us how the learning event went: {name}", link(event_id)))
    return tasks


def _merged(rows_by_key: Iterable[list[tuple[Any, ...]]], key: Callable[[tuple[Any, ...]], Any]) -> list[Any]:
    return sorted((row for rows in rows_by_key for row in rows), key=key)


def _overdue_first(rows: list[tuple[Any, ...]], due_index: int, today: date) -> list[tuple[Any, ...]]:
    """Rows in date order, only those already past their date."""
    return [row for row in rows if row[due_index] < today]


def tasks_for(user: Any) -> list[TaskGroup]:
    groups: list[TaskGroup] = []
    today = timezone.localdate()

    now = timezone.now()
    event_tasks = _event_tasks(user, now)
    if event_tasks:
        groups.append(_group("Learning events", event_tasks))

    leads = [a.pk for a in referral_permissions.agency_lead_agencies(user)]
    if leads:
        request_link = url_maker("referrals:request")
        rows = _merged((SCOPING_FOR_AGENCY.rows(a) for a in leads), key=lambda r: (r[3], r[0]))
        groups.append(
            _group(
                "Scoping summaries to send",
                (
                    Task(f"{ref}: {agency}", request_link(pk), f"Due {_day(due)}", due < today)
                    for pk, ref, agency, due in rows
                ),
                reverse("referrals:requests"),
            )
        )
        review_request_link = url_maker("reviews:request")
        rows = _merged((REVIEW_REQUESTS_FOR_AGENCY.rows(a) for a in leads), key=lambda r: (r[5], r[0]))
        groups.append(
            _group(
                "Review requests to answer",
                (
                    Task(
                        f"{ref} ({pseudonym}): {REQUEST_KIND_LABELS.get(kind, kind)}",
                        review_request_link(pk),
                        f"{agency}, due {_day(due)}",
                        due < today,
                    )
                    for pk, ref, pseudonym, kind, agency, due in rows
                ),
                reverse("reviews:requests"),
            )
        )
        cascade_link = url_maker("briefings:cascade")
        rows = _merged((CASCADES_FOR_AGENCY.rows(a) for a in leads), key=lambda r: (r[3], r[0]))
        groups.append(
            _group(
                "7-minute briefings to share with your teams",
                (
                    Task(title, cascade_link(pk), f"{agency}, share by {_day(due)}", due < today)
                    for pk, title, agency, due in rows
                ),
                reverse("briefings:list"),
            )
        )
        comments_link = url_maker("reviews:request", fragment="comments")
        rows = [row for a in leads for row in NOT_AMENDED_FOR_AGENCY.rows(a)]
        groups.append(
            _group(
                "Comments on draft reports the review team did not accept",
                (
                    Task(
                        f"{ref} ({pseudonym}): comment {number}",
                        comments_link(request_id),
                        "Read the response; record a dispute if your agency still disagrees",
                    )
                    for request_id, ref, pseudonym, number in rows
                ),
            )
        )

    referral_link = url_maker("referrals:detail")
    if referral_permissions.can_decide(user):
        groups.append(
            _group(
                "Referrals waiting for your decision",
                (
                    Task(ref, referral_link(pk), f"Referred {_day(received)}")
                    for pk, ref, received in AWAITING_DECISION.rows()
                ),
                reverse("referrals:list") + f"?status={Status.AWAITING_DECISION}",
            )
        )

    if publication_permissions.can_approve(user):
        groups.append(_group("Waiting for your approval to publish", _approval_tasks(user)))

    grants = partnership_selectors.grants_to_confirm(user)
    if grants:
        person_link = url_maker("partnership:person-detail", fragment="pending-roles")
        groups.append(
            _group(
                "Roles waiting for a second person to confirm",
                (
                    Task(
                        f"{grant.person.full_name}: {role_phrase(grant.role)}",
                        person_link(grant.person_id),
                        f"Proposed {_day(grant.proposed_at)}. Confirm it only if you know it is right.",
                    )
                    for grant in grants
                ),
            )
        )

    if user.has_role(Role.SAR_SUBGROUP_MEMBER):
        labels = {value: str(label) for value, label in Status.choices}
        groups.append(
            _group(
                "Referrals needing the subgroup's recommendation",
                (Task(ref, referral_link(pk), labels.get(status, status)) for pk, ref, status in TO_RECOMMEND.rows()),
            )
        )

    if referral_permissions.can_manage_referrals(user):
        groups.append(
            _group(
                "New referrals to screen",
                (
                    Task(ref, referral_link(pk), f"Received {_day(received)}")
                    for pk, ref, received in NEW_REFERRALS.rows()
                ),
                reverse("referrals:list") + f"?status={Status.RECEIVED}",
            )
        )
        judgement_link = url_maker("referrals:judgement")
        groups.append(
            _group(
                "Referrals needing your judgement of section 44",
                (
                    Task(ref, judgement_link(pk), f"From the public, received {_day(received)}")
                    for pk, ref, received in TO_JUDGE.rows()
                ),
            )
        )
        groups.append(
            _group(
                "Overdue scoping summaries",
                (
                    Task(f"{ref}: {agency}", referral_link(referral_id), f"Due {_day(due)}", True)
                    for referral_id, ref, agency, due in _overdue_first(OPEN_SCOPING.rows(), 3, today)
                ),
                reverse("referrals:list") + "?overdue=1",
            )
        )
        letter_link = url_maker("referrals:letter")
        groups.append(
            _group(
                "Decision letters to send",
                (Task(ref, letter_link(referral_id)) for referral_id, ref in DRAFT_LETTERS.rows()),
            )
        )

    if action_permissions.can_manage_actions(user):
        groups.extend(_plan_tasks(today))

    review_ids = None if review_permissions.sees_all_reviews(user) else review_permissions.team_review_ids(user)
    if review_ids is None or review_ids:
        review_link = url_maker("reviews:detail")
        if review_ids is None:
            open_stages = OPEN_STAGES.rows()
        else:
            open_stages = _merged((OPEN_STAGES_OF_REVIEW.rows(r) for r in review_ids), key=lambda r: (r[4], r[0]))
        groups.append(
            _group(
                "Reviews running late",
                (
                    Task(
                        f"{ref}: {pseudonym}",
                        review_link(review_id),
                        f"{STAGE_LABELS.get(stage, stage)} was due to finish {_day(planned_end)}",
                        True,
                    )
                    for review_id, ref, pseudonym, stage, planned_end in open_stages
                    if planned_end is not None and planned_end < today
                ),
                reverse("reviews:list") + "?late=1",
            )
        )
        editing = None if review_permissions.can_manage_reviews(user) else user.review_ids_for(Role.LEAD_REVIEWER)
        if editing is None or editing:
            if editing is None:
                sent = [row for row in OPEN_COMMENTS.rows() if row[6] == AgencyRequestStatus.SUBMITTED]
                comments = [row[:6] for row in sorted(sent, key=lambda r: (r[7], r[4]))][:_MORE]
                waiting = WAITING_REQUESTS.rows()
            else:
                comments = [row for r in sorted(editing) for row in COMMENTS_TO_ANSWER_ON_REVIEW.rows(r)]
                waiting = _merged((WAITING_REQUESTS_ON_REVIEW.rows(r) for r in editing), key=lambda r: (r[5], r[0]))
            groups.append(
                _group(
                    "Comments on draft reports to respond to",
                    (
                        Task(
                            f"{ref} ({pseudonym}): comment {number}",
                            reverse("reviews:comment-response", args=[request_id, pk]),
                            agency,
                        )
                        for pk, request_id, ref, pseudonym, number, agency in comments
                    ),
                )
            )
            request_link = url_maker("reviews:request")
            groups.append(
                _group(
                    "Chronologies and IMRs to accept or return",
                    (
                        Task(
                            f"{ref} ({pseudonym}): {REQUEST_KIND_LABELS.get(kind, kind)}",
                            request_link(pk),
                            f"Sent by {agency}",
                        )
                        for pk, review_id, ref, pseudonym, kind, agency in RETURNS_TO_CHECK.rows()
                        if editing is None or review_id in editing
                    ),
                )
            )
            if editing is None:
                groups.append(
                    _group(
                        "Reviews whose lead reviewer asks to move on",
                        (
                            Task(
                                f"{ref}: {pseudonym}",
                                review_link(review_id),
                                f"To {STAGE_LABELS.get(to_stage, to_stage).lower()}, asked {_day(asked)}",
                            )
                            for review_id, ref, pseudonym, to_stage, asked in MOVES_ASKED.rows()
                        ),
                    )
                )
            groups.append(
                _group(
                    "Overdue requests to agencies",
                    (
                        Task(
                            f"{ref} ({pseudonym}): {REQUEST_KIND_LABELS.get(kind, kind)}",
                            request_link(pk),
                            f"{agency}, due {_day(due)}",
                            True,
                        )
                        for pk, ref, pseudonym, kind, agency, due in _overdue_first(waiting, 5, today)
                    ),
                )
            )
        if editing is None or editing:
            # Events held whose collation is still open: every one for the business unit, a lead
            # reviewer's own reviews' for them.
            collate_link = url_maker("events:collation")
            groups.append(
                _group(
                    "Learning events to collate",
                    (
                        Task(f"{ref}: {pseudonym}", collate_link(pk), f"Held {_day(starts)}")
                        for pk, review_id, ref, pseudonym, starts in EVENTS_TO_COLLATE.rows()
                        if starts <= now and (editing is None or review_id in editing)
                    ),
                )
            )
        if review_ids:
            mine = Review.objects.filter(pk__in=review_ids).exclude(stage=Stage.COMPLETE).order_by("created_at")
            groups.append(
                _group(
                    "Your reviews",
                    (
                        Task(f"{r.reference}: {r.pseudonym}", review_link(r.pk), r.stage_label)
                        for r in mine.only("id", "reference", "pseudonym", "stage")[: SHOWN + 1]
                    ),
                )
            )
    return groups


def task_lists(groups: list[TaskGroup]) -> SafeString:
    """The groups as GOV.UK task lists (built in Python: a template loop cost more than the queries)."""
    if not groups:
        return body("You have no tasks in SAR Hub.")
    out = []
    for g, group in enumerate(groups, start=1):
        out.append(heading(group.heading))
        if not group.tasks:
            out.append(body("Nothing waiting."))
            continue
        out.append(
            task_list(
                task_list_item(
                    task.title,
                    task.url,
                    OVERDUE if task.overdue else TO_DO,
                    f"task-{g}-{t}-status",
                    task.detail,
                )
                for t, task in enumerate(group.tasks, start=1)
            )
        )
        if group.more:
            more = f"There are more than {SHOWN}."
            if group.all_url:
                out.append(body(concat(more, " ", link(group.all_url, "See them all", f": {group.heading.lower()}"))))
            else:
                out.append(body(more))
    return SafeString("".join(out))
