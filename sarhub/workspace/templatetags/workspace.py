"""The staff navigation, drawn by the base template for a signed-in person (the areas they can reach)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from sarhub.core import components
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
    areas = [area for area in areas_for(user) if area.in_navigation]
    # The current area is the one whose prefix matches the page most closely.
    matching = [area for area in areas if view_name.startswith(area.prefix)]
    current_area = max(matching, key=lambda area: len(area.prefix)) if matching else None
    items = [(area.label, area.url, area is current_area, view_name == area.url_name) for area in areas]
    return components.service_navigation(items, "navigation")
