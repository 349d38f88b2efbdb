"""The programme's figures, computed ahead: referrals and timeliness, reviews by stage, overdue agency
returns, actions by RAG and the overdue trend, 7-minute briefing reach and learning-event participation.

`compute(filters)` reads every app (through the rules they own: `actions.selectors.rag_q` for a RAG rating,
`partnership.asking.overdue` for a late return, a review's stored `stage_due_on` for a late stage) and
returns plain data (JSON), exact. Who sees which figures, and "fewer than 3", is `present.py`'s business:
the figures are stored once, exact, and only ever shown through it.

Each filter means one thing per figure, and the page says it:
- financial year: referrals received, decisions made, reviews commissioned, returns and actions due,
  briefings sent and events held in the year (all years: everything);
- agency: referrals and reviews the agency was involved in (named on a referral), returns asked of it,
  actions it owns, its cascade of briefings and its people invited to events;
- route: referrals that led to a review on the route, and the reviews, returns, actions, briefings and
  events of reviews on that route.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sarhub.actions.annual import FinancialYear, year_of
from sarhub.actions.models import RAG_LABELS, Action, Rag, Status
from sarhub.actions.selectors import rag_q
from sarhub.briefings.models import AgencyCascade, CascadeRecord
from sarhub.events.models import INVITEE_ROLE_LABELS, EventInvitation, EventStatus, Reply
from sarhub.partnership import asking
from sarhub.partnership.models import Agency
from sarhub.referrals.models import STATUS_LABELS, Decision, Referral, ScopingRequest
from sarhub.referrals.models import Status as ReferralStatus
from sarhub.reviews.models import (
    ROUTE_LABELS,
    STAGE_LABELS,
    STAGE_ORDER,
    AgencyRequest,
    RequestKind,
    Review,
    Stage,
    StagePlan,
)

DUE_SOON_DAYS = 14
RETURN_KINDS = [
    ("scoping", "Scoping summaries"),
    (RequestKind.CHRONOLOGY.value, "Chronologies"),
    (RequestKind.IMR.value, "IMRs"),
    (RequestKind.FACTUAL_ACCURACY.value, "Factual-accuracy comments"),
]
REVIEW_RAG_LABELS = {"red": "Running late", "amber": "Due within 2 weeks", "green": "On plan", "none": "No plan"}


@dataclass(frozen=True)
class Filters:
    year: int | None = None  # the financial year starting 1 April `year`
    agency: int | None = None
    route: str = ""

    @property
    def key(self) -> str:
        return f"dashboard:{self.year or 'all'}:{self.agency or 'all'}:{self.route or 'all'}"

    @property
    def fy(self) -> FinancialYear | None:
        return FinancialYear(self.year) if self.year else None

    def as_query(self) -> dict[str, str]:
        return {k: str(v) for k, v in (("year", self.year), ("agency", self.agency), ("route", self.route)) if v}


def _in_year(qs: QuerySet[Any], field: str, fy: FinancialYear | None, *, datetime_field: bool) -> QuerySet[Any]:
    if fy is None:
        return qs
    if datetime_field:
        return qs.filter(**{f"{field}__gte": fy.starts_at(), f"{field}__lt": fy.ends_before()})
    return qs.filter(**{f"{field}__gte": fy.start, f"{field}__lte": fy.end})


def quarter_of(day: date) -> tuple[int, int]:
    """(financial year, quarter 1-4) of a date."""
    fy = year_of(day)
    return fy, ((day.month - 4) % 12) // 3 + 1


def quarter_label(fy: int, q: int) -> str:
    return f"{FinancialYear(fy).label} Q{q}"


def quarter_dates(fy: int, q: int) -> tuple[date, date]:
    start_month = 4 + (q - 1) * 3
    year = fy if start_month <= 12 else fy + 1
    start_month = (start_month - 1) % 12 + 1
    start = date(year, start_month, 1)
    end_month = start_month + 3
    end = (date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1)) - timedelta(days=1)
    return start, end


def _months(fy: FinancialYear | None, today: date) -> list[date]:
    """Month starts: the year's twelve (up to this month), or the last twelve months."""
    first = fy.start if fy is not None else _add_months(date(today.year, today.month, 1), -11)
    return [month for month in (_add_months(first, n) for n in range(12)) if month <= today]


