"""The people a review's confidential record names besides the adult: family members and others around
the adult, and the practitioners named in agencies' chronologies and IMRs.

The de-identification check (sarhub.publication) looks for every one of them, and their known-as names,
in whatever the Board makes public. A person is excluded from the check only with a recorded reason (a
Board member quoted by role, say); who excluded them and when is kept, and they can be included again.
Every write is audited, by id and field names only (never a name).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import changed_fields, record
from sarhub.partnership.models import Person
from sarhub.reviews import permissions
from sarhub.reviews.models import (
    AgencyRequest,
    AgencyRequestStatus,
    PersonGroup,
    PersonInRecord,
    RequestKind,
    Review,
    split_names,
)

AROUND_FIELDS = ("full_name", "relationship", "known_as")
PRACTITIONER_FIELDS = ("full_name", "job_title", "agency", "request")


def _editor(actor: Person, review: Review) -> None:
    if not permissions.can_edit_content(actor, review):
        raise PermissionDenied


def _clean(person: PersonInRecord, data: dict[str, Any]) -> None:
    """Copy the group's fields from `data`, tidied, and check them."""
    fields = PRACTITIONER_FIELDS if person.is_practitioner else AROUND_FIELDS
    for name in fields:
        value = data.get(name)
        if isinstance(value, str):
            value = " ".join(value.split())
        setattr(person, name, value if value is not None else ("" if name not in ("agency", "request") else None))
    person.known_as = ", ".join(split_names(person.known_as))
    errors: dict[str, str] = {}
    if not person.full_name:
        errors["full_name"] = "Enter their full name"
    if person.is_practitioner and person.request is not None:
        request = person.request
        if request.review_id != person.review_id or request.kind == RequestKind.FACTUAL_ACCURACY:
            errors["request"] = "Choose a chronology or IMR request of this review"
        elif person.agency is None:
            person.agency = request.agency
        elif person.agency.pk != request.agency_id:
            errors["agency"] = "Choose the agency the chronology or IMR came from"
    if errors:
        raise ValidationError(errors)
    person.full_clean(exclude=["review", "created_by", "excluded_by", "agency", "request"])


def _snapshot(person: PersonInRecord) -> dict[str, Any]:
    return {
        name: getattr(person, f"{name}_id" if name in ("agency", "request") else name)
        for name in {*AROUND_FIELDS, *PRACTITIONER_FIELDS}
    }


@transaction.atomic
def add_person(actor: Person, review: Review, group: str, data: dict[str, Any]) -> PersonInRecord:
    """Add a family member (or someone else around the adult) or a practitioner to the record."""
    _editor(actor, review)
    if group not in PersonGroup.values:
        raise ValidationError("Choose who the person is")
    person = PersonInRecord(review=review, group=group, created_by=actor)
    _clean(person, data)
    person.save()
    record(Action.CREATE, person=actor, obj=person, detail=f"{group} on review {review.pk}")
    return person


@transaction.atomic
def update_person(actor: Person, person: PersonInRecord, data: dict[str, Any]) -> PersonInRecord:
    _editor(actor, person.review)
    locked = (
        PersonInRecord.objects.select_for_update(of=("self",)).select_related("agency", "request").get(pk=person.pk)
    )
    before = _snapshot(locked)
    _clean(locked, data)
    locked.save()
    record(Action.UPDATE, person=actor, obj=locked, detail=changed_fields(before, _snapshot(locked)))
    return locked


@transaction.atomic
def exclude(actor: Person, person: PersonInRecord, reason: str) -> PersonInRecord:
    """Exclude a person from the de-identification check, with the reason recorded."""
    _editor(actor, person.review)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason they are excluded from the check"})
    locked = PersonInRecord.objects.select_for_update().get(pk=person.pk)
    if locked.is_excluded:
        raise ValidationError("They are already excluded from the check")
    locked.excluded_reason, locked.excluded_by, locked.excluded_at = reason, actor, timezone.now()
    locked.full_clean(exclude=["review", "created_by", "excluded_by", "agency", "request"])
    locked.save(update_fields=["excluded_reason", "excluded_by", "excluded_at", "updated_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="excluded from the de-identification check")
    return locked


@transaction.atomic
def include_again(actor: Person, person: PersonInRecord) -> PersonInRecord:
    """Undo an exclusion: the check looks for them again (the exclusion stays in the audit log)."""
    _editor(actor, person.review)
    locked = PersonInRecord.objects.select_for_update().get(pk=person.pk)
    if not locked.is_excluded:
        raise ValidationError("They are already looked for by the check")
    locked.excluded_reason, locked.excluded_by, locked.excluded_at = "", None, None
    locked.save(update_fields=["excluded_reason", "excluded_by", "excluded_at", "updated_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="included in the de-identification check again")
    return locked


# --- Named by the agency's lead, with their chronology or IMR --------------------------------------


@transaction.atomic
def name_practitioner(actor: Person, request: AgencyRequest, data: dict[str, Any]) -> PersonInRecord:
    """The agency's lead names a practitioner in their return: their name and role; the agency is theirs."""
    locked = AgencyRequest.objects.select_for_update().select_related("agency").get(pk=request.pk)
    if not permissions.can_name_practitioners(actor, locked):
        raise PermissionDenied
    person = PersonInRecord(review_id=locked.review_id, group=PersonGroup.PRACTITIONER, created_by=actor)
    _clean(
        person,
        {
            "full_name": data.get("full_name", ""),
            "job_title": data.get("job_title", ""),
            "agency": locked.agency,
            "request": locked,
        },
    )
    person.save()
    record(Action.CREATE, person=actor, obj=person, detail=f"practitioner on request {locked.pk}")
    return person


@transaction.atomic
def remove_practitioner(actor: Person, request: AgencyRequest, person: PersonInRecord) -> None:
    """The agency's lead takes back a name they gave, while the request is still open."""
    locked = AgencyRequest.objects.select_for_update().get(pk=request.pk)
    if person.request_id != locked.pk:
        raise PermissionDenied
    if locked.status != AgencyRequestStatus.REQUESTED or not permissions.can_name_practitioners(actor, locked):
        raise ValidationError("Names can be removed only while the request is open")
    record(Action.DELETE, person=actor, obj=person, detail=f"practitioner on request {locked.pk}")
    person.delete()
