"""Searching and exporting the audit log (the business unit). There is no view that changes it."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sarhub.audit import selectors
from sarhub.audit.forms import AuditFilterForm
from sarhub.audit.models import Action
from sarhub.audit.permissions import can_view_audit_log
from sarhub.audit.services import record
from sarhub.core.access import actor, recent_second_factor, requires
from sarhub.core.paginator import CappedPaginator

PAGE_SIZE = 25
EVENT_COUNT_CAP = 1_000
EXPORT_LIMIT = 100_000


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None, object_types=selectors.object_types(actor(request)))
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    elif form.is_bound:
        return form, selectors.events(actor(request)).none()
    return form, selectors.events(actor(request), **filters)


@requires(can_view_audit_log)
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form, qs = _filtered(request)
    page = CappedPaginator(qs, PAGE_SIZE, cap=EVENT_COUNT_CAP).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_safe(value: Any) -> str:
    """Neutralise spreadsheet formulae (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@requires(can_view_audit_log)
@recent_second_factor
@require_GET
def event_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form, qs = _filtered(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/list.html", {"form": form, "page": None, "query": ""}, status=400)
    record(Action.EXPORT, person=actor(request), obj=("audit.auditevent", "export"), detail="audit log CSV")
    writer = csv.writer(_Echo())
    header = [
        "time_utc",
        "person_id",
        "person_email",
        "roles",
        "agency",
        "action",
        "outcome",
        "object_type",
        "object_id",
        "detail",
        "request_id",
        "ip",
    ]

    def rows() -> Any:
        yield writer.writerow(header)
        for e in qs[:EXPORT_LIMIT].iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    _csv_safe(v)
                    for v in [
                        e.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                        e.person_id or "",
                        e.person.email if e.person else "",
                        e.roles,
                        e.agency,
                        e.action,
                        e.outcome,
                        e.object_type,
                        e.object_id,
                        e.detail,
                        e.request_id,
                        e.ip or "",
                    ]
                ]
            )

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sarhub-audit-{stamp}.csv"'
    return response
