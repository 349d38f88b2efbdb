from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sarhub.core.tables import empty_row, lines, rows

register = template.Library()


def _person_link(people_url: str, person: Any) -> SafeString:
    return format_html('<a class="govuk-link" href="{}{}/">{}</a>', people_url, person.pk, person.full_name)


@register.simple_tag
def people_rows(page: Any, people_url: str) -> SafeString:
    if not page.object_list:
        return empty_row("No people match these filters.", 2)
    return rows(
        (
            lines(
                _person_link(people_url, person),
                format_html('<span class="govuk-body-s">{}</span>', person.email),
                SafeString('<strong class="govuk-tag govuk-tag--grey">Deactivated</strong>')
                if not person.is_active
                else "",
            ),
            lines(*[str(m) for m in person.current_memberships]) or "No roles",
        )
        for person in page
    )


@register.simple_tag
def agency_people_rows(page: Any, people_url: str, agency: Any) -> SafeString:
    if not page.object_list:
        return empty_row("No one has a role at this agency yet.", 3)
    return rows(
        (
            _person_link(people_url, person),
            lines(*[m.role_label for m in person.current_memberships if m.agency_id == agency.pk]),
            "Active" if person.is_active else "Deactivated",
        )
        for person in page
    )
