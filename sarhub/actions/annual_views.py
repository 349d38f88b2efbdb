"""The SAR section of the Board's annual report: choose a financial year, preview it, download it.

For those who read the whole action plan (the business unit, the independent chair, the SAR subgroup and
Board members). Every preview and download is audited against ("annual_report", year).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sarhub.actions import annual, permissions
from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import reports
from sarhub.core.access import actor, requires

YEAR_ERROR = "Choose a financial year from the list"


@requires(permissions.reads_whole_plan)
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The chooser and, for the year chosen (or the last year to have ended), the report as a web page.
    A year that cannot be reported on is an error on the page, never a failure."""
    person = actor(request)
    today = timezone.localdate()
    years = annual.years_with_data(today)
    raw = request.GET.get("year", "")
    error = ""
    if raw.strip():
        year = annual.parse_year(raw, today)
        if year is None:
            error = YEAR_ERROR
            year = annual.default_year(years, today)
    else:
        year = annual.default_year(years, today)
    built = None
    if not error:
        built = annual.build(year, today=today)
        record(Action.VIEW, person=person, obj=("annual_report", year), detail="preview")
    offered = sorted({*years, year}, reverse=True)
    return render(
        request,
        "actions/annual/report.html",
        {
            "report": built,
            "error": error,
            "chosen": year,
            "years": [(y, annual.FinancialYear(y).label) for y in offered],
        },
    )


def _year(year: int) -> int:
    checked = annual.parse_year(year)
    if checked is None:
        raise Http404
    return checked


@requires(permissions.reads_whole_plan)
@require_GET
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    built = annual.build(_year(year))
    record(Action.DOWNLOAD, person=actor(request), obj=("annual_report", built.year.start_year), detail="pdf")
    return reports.download(annual.as_pdf(built), built.file_stem, "pdf")


@requires(permissions.reads_whole_plan)
@require_GET
def report_docx(request: HttpRequest, year: int) -> HttpResponse:
    built = annual.build(_year(year))
    record(Action.DOWNLOAD, person=actor(request), obj=("annual_report", built.year.start_year), detail="docx")
    return reports.download(annual.as_docx(built), built.file_stem, "docx")
