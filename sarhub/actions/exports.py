"""The action plan as CSV and XLSX, with the same filters and access scoping as the page.

Cells that a spreadsheet would read as a formula (starting =, +, -, @, tab or carriage return) are
prefixed with an apostrophe, so an action's text can never run as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from sarhub.actions.models import RAG_LABELS, STATUS_LABELS, Action, rag_for

HEADERS = [
    "Action",
    "Review",
    "Pseudonym",
    "Answers",
    "What will be done",
    "Owner",
    "Named lead",
    "Due",
    "Status",
    "RAG",
    "Completed",
    "Success measure",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(actions: Any, today: date) -> Iterator[list[Any]]:
    action: Action
    for action in actions.iterator(chunk_size=2_000):
        answers = (
            f"Recommendation {action.recommendation_id}" if action.recommendation_id else f"Finding {action.finding_id}"
        )
        yield [
            _safe(value)
            for value in (
                action.pk,
                action.review.reference,
                action.review.pseudonym,
                answers,
                action.what,
                action.owner_agency.name if action.owner_agency else "The Board",
                action.lead.full_name,
                action.due_on,
                STATUS_LABELS.get(action.status, action.status),
                RAG_LABELS[rag_for(action.status, action.due_on, today)],
                action.completed_on or "",
                action.success_measure,
            )
        ]


def as_csv(actions: Any, today: date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows(actions, today):
        writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # with a byte-order mark, so Excel reads UTF-8


def as_xlsx(actions: Any, today: date) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Action plan")
    sheet.append(HEADERS)
    for row in rows(actions, today):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
