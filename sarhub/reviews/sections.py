"""The long sections of the review page, read with light queries and built in Python.

A large review has dozens of findings and recommendations, each with its coded themes and agencies.
Through the template language and model instances with prefetches that was most of the page's time
(docs/performance.md); these functions read plain values (the many-to-many names through their link
tables, one query each) and draw them with the GOV.UK component kit (sarhub/core/components.py), which
escapes every value.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.components import (
    AGENCY_REQUEST_COLOURS,
    AGENCY_REQUEST_DEFAULT,
    body,
    card,
    concat,
    empty_row,
    lines,
    link,
    rag_tag,
    small,
    status_tag,
    summary_list,
    summary_row,
    table_row,
    tag,
)
from sarhub.core.html import esc
from sarhub.core.links import url_maker
from sarhub.core.prepared import Prepared
from sarhub.referrals.models import Referral
from sarhub.reviews.models import (
    AGENCY_REQUEST_STATUS_LABELS,
    QUALITY_MARKERS,
    REQUEST_KIND_LABELS,
    STAGE_LABELS,
    STAGE_ORDER,
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    Finding,
    FindingKind,
    ParallelProcess,
    ProcessKind,
    QualityMarkerAssessment,
    Rating,
    RequestKind,
    ResponseStatus,
    Review,
    ReviewRecommendation,
    StagePlan,
)
from sarhub.taxonomy.models import LearningDomain

KIND_LABELS = {value: str(label) for value, label in FindingKind.choices}
DOMAIN_LABELS = {value: str(label) for value, label in LearningDomain.choices}
RESPONSE_LABELS = {value: str(label) for value, label in ResponseStatus.choices}
RATING_LABELS = {value: str(label) for value, label in Rating.choices if value}


FINDINGS = Prepared(
    lambda review_id: (
        Finding.objects.filter(review_id=review_id)
        .order_by("number")
        .values_list("id", "number", "text", "domain", "kind")
    )
)
FINDING_ABUSE_TYPES = Prepared(
    lambda review_id: (
        Finding.abuse_types.through.objects.filter(finding__review_id=review_id)
        .order_by("abusetype__name")
        .values_list("finding_id", "abusetype__name")
    )
)
FINDING_THEMES = Prepared(
    lambda review_id: (
        Finding.practice_themes.through.objects.filter(finding__review_id=review_id)
        .order_by("practicetheme__name")
        .values_list("finding_id", "practicetheme__name")
    )
)
RECOMMENDATIONS = Prepared(
    lambda review_id: (
        ReviewRecommendation.objects.filter(review_id=review_id)
        .order_by("number")
        .values_list("id", "number", "text", "to_board", "response", "response_reasons")
    )
)
RECOMMENDATION_AGENCIES = Prepared(
    lambda review_id: (
        ReviewRecommendation.agencies.through.objects.filter(reviewrecommendation__review_id=review_id)
        .order_by("agency__name")
        .values_list("reviewrecommendation_id", "agency__name")
    )
)
RECOMMENDATION_FINDINGS = Prepared(
    lambda review_id: (
        ReviewRecommendation.findings.through.objects.filter(reviewrecommendation__review_id=review_id)
        .order_by("finding__number")
        .values_list("reviewrecommendation_id", "finding__number")
    )
)
QUALITY_MARKER_ROWS = Prepared(
    lambda review_id: QualityMarkerAssessment.objects.filter(review_id=review_id).values_list(
        "marker", "rating", "note"
    )
)
STAGE_PLANS = Prepared(
    lambda review_id: StagePlan.objects.filter(review_id=review_id).values_list(
        "stage", "planned_start", "planned_end", "revised_start", "revised_end", "actual_start", "actual_end"
    )
)


HOLDING_PROCESSES = Prepared(
    lambda review_id: ParallelProcess.objects.filter(
        review_id=review_id, holds_publication=True, concluded_on__isnull=True
    ).values_list("kind")
)
REFERRAL_REFERENCES = Prepared(
    lambda review_id: Referral.objects.filter(reviews__id=review_id).order_by("reference").values_list("reference")
)
DISPUTES = Prepared(
    lambda review_id: (
        AccuracyComment.objects.filter(request__review_id=review_id, disputed_at__isnull=False)
        .order_by("request__agency__name", "number")
        .values_list("request_id", "request__agency__name", "number", "location", "dispute")
    )
)


AGENCY_REQUESTS = Prepared(
    lambda review_id: (
        AgencyRequest.objects.filter(review_id=review_id)
        .annotate(
            comment_count=Count("comments"),
            open_comments=Count("comments", filter=Q(comments__outcome=CommentOutcome.OPEN)),
        )
        .order_by("kind", "agency__name", "-requested_at")
        .values_list(
            "id",
            "agency__name",
            "kind",
            "due_on",
            "status",
            "accepted_at",
            "return_count",
            "comment_count",
            "open_comments",
        )
    )
)


def held_by(review: Review) -> list[str]:
    """What holds the review's publication: the open parallel processes that hold it (their names)."""
    labels = {value: str(label) for value, label in ProcessKind.choices}
    return [labels.get(kind, kind) for (kind,) in HOLDING_PROCESSES.rows(review.pk)]


