"""Writing to the audit log. Every service that touches confidential data calls `record`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent, Outcome
from sarhub.core import request_context
from sarhub.core.logging import redact

_MAX_DETAIL = 200


def _object_ref(obj: Any) -> tuple[str, str]:
    if obj is None:
        return "", ""
    if isinstance(obj, tuple):
        object_type, object_id = obj
        return str(object_type)[:60], str(object_id)[:64]
    if isinstance(obj, models.Model):
        return obj._meta.label_lower[:60], str(obj.pk)[:64]
    raise TypeError(f"Cannot audit {type(obj)!r}")


def record(
    action: Action | str,
    *,
    person: Any = None,
    obj: Any = None,
    outcome: Outcome | str = Outcome.SUCCESS,
    detail: str = "",
) -> AuditEvent:
    """Append one event. `obj` is a model instance or a (type, id) pair; `detail` must hold no content."""
    ctx = request_context.current()
    object_type, object_id = _object_ref(obj)
    roles = ""
    agency = ""
    if person is not None and getattr(person, "is_authenticated", False):
        roles = ",".join(sorted(person.role_set))[:300]
        agency = "; ".join(a.name for a in person.agencies)[:400]
    else:
        person = None
    return AuditEvent.objects.create(
        at=timezone.now(),
        person=person,
        roles=roles,
        agency=agency,
        action=str(action),
        outcome=str(outcome),
        object_type=object_type,
        object_id=object_id,
        detail=redact(detail)[:_MAX_DETAIL],  # a link token never reaches the audit log
        request_id=ctx.request_id if ctx.request_id != "-" else "",
        ip=ctx.ip,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Names (never values) of the fields that changed, for the detail column."""
    names = sorted(k for k in after if before.get(k) != after.get(k))
    return ("changed: " + ", ".join(names)) if names else "no changes"
