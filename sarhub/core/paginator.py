"""Paginators that avoid counting more than they need to."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator told its count (one the caller already has), so it does not count again."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


class CappedPaginator(Paginator):
    """Counts matches only up to a cap: counting a whole 200,000-event log or a search matching
    everyone costs more than the page itself. Past the cap, the page says "more than" and asks for a
    narrower search (or an export)."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        queryset: Any = self.object_list
        return int(queryset[: self.cap + 1].count())

    @property
    def capped(self) -> bool:
        return self.count > self.cap
