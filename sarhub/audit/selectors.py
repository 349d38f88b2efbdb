from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from sarhub.audit.models import AuditEvent
from sarhub.audit.permissions import can_view_audit_log


def events(
    user: Any,
    *,
    person: str = "",
    action: str = "",
    outcome: str = "",
    object_type: str = "",
    object_id: str = "",
    request_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    if not can_view_audit_log(user):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.select_related("person").only(
        *[f.name for f in AuditEvent._meta.concrete_fields], "person__full_name", "person__email"
    )
    if person:
        qs = qs.filter(person__email__icontains=person) | qs.filter(person__full_name__icontains=person)
    if action:
        qs = qs.filter(action=action)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if request_id:
        qs = qs.filter(request_id=request_id)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(at__lt=datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz))
    return qs.order_by("-at", "-id")


def object_types(user: Any) -> list[str]:
    """The record types in the log, in order. A loose index scan: one index seek per distinct type,
    where SELECT DISTINCT would read the whole object_type index (every event) on every page view."""
    if not can_view_audit_log(user):
        return []
    connection = connections[AuditEvent.objects.db]
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    column = connection.ops.quote_name(AuditEvent._meta.get_field("object_type").column)
    # Identifiers come from the model, not from the request; the statement takes no parameters.
    sql = (
        f"WITH RECURSIVE types(value) AS ("  # noqa: S608
        f" SELECT MIN({column}) FROM {table}"
        f" UNION ALL"
        f" SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > types.value)"
        f" FROM types WHERE types.value IS NOT NULL"
        f") SELECT value FROM types WHERE value IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]
