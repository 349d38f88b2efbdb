"""Queries compiled once, run many times: for the few fixed queries on the busiest pages.

Building SQL from a queryset costs Django about a quarter of a millisecond a query, most of a small
query's time (measured in docs/performance.md: 0.37 ms through the ORM, 0.06 ms for the same SQL run
directly). A `Prepared` query is written as an ordinary queryset of `values_list` rows whose varying
values are given as arguments; the first call on each database compiles it with marker values, and
later calls run the same SQL with the real values, applying the same field converters the ORM applies
(dates on SQLite, for example). Results are the tuples `values_list` would give.

Only plain `values_list` querysets are supported (no `flat`, `named` or `extra`), and every argument
must end up as a query parameter (a filter value, never a LIMIT). `test_prepared.py` checks that each
prepared query in the code gives exactly what its queryset gives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

# Markers that no real id or value takes; each argument gets its own.
_MARKERS = [-918_273_645_001 - n for n in range(8)]


class Prepared:
    def __init__(self, build: Callable[..., QuerySet[Any]], using: str = "default") -> None:
        self.build = build
        self.using = using
        self._compiled: dict[str, tuple[str, list[Any], list[int | None], Any, Any]] = {}
        self._lock = threading.Lock()

    def queryset(self, *args: Any) -> QuerySet[Any]:
        return self.build(*args)

    def _compile(self, count: int) -> tuple[str, list[Any], list[int | None], Any, Any]:
        connection = connections[self.using]
        key = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
        found = self._compiled.get(key)
        if found is not None:
            return found
        with self._lock:
            queryset = self.build(*_MARKERS[:count])
            query = queryset.query
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            plain = queryset._iterable_class is ValuesListIterable  # type: ignore[attr-defined]
            if not plain or not queryset._fields or list(queryset._fields) != names:  # type: ignore[attr-defined]
                raise ValueError("A prepared query must be a values_list with its annotations last")
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            slots: list[int | None] = []
            for value in params:
                slots.append(_MARKERS.index(value) if value in _MARKERS[:count] else None)
            if sum(slot is not None for slot in slots) < count:
                raise ValueError("Every argument of a prepared query must be a query parameter")
            converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
            found = (sql, list(params), slots, compiler, converters)
            self._compiled[key] = found
            return found

    def rows(self, *args: Any) -> list[tuple[Any, ...]]:
        sql, params, slots, compiler, converters = self._compile(len(args))
        values = [args[slot] if slot is not None else value for value, slot in zip(params, slots, strict=True)]
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return [tuple(row) for row in rows]
