from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sarhub.partnership.selectors import current_board


def sarhub(request: HttpRequest) -> dict[str, Any]:
    return {
        "board": SimpleLazyObject(current_board),
        "demo_mode": settings.DEMO_MODE,
    }
