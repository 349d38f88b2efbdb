"""What every page's layout needs: its header and footer links, the Board's details and demo mode."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from sarhub.partnership.selectors import current_board

LAYOUT_URLS = [
    "workspace:home",
    "core:public-home",
    "accounts:account",
    "accounts:logout",
    "core:accessibility",
    "core:privacy",
    "accounts:login",
]


@lru_cache(maxsize=8)
def layout_urls(script_prefix: str) -> dict[str, str]:
    """The URLs every page's header and footer link to (no arguments), reversed once per process."""
    return {name.replace(":", "_").replace("-", "_"): reverse(name) for name in LAYOUT_URLS}


def sarhub(request: HttpRequest) -> dict[str, Any]:
    return {
        "urls": layout_urls(get_script_prefix()),
        "board": SimpleLazyObject(current_board),
        "demo_mode": settings.DEMO_MODE,
    }
