"""The quarterly report for the SAR subgroup and the Board: referrals, decisions and timeliness, reviews in
progress and late, actions by RAG, 7-minute briefing reach and themes, as a page, a PDF and a Word
document, with the charts.

It is written to be passed round the partnership, so it holds aggregates only: every count from 1 to 2 is
"fewer than 3", with the same secondary suppression as the overview, whoever downloads it. It names no
review, adult or person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from sarhub.actions.annual import FinancialYear, year_of
from sarhub.briefings.models import CascadeRecord, Circulation
from sarhub.core import reports
from sarhub.insight import present, themes
from sarhub.insight.figures import quarter_dates, quarter_of
from sarhub.insight.present import Audience, Cell, Table
from sarhub.partnership.models import Board
from sarhub.referrals.models import Decision, Referral
from sarhub.reviews.models import Review

_QUARTER = re.compile(r"(\d{4})-q([1-4])")
MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}


@dataclass(frozen=True)
class Quarter:
    year: int  # the financial year starting 1 April `year`
    number: int

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.number}"

    @property
    def dates(self) -> tuple[date, date]:
        return quarter_dates(self.year, self.number)

    @property
    def label(self) -> str:
        start, _ = self.dates
        return f"{FinancialYear(self.year).label} Q{self.number} ({MONTHS[self.number]} {start.year})"

    def moments(self) -> tuple[datetime, datetime]:
        start, end = self.dates
        zone = timezone.get_current_timezone()
        return datetime.combine(start, time.min, zone), datetime.combine(end, time.max, zone)


def last_complete(today: date | None = None) -> Quarter:
    today = today or timezone.localdate()
    year, number = quarter_of(today)
    return Quarter(year, number - 1) if number > 1 else Quarter(year - 1, 4)


def parse(slug: str, today: date | None = None) -> Quarter | None:
    """A quarter named in an address ("2026-q2"), from 2015/16 to the current one; else None."""
    found = _QUARTER.fullmatch(slug or "")
    if not found:
        return None
    quarter = Quarter(int(found.group(1)), int(found.group(2)))
    today = today or timezone.localdate()
    if quarter.year < 2015 or quarter.dates[0] > today:
        return None
    return quarter


def choices(today: date | None = None) -> list[Quarter]:
    """The last eight quarters, the current one first."""
    today = today or timezone.localdate()
    year, number = quarter_of(today)
    result = []
    for _ in range(8):
        result.append(Quarter(year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return result


def _headline_rows(quarter: Quarter, who: Audience) -> list[list[Cell]]:
    start, end = quarter.moments()
    received = Referral.objects.filter(received_at__range=(start, end)).count()
    decisions = list(
        Decision.objects.filter(decided_at__range=(start, end)).values_list("decided_at", "referral__received_at")
    )
    on_time = sum(
        1
        for decided_at, received_at in decisions
        if (timezone.localdate(decided_at) - timezone.localdate(received_at)).days <= settings.DECISION_TARGET_DAYS
    )
    commissioned = Review.objects.filter(created_at__range=(start, end)).count()
    signed = Review.objects.filter(signed_off_on__range=quarter.dates).count()
    sent = Circulation.objects.filter(sent_at__range=(start, end)).count()
    records = CascadeRecord.objects.filter(briefed_on__range=quarter.dates)
    staff = records.aggregate(n=Sum("staff_reached"))["n"] or 0
    return [
        [Cell("Referrals received"), who.count(received)],
        [Cell("SAR decisions made"), who.count(len(decisions))],
        [Cell(f"Of which within {settings.DECISION_TARGET_DAYS} days"), who.share(on_time, len(decisions))],
        [Cell("Reviews commissioned"), who.count(commissioned)],
        [Cell("Reviews signed off by the Board"), who.count(signed)],
        [Cell("7-minute briefings sent to the partnership"), who.count(sent)],
        [Cell("Teams briefed"), who.count(records.count())],
        [Cell("Staff reached"), who.count(staff)],
    ]


def context(quarter: Quarter, data: dict[str, Any], themes_data: dict[str, Any]) -> dict[str, Any]:
    """Everything the report shows, suppressed for passing round: `data` is the year's figures
    (`figures.compute(Filters(year=quarter.year))`, kept in `snapshots`), `themes_data` the themes'."""
    who = Audience(exact=False)
    by_key = {t.key: t for _, _, build in present.SECTIONS for t in build(data, who)}
    headline = Table("quarter-at-a-glance", f"{quarter.label} at a glance", ["Measure", "In the quarter"])
    headline.rows = _headline_rows(quarter, who)
    theme_tables = {t.key: t for t in themes.tables(themes_data, who)}
    sections = [
        ("Referrals, decisions and timeliness", [headline, by_key["decision-timeliness"]]),
        ("Reviews in progress and late", [by_key["reviews-by-stage"]]),
        ("Actions", [by_key["actions-by-agency"], by_key["actions-overdue-trend"]]),
        ("7-minute briefing reach", [by_key["briefing-reach"]]),
        ("Themes", [theme_tables["themes-practice-theme"], theme_tables["themes-abuse-type"]]),
    ]
    return {
        "board": Board.current(),
        "quarter": quarter,
        "sections": [{"heading": h, "tables": ts} for h, ts in sections],
        "generated": timezone.localtime(),
        "fy": FinancialYear(quarter.year),
        "current_fy": year_of(timezone.localdate()) == quarter.year,
    }


def file_stem(quarter: Quarter) -> str:
    return f"sar-quarterly-report-{quarter.slug}"


def as_pdf(quarter: Quarter, data: dict[str, Any], themes_data: dict[str, Any]) -> bytes:
    return reports.render_pdf("insight/quarterly_pdf.html", context(quarter, data, themes_data))


def as_docx(quarter: Quarter, figures: dict[str, Any], themes_data: dict[str, Any]) -> bytes:
    data = context(quarter, figures, themes_data)
    board = data["board"]
    document = reports.new_docx(title=f"SAR quarterly report: {quarter.label}", author=str(board.name))
    document.add_heading(f"SAR quarterly report: {quarter.label}", level=0)
    document.add_paragraph(
        f"For the SAR subgroup and the Board. Prepared by {board.name} on {data['generated']:%-d %B %Y}. "
        'Figures drawn from fewer than 3 reviews or people say "fewer than 3"; no review, adult or person is '
        "named. Reviews, actions and briefing figures are for the financial year "
        f"{data['fy'].label}{' so far' if data['current_fy'] else ''}, as they stand on the day of the report."
    )
    for section in data["sections"]:
        document.add_heading(section["heading"], level=1)
        for table in section["tables"]:
            document.add_heading(table.caption, level=2)
            if table.note:
                document.add_paragraph(table.note)
            if table.chart is not None and table.chart.has_data:
                reports.add_chart(document, table.chart)
                document.add_paragraph(f"Chart: {table.chart.description} The table below gives the figures.")
            if table.rows:
                reports.add_table(document, table.headers, ([cell.text for cell in row] for row in table.rows))
            else:
                document.add_paragraph("Nothing to report.")
    return reports.docx_bytes(document)
