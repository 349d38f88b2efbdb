"""Links to many records of one kind, without calling reverse() for each (a long list paid for
hundreds of URL resolutions)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse

_MARKER = 987654321


def url_maker(name: str, *fixed: Any, fragment: str = "") -> Callable[[Any], str]:
    """`url_maker("reviews:finding-edit", review.pk)(finding.pk)` equals
    `reverse("reviews:finding-edit", args=[review.pk, finding.pk])`: reversed once, the last argument
    substituted (an integer id)."""
    head, tail = _split(name, tuple(fixed), get_script_prefix())
    suffix = f"{tail}#{fragment}" if fragment else tail
    return lambda value: f"{head}{int(value)}{suffix}"


@lru_cache(maxsize=512)
def _split(name: str, fixed: tuple[Any, ...], script_prefix: str) -> tuple[str, str]:
    """The URL around its last argument, reversed once per process for each name (the review record's
    section links are made on every one of its pages)."""
    head, _, tail = reverse(name, args=[*fixed, _MARKER]).rpartition(str(_MARKER))
    return head, tail
