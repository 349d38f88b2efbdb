"""Links to many records of one kind, without calling reverse() for each (a long list paid for
hundreds of URL resolutions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

_MARKER = 987654321


def url_maker(name: str, *fixed: Any, fragment: str = "") -> Callable[[Any], str]:
    """`url_maker("reviews:finding-edit", review.pk)(finding.pk)` equals
    `reverse("reviews:finding-edit", args=[review.pk, finding.pk])`: reversed once, the last argument
    substituted (an integer id)."""
    head, _, tail = reverse(name, args=[*fixed, _MARKER]).rpartition(str(_MARKER))
    suffix = f"{tail}#{fragment}" if fragment else tail
    return lambda value: f"{head}{int(value)}{suffix}"
