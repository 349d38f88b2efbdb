"""Themes over time: how many of the Board's SARs featured each abuse or neglect type, learning domain and
practice theme, per financial year, as counts and as shares, beside the two national analyses.

A SAR counts in the year the Board signed it off (as the national analyses count completed reviews), on
the SAR routes (independent SARs, SARs in Rapid Time and thematic reviews; other learning reviews are not
SARs). It features a term when at least one of its findings is coded with it. The national figures are the
cited ones in `national.py`; a term they do not publish reads "not published", never a guess.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.utils import timezone

from sarhub.actions.annual import FinancialYear, current_year, year_of
from sarhub.core import charts
from sarhub.core.charts import Chart, Series
from sarhub.insight import national
from sarhub.insight.present import Audience, Cell, Table
from sarhub.reviews.models import Finding, Review, Route
from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme

SAR_ROUTES = [Route.INDEPENDENT_SAR, Route.RAPID, Route.THEMATIC]
YEARS_SHOWN = 5
MEASURE_HEADINGS = {
    national.ABUSE_TYPE: "Types of abuse and neglect",
    national.DOMAIN: "The five learning domains",
    national.PRACTICE_THEME: "Practice themes",
}


def _terms(measure: str) -> list[tuple[str, str]]:
    """(key, label) for each term of a measure, in the Board's order (retired terms stay: old SARs used them)."""
    if measure == national.DOMAIN:
        return [(value, str(label)) for value, label in LearningDomain.choices]
    model = AbuseType if measure == national.ABUSE_TYPE else PracticeTheme
    return [(name, name) for name in model.objects.order_by("order", "name").values_list("name", flat=True)]


def compute(today: date | None = None) -> dict[str, Any]:
    """For each financial year with a signed-off SAR: how many SARs, and how many featured each term."""
    today = today or timezone.localdate()
    sars = dict(
        Review.objects.filter(route__in=SAR_ROUTES, signed_off_on__isnull=False).values_list("pk", "signed_off_on")
    )
    year_of_review = {pk: year_of(day) for pk, day in sars.items() if day is not None}
    featured: dict[str, dict[str, set[int]]] = {m: defaultdict(set) for m in national.MEASURES}
    findings = Finding.objects.filter(review__in=list(sars))
    for review_id, domain in findings.values_list("review_id", "domain"):
        featured[national.DOMAIN][domain].add(review_id)
    for review_id, name in Finding.abuse_types.through.objects.filter(finding__review__in=list(sars)).values_list(
        "finding__review_id", "abusetype__name"
    ):
        featured[national.ABUSE_TYPE][name].add(review_id)
    for review_id, name in Finding.practice_themes.through.objects.filter(finding__review__in=list(sars)).values_list(
        "finding__review_id", "practicetheme__name"
    ):
        featured[national.PRACTICE_THEME][name].add(review_id)
    this_year = current_year(today)
    first = min(year_of_review.values(), default=this_year)
    years = list(range(max(first, this_year - YEARS_SHOWN + 1), this_year + 1))
    totals = {str(y): sum(1 for v in year_of_review.values() if v == y) for y in years}
    measures: dict[str, Any] = {}
    for measure in national.MEASURES:
        rows = []
        for key, label in _terms(measure):
            reviews = featured[measure].get(key, set())
            by_year = {str(y): sum(1 for r in reviews if year_of_review[r] == y) for y in years}
            rows.append(
                {"term": key, "label": label, "by_year": by_year, "all": sum(by_year.values()), "ever": len(reviews)}
            )
        measures[measure] = rows
    return {
        "today": today.isoformat(),
        "years": [str(y) for y in years],
        "totals": totals,
        "all": sum(totals.values()),
        "measures": measures,
    }


def _national_cell(analysis: str, measure: str, term: str) -> Cell:
    figure = national.figure(analysis, measure, term)
    if figure is None or figure.percent is None:
        return Cell("not published", None, numeric=True)
    return Cell(f"{figure.percent:g}%", float(figure.percent), numeric=True)


def _short(text: str) -> str:
    return "fewer than 3" if "fewer than 3" in text else text


def tables(data: dict[str, Any], who: Audience) -> list[Table]:
    years = data["years"]
    labels = [FinancialYear(int(y)).label for y in years]
    result = []
    for measure in national.MEASURES:
        rows = []
        for row in data["measures"][measure]:
            cells = [Cell(row["label"])]
            for y in years:
                cells.append(who.count(row["by_year"][y]))
            cells.append(who.count(row["all"]))
            cells.append(who.share(row["all"], data["all"]))
            cells.append(_national_cell("first", measure, row["term"]))
            cells.append(_national_cell("second", measure, row["term"]))
            rows.append(cells)
        rows.append(
            [Cell("SARs signed off")]
            + [who.count(data["totals"][y]) for y in years]
            + [who.count(data["all"]), Cell(""), Cell("231 SARs"), Cell("652 SARs")]
        )
        share_column = len(years) + 2
        chart_rows = rows[:-1]
        chart = Chart(
            f"{MEASURE_HEADINGS[measure]}: share of SARs, the Board beside the national analyses",
            "For each term, up to three bars: the share of the Board's SARs in the years shown that featured it, "
            "and the share in the first and second national analyses where they published one.",
            [r[0].text for r in chart_rows],
            [
                Series(
                    f"The Board, {labels[0]}" + (f" to {labels[-1]}" if len(labels) > 1 else ""),
                    [r[share_column].value for r in chart_rows],
                    [_short(r[share_column].text) for r in chart_rows],
                    colour=charts.BLUE,
                ),
                Series(
                    "First national analysis (2017 to 2019)",
                    [r[share_column + 1].value for r in chart_rows],
                    [r[share_column + 1].text for r in chart_rows],
                    colour=charts.ORANGE,
                ),
                Series(
                    "Second national analysis (2019 to 2023)",
                    [r[share_column + 2].value for r in chart_rows],
                    [r[share_column + 2].text for r in chart_rows],
                    colour=charts.PURPLE,
                ),
            ],
            unit="%",
            max_value=100,
        )
        result.append(
            Table(
                f"themes-{measure.replace('_', '-')}",
                MEASURE_HEADINGS[measure],
                [
                    "Term",
                    *labels,
                    "All years shown",
                    "Share of SARs",
                    "First national analysis",
                    "Second national analysis",
                ],
                rows,
                chart,
                note="Counts are SARs signed off in each financial year that featured the term in at least one "
                "finding; a SAR can feature several. National figures are shares of the SARs each analysis "
                "covered, as published (sources below).",
            )
        )
    return result