def _add_months(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def _month_end(start: date) -> date:
    return _add_months(start, 1) - timedelta(days=1)


# --- Scopes ----------------------------------------------------------------------------------------------


def _referrals(filters: Filters) -> QuerySet[Referral]:
    qs = Referral.objects.all()
    if filters.agency:
        qs = qs.filter(agencies=filters.agency)
    if filters.route:
        qs = qs.filter(reviews__route=filters.route)
    return qs.distinct() if (filters.agency or filters.route) else qs


def _reviews(filters: Filters) -> QuerySet[Review]:
    qs = Review.objects.all()
    if filters.agency:
        qs = qs.filter(referrals__agencies=filters.agency).distinct()
    if filters.route:
        qs = qs.filter(route=filters.route)
    return qs


# --- The figures -----------------------------------------------------------------------------------------


def referral_figures(filters: Filters, today: date) -> dict[str, Any]:
    scope = _referrals(filters)
    received = _in_year(scope, "received_at", filters.fy, datetime_field=True)
    counts = Counter(dict(received.order_by().values_list("status").annotate(n=Count("pk", distinct=True))))
    by_status = [
        {"status": s, "label": STATUS_LABELS[s], "count": int(counts.get(s, 0))} for s in ReferralStatus.values
    ]
    late_before = timezone.now() - timedelta(days=settings.DECISION_TARGET_DAYS)
    open_statuses = [ReferralStatus.RECEIVED, ReferralStatus.SCREENING, ReferralStatus.AWAITING_DECISION]
    waiting_late = received.filter(status__in=open_statuses, received_at__lt=late_before).count()

    decisions = Decision.objects.filter(referral__in=scope.values("pk"))
    decisions = _in_year(decisions, "decided_at", filters.fy, datetime_field=True)
    quarters: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for decided_at, received_at in decisions.values_list("decided_at", "referral__received_at"):
        day = timezone.localdate(decided_at)
        taken = (day - timezone.localdate(received_at)).days
        cell = quarters[quarter_of(day)]
        cell[0] += 1
        cell[1] += taken <= settings.DECISION_TARGET_DAYS
    wanted: list[tuple[int, int]] = []
    if filters.year is not None:
        wanted = [(filters.year, q) for q in (1, 2, 3, 4) if quarter_dates(filters.year, q)[0] <= today]
    else:
        fy, q = quarter_of(today)
        for _ in range(8):
            wanted.append((fy, q))
            fy, q = (fy, q - 1) if q > 1 else (fy - 1, 4)
        wanted.reverse()
    timeliness = []
    for fy, q in wanted:
        decided, on_time = quarters.get((fy, q), [0, 0])
        start, end = quarter_dates(fy, q)
        timeliness.append(
            {
                "label": quarter_label(fy, q),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "decided": decided,
                "on_time": on_time,
            }
        )
    return {
        "by_status": by_status,
        "total": sum(row["count"] for row in by_status),
        "waiting_late": waiting_late,
        "timeliness": timeliness,
        "target_days": settings.DECISION_TARGET_DAYS,
    }


def review_figures(filters: Filters, today: date) -> dict[str, Any]:
    scope = _in_year(_reviews(filters), "created_at", filters.fy, datetime_field=True)
    rows = list(scope.values_list("pk", "reference", "pseudonym", "route", "stage", "created_at", "stage_due_on"))
    # When the stage under way started (the open stage of each review in scope).
    starts: dict[int, Any] = dict(
        StagePlan.objects.filter(
            review__in=scope.exclude(stage=Stage.COMPLETE).values("pk"),
            actual_start__isnull=False,
            actual_end__isnull=True,
        ).values_list("review_id", "actual_start")
    )
    per_stage: dict[str, dict[str, Any]] = {
        s: {"count": 0, "red": 0, "amber": 0, "green": 0, "none": 0, "months": [], "weeks_in_stage": []}
        for s in STAGE_ORDER
    }
    late: list[dict[str, Any]] = []
    soon = today + timedelta(days=DUE_SOON_DAYS)
    for pk, reference, pseudonym, route, stage, created_at, due in rows:
        cell = per_stage[stage]
        cell["count"] += 1
        if stage == Stage.COMPLETE:
            continue
        months = (today - timezone.localdate(created_at)).days / 30.44
        cell["months"].append(months)
        started = starts.get(pk)
        if started is not None:
            cell["weeks_in_stage"].append((today - started).days / 7)
        rag = "none" if due is None else "red" if due < today else "amber" if due <= soon else "green"
        cell[rag] += 1
        if rag == "red":
            late.append(
                {
                    "id": pk,
                    "reference": reference,
                    "pseudonym": pseudonym,
                    "route": ROUTE_LABELS.get(route, route),
                    "stage": STAGE_LABELS.get(stage, stage),
                    "months": round(months, 1),
                    "days_late": (today - due).days,
                }
            )
    by_stage = []
    for stage in STAGE_ORDER:
        cell = per_stage[stage]
        by_stage.append(
            {
                "stage": stage,
                "label": STAGE_LABELS[stage],
                "count": cell["count"],
                "red": cell["red"],
                "amber": cell["amber"],
                "green": cell["green"],
                "none": cell["none"],
                "median_months": round(statistics.median(cell["months"]), 1) if cell["months"] else None,
                "median_weeks_in_stage": (
                    round(statistics.median(cell["weeks_in_stage"]), 1) if cell["weeks_in_stage"] else None
                ),
            }
        )
    late.sort(key=lambda row: -row["days_late"])
    open_rows = [row for row in by_stage if row["stage"] != Stage.COMPLETE]
    return {
        "by_stage": by_stage,
        "open": sum(row["count"] for row in open_rows),
        "late": sum(row["red"] for row in open_rows),
        "complete": per_stage[Stage.COMPLETE]["count"],
        "latest_late": late[:10],
    }


def return_figures(filters: Filters, today: date) -> dict[str, Any]:
    scoping = ScopingRequest.objects.all()
    requests = AgencyRequest.objects.all()
    if filters.agency:
        scoping = scoping.filter(agency=filters.agency)
        requests = requests.filter(agency=filters.agency)
    if filters.route:
        scoping = scoping.filter(referral__reviews__route=filters.route)
        requests = requests.filter(review__route=filters.route)
    scoping = _in_year(asking.overdue(scoping, today), "due_on", filters.fy, datetime_field=False)
    requests = _in_year(asking.overdue(requests, today), "due_on", filters.fy, datetime_field=False)
    table: dict[int, Counter[str]] = defaultdict(Counter)
    for agency_id, n in scoping.order_by().values_list("agency").annotate(n=Count("pk", distinct=True)):
        table[agency_id]["scoping"] += n
    for agency_id, kind, n in requests.order_by().values_list("agency", "kind").annotate(n=Count("pk")):
        table[agency_id][kind] += n
    names = dict(Agency.objects.filter(pk__in=table).values_list("pk", "name"))
    rows: list[dict[str, Any]] = [
        {
            "agency_id": agency_id,
            "agency": names.get(agency_id, ""),
            **{kind: int(counts.get(kind, 0)) for kind, _ in RETURN_KINDS},
            "total": int(sum(counts.values())),
        }
        for agency_id, counts in table.items()
    ]
    rows.sort(key=lambda row: (-row["total"], row["agency"]))
    totals = {kind: sum(row[kind] for row in rows) for kind, _ in RETURN_KINDS}
    return {"rows": rows, "totals": totals, "total": sum(totals.values())}


def action_figures(filters: Filters, today: date) -> dict[str, Any]:
    scope = Action.objects.all()
    if filters.agency:
        scope = scope.filter(owner_agency=filters.agency)
    if filters.route:
        scope = scope.filter(review__route=filters.route)
    due_in_year = _in_year(scope, "due_on", filters.fy, datetime_field=False)
    aggregates = {rag.value: Count("pk", filter=rag_q(rag.value, today)) for rag in Rag}
    per_agency = due_in_year.order_by().values("owner_agency").annotate(**aggregates)
    names = dict(Agency.objects.values_list("pk", "name"))
    rows = []
    for row in per_agency:
        agency_id = row["owner_agency"]
        counts = {rag.value: int(row[rag.value] or 0) for rag in Rag}
        rows.append(
            {
                "agency_id": agency_id,
                "agency": names.get(agency_id, "") if agency_id else "The Board",
                **counts,
                "total": sum(counts.values()),
            }
        )
    rows.sort(key=lambda row: (-row["red"], -row["total"], row["agency"]))
    totals = {rag.value: sum(row[rag.value] for row in rows) for rag in Rag}

    # The overdue trend: at each month's end, the actions due before then and not yet completed then
    # (completed: its completion date on or before that day; not implemented counts as closed).
    months = _months(filters.fy, today)
    facts = list(
        scope.exclude(status=Status.NOT_IMPLEMENTED).values_list("due_on", "completed_on", "status", "assured_at")
    )
    trend = []
    for start in months:
        end = min(_month_end(start), today)
        overdue = 0
        for due_on, completed_on, status, assured_at in facts:
            if due_on >= end:
                continue
            done_on = completed_on or (timezone.localdate(assured_at) if assured_at else None)
            if done_on is None and status in (Status.ASSURED, Status.AWAITING_ASSURANCE):
                done_on = due_on  # completed with no date recorded: not counted as overdue
            if done_on is None or done_on > end:
                overdue += 1
        trend.append(
            {"month": start.isoformat(), "label": f"{start:%b %Y}", "end": end.isoformat(), "overdue": overdue}
        )
    return {
        "rows": rows,
        "totals": totals,
        "total": sum(totals.values()),
        "rag_labels": RAG_LABELS,
        "trend": trend,
    }


def briefing_figures(filters: Filters, today: date) -> dict[str, Any]:
    cascades = AgencyCascade.objects.all()
    if filters.agency:
        cascades = cascades.filter(agency=filters.agency)
    if filters.route:
        cascades = cascades.filter(circulation__briefing__reviews__route=filters.route).distinct()
    cascades = _in_year(cascades, "circulation__sent_at", filters.fy, datetime_field=True)
    table: dict[int, dict[str, int]] = defaultdict(lambda: {"asked": 0, "responded": 0, "waiting": 0, "overdue": 0})
    answered = set(
        CascadeRecord.objects.filter(cascade__in=cascades.values("pk")).values_list("cascade_id", flat=True).distinct()
    )
    for cascade_id, agency_id, due_on in cascades.values_list("pk", "agency", "circulation__due_on"):
        table[agency_id]["asked"] += 1
        if cascade_id in answered:
            table[agency_id]["responded"] += 1
        else:
            table[agency_id]["waiting"] += 1
            table[agency_id]["overdue"] += due_on < today
    teams: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for agency_id, staff in CascadeRecord.objects.filter(cascade__in=cascades.values("pk")).values_list(
        "cascade__agency", "staff_reached"
    ):
        teams[agency_id][0] += 1
        teams[agency_id][1] += staff
    names = dict(Agency.objects.filter(pk__in=table).values_list("pk", "name"))
    rows: list[dict[str, Any]] = [
        {
            "agency_id": agency_id,
            "agency": names.get(agency_id, ""),
            "briefings": cell["asked"],
            "responded": cell["responded"],
            "waiting": cell["waiting"],
            "overdue": cell["overdue"],
            "teams": teams[agency_id][0],
            "staff": teams[agency_id][1],
        }
        for agency_id, cell in table.items()
    ]
    rows.sort(key=lambda row: (-row["staff"], row["agency"]))
    circulations = cascades.values("circulation").distinct().count()
    return {
        "rows": rows,
        "circulations": circulations,
        "teams": sum(row["teams"] for row in rows),
        "staff": sum(row["staff"] for row in rows),
        "agencies_waiting": sum(1 for row in rows if row["waiting"]),
    }


def event_figures(filters: Filters, today: date) -> dict[str, Any]:
    invitations = EventInvitation.objects.exclude(event__status=EventStatus.CANCELLED)
    if filters.agency:
        invitations = invitations.filter(agency=filters.agency)
    if filters.route:
        invitations = invitations.filter(event__review__route=filters.route)
    invitations = _in_year(invitations, "event__starts_at", filters.fy, datetime_field=True)
    grouped = (
        invitations.order_by()
        .values("agency", "role")
        .annotate(
            invited=Count("pk"),
            coming=Count("pk", filter=Q(reply=Reply.ACCEPTED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
    )
    names = dict(Agency.objects.values_list("pk", "name"))
    rows = [
        {
            "agency_id": row["agency"],
            "agency": names.get(row["agency"], ""),
            "role": INVITEE_ROLE_LABELS.get(row["role"], row["role"]),
            "invited": row["invited"],
            "coming": row["coming"],
            "attended": row["attended"],
        }
        for row in grouped
    ]
    rows.sort(key=lambda row: (row["agency"], row["role"]))
    events = invitations.values("event").distinct().count()
    return {
        "rows": rows,
        "events": events,
        "invited": sum(row["invited"] for row in rows),
        "attended": sum(row["attended"] for row in rows),
    }


def compute(filters: Filters, today: date | None = None) -> dict[str, Any]:
    """Every figure for these filters, exact, as plain data."""
    today = today or timezone.localdate()
    return {
        "filters": filters.as_query(),
        "today": today.isoformat(),
        "referrals": referral_figures(filters, today),
        "reviews": review_figures(filters, today),
        "returns": return_figures(filters, today),
        "actions": action_figures(filters, today),
        "briefings": briefing_figures(filters, today),
        "events": event_figures(filters, today),
    }


def computed_at(value: datetime) -> str:
    local = timezone.localtime(value)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"
