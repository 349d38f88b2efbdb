"""Keeping the senior leadership log: every write checks the rule, validates, and is audited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import changed_fields, record
from sarhub.leadership import pack, permissions
from sarhub.leadership.models import FollowUp, MeetingKind, Presentation
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.models import Review
from sarhub.taxonomy.models import PracticeTheme

# Safeguarding Adult Reviews began under section 44 of the Care Act 2014, in force from 1 April 2015.
EARLIEST = date(2015, 4, 1)
LOCKED = "It has been presented: its details and pack are kept as the meeting saw them"


def _require(actor: Person) -> None:
    if not permissions.can_record(actor):
        raise PermissionDenied


def _clean(data: dict[str, Any], presentation: Presentation | None) -> dict[str, Any]:
    """The presentation's details, checked (the form checks them too; a service never trusts a caller)."""
    errors: dict[str, str] = {}
    meeting = data.get("meeting_kind")
    if not isinstance(meeting, MeetingKind) or not (
        meeting.is_active or (presentation is not None and meeting.pk == presentation.meeting_kind_id)
    ):
        errors["meeting_kind"] = "Select a meeting from the list"
    when = data.get("presented_on")
    latest = timezone.localdate() + timedelta(days=366)
    if not isinstance(when, date):
        errors["presented_on"] = "Enter the date of the meeting"
    elif when < EARLIEST:
        errors["presented_on"] = "The date of the meeting must be on or after 1 April 2015"
    elif when > latest:
        errors["presented_on"] = "The date of the meeting must be within the next year"
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = "Enter a title"
    reviews = list(data.get("reviews") or [])
    if not reviews:
        errors["reviews"] = "Select at least one review the Board has signed off"
    elif any(not isinstance(r, Review) or r.signed_off_on is None for r in reviews):
        errors["reviews"] = "Select reviews the Board has signed off"
    themes = list(data.get("practice_themes") or [])
    if any(not isinstance(t, PracticeTheme) for t in themes):
        errors["practice_themes"] = "Select practice themes from the list"
    if errors:
        raise ValidationError(errors)
    return {
        "meeting_kind": meeting,
        "presented_on": when,
        "title": title,
        "notes": (data.get("notes") or "").strip(),
        "reviews": reviews,
        "practice_themes": themes,
    }


@transaction.atomic
def record_presentation(actor: Person, data: dict[str, Any]) -> Presentation:
    _require(actor)
    clean = _clean(data, None)
    presentation = Presentation.objects.create(
        meeting_kind=clean["meeting_kind"],
        presented_on=clean["presented_on"],
        title=clean["title"],
        notes=clean["notes"],
        recorded_by=actor,
    )
    presentation.reviews.set(clean["reviews"])
    presentation.practice_themes.set(clean["practice_themes"])
    record(Action.CREATE, person=actor, obj=presentation, detail=f"{len(clean['reviews'])} reviews")
    return presentation


def _snapshot(presentation: Presentation) -> dict[str, Any]:
    return {
        "meeting_kind": presentation.meeting_kind_id,
        "presented_on": presentation.presented_on,
        "title": presentation.title,
        "notes": presentation.notes,
        "reviews": sorted(presentation.reviews.values_list("pk", flat=True)),
        "practice_themes": sorted(presentation.practice_themes.values_list("pk", flat=True)),
    }


@transaction.atomic
def change_presentation(actor: Person, presentation: Presentation, data: dict[str, Any]) -> Presentation:
    _require(actor)
    locked = Presentation.objects.select_for_update().get(pk=presentation.pk)
    if locked.is_presented:
        raise ValidationError(LOCKED)
    clean = _clean(data, locked)
    before = _snapshot(locked)
    for field in ("meeting_kind", "presented_on", "title", "notes"):
        setattr(locked, field, clean[field])
    locked.save(update_fields=["meeting_kind", "presented_on", "title", "notes"])
    locked.reviews.set(clean["reviews"])
    locked.practice_themes.set(clean["practice_themes"])
    record(Action.UPDATE, person=actor, obj=locked, detail=changed_fields(before, _snapshot(locked)))
    return locked


