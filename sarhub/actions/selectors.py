"""Reading the action plan: every list starts from what the acting person may see, then filters."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sarhub.actions.models import DUE_SOON_DAYS, OPEN_STATUSES, Action, Rag, Status
from sarhub.actions.permissions import visible_actions
from sarhub.partnership.models import Agency

CLOSED_STATUSES = [s for s in Status.values if s not in OPEN_STATUSES]


def rag_q(rag: str, today: date) -> Q:
    """The RAG rule of `models.rag_for`, as a database condition (so filtering and counting stay in SQL)."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    # "Not closed" rather than "open" (the same, as status is never empty): with NOT IN the planner walks
    # the due-date index in order instead of gathering every open action by status and sorting them.
    red = ~Q(status__in=CLOSED_STATUSES) & (Q(status=Status.OFF_TRACK) | Q(due_on__lt=today))
    amber = Q(due_on__gte=today) & (Q(status=Status.AT_RISK) | Q(status=Status.NOT_STARTED, due_on__lte=soon))
    if rag == Rag.COMPLETE:
        return Q(status=Status.ASSURED)
    if rag == Rag.CLOSED:
        return Q(status=Status.NOT_IMPLEMENTED)
    if rag == Rag.RED:
        return red
    if rag == Rag.AMBER:
        return amber
    if rag == Rag.GREEN:
        return Q(status=Status.AWAITING_ASSURANCE) | (
            Q(status__in=[Status.NOT_STARTED, Status.ON_TRACK], due_on__gte=today)
            & ~Q(status=Status.NOT_STARTED, due_on__lte=soon)
        )
    return Q(pk__in=[])


def plan(user: Any, filters: dict[str, Any], today: date | None = None) -> QuerySet[Action]:
    """The actions this person may see, filtered (cleaned filters from PlanFilterForm)."""
    today = today or timezone.localdate()
    actions = visible_actions(user)
    if filters.get("review"):
        actions = actions.filter(review__reference__iexact=filters["review"].strip())
    agency = filters.get("agency")
    if agency == "board":
        actions = actions.filter(owner_agency__isnull=True)
    elif agency:
        actions = actions.filter(owner_agency_id=int(agency))
    if filters.get("status"):
        actions = actions.filter(status=filters["status"])
    if filters.get("rag"):
        actions = actions.filter(rag_q(filters["rag"], today))
    if filters.get("due_from"):
        actions = actions.filter(due_on__gte=filters["due_from"])
    if filters.get("due_to"):
        actions = actions.filter(due_on__lte=filters["due_to"])
    return actions.order_by("due_on", "id")


def table_rows(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Only the columns the plan's table and the exports show."""
    return actions.select_related("review", "owner_agency", "lead").only(
        "id",
        "what",
        "status",
        "due_on",
        "completed_on",
        "success_measure",
        "review__reference",
        "review__pseudonym",
        "owner_agency__name",
        "lead__full_name",
        "lead__email",
        "recommendation_id",
        "finding_id",
    )


def rag_counts(actions: QuerySet[Action], today: date | None = None) -> dict[str, int]:
    """How many of these actions are red, amber, green, complete or closed: one query."""
    today = today or timezone.localdate()
    aggregates = {rag.value: Count("pk", filter=rag_q(rag.value, today)) for rag in Rag}
    result = actions.order_by().aggregate(**aggregates)
    return {key: int(value or 0) for key, value in result.items()}


def agency_choices() -> list[tuple[int, str]]:
    """Every agency, for the owner filter (an agency's old actions stay findable after it closes)."""
    return list(Agency.objects.order_by("name").values_list("pk", "name"))


def plan_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM actions_planchange WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def summary(user: Any, scope: str, filters: dict[str, Any], actions: QuerySet[Action]) -> dict[str, int]:
    """How many actions match, and how many are red, amber, green, complete or closed.

    Counting tens of thousands of actions costs more than the page; the answer is cached under the plan's
    change counter, today's date (ratings change at midnight), who may see what (`scope`) and the filters,
    so it is counted again only after an action changes."""
    today = timezone.localdate()
    key_source = f"{plan_version()}|{today}|{scope}|{sorted((k, str(v)) for k, v in filters.items())}"
    key = "action-plan-summary:" + hashlib.sha256(key_source.encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        cached = rag_counts(actions, today)
        cached["total"] = sum(cached.values())
        cache.set(key, cached, 600)
    return dict(cached)
