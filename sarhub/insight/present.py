"""How the figures are shown: as tables and charts, for an audience.

- The business unit sees every figure exactly, each linked to the list behind it.
- Everyone else (the overview) sees aggregates only: any count from 1 to 2 is "fewer than 3" (a count of
  reviews or people that small could identify a case or a person), in every cell, total, chart, share and
  CSV; a share whose base is fewer than 3 is not given; and where a row or column shows its total, one
  suppressed cell is never left alone (the next smallest is suppressed too), so no hidden figure can be
  worked out by subtraction. Nothing links to a list or a review.

Every table here is also its CSV (`Table.csv`), with the same suppression, so a download never holds more
than the page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from sarhub.actions.exports import _safe as safe_cell  # a cell never read as a formula (CSV injection)
from sarhub.core import charts
from sarhub.core.charts import Chart, Series

FEWER = "fewer than 3"
THRESHOLD = 3


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # None when suppressed or not a number
    href: str = ""
    numeric: bool = False


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.headers)
        for row in self.rows:
            writer.writerow([safe_cell(cell.text) for cell in row])
        return out.getvalue()

    @property
    def svg(self) -> str:
        return charts.svg(self.chart) if self.chart is not None else ""

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        first = self.rows[0] if self.rows else []
        numeric = [cell.numeric for cell in first] or [False] * len(self.headers)
        return list(zip(self.headers, numeric, strict=False))


class Audience:
    """Who the figures are for: `exact` (the business unit) or not (everyone else, with suppression)."""

    def __init__(self, exact: bool) -> None:
        self.exact = exact

    @property
    def name(self) -> str:
        return "exact" if self.exact else "aggregate"

    def count(self, n: int | None, href: str = "") -> Cell:
        if n is None:
            return Cell("", None, numeric=True)
        if not self.exact and 0 < n < THRESHOLD:
            return Cell(FEWER, None, numeric=True)
        return Cell(f"{n:,}", float(n), href if self.exact and n else "", numeric=True)

    def share(self, part: int, whole: int) -> Cell:
        if whole == 0:
            return Cell("none decided", None, numeric=True)
        if not self.exact and (whole < THRESHOLD or 0 < part < THRESHOLD):
            return Cell("not shown (fewer than 3)", None, numeric=True)
        percent = round(100 * part / whole)
        return Cell(f"{percent}%", float(percent), numeric=True)

    def median(self, text: str, base: int) -> Cell:
        """A median of fewer than 3 reviews is one review's own figure: not shown outside the business unit."""
        if not self.exact and 0 < base < THRESHOLD:
            return Cell("not shown (fewer than 3)", None, numeric=True)
        return Cell(text, numeric=True)

    def link(self, href: str) -> str:
        return href if self.exact else ""

    def protect(self, rows: list[list[Cell]], columns: list[int]) -> list[list[Cell]]:
        """Secondary suppression: in each row, and each of these columns, if exactly one cell among
        `columns` is suppressed, also suppress the smallest other non-zero cell."""
        if self.exact:
            return rows
        rows = [list(row) for row in rows]

        def fix(cells: list[tuple[int, int]]) -> bool:
            hidden = [(r, c) for r, c in cells if rows[r][c].text == FEWER]
            if len(hidden) != 1:
                return False
            shown = [(rows[r][c].value, r, c) for r, c in cells if rows[r][c].value]
            if not shown:
                return False
            _, r, c = min(shown)
            rows[r][c] = Cell(FEWER, None, numeric=True)
            return True

        changed = True
        while changed:
            changed = False
            for r in range(len(rows)):
                changed |= fix([(r, c) for c in columns])
            for c in columns:
                changed |= fix([(r, c) for r in range(len(rows))])
        return rows


def _url(name: str, **query: Any) -> str:
    clean = {k: v for k, v in query.items() if v not in (None, "", False)}
    return reverse(name) + (f"?{urlencode(clean)}" if clean else "")


# --- The sections ----------------------------------------------------------------------------------------


