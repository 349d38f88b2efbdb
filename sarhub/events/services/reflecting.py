"""Reflections, their collation into themes and proposals, and the evaluation of an event.

A reflection is seen only by its author and the event's team. Whatever goes beyond the team (themes,
proposals, the event report, evaluation results) carries no names: themes and proposals that contain an
invitee's name are refused, attribution is by agency and role at most, and any count or summary drawn
from fewer than 3 people is suppressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.events import permissions
from sarhub.events.models import (
    PROMPT_FIELDS,
    SCALE,
    Evaluation,
    EventInvitation,
    EventTheme,
    LearningEvent,
    Proposal,
    ProposalKind,
    Reflection,
    Reply,
)
from sarhub.partnership.models import Person

MIN_GROUP = 3  # any aggregate drawn from fewer people than this is suppressed


def may_reflect(user: Any, event: LearningEvent) -> EventInvitation | None:
    """The invitation through which this person may write or change a reflection, or None."""
    invitation = permissions.own_invitation(user, event)
    if invitation is None or event.is_cancelled or event.collation_closed_at is not None:
        return None
    if invitation.reply != Reply.ACCEPTED and not invitation.attended:
        return None
    return invitation


def own_reflection(user: Any, event: LearningEvent) -> Reflection | None:
    invitation = permissions.own_invitation(user, event)
    if invitation is None:
        return None
    return Reflection.objects.filter(invitation=invitation).first()


@transaction.atomic
def save_reflection(
    actor: Person, event: LearningEvent, answers: dict[str, str], *, read_ground_rules: bool
) -> Reflection:
    invitation = may_reflect(actor, event)
    if invitation is None:
        raise ValidationError(
            "You can write a reflection once you have said you are coming, until the team closes collation"
        )
    if not read_ground_rules:
        raise ValidationError({"read_ground_rules": "Confirm you have read the ground rules"})
    cleaned = {name: (answers.get(name) or "").strip() for name in PROMPT_FIELDS}
    if not any(cleaned.values()):
        raise ValidationError("Write something in at least one part of your reflection")
    reflection = Reflection.objects.select_for_update().filter(invitation=invitation).first()
    if reflection is None:
        # Numbered within the event, in the order written: the event's row is locked while the next number
        # is taken, so two reflections written at once never share one.
        LearningEvent.objects.select_for_update().filter(pk=event.pk).first()
        last = Reflection.objects.filter(event=event).aggregate(last=Max("number"))["last"] or 0
        reflection = Reflection(
            event=event,
            number=last + 1,
            invitation=invitation,
            author=actor,
            agency_name=invitation.agency.name,
            role=invitation.role,
        )
    for name, value in cleaned.items():
        setattr(reflection, name, value)
    reflection.withdrawn_at = None
    reflection.full_clean(exclude=["event", "invitation", "author"])
    reflection.save()
    record(Action.UPDATE, person=actor, obj=reflection, detail=f"event {event.pk}, reflection {reflection.number}")
    return reflection


@transaction.atomic
def withdraw_reflection(actor: Person, event: LearningEvent) -> Reflection:
    """The author takes their reflection back: its words are erased and it leaves every theme."""
    reflection = own_reflection(actor, event)
    if reflection is None or reflection.is_withdrawn:
        raise ValidationError("You have no reflection to withdraw")
    if event.collation_closed_at is not None:
        raise ValidationError("Collation has closed: the reflection can no longer be withdrawn")
    for name in PROMPT_FIELDS:
        setattr(reflection, name, "")
    reflection.withdrawn_at = timezone.now()
    reflection.save()
    reflection.themes.clear()
    record(Action.STATE_CHANGE, person=actor, obj=reflection, detail="withdrawn")
    return reflection


def team_reflections(user: Any, event: LearningEvent) -> list[Reflection]:
    if not permissions.is_event_team(user, event):
        return []
    return list(event.reflections.filter(withdrawn_at__isnull=True).select_related("author").order_by("number"))


@transaction.atomic
def close_collation(actor: Person, event: LearningEvent) -> LearningEvent:
    if not permissions.is_event_team(actor, event):
        raise PermissionDenied
    if event.starts_at > timezone.now():
        raise ValidationError("Close collation after the event has taken place")
    if event.collation_closed_at is not None:
        raise ValidationError("Collation has already closed")
    LearningEvent.objects.filter(pk=event.pk).update(collation_closed_at=timezone.now())
    record(Action.STATE_CHANGE, person=actor, obj=event, detail="collation closed")
    event.refresh_from_db()
    return event


def _names_in(event: LearningEvent, *texts: str) -> list[str]:
    """Invitees' names found in a text meant to carry no attribution."""
    found = []
    joined = " ".join(texts).lower()
    for full_name in event.invitations.values_list("full_name", flat=True):
        name = full_name.strip()
        if len(name) >= 4 and re.search(rf"\b{re.escape(name.lower())}\b", joined):
            found.append(name)
    return sorted(set(found))


def _no_names(event: LearningEvent, field: str, *texts: str) -> None:
    named = _names_in(event, *texts)
    if named:
        raise ValidationError({field: f"Write it without naming anyone: remove {', '.join(named)}"})


