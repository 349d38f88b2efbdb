"""The pack presented to a partnership meeting, as a tagged PDF (WeasyPrint, PDF/UA-1) and as DOCX
(python-docx), rendered with sarhub/core/reports.py.

It draws only on reviews the Board has signed off, each named by its reference and pseudonym, never by
the adult's name or anything from the confidential referral: the practice themes, the key findings, the
recommendations (to whom, the response and the status of their actions) and the themes across reviews.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from sarhub.core import charts, reports
from sarhub.leadership import selectors
from sarhub.leadership.models import Presentation
from sarhub.partnership.models import Board
from sarhub.reviews.models import Finding, ReviewRecommendation
from sarhub.taxonomy.models import LearningDomain

DOMAIN_LABELS = {value: str(label) for value, label in LearningDomain.choices}


def recommendation_status(recommendation: ReviewRecommendation, today: date | None = None) -> str:
    """The status of a recommendation's actions, as the pack reports it: for example "3 actions: 1 complete,
    1 green, 1 red". With no actions yet, the response to the recommendation and that no action is agreed.
    Reads `recommendation.actions.all()`, so prefetch "actions" when building many."""
    from sarhub.actions.models import RAG_LABELS, Rag

    today = today or timezone.localdate()
    actions = list(recommendation.actions.all())  # type: ignore[attr-defined]
    if not actions:
        return f"{recommendation.get_response_display()}; no action agreed yet"
    counts: dict[str, int] = {}
    for action in actions:
        rag = action.rag(today)
        counts[rag] = counts.get(rag, 0) + 1
    parts = [f"{counts[rag]} {RAG_LABELS[rag].lower()}" for rag in Rag.values if rag in counts]
    return f"{len(actions)} action{'s' if len(actions) != 1 else ''}: {', '.join(parts)}"


def addressed_to(recommendation: ReviewRecommendation) -> str:
    names = (["the Board"] if recommendation.to_board else []) + [a.name for a in recommendation.agencies.all()]
    return ", ".join(names) or "Not addressed yet"


def _review_section(review: Any) -> dict[str, Any]:
    findings = list(Finding.objects.filter(review=review).prefetch_related("practice_themes").order_by("number"))
    recommendations = list(
        ReviewRecommendation.objects.filter(review=review)
        .prefetch_related("agencies", "findings", "actions")
        .order_by("number")
    )
    themes = sorted({t.name for f in findings for t in f.practice_themes.all()})
    return {
        "reference": review.reference,
        "pseudonym": review.pseudonym,
        "route": review.route_label,
        "signed_off_on": review.signed_off_on,
        "themes": themes,
        "findings": [
            {
                "number": f.number,
                "kind": f.get_kind_display(),
                "domain": DOMAIN_LABELS.get(f.domain, f.domain),
                "themes": ", ".join(t.name for t in f.practice_themes.all()),
                "text": f.text,
            }
            for f in findings
        ],
        "recommendations": [
            {
                "number": r.number,
                "text": r.text,
                "addressed_to": addressed_to(r),
                "findings": ", ".join(f"Finding {f.number}" for f in sorted(r.findings.all(), key=lambda f: f.number)),
                "response": r.get_response_display(),
                "reasons": r.response_reasons,
                "status": recommendation_status(r),
            }
            for r in recommendations
        ],
    }


def theme_chart(theme_counts: list[dict[str, Any]]) -> charts.Chart | None:
    """The themes across the reviews, drawn as the insight pages draw charts (sarhub/core/charts.py)."""
    if not theme_counts:
        return None
    return charts.Chart(
        "Practice themes across the reviews covered",
        "For each practice theme, a bar for the reviews and a bar for the findings coded with it.",
        [row["name"] for row in theme_counts],
        [
            charts.Series("Reviews", [float(row["reviews"]) for row in theme_counts], colour=charts.PURPLE),
            charts.Series("Findings", [float(row["findings"]) for row in theme_counts], colour=charts.BLUE),
        ],
    )


def context(presentation: Presentation) -> dict[str, Any]:
    reviews = selectors.covered_reviews(presentation)
    theme_counts = selectors.theme_counts([r.pk for r in reviews])
    chart = theme_chart(theme_counts)
    return {
        "board": Board.current(),
        "presentation": presentation,
        "meeting": presentation.meeting_kind.name,
        "title": presentation.title,
        "presented_on": presentation.presented_on,
        "covered_themes": [t.name for t in presentation.practice_themes.order_by("order", "name")],
        "theme_counts": theme_counts,
        "theme_chart_svg": charts.svg(chart) if chart is not None else "",
        "theme_chart": chart,
        "reviews": [_review_section(review) for review in reviews],
        "generated": timezone.localtime(),
    }


def file_stem(presentation: Presentation) -> str:
    return f"leadership-pack-{presentation.presented_on:%Y-%m-%d}-{presentation.pk}"


def as_pdf(presentation: Presentation) -> bytes:
    return reports.render_pdf("leadership/pack_pdf.html", context(presentation))


def as_docx(presentation: Presentation) -> bytes:
    data = context(presentation)
    document = reports.new_docx(
        title=f"{data['title']}: {data['meeting']}, {data['presented_on']:%-d %B %Y}", author=str(data["board"].name)
    )
    document.add_heading(data["title"], level=0)
    document.add_paragraph(
        f"Presented to the {data['meeting']} on {data['presented_on']:%-d %B %Y}. Prepared by {data['board'].name}. "
        "Reviews are named by reference and pseudonym only; each has been signed off by the Board."
    )
    document.add_heading("Reviews covered", level=1)
    reports.add_paragraphs(
        document,
        (
            f"{r['reference']}: {r['pseudonym']} ({r['route']}, signed off {r['signed_off_on']:%-d %B %Y})"
            for r in data["reviews"]
        ),
        style="List Bullet",
    )
    if data["covered_themes"]:
        document.add_paragraph("Practice themes covered: " + ", ".join(data["covered_themes"]))
    document.add_heading("Themes across the reviews", level=1)
    if data["theme_chart"] is not None:
        reports.add_chart(document, data["theme_chart"])
    if data["theme_counts"]:
        reports.add_table(
            document,
            ("Practice theme", "Findings", "Reviews"),
            ((row["name"], str(row["findings"]), str(row["reviews"])) for row in data["theme_counts"]),
        )
    else:
        document.add_paragraph("No finding has been coded with a practice theme.")
    for review in data["reviews"]:
        document.add_heading(f"{review['reference']}: {review['pseudonym']}", level=1)
        document.add_paragraph(
            "Practice themes: " + (", ".join(review["themes"]) if review["themes"] else "none coded")
        )
        document.add_heading("Key findings", level=2)
        if not review["findings"]:
            document.add_paragraph("None recorded.")
        for finding in review["findings"]:
            document.add_heading(f"Finding {finding['number']}: {finding['kind']}", level=3)
            document.add_paragraph(finding["text"])
            detail = f"Learning domain: {finding['domain']}"
            if finding["themes"]:
                detail += f". Practice themes: {finding['themes']}"
            document.add_paragraph(detail)
        document.add_heading("Recommendations", level=2)
        if not review["recommendations"]:
            document.add_paragraph("None recorded.")
        for recommendation in review["recommendations"]:
            document.add_heading(f"Recommendation {recommendation['number']}", level=3)
            document.add_paragraph(recommendation["text"])
            document.add_paragraph(f"Addressed to: {recommendation['addressed_to']}")
            if recommendation["findings"]:
                document.add_paragraph(f"Answers: {recommendation['findings']}")
            response = f"Response: {recommendation['response']}"
            if recommendation["reasons"]:
                response += f". {recommendation['reasons']}"
            document.add_paragraph(response)
            document.add_paragraph(f"Status of actions: {recommendation['status']}")
    return reports.docx_bytes(document)