def referral_references(review: Review) -> list[str]:
    return [reference for (reference,) in REFERRAL_REFERENCES.rows(review.pk)]


def disputes(review: Review) -> list[dict[str, Any]]:
    """Comments on the draft the review team did not accept and the agency still disputes."""
    return [
        {"request_id": request_id, "agency": agency, "number": number, "location": location, "dispute": dispute}
        for request_id, agency, number, location, dispute in DISPUTES.rows(review.pk)
    ]


def _date(value: Any, style: str = "%-d %b %Y") -> str:
    return value.strftime(style) if value else ""


def _names(pairs: Any) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for owner, name in pairs:
        found[owner].append(str(name))
    return found


def findings(
    review: Review, *, can_edit: bool, links: Any = (), notes: dict[int, list[str]] | None = None
) -> SafeString:
    """The review's findings as cards; `links` (sarhub.core.registry.ReviewLink, per finding) and `notes`
    (markup by finding id) are what upper apps offer on each finding (sarhub.core.registry)."""
    rows = FINDINGS.rows(review.pk)
    if not rows:
        return body("No findings yet.")
    abuse = _names(FINDING_ABUSE_TYPES.rows(review.pk))
    themes = _names(FINDING_THEMES.rows(review.pk))
    edit = url_maker("reviews:finding-edit", review.pk) if can_edit else None
    offered = [(url_maker(each.url_name), each.label) for each in links]
    notes = notes or {}
    out = []
    for pk, number, text, domain, kind in rows:
        actions = [link(edit(pk), "Change", f" finding {number}")] if edit else []
        actions += [link(make(pk), label, f" to finding {number}") for make, label in offered]
        content = concat(
            *[SafeString(note) for note in notes.get(pk, [])],
            body(text, line_breaks=True),
            summary_list(
                (
                    summary_row("Learning domain", DOMAIN_LABELS.get(domain, domain)),
                    summary_row("Abuse or neglect types", ", ".join(abuse.get(pk, []))),
                    summary_row("Practice themes", ", ".join(themes.get(pk, []))),
                )
            ),
        )
        out.append(card(f"Finding {number}: {KIND_LABELS.get(kind, kind)}", content, actions))
    return SafeString("".join(out))