@transaction.atomic
def save_theme(
    actor: Person, event: LearningEvent, data: dict[str, Any], theme: EventTheme | None = None
) -> EventTheme:
    if not permissions.is_event_team(actor, event):
        raise PermissionDenied
    _no_names(event, "summary", data.get("title", ""), data.get("summary", ""))
    sources = list(data.get("reflections") or [])
    if any(r.event_id != event.pk or r.is_withdrawn for r in sources):
        raise ValidationError({"reflections": "Choose reflections from this event"})
    theme = theme or EventTheme(event=event, created_by=actor)
    for field in ("title", "kind", "domain", "summary"):
        setattr(theme, field, data[field])
    theme.full_clean(exclude=["event", "created_by"])
    theme.save()
    theme.practice_themes.set(data.get("practice_themes") or [])
    theme.reflections.set(sources)
    record(Action.UPDATE, person=actor, obj=theme, detail=f"event {event.pk}")
    return theme


@transaction.atomic
def save_proposal(actor: Person, event: LearningEvent, data: dict[str, Any]) -> Proposal:
    if not permissions.is_event_team(actor, event):
        raise PermissionDenied
    _no_names(event, "text", data.get("text", ""))
    theme = data.get("theme")
    if theme is not None and theme.event_id != event.pk:
        raise ValidationError({"theme": "Choose a theme from this event"})
    proposal = Proposal(
        event=event, kind=data["kind"], text=data["text"], agency=data.get("agency"), theme=theme, created_by=actor
    )
    proposal.full_clean(exclude=["event", "created_by"])
    proposal.save()
    record(Action.CREATE, person=actor, obj=proposal, detail=f"event {event.pk}, {proposal.kind}")
    return proposal


@transaction.atomic
def land_in_review(actor: Person, proposal: Proposal) -> Proposal:
    """A proposed recommendation becomes a recommendation of the review (to the agency named, or the Board)."""
    from sarhub.reviews.services.content import save_recommendation

    locked = Proposal.objects.select_for_update().select_related("event__review").get(pk=proposal.pk)
    if locked.kind != ProposalKind.RECOMMENDATION:
        raise ValidationError("Only a proposed recommendation can be added to the review")
    if locked.recommendation_id is not None:
        raise ValidationError("It is already in the review")
    recommendation = save_recommendation(
        actor,
        locked.event.review,
        {"text": locked.text, "to_board": locked.agency is None, "agencies": [locked.agency] if locked.agency else []},
    )
    locked.recommendation = recommendation
    locked.save(update_fields=["recommendation"])
    record(Action.UPDATE, person=actor, obj=locked, detail=f"added to review as recommendation {recommendation.number}")
    return locked


# --- Evaluation --------------------------------------------------------------------------------------


def may_evaluate(user: Any, event: LearningEvent) -> EventInvitation | None:
    invitation = permissions.own_invitation(user, event)
    if invitation is None or event.is_cancelled or event.starts_at > timezone.now():
        return None
    if invitation.attended is False or (invitation.attended is None and invitation.reply != Reply.ACCEPTED):
        return None
    return invitation


@transaction.atomic
def evaluate(actor: Person, event: LearningEvent, data: dict[str, Any]) -> Evaluation:
    invitation = may_evaluate(actor, event)
    if invitation is None:
        raise ValidationError("You can evaluate an event you took part in, once it has started")
    if Evaluation.objects.filter(invitation=invitation).exists():
        raise ValidationError("You have already sent your evaluation. Thank you")
    evaluation = Evaluation(
        event=event,
        invitation=invitation,
        felt_safe=data["felt_safe"],
        useful=data["useful"],
        improve=(data.get("improve") or "").strip(),
    )
    evaluation.full_clean(exclude=["event", "invitation"])
    evaluation.save()
    record(Action.CREATE, person=actor, obj=("events.evaluation", evaluation.pk), detail=f"event {event.pk}")
    return evaluation


@dataclass
class Aggregate:
    """A result drawn from several people; `shown` is False (and the figures empty) below MIN_GROUP."""

    people: int
    shown: bool
    counts: list[tuple[str, int]]
    agreeing: int = 0


def _scale(values: list[int]) -> Aggregate:
    if len(values) < MIN_GROUP:
        return Aggregate(len(values), False, [])
    return Aggregate(
        len(values),
        True,
        [(label, sum(1 for v in values if v == score)) for score, label in SCALE],
        agreeing=sum(1 for v in values if v >= 4),
    )


def evaluation_results(event: LearningEvent) -> dict[str, Any]:
    rows = list(event.evaluations.values_list("felt_safe", "useful", "improve"))
    enough = len(rows) >= MIN_GROUP
    return {
        "responses": len(rows),
        "enough": enough,
        "min_group": MIN_GROUP,
        "felt_safe": _scale([r[0] for r in rows]),
        "useful": _scale([r[1] for r in rows]),
        # Free text only with enough responses, and in an order that does not follow who answered first.
        "improvements": sorted(r[2] for r in rows if r[2]) if enough else [],
    }


def participation(event: LearningEvent) -> dict[str, Any]:
    """Counts of people by agency, for the report: each count below MIN_GROUP is suppressed."""
    by_agency: dict[str, int] = {}
    for agency_name in event.invitations.filter(attended=True).values_list("agency__name", flat=True):
        by_agency[agency_name] = by_agency.get(agency_name, 0) + 1
    total = sum(by_agency.values())
    reflections = event.reflections.filter(withdrawn_at__isnull=True).count()
    return {
        "attended": total if total >= MIN_GROUP else None,
        "reflections": reflections if reflections >= MIN_GROUP else None,
        "agencies": sorted(by_agency),
        "by_agency": [(name, n if n >= MIN_GROUP else None) for name, n in sorted(by_agency.items())],
        "min_group": MIN_GROUP,
    }
