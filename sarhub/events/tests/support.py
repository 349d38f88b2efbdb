"""Helpers the events tests share (fixtures are in conftest.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sarhub.events import services
from sarhub.events.models import LearningEvent
from sarhub.partnership.models import Person


def event_data(days: int = 10, **overrides: Any) -> dict[str, Any]:
    """An event's details, from 9:30 to 12:30 on a day `days` ahead (never across midnight)."""
    day = timezone.localdate() + timedelta(days=days)
    start = datetime.combine(day, time(9, 30), tzinfo=timezone.get_current_timezone())
    return {
        "title": "Multi-agency learning event",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "venue": "Room 2, Fictional House",
        "joining_details": "",
        "agenda": "Welcome; reflections; themes.",
        "ground_rules": "Learning, not blame.",
        **overrides,
    }


def invite(actor: Person, event: LearningEvent, *people: Person) -> services.Sent:
    return services.invite(actor, event, [services.invitee_for(p, p.agencies[0]) for p in people])


def start(event: LearningEvent, *, hours_ago: float = 1) -> LearningEvent:
    """Time passes until the event has started (the one state no service reaches: the clock)."""
    starts = timezone.now() - timedelta(hours=hours_ago)
    LearningEvent.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=3))
    event.refresh_from_db()
    return event


def token(message: Any) -> str:
    return message.body.split("/rsvp/")[1].split("/")[0]
