"""The GOV.UK component kit (sarhub/core/components.py): every component escapes what it is given, and
one RAG colour map draws both an action's RAG rating and a Quality Marker's rating."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils.safestring import SafeString

from sarhub.actions.models import RAG_LABELS, Rag, Status
from sarhub.actions.views import plan_rows
from sarhub.core import components as c
from sarhub.reviews import sections
from sarhub.reviews.models import Rating, Review

HOSTILE = '<script>alert(\'x\')</script>" onmouseover="x()" & more'
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot; onmouseover=&quot;x()&quot; &amp; more"


def _page(number: int) -> Any:
    return Paginator(list(range(100)), 10).page(number)


# Each component given hostile text in every argument a person's words could reach.
COMPONENTS: dict[str, Callable[[str], SafeString]] = {
    "tag": lambda h: c.tag(h, h),
    "status_tag": lambda h: c.status_tag(h, h, c.INVITATION_COLOURS, c.INVITATION_DEFAULT),
    "rag_tag": lambda h: c.rag_tag(h, h),
    "visually_hidden": c.visually_hidden,
    "link": lambda h: c.link(h, h, h, h),
    "small": c.small,
    "lines": lambda h: c.lines(h, h),
    "concat": lambda h: c.concat(h, h),
    "body": c.body,
    "body with line breaks": lambda h: c.body(h + "\n" + h, line_breaks=True),
    "heading": lambda h: c.heading(h, h),
    "button_form": lambda h: c.button_form(h, h, h, h, style=h),
    "summary_row": lambda h: c.summary_row(h, h),
    "summary_row with a change link": lambda h: c.summary_row(h, h, h, h),
    "summary_list": lambda h: c.summary_list([h]),
    "card": lambda h: c.card(h, h, [h]),
    "table_row": lambda h: c.table_row(h, h),
    "table_rows": lambda h: c.table_rows([(h, h)]),
    "empty_row": lambda h: c.empty_row(h, 3),
    "table_head": lambda h: c.table_head([h]),
    "table": lambda h: c.table([h], h, h),
    "task_list_item": lambda h: c.task_list_item(h, h, h, h, h),
    "task_list": lambda h: c.task_list([h]),
    "pagination": lambda h: c.pagination(_page(2), h),
    "service_navigation": lambda h: c.service_navigation([(h, h, True, False), (h, h, False, False)], h),
}


@pytest.mark.parametrize("name", sorted(COMPONENTS))
def test_every_component_escapes_hostile_text(name: str) -> None:
    html = COMPONENTS[name](HOSTILE)
    assert isinstance(html, SafeString)
    assert "<script" not in html
    assert 'onmouseover="' not in html
    assert "'x'" not in html
    assert ESCAPED in html or name == "pagination"  # pagination keeps only the query, escaped
    if name == "pagination":
        assert "?&lt;script&gt;" in html


def test_safe_html_is_kept_so_components_nest() -> None:
    cell = c.table_row(c.tag("Overdue", "red"), "a < b")
    assert cell == (
        '<tr class="govuk-table__row"><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--red">Overdue'
        '</strong></td><td class="govuk-table__cell">a &lt; b</td></tr>'
    )


def test_rag_map_covers_every_action_rag_and_every_quality_marker_rating() -> None:
    for value in Rag.values:
        assert value in c.RAG_COLOURS, value
    for value in Rating.values:
        if value:
            assert value in c.RAG_COLOURS, value
    assert c.rag_colour("") == "grey"  # a Quality Marker not assessed
    assert c.RAG_COLOURS["amber"] == "orange"
    # Every colour is one GOV.UK Frontend 6 draws: a modifier it has, or blue, the tag's own colour.
    assert set(c.RAG_COLOURS.values()) <= c.COLOURS | {c.DEFAULT_COLOUR}
    assert c.tag("Complete", "blue") == '<strong class="govuk-tag">Complete</strong>'


def _tag_classes(html: str) -> list[str]:
    return re.findall(r'<strong class="(govuk-tag[^"]*)"', html)


def test_tags_have_the_same_classes_for_actions_and_quality_markers(monkeypatch: pytest.MonkeyPatch) -> None:
    today = dt.date(2026, 12, 3)
    rows_for = {  # an action's status and due date for each RAG rating shared with the Quality Markers
        "red": (Status.OFF_TRACK, today),
        "amber": (Status.AT_RISK, today + dt.timedelta(days=60)),
        "green": (Status.ON_TRACK, today + dt.timedelta(days=60)),
    }
    for rating, (status, due_on) in rows_for.items():
        action_html = plan_rows([(1, "What", "SAR-1", "Agency", "Lead", due_on, status)], today)
        monkeypatch.setattr(sections.QUALITY_MARKER_ROWS, "rows", lambda review_id, r=rating: [(1, r, "")])
        marker_html = sections.quality_markers(Review(pk=1))
        template_html = Template("{% rag_tag rag label %}").render(Context({"rag": rating, "label": "x"}))
        action_classes = _tag_classes(str(action_html))
        marker_classes = _tag_classes(str(marker_html))[:1]  # marker 1; the rest are not assessed
        assert (
            action_classes
            == marker_classes
            == _tag_classes(template_html)
            == [f"govuk-tag govuk-tag--{c.rag_colour(rating)}"]
        )
    assert c.rag_tag("amber", "Amber") == '<strong class="govuk-tag govuk-tag--orange">Amber</strong>'
    assert RAG_LABELS[Rag.AMBER] == "Amber"


def test_template_tags_draw_the_kit() -> None:
    html = Template('{% tag text "red" %}|{% rag_tag "amber" "Amber" 3 %}|{% summary_row "Key" value %}').render(
        Context({"text": HOSTILE, "value": ""})
    )
    tag_html, rag_html, row_html = html.split("|")
    assert tag_html == c.tag(HOSTILE, "red")
    assert rag_html == '<strong class="govuk-tag govuk-tag--orange">Amber 3</strong>'
    assert row_html == c.summary_row("Key", "")
    assert "Not given" in row_html