def referral_tables(data: dict[str, Any], who: Audience) -> list[Table]:
    figures = data["referrals"]
    status_rows = [
        [Cell(row["label"]), who.count(row["count"], _url("referrals:list", status=row["status"]))]
        for row in figures["by_status"]
    ]
    status_rows = who.protect(status_rows, [1])
    total = who.count(figures["total"], _url("referrals:list"))
    status_rows.append([Cell("All referrals"), total])
    by_status = Table(
        "referrals-by-status",
        "Referrals by status",
        ["Status", "Referrals"],
        status_rows,
        Chart(
            "Referrals by status",
            "A bar for each status, showing how many referrals have it.",
            [row[0].text for row in status_rows[:-1]],
            [
                Series(
                    "Referrals", [row[1].value for row in status_rows[:-1]], [row[1].text for row in status_rows[:-1]]
                )
            ],
        ),
    )
    time_rows = []
    for row in figures["timeliness"]:
        time_rows.append(
            [
                Cell(row["label"]),
                who.count(row["decided"]),
                who.count(row["on_time"]),
                who.share(row["on_time"], row["decided"]),
            ]
        )
    timeliness = Table(
        "decision-timeliness",
        f"SAR decisions made within {figures['target_days']} days of the referral, by quarter",
        ["Quarter", "Decisions made", f"Within {figures['target_days']} days", "Share within target"],
        time_rows,
        Chart(
            f"Share of SAR decisions made within {figures['target_days']} days, by quarter",
            "A column for each quarter, showing the percentage of decisions made within the target.",
            [row[0].text for row in time_rows],
            [
                Series(
                    "Within target",
                    [row[3].value for row in time_rows],
                    [row[3].text if row[3].value is not None else "" for row in time_rows],
                )
            ],
            kind="columns",
            unit="%",
            max_value=100,
        ),
        note="A quarter of the financial year (April to June is Q1). Counted by the date of the decision.",
    )
    return [by_status, timeliness]


def review_tables(data: dict[str, Any], who: Audience) -> list[Table]:
    figures = data["reviews"]
    route = data["filters"].get("route", "")
    rows = []
    for row in figures["by_stage"]:
        link = _url("reviews:list", stage=row["stage"], route=route)
        late = _url("reviews:list", stage=row["stage"], route=route, late="1")
        open_stage = row["stage"] != "complete"
        rows.append(
            [
                Cell(row["label"]),
                who.count(row["count"], link),
                who.count(row["red"], late) if open_stage else Cell("", numeric=True),
                who.count(row["amber"]) if open_stage else Cell("", numeric=True),
                who.count(row["green"]) if open_stage else Cell("", numeric=True),
                who.median(_months(row["median_months"]), row["count"]) if open_stage else Cell("", numeric=True),
                who.median(_weeks(row["median_weeks_in_stage"]), row["count"])
                if open_stage
                else Cell("", numeric=True),
            ]
        )
    rows = who.protect(rows, [1, 2, 3, 4])
    open_rows = [r for r in rows if r[2].text != ""]
    chart = Chart(
        "Open reviews by stage and against plan",
        "A bar for each stage, split into reviews running late, due to finish the stage within two weeks and on plan.",
        [r[0].text for r in open_rows],
        [
            Series("Running late", [r[2].value for r in open_rows], colour=charts.RED),
            Series("Due within 2 weeks", [r[3].value for r in open_rows], colour=charts.ORANGE),
            Series("On plan", [r[4].value for r in open_rows], colour=charts.GREEN),
        ],
        stacked=True,
        totals=[r[1].text for r in open_rows],
    )
    table = Table(
        "reviews-by-stage",
        "Reviews by stage",
        [
            "Stage",
            "Reviews",
            "Running late",
            "Due within 2 weeks",
            "On plan",
            "Median months since commissioning",
            "Median weeks in this stage",
        ],
        rows,
        chart,
        note="Late: the stage under way has run past its planned end (as agreed, if the plan was changed). "
        "Months since commissioning and weeks in the stage are medians over the open reviews at each stage.",
    )
    tables = [table]
    if who.exact and figures["latest_late"]:
        late_rows = [
            [
                Cell(row["reference"], href=reverse("reviews:detail", args=[row["id"]])),
                Cell(row["pseudonym"]),
                Cell(row["route"]),
                Cell(row["stage"]),
                Cell(_months(row["months"]), numeric=True),
                Cell(f"{row['days_late']:,}", float(row["days_late"]), numeric=True),
            ]
            for row in figures["latest_late"]
        ]
        tables.append(
            Table(
                "reviews-running-late",
                "The reviews running latest",
                ["Review", "Pseudonym", "Route", "Stage", "Months since commissioning", "Days past the plan"],
                late_rows,
            )
        )
    return tables


