"""Calendar invitations (.ics, RFC 5545) for learning events, one per recipient, made with icalendar.

The event is named by the review's reference and pseudonym only. A change sends the same UID with a
higher SEQUENCE (calendars update the entry they have); a cancellation sends METHOD:CANCEL.
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from sarhub.events.models import EventInvitation, LearningEvent


def _organiser() -> vCalAddress:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    organiser = vCalAddress(f"mailto:{address}")
    organiser.params["cn"] = vText("SAR Hub")
    return organiser


def title(event: LearningEvent) -> str:
    return f"{event.title}: {event.review.reference} ({event.review.pseudonym})"


def ics(event: LearningEvent, invitation: EventInvitation, *, cancel: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SAR Hub//Learning events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    entry = Event()
    entry.add("uid", f"{event.uid}@sarhub")
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", title(event))
    location = " ".join(part for part in (event.venue, event.joining_details) if part).strip()
    if location:
        entry.add("location", location)
    entry.add(
        "description",
        "A multi-agency learning event: a safe space to reflect on your involvement, "
        "to learn, never to blame.\n\n" + event.ground_rules,
    )
    entry.add("status", "CANCELLED" if cancel else "CONFIRMED")
    entry["organizer"] = _organiser()
    attendee = vCalAddress(f"mailto:{invitation.email}")
    attendee.params["cn"] = vText(invitation.full_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    entry.add("attendee", attendee, encode=False)
    calendar.add_component(entry)
    return bytes(calendar.to_ical())