def recommendations(
    review: Review, *, can_edit: bool, can_respond: bool, agency_ids: set[int] | None = None
) -> SafeString:
    """The review's recommendations; only those addressed to these agencies if agency_ids is given."""
    if agency_ids is None:
        rows = RECOMMENDATIONS.rows(review.pk)
    else:
        rows = list(
            ReviewRecommendation.objects.filter(review=review, agencies__in=agency_ids)
            .distinct()
            .order_by("number")
            .values_list("id", "number", "text", "to_board", "response", "response_reasons")
        )
    if not rows:
        return body("No recommendations yet.")
    agencies = _names(RECOMMENDATION_AGENCIES.rows(review.pk))
    answers = _names((owner, f"Finding {number}") for owner, number in RECOMMENDATION_FINDINGS.rows(review.pk))
    edit = url_maker("reviews:recommendation-edit", review.pk) if can_edit else None
    respond = url_maker("reviews:recommendation-response", review.pk) if can_respond else None
    out = []
    for pk, number, text, to_board, response, reasons in rows:
        actions = []
        if edit:
            actions.append(link(edit(pk), "Change", f" recommendation {number}"))
        if respond:
            actions.append(link(respond(pk), "Record the response", f" to recommendation {number}"))
        summary = [
            summary_row("Addressed to the Board", "Yes" if to_board else "No"),
            summary_row("Agencies", ", ".join(agencies.get(pk, []))),
            summary_row("Answers findings", ", ".join(answers.get(pk, []))),
            summary_row("Response", RESPONSE_LABELS.get(response, response)),
        ]
        if reasons:
            summary.append(summary_row("Reasons", reasons))
        out.append(
            card(f"Recommendation {number}", concat(body(text, line_breaks=True), summary_list(summary)), actions)
        )
    return SafeString("".join(out))


def quality_markers(review: Review, *, with_notes: bool = True) -> SafeString:
    saved = {marker: (rating, note) for marker, rating, note in QUALITY_MARKER_ROWS.rows(review.pk)}
    out = []
    for number, name, _group in QUALITY_MARKERS:
        rating, note = saved.get(number, ("", ""))
        rating_tag = rag_tag(rating, RATING_LABELS.get(rating, "Not assessed"))
        if with_notes:
            out.append(table_row(f"{number}. {name}", rating_tag, note))
        else:
            out.append(table_row(f"{number}. {name}", rating_tag))
    return SafeString("".join(out))


def timeline(review: Review, *, summary: bool = False) -> SafeString:
    """The stages: the original plan (slippage is measured against it), the agreed revision beside it
    when the plan was changed, and what happened."""
    plans = sorted(
        (
            StagePlan(
                stage=stage,
                planned_start=ps,
                planned_end=pe,
                revised_start=rs,
                revised_end=re_,
                actual_start=ast,
                actual_end=aen,
            )
            for stage, ps, pe, rs, re_, ast, aen in STAGE_PLANS.rows(review.pk)
        ),
        key=lambda p: STAGE_ORDER.index(p.stage),
    )
    today = timezone.localdate()
    out = []
    for plan in plans:
        label = STAGE_LABELS.get(plan.stage, plan.stage)
        if summary:
            finished = (
                _date(plan.actual_end) if plan.actual_end else "In progress" if plan.actual_start else "Not started"
            )
            revised = _date(plan.revised_end) if plan.is_revised else "No change"
            out.append(table_row(label, _date(plan.planned_end), revised, finished))
            continue
        stage: Any = label
        if plan.is_slipping:
            late = plan.slip_days(today)
            stage = concat(label, " ", tag(f"{late} day{'s' if late != 1 else ''} late", "red"))
            end = plan.actual_end or today
            if plan.is_revised and plan.revised_end and end <= plan.revised_end:
                stage = lines(stage, small("Within the agreed revision"))
        actual = (
            f"{_date(plan.actual_start)} to {_date(plan.actual_end) or 'now'}" if plan.actual_start else "Not started"
        )
        revised = f"{_date(plan.revised_start)} to {_date(plan.revised_end)}" if plan.is_revised else "No change"
        out.append(table_row(stage, f"{_date(plan.planned_start)} to {_date(plan.planned_end)}", revised, actual))
    return SafeString("".join(out))


