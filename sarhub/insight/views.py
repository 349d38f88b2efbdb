"""The Board's insight: the business unit's dashboard (its home page) and the Board's overview.

Both show the same pre-computed figures (`snapshots`), drawn by `present` for their audience: exact and
linked for the business unit, aggregates with "fewer than 3" for everyone else. The drawn sections are kept
in the cache under the figures' key, the time they were computed and the audience, so a page view is one
read of the figures' row and a cache hit. The figures are counts, not anyone's record, so viewing them is
not audited; the lists they link to audit their own reads.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from sarhub.actions.annual import FinancialYear, year_of
from sarhub.core import reports
from sarhub.core.access import actor, requires
from sarhub.core.downloads import attachment
from sarhub.insight import national, permissions, present, quarterly, snapshots, themes
from sarhub.insight.figures import Filters, computed_at
from sarhub.insight.forms import FilterForm
from sarhub.insight.models import Snapshot

CACHE_SECONDS = 900


def _filters(request: HttpRequest) -> tuple[FilterForm, Filters | None]:
    form = FilterForm(request.GET or None)
    if not request.GET:
        return form, Filters()
    if form.is_valid():
        return form, form.filters()
    return form, None


def _sections_html(snapshot: Snapshot, who: present.Audience) -> str:
    assert snapshot.refreshed_at is not None
    key = f"insight:{snapshot.key}:{snapshot.refreshed_at.timestamp()}:{who.name}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "insight/_sections.html",
            {
                "sections": present.sections(snapshot.data, who),
                "headlines": present.headlines(snapshot.data, who),
                "query": urlencode(snapshot.data.get("filters", {})),
                "exact": who.exact,
            },
        )
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered from our template, every value escaped there)


def _page(request: HttpRequest, template: str, *, exact: bool, extra: dict[str, Any] | None = None) -> HttpResponse:
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form, **(extra or {})}
    if filters is not None:
        snapshot = snapshots.current(filters)
        context |= {
            "sections_html": _sections_html(snapshot, present.Audience(exact)),
            "computed_at": computed_at(snapshot.refreshed_at) if snapshot.refreshed_at else "",
            "filters": filters,
            "query": urlencode(filters.as_query()),
        }
    return render(request, template, context)


def dashboard(request: HttpRequest) -> HttpResponse:
    """The business unit's home page (served by the workspace's home view)."""
    return _page(request, "insight/dashboard.html", exact=True)


@requires(permissions.can_see_overview)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    return _page(
        request,
        "insight/overview.html",
        exact=False,
        extra={
            "is_business_unit": permissions.can_see_dashboard(person),
            "can_read_repeats": permissions.can_read_repeats(person),
            "can_see_good_practice": permissions.can_see_good_practice(person),
            "can_search_findings": permissions.can_search_findings(person),
        },
    )


@requires(permissions.can_see_dashboard)
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    query = request.GET.urlencode()
    if filters is None:
        messages.error(request, "The figures were not refreshed: choose the filters from the lists.")
    else:
        snapshot = snapshots.current(filters, force=True)
        messages.success(request, f"The figures have been refreshed ({computed_at(snapshot.refreshed_at)}).")  # type: ignore[arg-type]
    return redirect(reverse("workspace:home") + (f"?{query}" if query else ""))


def _themes_html(snapshot: Snapshot, who: present.Audience) -> str:
    assert snapshot.refreshed_at is not None
    key = f"insight:{snapshot.key}:{snapshot.refreshed_at.timestamp()}:{who.name}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("insight/_themes.html", {"tables": themes.tables(snapshot.data, who)})
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered from our template, every value escaped there)


@requires(permissions.can_see_overview)
@require_GET
def themes_over_time(request: HttpRequest) -> HttpResponse:
    snapshot = snapshots.current_themes()
    who = present.Audience(permissions.sees_exact_figures(actor(request)))
    return render(
        request,
        "insight/themes.html",
        {
            "themes_html": _themes_html(snapshot, who),
            "computed_at": computed_at(snapshot.refreshed_at) if snapshot.refreshed_at else "",
            "analyses": national.analyses(),
            "figures": [f for m in national.MEASURES for f in national.figures_for(m)],
            "exact": who.exact,
        },
    )


@requires(permissions.can_see_overview)
@require_GET
def figure_csv(request: HttpRequest, key: str) -> HttpResponse:
    who = present.Audience(permissions.sees_exact_figures(actor(request)))
    if key.startswith("themes-"):
        found = [t for t in themes.tables(snapshots.current_themes().data, who) if t.key == key]
        if not found:
            raise Http404
        return attachment(found[0].csv().encode("utf-8-sig"), f"{key}.csv", "text/csv; charset=utf-8")
    form, filters = _filters(request)
    if filters is None:
        return render(request, "insight/overview.html", {"form": form}, status=400)
    snapshot = snapshots.current(filters)
    table = present.table(snapshot.data, who, key)
    if table is None:
        raise Http404
    return attachment(table.csv().encode("utf-8-sig"), f"{key}.csv", "text/csv; charset=utf-8")


@requires(permissions.can_see_overview)
@require_GET
def quarterly_report(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("quarter")
    chosen = quarterly.parse(raw) if raw is not None else quarterly.last_complete()
    error = "" if chosen is not None else "Choose a quarter from the list"
    quarter = chosen or quarterly.last_complete()
    figures, kept_themes = snapshots.current(Filters(year=quarter.year)), snapshots.current_themes()
    assert figures.refreshed_at is not None and kept_themes.refreshed_at is not None
    # The report's sections are drawn once for the figures kept (its counts for the quarter with them).
    key = f"insight:quarterly:{quarter.slug}:{figures.refreshed_at.timestamp()}:{kept_themes.refreshed_at.timestamp()}"
    html = cache.get(key)
    context = quarterly.context(quarter, figures.data, kept_themes.data) if html is None else {}
    if html is None:
        html = render_to_string("insight/_quarterly_sections.html", context)
        cache.set(key, html, CACHE_SECONDS)
    return render(
        request,
        "insight/quarterly.html",
        {
            "quarter": quarter,
            "fy": FinancialYear(quarter.year),
            "current_fy": year_of(timezone.localdate()) == quarter.year,
            "sections_html": mark_safe(html),  # noqa: S308 (rendered from our template, every value escaped there)
            "computed_at": computed_at(min(figures.refreshed_at, kept_themes.refreshed_at)),
            "choices": quarterly.choices(),
            "error": error,
        },
        status=200 if not error else 400,
    )


@requires(permissions.can_see_overview)
@require_GET
def quarterly_file(request: HttpRequest, quarter: str, kind: str) -> HttpResponse:
    chosen = quarterly.parse(quarter)
    if chosen is None or kind not in ("pdf", "docx"):
        raise Http404
    figures = snapshots.current(Filters(year=chosen.year)).data
    themes_data = snapshots.current_themes().data
    render = quarterly.as_pdf if kind == "pdf" else quarterly.as_docx
    content = render(chosen, figures, themes_data)
    return reports.download(content, quarterly.file_stem(chosen), kind)
