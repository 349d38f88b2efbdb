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


# --- What an upper app offers on a review's pages ------------------------------------------------------


@dataclass(frozen=True)
class ReviewLink:
    """A link an upper app offers on a review's pages, for those `rule` admits: on the review's overview
    (`per_finding` off: `url_name` reversed with the review's id), or on each finding in the review's
    findings list (on: reversed with the finding's id). `label` is the link's text; the finding's number is
    added for screen readers."""

    label: str
    url_name: str
    rule: Callable[[Any], bool]
    per_finding: bool = False
    order: int = 0


@dataclass(frozen=True)
class ReviewNotes:
    """What an upper app says on a review's pages: `notes(person, review)` returns markup for the review's
    overview and, by finding id, for findings in its findings list. The markup is the app's, escaped there
    (through sarhub.core.components)."""

    name: str
    notes: Callable[[Any, Any], tuple[str, dict[int, str]]]


_review_links: dict[tuple[str, bool], ReviewLink] = {}
_review_notes: dict[str, ReviewNotes] = {}


def register_review_link(link: ReviewLink) -> None:
    """Register (or, by its URL name and place, replace) a link on a review's pages."""
    _review_links[(link.url_name, link.per_finding)] = link


def review_links(user: Any, *, per_finding: bool) -> list[ReviewLink]:
    """The links this person is offered on a review's overview, or on each finding."""
    return sorted(
        (link for link in _review_links.values() if link.per_finding == per_finding and link.rule(user)),
        key=lambda link: (link.order, link.label),
    )


def register_review_notes(notes: ReviewNotes) -> None:
    """Register (or, by its name, replace) what an app says on a review's pages."""
    _review_notes[notes.name] = notes


def review_notes(user: Any, review: Any) -> tuple[list[str], dict[int, list[str]]]:
    """Every registered app's notes for this person on this review: for its overview, and by finding id."""
    overview: list[str] = []
    findings: dict[int, list[str]] = {}
    for name in sorted(_review_notes):
        about_review, about_findings = _review_notes[name].notes(user, review)
        if about_review:
            overview.append(about_review)
        for finding_id, markup in about_findings.items():
            findings.setdefault(finding_id, []).append(markup)
    return overview, findings