def _request_state(status: str, due_on: Any, accepted_at: Any, returned: int, information: bool, today: Any) -> str:
    """What the review team sees in a request to an agency: its status, or overdue, accepted (information
    checked and accepted), to check (information sent, not checked yet) or returned."""
    if status == AgencyRequestStatus.REQUESTED and due_on < today:
        return "overdue"
    if status == AgencyRequestStatus.SUBMITTED and information:
        return "accepted" if accepted_at else "to_check"
    if status == AgencyRequestStatus.REQUESTED and returned:
        return "returned"
    return str(status)


REQUEST_STATE_LABELS = {
    "overdue": "Overdue",
    "accepted": "Accepted",
    "to_check": "Sent: to check",
    "returned": "Returned",
}


def agency_requests(review: Review) -> SafeString:
    rows = AGENCY_REQUESTS.rows(review.pk)
    if not rows:
        return empty_row("No agency has been asked for anything yet.", 4)
    link_to = url_maker("reviews:request")
    today = timezone.localdate()
    out = []
    for pk, agency, kind, due_on, status, accepted_at, returned, comments, open_comments in rows:
        kind_label = REQUEST_KIND_LABELS.get(kind, kind)
        comment_note = ""
        if comments:
            waiting = (
                f", {open_comments} to respond to" if open_comments and status == AgencyRequestStatus.SUBMITTED else ""
            )
            comment_note = f"{comments} comment{'s' if comments != 1 else ''}{waiting}"
        returned_note = f"Returned {returned} time{'s' if returned != 1 else ''}" if returned else ""
        state = _request_state(status, due_on, accepted_at, returned, kind != RequestKind.FACTUAL_ACCURACY, today)
        label = REQUEST_STATE_LABELS.get(state) or AGENCY_REQUEST_STATUS_LABELS.get(status, status)
        out.append(
            table_row(
                link(link_to(pk), agency, f": {kind_label}"),
                lines(kind_label, small(comment_note), small(returned_note)),
                _date(due_on),
                status_tag(state, label, AGENCY_REQUEST_COLOURS, AGENCY_REQUEST_DEFAULT),
            )
        )
    return SafeString("".join(out))


SECTIONS: list[tuple[str, str]] = [
    ("reviews:detail", "Overview"),
    ("reviews:agencies", "Agencies and requests"),
    ("reviews:findings", "Findings and recommendations"),
    ("reviews:quality", "Quality Markers"),
    ("reviews:family", "Person and family"),
    ("reviews:people", "People in the record"),
    ("events:for-review", "Learning events"),
    ("publication:for-review", "Publication"),
    ("actions:for-review", "Actions"),
    ("reviews:documents", "Documents and team"),
]


def section_nav(review: Review, current: str) -> SafeString:
    """The review record's sections, the current one marked (a sub navigation)."""
    items = []
    for name, label in SECTIONS:
        here = ' aria-current="page"' if name == current else ""
        items.append(
            f'<li class="sarhub-sub-navigation__item"><a class="sarhub-sub-navigation__link" '
            f'href="{url_maker(name)(review.pk)}"{here}>{esc(label)}</a></li>'
        )
    return mark_safe(  # noqa: S308 (labels escaped, URLs reversed)
        '<nav class="sarhub-sub-navigation" aria-label="Sections of this review">'
        f'<ul class="sarhub-sub-navigation__list">{"".join(items)}</ul></nav>'
    )


def list_rows(reviews: Any) -> SafeString:
    """Rows of the review list (a page of selectors.reviews())."""
    from sarhub.reviews.models import ROUTE_LABELS

    items = list(reviews)
    if not items:
        return empty_row("No reviews.", 4)
    link_to = url_maker("reviews:detail")
    return SafeString(
        "".join(
            table_row(
                link(link_to(review.pk), f"{review.reference}: {review.pseudonym}"),
                ROUTE_LABELS.get(review.route, review.route),
                tag(STAGE_LABELS.get(review.stage, review.stage), "blue"),
                _date(timezone.localdate(review.created_at)),
            )
            for review in items
        )
    )
