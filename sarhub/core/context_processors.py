from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sarhub.partnership.selectors import current_board


def sarhub(request: HttpRequest) -> dict[str, Any]:
    def navigation() -> list[dict[str, str]]:
        from sarhub.core.navigation import areas_for

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return [{"label": a.label, "url": a.url, "prefix": a.prefix} for a in areas_for(user) if a.in_navigation]

    return {
        "board": SimpleLazyObject(current_board),
        "demo_mode": settings.DEMO_MODE,
        "staff_navigation": SimpleLazyObject(navigation),
    }
