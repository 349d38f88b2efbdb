from __future__ import annotations

from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.html import esc
from sarhub.core.roles import ROLE_LABELS
from sarhub.core.tables import empty_row, lines, rows, small

register = template.Library()

DEACTIVATED_TAG = mark_safe('<strong class="govuk-tag govuk-tag--grey">Deactivated</strong>')


def _person_link(people_url: str, person: dict[str, Any]) -> SafeString:
    return mark_safe(  # noqa: S308 (escaped)
        f'<a class="govuk-link" href="{esc(people_url)}{int(person["id"])}/">{esc(person["full_name"])}</a>'
    )


def _role(role: str, agency_name: str | None) -> str:
    label = ROLE_LABELS.get(role, role)
    return f"{label}, {agency_name}" if agency_name else label


def _role_lines(held: list[Any]) -> list[str]:
    """One line per role and agency; a role held on several reviews is one line with a count."""
    counts: dict[str, int] = {}
    for role, _, agency_name in held:
        label = _role(role, agency_name)
        counts[label] = counts.get(label, 0) + 1
    return [f"{label} ({n} reviews)" if n > 1 else label for label, n in counts.items()]


@register.simple_tag
def people_rows(page: Any, roles: dict[int, list[Any]], people_url: str) -> SafeString:
    """Rows of the people list: `page` holds selectors.people() rows, `roles` selectors.current_roles()."""
    if not page.object_list:
        return empty_row("No people match these filters.", 2)
    return rows(
        (
            lines(
                _person_link(people_url, person),
                small(person["email"]),
                "" if person["is_active"] else DEACTIVATED_TAG,
            ),
            lines(*_role_lines(roles.get(person["id"], []))) or "No roles",
        )
        for person in page
    )


@register.simple_tag
def agency_people_rows(page: Any, roles: dict[int, list[Any]], people_url: str, agency: Any) -> SafeString:
    if not page.object_list:
        return empty_row("No one has a role at this agency yet.", 3)
    return rows(
        (
            _person_link(people_url, person),
            lines(
                *[
                    ROLE_LABELS.get(role, role)
                    for role, agency_id, _ in roles.get(person["id"], [])
                    if agency_id == agency.pk
                ]
            ),
            "Active" if person["is_active"] else "Deactivated",
        )
        for person in page
    )


STATUS_TAGS = {
    "pending": '<strong class="govuk-tag govuk-tag--blue">Pending</strong>',
    "accepted": '<strong class="govuk-tag govuk-tag--green">Accepted</strong>',
    "expired": '<strong class="govuk-tag govuk-tag--yellow">Expired</strong>',
    "withdrawn": '<strong class="govuk-tag govuk-tag--grey">Withdrawn</strong>',
}


@register.simple_tag(takes_context=True)
def invitation_rows(context: Any, page: Any, invitations_url: str) -> SafeString:
    """Rows of the invitations list, with 'Send again' and 'Withdraw' for pending and expired ones."""
    if not page.object_list:
        return empty_row("No invitations yet.", 4)
    token = esc(get_token(context["request"]))
    base = esc(invitations_url)

    def actions(inv: Any, status: str) -> SafeString:
        if status not in ("pending", "expired"):
            return SafeString("")
        name = esc(inv.full_name)
        form = (
            '<form method="post" action="{base}{pk}/{path}/" class="govuk-!-display-inline-block">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            '<button type="submit" class="govuk-button {style} govuk-!-margin-bottom-1" data-module="govuk-button">'
            '{label}<span class="govuk-visually-hidden"> {hidden}</span></button></form>'
        )
        return mark_safe(  # noqa: S308 (every value escaped)
            form.format(
                base=base,
                pk=int(inv.pk),
                path="send-again",
                token=token,
                style="govuk-button--secondary",
                label="Send again",
                hidden=f"to {name}",
            )
            + form.format(
                base=base,
                pk=int(inv.pk),
                path="withdraw",
                token=token,
                style="govuk-button--warning",
                label="Withdraw",
                hidden=f"invitation to {name}",
            )
        )

    out = []
    for inv in page:
        status = inv.status
        expires = (
            small(f"Expires {timezone.localtime(inv.expires_at).strftime('%-d %b, %H:%M')}")
            if status == "pending"
            else ""
        )
        out.append(
            (
                lines(inv.full_name, small(inv.email)),
                lines(", ".join(inv.role_labels()), small(inv.agency.name) if inv.agency_id else ""),
                lines(mark_safe(STATUS_TAGS[status]), expires),  # noqa: S308 (constant markup)
                actions(inv, status),
            )
        )
    return rows(out)


@register.simple_tag(takes_context=True)
def membership_rows(context: Any, memberships: Any, person: Any, can_change: bool) -> SafeString:
    """A person's roles, current and ended, with 'Remove' on current ones for those who may change them."""
    items = list(memberships)
    if not items:
        return empty_row("No roles.", 4)
    token = esc(get_token(context["request"])) if can_change else ""
    base = esc(reverse("partnership:person-list"))

    def remove(m: Any) -> SafeString:
        if not can_change or m.ended_at:
            return SafeString("")
        return mark_safe(  # noqa: S308 (escaped)
            f'<form method="post" action="{base}{int(person.pk)}/roles/{int(m.pk)}/remove/">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            '<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
            f'data-module="govuk-button">Remove<span class="govuk-visually-hidden"> role {esc(m.role_label)}</span>'
            "</button></form>"
        )

    def role(m: Any) -> SafeString:
        ended = (
            f' <strong class="govuk-tag govuk-tag--grey">Ended {esc(_date(m.ended_at))}</strong>' if m.ended_at else ""
        )
        return mark_safe(f"{esc(m.role_label)}{ended}")  # noqa: S308 (escaped)

    return rows(
        (role(m), m.agency.name if m.agency_id else "\N{EN DASH}", _date(m.granted_at), remove(m)) for m in items
    )


def _date(value: Any) -> str:
    return timezone.localtime(value).strftime("%-d %b %Y")