def _months(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _weeks(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def return_tables(data: dict[str, Any], who: Audience) -> list[Table]:
    from sarhub.insight.figures import RETURN_KINDS

    figures = data["returns"]
    links = {
        "scoping": _url("referrals:requests"),
        "chronology": _url("reviews:requests"),
        "imr": _url("reviews:requests"),
        "factual_accuracy": _url("reviews:requests"),
    }
    rows = [
        [Cell(row["agency"])]
        + [who.count(row[kind], links[kind]) for kind, _ in RETURN_KINDS]
        + [who.count(row["total"])]
        for row in figures["rows"]
    ]
    rows = who.protect(rows, list(range(1, len(RETURN_KINDS) + 2)))
    rows.append(
        [Cell("All agencies")]
        + [who.count(figures["totals"][kind]) for kind, _ in RETURN_KINDS]
        + [who.count(figures["total"])]
    )
    chart = Chart(
        "Overdue agency returns by agency",
        "A bar for each agency with returns overdue, split by what was asked for.",
        [r[0].text for r in rows[:-1]],
        [Series(label, [r[i + 1].value for r in rows[:-1]]) for i, (_, label) in enumerate(RETURN_KINDS)],
        stacked=True,
        totals=[r[-1].text for r in rows[:-1]],
    )
    return [
        Table(
            "overdue-returns",
            "Overdue agency returns",
            ["Agency", *[label for _, label in RETURN_KINDS], "All overdue"],
            rows,
            chart if figures["rows"] else None,
            note="A return is overdue when the agency has not answered by its due date and the request was not "
            "withdrawn.",
        )
    ]


def action_tables(data: dict[str, Any], who: Audience) -> list[Table]:
    from sarhub.actions.models import Rag

    figures = data["actions"]
    filters = data["filters"]
    year = filters.get("year")
    due = {}
    if year:
        due = {"due_from": f"1/4/{year}", "due_to": f"31/3/{int(year) + 1}"}
    rags = [rag.value for rag in Rag]
    rows = []
    for row in figures["rows"]:
        agency = str(row["agency_id"]) if row["agency_id"] else "board"
        rows.append(
            [Cell(row["agency"])]
            + [who.count(row[rag], _url("actions:plan", agency=agency, rag=rag, **due)) for rag in rags]
            + [who.count(row["total"], _url("actions:plan", agency=agency, **due))]
        )
    rows = who.protect(rows, list(range(1, len(rags) + 2)))
    rows.append(
        [Cell("All owners")]
        + [who.count(figures["totals"][rag], _url("actions:plan", rag=rag, **due)) for rag in rags]
        + [who.count(figures["total"], _url("actions:plan", **due))]
    )
    labels = figures["rag_labels"]
    by_rag = Table(
        "actions-by-agency",
        "Actions by owner and RAG rating",
        ["Owner", *[labels[rag] for rag in rags], "All actions"],
        rows,
        Chart(
            "Actions by owner and RAG rating",
            "A bar for each owner, split into red, amber, green, complete and not implemented actions.",
            [r[0].text for r in rows[:-1]],
            [
                Series(labels[rag], [r[i + 1].value for r in rows[:-1]], colour=charts.RAG_COLOURS[rag])
                for i, rag in enumerate(rags)
            ],
            stacked=True,
            totals=[r[-1].text for r in rows[:-1]],
        )
        if figures["rows"]
        else None,
        note="Red: off track, or past its due date and not completed. Amber: at risk, or not started and due "
        "within 30 days. Complete: assured complete by the business unit."
        + (" Actions due in the financial year chosen." if year else ""),
    )
    trend_rows = [[Cell(row["label"]), who.count(row["overdue"])] for row in figures["trend"]]
    trend = Table(
        "actions-overdue-trend",
        "Actions overdue at the end of each month",
        ["Month", "Actions overdue"],
        trend_rows,
        Chart(
            "Actions overdue at the end of each month",
            "A column for each month, showing how many actions were past their due date and not completed.",
            [r[0].text for r in trend_rows],
            [Series("Overdue", [r[1].value for r in trend_rows], [r[1].text for r in trend_rows], colour=charts.RED)],
            kind="columns",
        ),
        note="An action counts as overdue at a month's end if it was due before then and not completed by then "
        "(the current month: up to today). Actions the Board decided not to implement are left out.",
    )
    return [by_rag, trend]


def briefing_tables(data: dict[str, Any], who: Audience) -> list[Table]:
    figures = data["briefings"]
    rows = [
        [
            Cell(row["agency"]),
            who.count(row["briefings"]),
            who.count(row["teams"]),
            who.count(row["staff"]),
            who.count(row["waiting"], _url("briefings:list")),
            who.count(row["overdue"]),
        ]
        for row in figures["rows"]
    ]
    rows = who.protect(rows, [2, 3])
    rows.append(
        [
            Cell("All agencies"),
            who.count(sum(r["briefings"] for r in figures["rows"])),
            who.count(figures["teams"]),
            who.count(figures["staff"]),
            who.count(sum(r["waiting"] for r in figures["rows"])),
            who.count(sum(r["overdue"] for r in figures["rows"])),
        ]
    )
    return [
        Table(
            "briefing-reach",
            "7-minute briefing reach by agency",
            [
                "Agency",
                "Briefings sent to it",
                "Teams briefed",
                "Staff reached",
                "Briefings not yet responded to",
                "Of which past the date asked",
            ],
            rows,
            Chart(
                "Staff reached by 7-minute briefings, by agency",
                "A bar for each agency, showing how many staff its teams reported briefing.",
                [r[0].text for r in rows[:-1]],
                [Series("Staff reached", [r[3].value for r in rows[:-1]], [r[3].text for r in rows[:-1]])],
            )
            if figures["rows"]
            else None,
            note="From the team discussion feedback each agency records for each briefing sent to it.",
        )
    ]


def event_tables(data: dict[str, Any], who: Audience) -> list[Table]:
    figures = data["events"]
    rows = [
        [
            Cell(row["agency"]),
            Cell(row["role"]),
            who.count(row["invited"]),
            who.count(row["coming"]),
            who.count(row["attended"]),
        ]
        for row in figures["rows"]
    ]
    rows = who.protect(rows, [2, 3, 4])
    rows.append(
        [
            Cell("All agencies"),
            Cell("All roles"),
            who.count(figures["invited"]),
            who.count(sum(r["coming"] for r in figures["rows"])),
            who.count(figures["attended"]),
        ]
    )
    return [
        Table(
            "event-participation",
            "Learning-event participation by agency and role",
            ["Agency", "Role", "Invited", "Said they were coming", "Attended"],
            rows,
            Chart(
                "Learning-event attendance by agency and role",
                "A bar for each agency and role, showing how many people attended learning events.",
                [f"{r[0].text}: {r[1].text}" for r in rows[:-1]],
                [Series("Attended", [r[4].value for r in rows[:-1]], [r[4].text for r in rows[:-1]])],
            )
            if figures["rows"]
            else None,
            note="Cancelled events are left out. Attendance is as the event's register records it.",
        )
    ]


SECTIONS = [
    ("referrals", "Referrals and SAR decisions", referral_tables),
    ("reviews", "Reviews in progress", review_tables),
    ("returns", "Overdue agency returns", return_tables),
    ("actions", "Actions", action_tables),
    ("briefings", "7-minute briefings", briefing_tables),
    ("events", "Learning events", event_tables),
]


@dataclass(frozen=True)
class Headline:
    label: str
    cell: Cell
    warning: bool = False


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def headlines(data: dict[str, Any], who: Audience) -> list[Headline]:
    """The few figures a manager looks at first, each linked to its list."""
    referrals, reviews, returns, actions = data["referrals"], data["reviews"], data["returns"], data["actions"]
    briefings = data["briefings"]
    waiting = sum(row["count"] for row in referrals["by_status"] if row["status"] not in ("decided", "withdrawn"))
    route = data["filters"].get("route", "")
    return [
        Headline(
            _plural(waiting, "referral waiting for a SAR decision", "referrals waiting for a SAR decision"),
            who.count(waiting, _url("referrals:list")),
        ),
        Headline(
            f"waiting longer than {referrals['target_days']} days",
            who.count(referrals["waiting_late"], _url("referrals:list", overdue="1")),
            warning=bool(referrals["waiting_late"]),
        ),
        Headline(
            _plural(reviews["open"], "review in progress", "reviews in progress"),
            who.count(reviews["open"], _url("reviews:list", route=route)),
        ),
        Headline(
            _plural(reviews["late"], "review running late", "reviews running late"),
            who.count(reviews["late"], _url("reviews:list", route=route, late="1")),
            warning=bool(reviews["late"]),
        ),
        Headline(
            _plural(returns["total"], "agency return overdue", "agency returns overdue"),
            who.count(returns["total"]),
            warning=bool(returns["total"]),
        ),
        Headline(
            _plural(actions["totals"]["red"], "action rated red", "actions rated red"),
            who.count(actions["totals"]["red"], _url("actions:plan", rag="red")),
            warning=bool(actions["totals"]["red"]),
        ),
        Headline(
            _plural(
                briefings["agencies_waiting"],
                "agency yet to respond to a briefing",
                "agencies yet to respond to a briefing",
            ),
            who.count(briefings["agencies_waiting"]),
        ),
    ]


def sections(data: dict[str, Any], who: Audience) -> list[dict[str, Any]]:
    return [{"key": key, "heading": heading, "tables": build(data, who)} for key, heading, build in SECTIONS]


def table(data: dict[str, Any], who: Audience, key: str) -> Table | None:
    for _, _, build in SECTIONS:
        for each in build(data, who):
            if each.key == key:
                return each
    return None
