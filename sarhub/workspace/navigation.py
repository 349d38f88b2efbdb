"""What each person can reach: the staff navigation and the areas listed on the staff home page, from the
areas each app registers in its AppConfig.ready() (sarhub/core/registry.py)."""

from __future__ import annotations

from typing import Any

from sarhub.core.registry import Area, areas


def areas_for(user: Any) -> list[Area]:
    return [area for area in areas() if area.rule(user)]


__all__ = ["Area", "areas_for"]
