from __future__ import annotations

from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from sarhub.core.components import (
    INVITATION_COLOURS,
    INVITATION_DEFAULT,
    button_form,
    concat,
    empty_row,
    lines,
    link,
    small,
    status_tag,
    table_rows,
    tag,
)
from sarhub.core.roles import ROLE_LABELS

register = template.Library()

DEACTIVATED_TAG = tag("Deactivated", "grey")
STATUS_LABELS = {"pending": "Pending", "accepted": "Accepted", "expired": "Expired", "withdrawn": "Withdrawn"}


def _person_link(people_url: str, person: dict[str, Any]) -> SafeString:
    return link(f"{people_url}{int(person['id'])}/", person["full_name"])


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
    return table_rows(
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
    return table_rows(
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


@register.simple_tag(takes_context=True)
def invitation_rows(context: Any, page: Any, invitations_url: str) -> SafeString:
    """Rows of the invitations list, with 'Send again' and 'Withdraw' for pending and expired ones."""
    if not page.object_list:
        return empty_row("No invitations yet.", 4)
    token = get_token(context["request"])

    def actions(inv: Any, status: str) -> SafeString:
        if status not in ("pending", "expired"):
            return SafeString("")
        base = f"{invitations_url}{int(inv.pk)}/"
        return concat(
            button_form(
                f"{base}send-again/", token, "Send again", f" to {inv.full_name}", margin_bottom=1, inline=True
            ),
            button_form(
                f"{base}withdraw/",
                token,
                "Withdraw",
                f" invitation to {inv.full_name}",
                style="warning",
                margin_bottom=1,
                inline=True,
            ),
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
                lines(status_tag(status, STATUS_LABELS[status], INVITATION_COLOURS, INVITATION_DEFAULT), expires),
                actions(inv, status),
            )
        )
    return table_rows(out)


@register.simple_tag(takes_context=True)
def membership_rows(context: Any, memberships: Any, person: Any, can_change: bool) -> SafeString:
    """A person's roles, current and ended, with 'Remove' on current ones for those who may change them."""
    items = list(memberships)
    if not items:
        return empty_row("No roles.", 4)
    token = get_token(context["request"]) if can_change else ""
    base = reverse("partnership:person-list")

    def remove(m: Any) -> SafeString:
        if not can_change or m.ended_at:
            return SafeString("")
        return button_form(
            f"{base}{int(person.pk)}/roles/{int(m.pk)}/remove/", token, "Remove", f" role {m.role_label}"
        )

    def role(m: Any) -> SafeString:
        if not m.ended_at:
            return concat(m.role_label)
        return concat(m.role_label, " ", tag(f"Ended {_date(m.ended_at)}", "grey"))

    return table_rows(
        (role(m), m.agency.name if m.agency_id else "\N{EN DASH}", _date(m.granted_at), remove(m)) for m in items
    )


def _date(value: Any) -> str:
    return timezone.localtime(value).strftime("%-d %b %Y")
