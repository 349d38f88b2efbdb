"""Small template helpers for GOV.UK Design System markup (loaded as a builtin)."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def describedby(field: BoundField) -> SafeString:
    """Render a field's widget with aria-describedby pointing at its hint and error message."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs: dict[str, Any] = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id the error summary links to: the first option of radios and checkboxes."""
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return str(field.id_for_label or field.auto_id)


@register.filter
def small_choices(field: BoundField) -> bool:
    choices = getattr(field.field, "choices", [])
    return len(list(choices)) > 6


@register.simple_tag(takes_context=True)
def active_nav(context: template.Context, *prefixes: str) -> str:
    """'govuk-service-navigation__item--active' when the current URL name starts with a prefix."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    return "govuk-service-navigation__item--active" if any(name.startswith(p) for p in prefixes) else ""


@register.inclusion_tag("govuk/components/summary_row.html")
def summary_row(key: str, value: Any, href: str = "", action: str = "Change") -> dict[str, Any]:
    return {"key": key, "value": value, "href": href, "action": action}
