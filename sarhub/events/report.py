"""The event report, as a tagged PDF (WeasyPrint, PDF/UA-1) and as DOCX (python-docx).

It summarises the themes, positive practice, barriers, context factors and proposals, with no personal
attribution: no names anywhere, counts of people only from 3 upwards, the review by its pseudonym.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sarhub.core import reports
from sarhub.events.models import EventTheme, LearningEvent, ThemeKind
from sarhub.events.services import reflecting
from sarhub.partnership.models import Board
from sarhub.taxonomy.models import LearningDomain

DOMAIN_LABELS = {value: str(label) for value, label in LearningDomain.choices}
SECTIONS = [
    (ThemeKind.GOOD_PRACTICE, "Positive practice to share"),
    (ThemeKind.BARRIER, "Barriers to good practice"),
    (ThemeKind.CONTEXT, "The context practitioners worked in"),
]


def context(event: LearningEvent) -> dict[str, Any]:
    themes = list(EventTheme.objects.filter(event=event).prefetch_related("practice_themes").order_by("id"))
    return {
        "board": Board.current(),
        "event": event,
        "review": event.review,
        "when": timezone.localtime(event.starts_at),
        "sections": [
            (
                heading,
                [
                    {
                        "title": t.title,
                        "domain": DOMAIN_LABELS.get(t.domain, t.domain),
                        "practice_themes": ", ".join(p.name for p in t.practice_themes.all()),
                        "summary": t.summary,
                    }
                    for t in themes
                    if t.kind == kind
                ],
            )
            for kind, heading in SECTIONS
        ],
        "proposals": list(event.proposals.select_related("agency").order_by("kind", "id")),
        "participation": reflecting.participation(event),
        "evaluation": reflecting.evaluation_results(event),
        "generated": timezone.localtime(),
    }


def file_stem(event: LearningEvent) -> str:
    return f"learning-event-{event.review.reference}-{timezone.localdate(event.starts_at):%Y-%m-%d}".lower()


def as_pdf(event: LearningEvent) -> bytes:
    return reports.render_pdf("events/report_pdf.html", context(event))


def as_docx(event: LearningEvent) -> bytes:
    data = context(event)
    review = data["review"]
    title = f"Learning event report: {review.reference} ({review.pseudonym})"
    document = reports.new_docx(title=title, author=str(data["board"].name))
    document.add_heading(title, level=0)
    document.add_paragraph(
        f"{data['event'].title}, {data['when']:%-d %B %Y}. Prepared by {data['board'].name}. "
        "This report attributes nothing to any person: views are described by agency and role at most."
    )
    participation = data["participation"]
    document.add_heading("Who took part", level=1)
    attended = participation["attended"]
    document.add_paragraph(
        f"{attended} people attended"
        if attended is not None
        else f"Fewer than {participation['min_group']} people attended"
    )
    if participation["agencies"]:
        document.add_paragraph("Agencies represented: " + ", ".join(participation["agencies"]))
    for heading, themes in data["sections"]:
        document.add_heading(heading, level=1)
        if not themes:
            document.add_paragraph("None recorded.")
        for theme in themes:
            document.add_heading(theme["title"], level=2)
            document.add_paragraph(f"Learning domain: {theme['domain']}")
            if theme["practice_themes"]:
                document.add_paragraph(f"Practice themes: {theme['practice_themes']}")
            document.add_paragraph(theme["summary"])
    document.add_heading("Proposals", level=1)
    reports.add_paragraphs(
        document,
        (
            f"{p.get_kind_display()} for {p.agency.name if p.agency else 'the Board'}: {p.text}"
            for p in data["proposals"]
        ),
        style="List Bullet",
        empty="None recorded.",
    )
    evaluation = data["evaluation"]
    document.add_heading("How participants found it", level=1)
    if evaluation["enough"]:
        document.add_paragraph(
            f"{evaluation['felt_safe'].agreeing} of {evaluation['responses']} agreed they felt safe to speak; "
            f"{evaluation['useful'].agreeing} of {evaluation['responses']} agreed the event was useful."
        )
    else:
        document.add_paragraph(
            f"Evaluation results are shown only when {evaluation['min_group']} or more people have responded."
        )
    return reports.docx_bytes(document)
