"""The GOV.UK component kit: the one place SAR Hub's Python builds GOV.UK Design System markup.

Tags (with one colour map per status vocabulary), summary lists and cards, tables, task lists,
pagination, service navigation, links and one-button forms. Templates reach the same components
through the `govuk` template tags (sarhub/core/templatetags/govuk.py); the Python renderers kept for
speed on long lists (sarhub/referrals/rows.py, sarhub/reviews/sections.py, sarhub/workspace/tasks.py,
...) call these functions rather than writing GOV.UK classes themselves. Form groups are drawn by
sarhub/core/form_html.py.

Every function returns a SafeString. Text is escaped with sarhub.core.html.esc, which keeps a value
already marked safe as it is: so one component's output can be passed into another (a tag into a table
cell), while anything else (a name, a title typed by a person) is escaped. Plain f-strings, no
templates: these run hundreds of times on a list page (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeData, SafeString

from sarhub.core.html import esc

# --- Tags ---------------------------------------------------------------------------------------------

# One map per status vocabulary: value -> GOV.UK tag colour. A value not in a map is drawn in its
# vocabulary's default colour.

# RAG ratings: an action's (sarhub/actions/models.py, Rag) and a Quality Marker's rating
# (sarhub/reviews/models.py, Rating: red, amber, green; not assessed is grey).
RAG_COLOURS = {"red": "red", "amber": "orange", "green": "green", "complete": "blue", "closed": "grey"}
RAG_DEFAULT = "grey"

# An invitation's status (sarhub/partnership/models.py).
INVITATION_COLOURS = {"pending": "blue", "accepted": "green", "expired": "yellow", "withdrawn": "grey"}
INVITATION_DEFAULT = "grey"

# A review's request to an agency (sarhub/reviews/sections.py): its status, or what the review team
# sees in it (overdue, returned, sent and waiting to be checked, accepted).
AGENCY_REQUEST_COLOURS = {
    "overdue": "red",
    "accepted": "green",
    "to_check": "yellow",
    "returned": "orange",
    "submitted": "green",
    "withdrawn": "grey",
}
AGENCY_REQUEST_DEFAULT = "blue"


# GOV.UK Frontend 6's tag colours. Blue is the tag's own colour: version 6 has no blue modifier.
COLOURS = frozenset(("grey", "green", "teal", "turquoise", "magenta", "purple", "pink", "red", "orange", "yellow"))
DEFAULT_COLOUR = "blue"


def tag(text: Any, colour: str = "") -> SafeString:
    """A GOV.UK tag: <strong class="govuk-tag govuk-tag--green">text</strong>; blue (the default) has no
    modifier class."""
    if colour and colour != DEFAULT_COLOUR:
        modifier = f" govuk-tag--{colour if colour in COLOURS else esc(colour)}"
        return SafeString(f'<strong class="govuk-tag{modifier}">{esc(text)}</strong>')
    return SafeString(f'<strong class="govuk-tag">{esc(text)}</strong>')


def status_tag(value: Any, label: Any, colours: dict[str, str], default: str) -> SafeString:
    """A tag for a value of a status vocabulary, in its map's colour (the default when not in the map)."""
    return tag(label, colours.get(value, default))


def rag_colour(rag: Any) -> str:
    return RAG_COLOURS.get(rag, RAG_DEFAULT)


def rag_tag(rag: Any, label: Any) -> SafeString:
    """A RAG rating's tag: an action's RAG or a Quality Marker's rating, one colour map for both."""
    return tag(label, RAG_COLOURS.get(rag, RAG_DEFAULT))


# --- Text, links and buttons --------------------------------------------------------------------------


def visually_hidden(text: Any) -> SafeString:
    """Text for screen readers only ("" for no text). Give it its leading space or colon."""
    return SafeString(f'<span class="govuk-visually-hidden">{esc(text)}</span>' if text else "")


def link(href: Any, text: Any, hidden: Any = "", css: str = "") -> SafeString:
    """A GOV.UK link, with optional words for screen readers after the text (" finding 3")."""
    extra = f" {esc(css)}" if css else ""
    hidden_html = f'<span class="govuk-visually-hidden">{esc(hidden)}</span>' if hidden else ""
    return SafeString(f'<a class="govuk-link{extra}" href="{esc(href)}">{esc(text)}{hidden_html}</a>')


def small(text: Any) -> SafeString:
    """Secondary text (govuk-body-s); nothing for no text."""
    return SafeString(f'<span class="govuk-body-s">{esc(text)}</span>' if text else "")


def lines(*parts: Any) -> SafeString:
    """Parts joined by <br>, each escaped; empty parts left out."""
    return SafeString("<br>".join([esc(part) for part in parts if part is not None and part != ""]))


