"""What each app offers the top floor, registered in its AppConfig.ready(): its areas (the staff
navigation and the home page's list) and its daily jobs (the reminders command). The workspace reads
these lists, so adding an app never edits the top floor, and no app imports the workspace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=64)
def _url(name: str, script_prefix: str) -> str:
    """Area URLs have no arguments, so each is reversed once per process (and script prefix)."""
    return reverse(name)


def anyone(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class Area:
    """A part of the service a person may reach: listed on the home page and, unless `in_navigation` is
    off, in the staff navigation, in `order` (smallest first), for those `rule` admits."""

    label: str
    url_name: str
    prefix: str
    description: str
    rule: Callable[[Any], bool]
    order: int
    in_navigation: bool = True

    @property
    def url(self) -> str:
        return _url(self.url_name, get_script_prefix())


@dataclass(frozen=True)
class DailyJob:
    """Something the daily reminders command runs: `run` does the work and returns the line it reports."""

    name: str
    run: Callable[[], str]
    order: int


_areas: dict[str, Area] = {}
_ordered_areas: list[Area] = []
_jobs: dict[str, DailyJob] = {}


def register_area(area: Area) -> None:
    """Register (or, by its URL name, replace) an area."""
    _areas[area.url_name] = area
    _ordered_areas[:] = sorted(_areas.values(), key=lambda each: (each.order, each.label))


def areas() -> list[Area]:
    """Every registered area in order (read on every staff page, so kept sorted as they register)."""
    return _ordered_areas


def register_daily_job(job: DailyJob) -> None:
    """Register (or, by its name, replace) a daily job."""
    _jobs[job.name] = job


def daily_jobs() -> list[DailyJob]:
    return sorted(_jobs.values(), key=lambda job: (job.order, job.name))


def plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
