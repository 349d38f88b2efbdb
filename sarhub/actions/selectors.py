"""Reading the action plan: every list starts from what the acting person may see, then filters."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sarhub.actions.models import DUE_SOON_DAYS, OPEN_STATUSES, Action, NotImplemented, ProgressUpdate, Rag, Status
from sarhub.actions.permissions import reads_whole_plan
from sarhub.documents.models import Document
from sarhub.partnership.models import Agency
from sarhub.reviews.models import Review
from sarhub.reviews.permissions import lead_agency_ids

CLOSED_STATUSES = [s for s in Status.values if s not in OPEN_STATUSES]


def visible_actions(user: Any) -> QuerySet[Action]:
    """Every action for the whole plan's readers; otherwise the actions of the agencies this person leads
    and the actions they lead themselves (`permissions.can_see_action`, as a query)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Action.objects.none()
    if reads_whole_plan(user):
        return Action.objects.all()
    return Action.objects.filter(Q(owner_agency_id__in=lead_agency_ids(user)) | Q(lead_id=user.pk))


def led_by(user: Any) -> QuerySet[Action]:
    """The actions this person leads, soonest due first ("Your actions")."""
    return visible_actions(user).filter(lead_id=user.pk).order_by("due_on", "id")


def owned_by(user: Any, agency: Agency) -> QuerySet[Action]:
    """The actions an agency owns that this person may see, soonest due first."""
    return visible_actions(user).filter(owner_agency=agency).order_by("due_on", "id")


def evidence(action: Action) -> list[Document]:
    """The evidence attached to an action (read by whoever may see the action), oldest first."""
    return list(
        Document.objects.filter(owner_type=ContentType.objects.get_for_model(Action), owner_id=action.pk)
        .prefetch_related("versions")
        .order_by("created_at")
    )


def history(action: Action) -> QuerySet[ProgressUpdate]:
    """The action's progress updates and changes, with only what its page shows."""
    return action.updates.select_related("created_by").only(
        "action_id", "created_at", "kind", "status_before", "status_after", "note", "created_by__full_name"
    )


def for_review(review: Review) -> list[Action]:
    """A review's actions (for those who may read the review), soonest due first."""
    return list(
        Action.objects.filter(review=review)
        .select_related("owner_agency", "lead", "recommendation", "finding")
        .order_by("due_on", "id")
    )


def not_implemented(review: Review) -> list[NotImplemented]:
    """The Board's decisions not to implement a review's recommendations or findings."""
    return list(NotImplemented.objects.filter(review=review).select_related("recommendation", "finding"))


def proposal_of(review: Review, proposal_id: str) -> Any:
    """A learning-event proposal of this review, to carry into a new action (None if there is no such one)."""
    if not (proposal_id.isdigit() and len(proposal_id) < 18):
        return None
    from sarhub.events.models import Proposal

    return Proposal.objects.filter(pk=int(proposal_id), event__review=review).first()


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
