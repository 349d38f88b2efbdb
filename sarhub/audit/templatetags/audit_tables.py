from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sarhub.core.tables import empty_row, lines, rows

register = template.Library()


def _small(text: object) -> SafeString:
    return format_html('<span class="govuk-body-s">{}</span>', text) if text else SafeString("")


@register.simple_tag
def audit_rows(page: Any) -> SafeString:
    if not page.object_list:
        return empty_row("No events match.", 4)
    return rows(
        (
            timezone.localtime(e.at).strftime("%-d %b %Y %H:%M:%S"),
            lines(e.person.full_name if e.person_id else "\N{EN DASH}", _small(e.roles)),
            lines(
                format_html(
                    "{}{}",
                    e.action_label,
                    format_html(' <strong class="govuk-tag govuk-tag--red">{}</strong>', e.outcome_label)
                    if e.outcome != "success"
                    else "",
                ),
                _small(e.detail),
            ),
            lines(
                f"{e.object_type} #{e.object_id}" if e.object_id else e.object_type,
                _small(f"Request {e.request_id[:12]}{'…' if len(e.request_id) > 12 else ''} · {e.ip or ''}"),
            ),
        )
        for e in page
    )