@transaction.atomic
def mark_presented(actor: Person, presentation: Presentation) -> Presentation:
    """Record that the meeting has seen it, and freeze the pack (PDF and DOCX) as it is now."""
    _require(actor)
    locked = Presentation.objects.select_for_update().select_related("meeting_kind").get(pk=presentation.pk)
    if locked.is_presented:
        raise ValidationError("It has already been marked as presented")
    if locked.presented_on > timezone.localdate():
        raise ValidationError(
            f"The meeting is on {locked.presented_on:%-d %B %Y}: mark it as presented on or after that date"
        )
    if not locked.reviews.filter(signed_off_on__isnull=False).exists():
        raise ValidationError("The presentation covers no review the Board has signed off")
    pdf, docx = pack.as_pdf(locked), pack.as_docx(locked)
    stem = f"leadership/{timezone.now():%Y/%m}/{uuid4().hex}"
    locked.pack_pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    locked.pack_docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    locked.presented_at = timezone.now()
    locked.presented_by = actor
    locked.save(update_fields=["pack_pdf", "pack_docx", "presented_at", "presented_by"])
    record(
        Action.STATE_CHANGE,
        person=actor,
        obj=locked,
        detail=f"presented; pack frozen ({len(pdf)} bytes PDF, {len(docx)} bytes DOCX)",
    )
    return locked


def _clean_follow_up(data: dict[str, Any], presentation: Presentation, follow_up: FollowUp | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    text = (data.get("text") or "").strip()
    if not text:
        errors["text"] = "Enter what was agreed"
    agency = data.get("owner_agency")
    if agency is not None and not (
        isinstance(agency, Agency)
        and (agency.is_active or (follow_up is not None and agency.pk == follow_up.owner_agency_id))
    ):
        errors["owner_agency"] = "Select an agency from the list"
    owner_text = (data.get("owner_text") or "").strip()
    if agency is None and not owner_text:
        errors["owner_text"] = "Say who owns it: select an agency, enter an owner, or both"
    due = data.get("due_on")
    if not isinstance(due, date):
        errors["due_on"] = "Enter the due date"
    elif due < presentation.presented_on:
        errors["due_on"] = f"The due date must be on or after the meeting, {presentation.presented_on:%-d %B %Y}"
    elif due > presentation.presented_on + timedelta(days=3 * 366):
        errors["due_on"] = "The due date must be within 3 years of the meeting"
    if errors:
        raise ValidationError(errors)
    return {"text": text, "owner_agency": agency, "owner_text": owner_text, "due_on": due}


@transaction.atomic
def add_follow_up(actor: Person, presentation: Presentation, data: dict[str, Any]) -> FollowUp:
    _require(actor)
    clean = _clean_follow_up(data, presentation, None)
    follow_up = FollowUp.objects.create(presentation=presentation, recorded_by=actor, **clean)
    record(Action.CREATE, person=actor, obj=follow_up, detail=f"presentation {presentation.pk}")
    return follow_up


def _follow_up_fields(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "text": follow_up.text,
        "owner_agency": follow_up.owner_agency_id,
        "owner_text": follow_up.owner_text,
        "due_on": follow_up.due_on,
    }


@transaction.atomic
def change_follow_up(actor: Person, follow_up: FollowUp, data: dict[str, Any]) -> FollowUp:
    _require(actor)
    locked = FollowUp.objects.select_for_update().select_related("presentation").get(pk=follow_up.pk)
    clean = _clean_follow_up(data, locked.presentation, locked)
    before = _follow_up_fields(locked)
    for field, value in clean.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(clean))
    record(Action.UPDATE, person=actor, obj=locked, detail=changed_fields(before, _follow_up_fields(locked)))
    return locked


@transaction.atomic
def set_follow_up_done(actor: Person, follow_up: FollowUp, done: bool) -> FollowUp:
    """Mark a follow-up done, or not done after all (for example, marked by mistake)."""
    _require(actor)
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if done == locked.is_done:
        raise ValidationError("It is already marked as done" if done else "It is not marked as done")
    locked.done_at = timezone.now() if done else None
    locked.done_by = actor if done else None
    locked.save(update_fields=["done_at", "done_by"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="done" if done else "not done")
    return locked