def concat(*parts: Any) -> SafeString:
    """Parts one after another, each escaped unless already safe (text beside a tag, a link in a sentence)."""
    return SafeString("".join([esc(part) for part in parts]))


def body(content: Any, *, line_breaks: bool = False) -> SafeString:
    """A paragraph of body text; with line_breaks, the text's line breaks kept (as Django's linebreaksbr)."""
    shown = esc(content)
    if line_breaks:
        shown = shown.replace("\r\n", "\n").replace("\n", "<br>")
    return SafeString(f'<p class="govuk-body">{shown}</p>')


def heading(text: Any, size: str = "m", level: int = 2) -> SafeString:
    return SafeString(f'<h{int(level)} class="govuk-heading-{esc(size)}">{esc(text)}</h{int(level)}>')


def button_form(
    action: Any,
    token: Any,
    label: Any,
    hidden: Any = "",
    *,
    style: str = "secondary",
    margin_bottom: int = 0,
    inline: bool = False,
) -> SafeString:
    """A form of one POST button (withdraw, remove, send again), with the CSRF token and words for
    screen readers saying what it acts on (" request to Police")."""
    form_class = ' class="govuk-!-display-inline-block"' if inline else ""
    return SafeString(
        f'<form method="post" action="{esc(action)}"{form_class}>'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(token)}">'
        f'<button type="submit" class="govuk-button govuk-button--{esc(style)} govuk-!-margin-bottom-{int(margin_bottom)}" '
        f'data-module="govuk-button">{esc(label)}{visually_hidden(hidden)}</button></form>'
    )


# --- Summary lists and cards --------------------------------------------------------------------------

NOT_GIVEN = '<span class="govuk-hint govuk-!-margin-0">Not given</span>'


def summary_row(key: Any, value: Any, href: Any = "", action: Any = "Change") -> SafeString:
    """A GOV.UK summary list row; "Not given" for an empty value; a change link when href is given."""
    shown = esc(value) if value or value == 0 else NOT_GIVEN
    if href:
        return SafeString(
            f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{esc(key)}</dt>'
            f'<dd class="govuk-summary-list__value">{shown}</dd>'
            f'<dd class="govuk-summary-list__actions"><a class="govuk-link" href="{esc(href)}">{esc(action)}'
            f'<span class="govuk-visually-hidden"> {esc(str(key).lower())}</span></a></dd></div>'
        )
    return SafeString(
        '<div class="govuk-summary-list__row govuk-summary-list__row--no-actions">'
        f'<dt class="govuk-summary-list__key">{esc(key)}</dt><dd class="govuk-summary-list__value">{shown}</dd></div>'
    )


def summary_list(rows: Iterable[Any]) -> SafeString:
    """A summary list of rows (summary_row's output)."""
    return SafeString(f'<dl class="govuk-summary-list">{"".join(esc(row) for row in rows)}</dl>')


def card(title: Any, content: Any, actions: Iterable[Any] = ()) -> SafeString:
    """A GOV.UK summary card: a title, its actions (links) and its content."""
    items = "".join(f'<li class="govuk-summary-card__action">{esc(a)}</li>' for a in actions)
    action_list = f'<ul class="govuk-summary-card__actions">{items}</ul>' if items else ""
    return SafeString(
        '<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper">'
        f'<h3 class="govuk-summary-card__title">{esc(title)}</h3>{action_list}</div>'
        f'<div class="govuk-summary-card__content">{esc(content)}</div></div>'
    )


# --- Tables -------------------------------------------------------------------------------------------


def table_row(*cells: Any) -> SafeString:
    """A table row of cells, each escaped unless already safe."""
    tds = "".join(
        [f'<td class="govuk-table__cell">{cell if isinstance(cell, SafeData) else esc(cell)}</td>' for cell in cells]
    )
    return SafeString(f'<tr class="govuk-table__row">{tds}</tr>')


def table_rows(cells_per_row: Iterable[Iterable[Any]]) -> SafeString:
    """Rows of cells (a table's <tbody> content)."""
    return SafeString("".join([table_row(*cells) for cells in cells_per_row]))


def empty_row(message: Any, columns: int) -> SafeString:
    """A row of one cell across the table, saying there is nothing to list."""
    return SafeString(
        f'<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{int(columns)}">{esc(message)}</td></tr>'
    )


def table_head(headers: Iterable[Any]) -> SafeString:
    """A table's <thead>: one column header per heading."""
    ths = "".join(f'<th scope="col" class="govuk-table__header">{esc(h)}</th>' for h in headers)
    return SafeString(f'<thead class="govuk-table__head"><tr class="govuk-table__row">{ths}</tr></thead>')


