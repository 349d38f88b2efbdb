"""The SAR section of the Board's annual report, for one financial year (1 April to 31 March).

Care Act 2014, Schedule 2, paragraph 4: the annual report must state the findings of the reviews
concluded in the year, the reviews ongoing at the end of the year, what the Board has done to act on
findings and, where it decided not to implement a finding, the reasons.

`build(year)` gathers it as plain dataclasses in a handful of queries; `as_pdf` (tagged PDF/UA-1, by
WeasyPrint) and `as_docx` (python-docx) render it with sarhub/core/reports.py. Adults are named
by pseudonym only and no person is named: owners are agencies (or the Board), never the named lead.

What counts:
- concluded in the year: the Board signed the review off (`signed_off_on`) between 1 April and 31 March;
- ongoing at the year end: created on or before 31 March and not signed off by then;
- actions: every action answering a review concluded in the year, and actions of any other review that
  were live at some time in the year (created by the year end, and not assured or closed as not
  implemented before the year began). Status and RAG rating are as they stand today;
- not implemented: decisions recorded with a decision date in the year, and actions closed as not
  implemented in the year (dated by the "not implemented" update, or the action's last change).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import DateTimeField, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from sarhub.actions.models import (
    OPEN_STATUSES,
    RAG_LABELS,
    STATUS_LABELS,
    Action,
    NotImplemented,
    ProgressUpdate,
    Rag,
    Status,
    rag_for,
)
from sarhub.core import charts, reports
from sarhub.partnership.models import Board
from sarhub.reviews.models import STAGE_LABELS, Finding, Review, ReviewRecommendation
from sarhub.taxonomy.models import LearningDomain

# The Care Act's duty to arrange SARs came into force on 1 April 2015: no earlier year is offered.
FIRST_YEAR = 2015
DOMAIN_LABELS = {value: str(label) for value, label in LearningDomain.choices}
_YEAR = re.compile(r"[0-9]{4}")


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- Financial years -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancialYear:
    """The financial year starting on 1 April of `start_year` ("2025/26" runs 1 April 2025 to 31 March 2026)."""

    start_year: int

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def dates(self) -> str:
        return f"{_long(self.start)} to {_long(self.end)}"

    @property
    def slug(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def starts_at(self) -> datetime:
        return datetime(self.start_year, 4, 1, tzinfo=timezone.get_current_timezone())

    def ends_before(self) -> datetime:
        """The first moment after the year (midnight starting 1 April, local time)."""
        return datetime(self.start_year + 1, 4, 1, tzinfo=timezone.get_current_timezone())

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def year_of(day: date) -> int:
    """The financial year a date falls in, by its starting calendar year."""
    return day.year if day.month >= 4 else day.year - 1


def current_year(today: date | None = None) -> int:
    return year_of(today or timezone.localdate())


def parse_year(raw: Any, today: date | None = None) -> int | None:
    """A year chosen in a request ("2025" for 2025/26), or None if it is not one that can be reported on:
    four ASCII digits, from 2015/16 to the current financial year."""
    if isinstance(raw, int):
        text = str(raw)
    elif isinstance(raw, str):
        text = raw.strip()
    else:
        return None
    if not _YEAR.fullmatch(text):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= current_year(today) else None


def years_with_data(today: date | None = None) -> list[int]:
    """The financial years the chooser offers, newest first: from the year of the first review (or the first
    decision not to implement) to the current year. Reviews are never deleted, so each of these years had
    at least one review under way, concluded or acted on. Empty when there is no review at all."""
    current = current_year(today)
    reviews = Review.objects.aggregate(created=Min("created_at"), signed=Min("signed_off_on"))
    decided = NotImplemented.objects.aggregate(first=Min("decided_on"))["first"]
    days = [
        d
        for d in (
            timezone.localdate(reviews["created"]) if reviews["created"] else None,
            reviews["signed"],
            decided,
        )
        if d is not None
    ]
    if not days:
        return []
    first = min(max(year_of(min(days)), FIRST_YEAR), current)
    return list(range(current, first - 1, -1))


def default_year(years: Iterable[int], today: date | None = None) -> int:
    """The year the report opens on: the last financial year to have ended, unless every review is from
    the current year (then the current year, so far)."""
    current = current_year(today)
    offered = list(years)
    if offered and min(offered) >= current:
        return current
    return max(current - 1, FIRST_YEAR)


# --- The report's data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingRow:
    number: int
    text: str
    kind: str
    domain: str
    practice_themes: str
    abuse_types: str


@dataclass(frozen=True)
class RecommendationRow:
    number: int
    text: str
    addressed_to: str
    response: str


@dataclass(frozen=True)
class ConcludedReview:
    reference: str
    pseudonym: str
    route: str
    signed_off_on: date
    findings: tuple[FindingRow, ...]
    recommendations: tuple[RecommendationRow, ...]


@dataclass(frozen=True)
class OngoingReview:
    reference: str
    pseudonym: str
    route: str
    started_on: date
    stage_now: str
    concluded_after_year_on: date | None


@dataclass(frozen=True)
class ActionRow:
    answers: str
    what: str
    owner: str
    due_on: date
    status: str
    status_label: str
    rag: str
    rag_label: str
    completed_on: date | None


@dataclass(frozen=True)
class ActionGroup:
    """The actions answering one review."""

    reference: str
    pseudonym: str
    standing: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class NotImplementedRow:
    reference: str
    pseudonym: str
    kind: str
    subject: str
    text: str
    reasons: str
    decided_on: date


@dataclass(frozen=True)
class AnnualReport:
    year: FinancialYear
    board_name: str
    today: date
    concluded: tuple[ConcludedReview, ...]
    ongoing: tuple[OngoingReview, ...]
    action_groups: tuple[ActionGroup, ...]
    status_counts: tuple[Count, ...]
    rag_counts: tuple[Count, ...]
    not_implemented: tuple[NotImplementedRow, ...]
    notes: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"Safeguarding Adult Reviews: annual report {self.year.label}"

    @property
    def year_ended(self) -> bool:
        return self.today > self.year.end

    @property
    def findings_count(self) -> int:
        return sum(len(r.findings) for r in self.concluded)

    @property
    def recommendations_count(self) -> int:
        return sum(len(r.recommendations) for r in self.concluded)

    @property
    def actions_count(self) -> int:
        return sum(len(g.actions) for g in self.action_groups)

    @property
    def file_stem(self) -> str:
        return f"sar-annual-report-{self.year.slug}"

    @property
    def rag_chart(self) -> charts.Chart:
        """The actions by RAG rating, as the insight pages draw them (sarhub/core/charts.py)."""
        return charts.Chart(
            f"Actions by RAG rating, on {_long(self.today)}",
            "A bar for each RAG rating, showing how many of the year's actions have it.",
            [c.label for c in self.rag_counts],
            [
                charts.Series(
                    "Actions",
                    [float(c.count) for c in self.rag_counts],
                    colour=charts.BLUE,
                )
            ],
        )

    @property
    def theme_counts(self) -> tuple[Count, ...]:
        """How many of the reviews concluded in the year featured each practice theme, most first."""
        counter: dict[str, int] = {}
        for review in self.concluded:
            names = {name for f in review.findings for name in f.practice_themes.split(", ") if name}
            for name in names:
                counter[name] = counter.get(name, 0) + 1
        ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        return tuple(Count(name, name, n) for name, n in ordered)

    @property
    def theme_chart(self) -> charts.Chart | None:
        counts = self.theme_counts
        if not counts:
            return None
        return charts.Chart(
            "Practice themes of the reviews concluded in the year",
            "A bar for each practice theme, showing how many of the reviews concluded in the year featured it.",
            [c.label for c in counts],
            [charts.Series("Reviews", [float(c.count) for c in counts], colour=charts.PURPLE)],
        )

    @property
    def rag_chart_svg(self) -> str:
        return charts.svg(self.rag_chart)

    @property
    def theme_chart_svg(self) -> str:
        chart = self.theme_chart
        return charts.svg(chart) if chart is not None else ""

    @property
    def summary(self) -> tuple[tuple[str, int], ...]:
        return (
            ("Reviews concluded in the year", len(self.concluded)),
            ("Findings of the reviews concluded", self.findings_count),
            ("Recommendations of the reviews concluded", self.recommendations_count),
            ("Reviews ongoing at the year end", len(self.ongoing)),
            ("Actions reported on", self.actions_count),
            ("Findings, recommendations and actions not implemented", len(self.not_implemented)),
        )


def _addressed_to(recommendation: ReviewRecommendation) -> str:
    names = (["the Board"] if recommendation.to_board else []) + sorted(a.name for a in recommendation.agencies.all())
    return ", ".join(names) or "Not addressed yet"


def _concluded(year: FinancialYear) -> list[ConcludedReview]:
    reviews = (
        Review.objects.filter(signed_off_on__gte=year.start, signed_off_on__lte=year.end)
        .order_by("signed_off_on", "reference")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.order_by("number").prefetch_related("practice_themes", "abuse_types"),
            ),
            Prefetch(
                "recommendations",
                queryset=ReviewRecommendation.objects.order_by("number").prefetch_related("agencies"),
            ),
        )
    )
    return [
        ConcludedReview(
            reference=review.reference,
            pseudonym=review.pseudonym,
            route=review.route_label,
            signed_off_on=review.signed_off_on,  # type: ignore[arg-type]  # filtered on it
            findings=tuple(
                FindingRow(
                    number=f.number,
                    text=f.text,
                    kind=f.get_kind_display(),
                    domain=DOMAIN_LABELS.get(f.domain, f.domain),
                    practice_themes=", ".join(sorted(t.name for t in f.practice_themes.all())),
                    abuse_types=", ".join(sorted(a.name for a in f.abuse_types.all())),
                )
                for f in review.findings.all()
            ),
            recommendations=tuple(
                RecommendationRow(
                    number=r.number,
                    text=r.text,
                    addressed_to=_addressed_to(r),
                    response=r.get_response_display(),
                )
                for r in review.recommendations.all()
            ),
        )
        for review in reviews
    ]


def _ongoing(year: FinancialYear) -> list[OngoingReview]:
    reviews = (
        Review.objects.filter(created_at__lt=year.ends_before())
        .filter(Q(signed_off_on__isnull=True) | Q(signed_off_on__gt=year.end))
        .order_by("created_at", "id")
    )
    return [
        OngoingReview(
            reference=review.reference,
            pseudonym=review.pseudonym,
            route=review.route_label,
            started_on=timezone.localdate(review.created_at),
            stage_now=STAGE_LABELS.get(review.stage, review.stage),
            concluded_after_year_on=review.signed_off_on,
        )
        for review in reviews
    ]


def _actions(year: FinancialYear) -> list[Action]:
    """The actions reported on, each with `closed_at` (when it was closed as not implemented)."""
    closed_at = Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk"), kind=ProgressUpdate.Kind.NOT_IMPLEMENTED)
        .order_by("-created_at", "-id")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )
    start, after = year.starts_at(), year.ends_before()
    live_in_year = Q(created_at__lt=after) & (
        Q(status__in=[*OPEN_STATUSES, Status.AWAITING_ASSURANCE])
        | Q(status=Status.ASSURED, assured_at__gte=start)
        | Q(status=Status.ASSURED, assured_at__isnull=True, completed_on__gte=year.start)
        | Q(status=Status.NOT_IMPLEMENTED, closed_at__gte=start)
    )
    concluded = Q(review__signed_off_on__gte=year.start, review__signed_off_on__lte=year.end)
    return list(
        Action.objects.annotate(closed_at=Coalesce(closed_at, "updated_at"))
        .filter(concluded | live_in_year)
        .select_related("review", "owner_agency", "recommendation", "finding")
        .order_by("review_id", "due_on", "id")
    )


def _answers(action: Action) -> str:
    if action.recommendation_id and action.recommendation:
        return f"Recommendation {action.recommendation.number}"
    if action.finding_id and action.finding:
        return f"Finding {action.finding.number}"
    if action.proposal_id:
        return "Learning event proposal"
    return "The review"


def _standing(review: Review, year: FinancialYear) -> str:
    signed = review.signed_off_on
    if signed is None:
        return "Not concluded yet"
    if signed in year:
        return f"Concluded in the year (signed off {_long(signed)})"
    if signed < year.start:
        return f"Concluded in an earlier year (signed off {_long(signed)})"
    return f"Concluded after the year end (signed off {_long(signed)})"


def _action_row(action: Action, today: date) -> ActionRow:
    rag = rag_for(action.status, action.due_on, today)
    return ActionRow(
        answers=_answers(action),
        what=action.what,
        owner=action.owner_label,
        due_on=action.due_on,
        status=action.status,
        status_label=STATUS_LABELS.get(action.status, action.status),
        rag=rag,
        rag_label=RAG_LABELS.get(rag, rag),
        completed_on=action.completed_on,
    )


def _action_groups(actions: list[Action], year: FinancialYear, today: date) -> list[ActionGroup]:
    groups: dict[int, list[Action]] = {}
    for action in actions:
        groups.setdefault(action.review_id, []).append(action)
    return [
        ActionGroup(
            reference=members[0].review.reference,
            pseudonym=members[0].review.pseudonym,
            standing=_standing(members[0].review, year),
            actions=tuple(_action_row(a, today) for a in members),
        )
        for members in groups.values()
    ]


def _counts(values: Iterable[str], labels: dict[str, str]) -> tuple[Count, ...]:
    counted = Counter(values)
    return tuple(Count(key, label, counted[key]) for key, label in labels.items())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _subject(recommendation: ReviewRecommendation | None, finding: Finding | None) -> tuple[str, str]:
    if recommendation is not None:
        subject = f"Recommendation {recommendation.number}"
        if finding is not None:
            subject += f" (finding {finding.number})"
        return subject, recommendation.text
    assert finding is not None  # the model's constraint: one or the other
    return f"Finding {finding.number}", finding.text


def _not_implemented(year: FinancialYear, actions: list[Action]) -> list[NotImplementedRow]:
    rows = []
    decisions = (
        NotImplemented.objects.filter(decided_on__gte=year.start, decided_on__lte=year.end)
        .select_related("review", "recommendation", "finding")
        .order_by("decided_on", "id")
    )
    for decision in decisions:
        subject, text = _subject(decision.recommendation, decision.finding)
        rows.append(
            NotImplementedRow(
                reference=decision.review.reference,
                pseudonym=decision.review.pseudonym,
                kind="Decision not to implement",
                subject=subject,
                text=text,
                reasons=decision.reasons,
                decided_on=decision.decided_on,
            )
        )
    for action in actions:
        closed = getattr(action, "closed_at", None)
        if action.status != Status.NOT_IMPLEMENTED or closed is None or timezone.localdate(closed) not in year:
            continue
        rows.append(
            NotImplementedRow(
                reference=action.review.reference,
                pseudonym=action.review.pseudonym,
                kind="Action closed as not implemented",
                subject=f"Action answering {_lower_first(_answers(action))}",
                text=action.what,
                reasons=action.not_implemented_reason or "No reason was recorded.",
                decided_on=timezone.localdate(closed),
            )
        )
    return sorted(rows, key=lambda r: (r.decided_on, r.reference, r.subject))


def _notes(year: FinancialYear, today: date) -> tuple[str, ...]:
    notes = [
        f"Reviews concluded in the year are those the Board signed off between {year.dates}.",
        f"Reviews ongoing at the year end are those started on or before {_long(year.end)} and not signed off "
        "by then. Their stage is shown as it is now.",
        "Actions reported on are every action answering a review concluded in the year, and the actions "
        f"answering other reviews that were open at some time in the year: set by {_long(year.end)}, and not "
        f"assured complete or closed as not implemented before {_long(year.start)}.",
        f"The status and RAG rating of each action are as they stand on {_long(today)}, when this report was "
        "made, not as they were at the year end.",
        "Not implemented: decisions the Board recorded during the year not to implement a finding or "
        "recommendation, and actions closed as not implemented during the year, each with the reasons given.",
        "Adults are named by pseudonym only, and no person is named. Actions are owned by an agency or by the Board.",
    ]
    if today <= year.end:
        notes.insert(0, f"The year has not ended: this is the position on {_long(today)}, a draft only.")
    return tuple(notes)


def build(year: int, *, today: date | None = None) -> AnnualReport:
    """The SAR section of the annual report for the financial year starting 1 April `year`. Reads only."""
    today = today or timezone.localdate()
    fy = FinancialYear(year)
    actions = _actions(fy)
    groups = _action_groups(actions, fy, today)
    rows = [row for group in groups for row in group.actions]
    return AnnualReport(
        year=fy,
        board_name=str(Board.current().name),
        today=today,
        concluded=tuple(_concluded(fy)),
        ongoing=tuple(_ongoing(fy)),
        action_groups=tuple(groups),
        status_counts=_counts((r.status for r in rows), STATUS_LABELS),
        rag_counts=_counts((r.rag for r in rows), {key: RAG_LABELS[key] for key in Rag.values}),
        not_implemented=tuple(_not_implemented(fy, actions)),
        notes=_notes(fy, today),
    )


# --- Rendering ------------------------------------------------------------------------------------------


def as_pdf(report: AnnualReport) -> bytes:
    return reports.render_pdf("actions/annual/report_pdf.html", {"report": report})


def _table(document: Any, caption: str, headers: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """A table with a caption (a paragraph before it) and a header row repeated on each page."""
    reports.add_table(document, headers, rows, caption=caption)


def as_docx(report: AnnualReport) -> bytes:
    document = reports.new_docx(
        title=report.title,
        author=report.board_name,
        subject=f"Care Act 2014, Schedule 2: Safeguarding Adult Reviews, {report.year.label}",
    )
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        f"Financial year {report.year.label}: {report.year.dates}. Prepared by {report.board_name} on "
        f"{_long(report.today)}, as the Care Act 2014 (Schedule 2, paragraph 4) requires."
    )
    _table(
        document,
        "The year in numbers",
        ("Measure", "Number"),
        ((label, str(count)) for label, count in report.summary),
    )

    document.add_heading("Reviews concluded in the year, and their findings", level=1)
    if not report.concluded:
        document.add_paragraph("No review was concluded in the year.")
    for review in report.concluded:
        document.add_heading(f"{review.reference}: {review.pseudonym}", level=2)
        document.add_paragraph(f"{review.route}. Signed off by the Board on {_long(review.signed_off_on)}.")
        if review.findings:
            _table(
                document,
                f"Findings of {review.reference}",
                ("Number", "Finding", "Kind", "Learning domain", "Practice themes"),
                ((str(f.number), f.text, f.kind, f.domain, f.practice_themes or "None coded") for f in review.findings),
            )
        else:
            document.add_paragraph("No findings were recorded.")
        if review.recommendations:
            _table(
                document,
                f"Recommendations of {review.reference}",
                ("Number", "Recommendation", "Addressed to", "Response"),
                ((str(r.number), r.text, r.addressed_to, r.response) for r in review.recommendations),
            )
        else:
            document.add_paragraph("No recommendations were recorded.")

    if report.theme_chart is not None:
        reports.add_chart(document, report.theme_chart)
        _table(
            document,
            "Practice themes of the reviews concluded in the year",
            ("Practice theme", "Reviews"),
            ((c.label, str(c.count)) for c in report.theme_counts),
        )

    document.add_heading("Reviews ongoing at the year end", level=1)
    if report.ongoing:
        _table(
            document,
            f"Reviews under way on {_long(report.year.end)}",
            ("Review", "Route", "Started", "Stage now"),
            (
                (
                    f"{r.reference}: {r.pseudonym}",
                    r.route,
                    _long(r.started_on),
                    r.stage_now
                    + (f" (signed off {_long(r.concluded_after_year_on)})" if r.concluded_after_year_on else ""),
                )
                for r in report.ongoing
            ),
        )
    else:
        document.add_paragraph("No review was ongoing at the year end.")

    document.add_heading("What the Board has done to act on findings", level=1)
    if report.action_groups:
        _table(
            document,
            f"Actions by status, on {_long(report.today)}",
            ("Status", "Actions"),
            ((c.label, str(c.count)) for c in report.status_counts),
        )
        reports.add_chart(document, report.rag_chart)
        _table(
            document,
            f"Actions by RAG rating, on {_long(report.today)}",
            ("RAG rating", "Actions"),
            ((c.label, str(c.count)) for c in report.rag_counts),
        )
    else:
        document.add_paragraph("No action was set or open in the year.")
    for group in report.action_groups:
        document.add_heading(f"{group.reference}: {group.pseudonym}", level=2)
        document.add_paragraph(group.standing + ".")
        _table(
            document,
            f"Actions answering {group.reference}",
            ("Answers", "What will be done", "Owner", "Due", "Status", "RAG rating"),
            ((a.answers, a.what, a.owner, _long(a.due_on), a.status_label, a.rag_label) for a in group.actions),
        )

    document.add_heading("Findings and recommendations not implemented, and why", level=1)
    if report.not_implemented:
        _table(
            document,
            "Decisions in the year not to implement, with the reasons",
            ("Review", "What was not implemented", "Reasons", "Decided"),
            (
                (f"{r.reference}: {r.pseudonym}", f"{r.kind}. {r.subject}: {r.text}", r.reasons, _long(r.decided_on))
                for r in report.not_implemented
            ),
        )
    else:
        document.add_paragraph(
            "The Board did not decide in the year against implementing any finding or recommendation."
        )

    document.add_heading("About this report", level=1)
    reports.add_paragraphs(document, report.notes, style="List Bullet")
    return reports.docx_bytes(document)
