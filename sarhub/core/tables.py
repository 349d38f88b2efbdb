"""Table rows built in Python for the long lists (people, invitations, the audit log).

The Django template language resolves each variable in a loop through several lookups and escapes;
for a 25-row table that was most of a page's time. These helpers produce the same GOV.UK table
markup, every value escaped (sarhub.core.html.esc keeps values already marked safe).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from sarhub.core.html import esc


def rows(cells_per_row: Iterable[Iterable[object]]) -> SafeString:
    """<tr>s of <td>s; each cell is escaped unless it is already safe."""
    out = []
    for cells in cells_per_row:
        tds = "".join(f'<td class="govuk-table__cell">{esc(cell)}</td>' for cell in cells)
        out.append(f'<tr class="govuk-table__row">{tds}</tr>')
    return mark_safe("".join(out))  # noqa: S308 (every cell escaped)


def empty_row(message: str, columns: int) -> SafeString:
    return mark_safe(  # noqa: S308 (escaped)
        f'<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{int(columns)}">{esc(message)}</td></tr>'
    )


def lines(*parts: object) -> SafeString:
    """Parts joined by <br>, each escaped; empty parts left out."""
    return mark_safe("<br>".join(esc(part) for part in parts if part not in (None, "")))  # noqa: S308 (escaped)


def small(text: object) -> SafeString:
    """Secondary text in a cell."""
    return mark_safe(f'<span class="govuk-body-s">{esc(text)}</span>') if text else SafeString("")  # noqa: S308