def table(headers: Iterable[Any], rows: Any, caption: Any = "", *, caption_hidden: bool = True) -> SafeString:
    """A GOV.UK table: its head, then the rows (table_rows' output) in its body."""
    caption_html = ""
    if caption:
        hidden = " govuk-visually-hidden" if caption_hidden else ""
        caption_html = f'<caption class="govuk-table__caption{hidden}">{esc(caption)}</caption>'
    return SafeString(
        f'<table class="govuk-table">{caption_html}{table_head(headers)}'
        f'<tbody class="govuk-table__body">{esc(rows)}</tbody></table>'
    )


# --- Task lists ---------------------------------------------------------------------------------------


def task_list_item(title: Any, href: Any, status: Any, status_id: str, hint: Any = "") -> SafeString:
    """One task: its link, an optional hint, and its status (a tag) described to the link."""
    hint_html = f'<div class="govuk-task-list__hint">{esc(hint)}</div>' if hint else ""
    described = esc(status_id)
    return SafeString(
        '<li class="govuk-task-list__item govuk-task-list__item--with-link">'
        '<div class="govuk-task-list__name-and-hint">'
        f'<a class="govuk-link govuk-task-list__link" href="{esc(href)}" aria-describedby="{described}">'
        f"{esc(title)}</a>{hint_html}</div>"
        f'<div class="govuk-task-list__status" id="{described}">{status if isinstance(status, SafeData) else esc(status)}'
        "</div></li>"
    )


def task_list(items: Iterable[Any]) -> SafeString:
    """A GOV.UK task list of items (task_list_item's output)."""
    return SafeString(
        f'<ul class="govuk-task-list">{"".join([i if isinstance(i, SafeString) else esc(i) for i in items])}</ul>'
    )


# --- Pagination ---------------------------------------------------------------------------------------

_PREV_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" '
    'height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 '
    '6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>'
)
_NEXT_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" '
    'height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 '
    '1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>'
)


def pagination(page: Any, query: str = "") -> SafeString:
    """GOV.UK pagination: previous, "N of M", next. `query` keeps the filters (already URL-encoded)."""
    if page is None or page.paginator.num_pages <= 1:
        return SafeString("")
    prefix = f"?{esc(query)}&amp;page=" if query else "?page="
    parts = ['<nav class="govuk-pagination" aria-label="Pages">']
    if page.has_previous():
        parts.append(
            f'<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" '
            f'href="{prefix}{int(page.previous_page_number())}" rel="prev">{_PREV_ICON}'
            '<span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>'
        )
    number, total = int(page.number), int(page.paginator.num_pages)
    parts.append(
        '<ul class="govuk-pagination__list"><li class="govuk-pagination__item govuk-pagination__item--current">'
        f'<a class="govuk-link govuk-pagination__link" href="{prefix}{number}" aria-label="Page {number} of {total}" '
        f'aria-current="page">{number} of {total}</a></li></ul>'
    )
    if page.has_next():
        parts.append(
            f'<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" '
            f'href="{prefix}{int(page.next_page_number())}" rel="next"><span class="govuk-pagination__link-title">Next'
            f'<span class="govuk-visually-hidden"> page</span></span>{_NEXT_ICON}</a></div>'
        )
    parts.append("</nav>")
    return SafeString("".join(parts))


# --- Service navigation -------------------------------------------------------------------------------


def service_navigation(items: Iterable[tuple[Any, Any, bool, bool]], list_id: str) -> SafeString:
    """GOV.UK service navigation. Each item is (label, url, active, this_page): the active item is the
    current area, marked aria-current="page" when it is the page itself and "true" when a page within it."""
    out = []
    for label, url, active, this_page in items:
        if active:
            current = ' aria-current="page"' if this_page else ' aria-current="true"'
            shown = f'<strong class="govuk-service-navigation__active-fallback">{esc(label)}</strong>'
            item_class = "govuk-service-navigation__item govuk-service-navigation__item--active"
        else:
            current, shown, item_class = "", esc(label), "govuk-service-navigation__item"
        out.append(
            f'<li class="{item_class}"><a class="govuk-service-navigation__link" href="{esc(url)}"{current}>{shown}</a></li>'
        )
    return SafeString(
        '<section aria-label="Menu" class="govuk-service-navigation" data-module="govuk-service-navigation">'
        '<div class="govuk-width-container"><div class="govuk-service-navigation__container">'
        '<nav aria-label="Menu" class="govuk-service-navigation__wrapper">'
        '<button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" '
        f'aria-controls="{esc(list_id)}" hidden>Menu</button>'
        f'<ul class="govuk-service-navigation__list" id="{esc(list_id)}">{"".join(out)}</ul>'
        "</nav></div></div></section>"
    )
