"""The dashboard's figures, computed ahead and kept (one row per filter choice) with the time they were
computed. A page reads the row; it is computed again when it is older than `STALE_AFTER`, when the day
changes (ratings move at midnight), when the business unit asks for it, and by the daily job for the
figures most people open (all years, and this financial year)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from sarhub.actions.annual import current_year
from sarhub.insight import figures
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


def refresh(filters: Filters) -> Snapshot:
    started = time.perf_counter()
    data = figures.compute(filters)
    took = time.perf_counter() - started
    with transaction.atomic():
        snapshot, _ = Snapshot.objects.update_or_create(
            key=filters.key, defaults={"data": data, "refreshed_at": timezone.now(), "seconds": took}
        )
    return snapshot


def current(filters: Filters, *, force: bool = False) -> Snapshot:
    """The figures for these filters: the kept row, or freshly computed if it is stale (or `force`)."""
    snapshot = None if force else Snapshot.objects.filter(key=filters.key).defer("data").first()
    if not _fresh(snapshot):
        snapshot = refresh(filters)
    assert snapshot is not None
    return snapshot


def data_of(snapshot: Snapshot) -> dict[str, Any]:
    return snapshot.data


def daily() -> str:
    """The daily job: the figures most people open, computed afresh; stale rows for other choices go."""
    year = current_year()
    chosen = [Filters(), Filters(year=year)]
    for each in chosen:
        refresh(each)
    removed, _ = (
        Snapshot.objects.filter(key__startswith="dashboard:")
        .exclude(key__in=[f.key for f in chosen])
        .filter(refreshed_at__lt=timezone.now() - timedelta(days=1))
        .delete()
    )
    return f"Insight figures refreshed ({len(chosen)} views; {removed} old views removed)."
