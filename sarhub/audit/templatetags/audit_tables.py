from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

from sarhub.core.components import concat, empty_row, lines, small, table_rows, tag

register = template.Library()


def _action(e: Any) -> SafeString:
    if e.outcome == "success":
        return concat(e.action_label)
    return concat(e.action_label, " ", tag(e.outcome_label, "red"))


@register.simple_tag
def audit_rows(page: Any) -> SafeString:
    if not page.object_list:
        return empty_row("No events match.", 4)
    return table_rows(
        (
            timezone.localtime(e.at).strftime("%-d %b %Y %H:%M:%S"),
            lines(e.person.full_name if e.person_id else "\N{EN DASH}", small(e.roles)),
            lines(_action(e), small(e.detail)),
            lines(
                f"{e.object_type} #{e.object_id}" if e.object_id else e.object_type,
                small(f"Request {e.request_id[:12]}{'…' if len(e.request_id) > 12 else ''} · {e.ip or ''}"),
            ),
        )
        for e in page
    )
