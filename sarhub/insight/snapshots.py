"""The dashboard's figures, computed ahead and kept (one row per filter choice) with the time they were
computed. A page reads the row; it is computed again when it is older than `STALE_AFTER`, when the day
changes (ratings move at midnight), when the business unit asks for it, and by the daily job for the
figures most people open (all years, and this financial year)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from sarhub.actions.annual import current_year
from sarhub.insight import figures, themes
from sarhub.insight.figures import Filters
from sarhub.insight.models import Snapshot

STALE_AFTER = timedelta(minutes=15)


def _fresh(snapshot: Snapshot | None) -> bool:
    if snapshot is None or snapshot.refreshed_at is None:
        return False
    now = timezone.now()
    return now - snapshot.refreshed_at < STALE_AFTER and timezone.localdate(
        snapshot.refreshed_at
    ) == timezone.localdate(now)


THEMES = "themes"


def _store(key: str, compute: Callable[[], dict[str, Any]]) -> Snapshot:
    started = time.perf_counter()
    data = compute()
    took = time.perf_counter() - started
    with transaction.atomic():
        snapshot, _ = Snapshot.objects.update_or_create(
            key=key, defaults={"data": data, "refreshed_at": timezone.now(), "seconds": took}
        )
    return snapshot


def _current(key: str, compute: Callable[[], dict[str, Any]], force: bool) -> Snapshot:
    # The figures themselves are read only when a page has to be drawn again (`snapshot.data` then loads).
    snapshot = None if force else Snapshot.objects.filter(key=key).defer("data").first()
    if not _fresh(snapshot):
        snapshot = _store(key, compute)
    assert snapshot is not None
    return snapshot


def refresh(filters: Filters) -> Snapshot:
    return _store(filters.key, lambda: figures.compute(filters))


def current(filters: Filters, *, force: bool = False) -> Snapshot:
    """The figures for these filters: the kept row, or freshly computed if it is stale (or `force`)."""
    return _current(filters.key, lambda: figures.compute(filters), force)


def current_themes(*, force: bool = False) -> Snapshot:
    """Themes over time (one set for the Board: no filters)."""
    return _current(THEMES, themes.compute, force)


def data_of(snapshot: Snapshot) -> dict[str, Any]:
    return snapshot.data


def daily() -> str:
    """The daily job: the figures most people open, computed afresh; stale rows for other choices go."""
    year = current_year()
    chosen = [Filters(), Filters(year=year)]
    for each in chosen:
        refresh(each)
    _store(THEMES, themes.compute)
    removed, _ = (
        Snapshot.objects.filter(key__startswith="dashboard:")
        .exclude(key__in=[f.key for f in chosen])
        .filter(refreshed_at__lt=timezone.now() - timedelta(days=1))
        .delete()
    )
    return f"Insight figures refreshed ({len(chosen)} views; {removed} old views removed)."
