"""The staff navigation, drawn by the base template for a signed-in person (the areas they can reach)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.html import esc
from sarhub.workspace.navigation import areas_for

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_navigation(context: template.Context) -> SafeString:
    """GOV.UK service navigation for the areas the signed-in person can reach, current area marked."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return SafeString("")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    items = []
    areas = [area for area in areas_for(user) if area.in_navigation]
    # The current area is the one whose prefix matches the page most closely.
    matching = [area for area in areas if view_name.startswith(area.prefix)]
    current_area = max(matching, key=lambda area: len(area.prefix)) if matching else None
    for area in areas:
        active = area is current_area
        item_class = "govuk-service-navigation__item" + (" govuk-service-navigation__item--active" if active else "")
        current = (
            ' aria-current="page"'
            if active and view_name == area.url_name
            else ' aria-current="true"'
            if active
            else ""
        )
        label = (
            f'<strong class="govuk-service-navigation__active-fallback">{esc(area.label)}</strong>'
            if active
            else esc(area.label)
        )
        items.append(
            f'<li class="{item_class}"><a class="govuk-service-navigation__link" href="{esc(area.url)}"{current}>{label}</a></li>'
        )
    return mark_safe(  # noqa: S308 (escaped)
        '<section aria-label="Menu" class="govuk-service-navigation" data-module="govuk-service-navigation">'
        '<div class="govuk-width-container"><div class="govuk-service-navigation__container">'
        '<nav aria-label="Menu" class="govuk-service-navigation__wrapper">'
        '<button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" '
        'aria-controls="navigation" hidden>Menu</button>'
        f'<ul class="govuk-service-navigation__list" id="navigation">{"".join(items)}</ul>'
        "</nav></div></div></section>"
    )
