"""Charts people can read: labelled SVG with no script, every value written beside its bar, and the same
chart as a PNG for Word."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from sarhub.core import charts
from sarhub.core.charts import Chart, Series


def _chart(**overrides) -> Chart:
    values = {
        "title": "Referrals <by> status",
        "description": "A bar for each status & its count.",
        "categories": ["Received", "Decided <now>"],
        "series": [Series("Referrals", [3, None], ["3", "fewer than 3"])],
    }
    return Chart(**(values | overrides))


def test_the_svg_is_an_image_labelled_by_its_title_and_description_with_every_value_written():
    soup = BeautifulSoup(charts.svg(_chart()), "html.parser")
    svg: Any = soup.select_one("svg")
    assert svg["role"] == "img"
    title_id, desc_id = str(svg["aria-labelledby"]).split()
    title: Any = soup.find(id=title_id)
    desc: Any = soup.find(id=desc_id)
    assert title.get_text() == "Referrals <by> status"
    assert desc.get_text() == "A bar for each status & its count."
    texts = [t.get_text() for t in soup.select("text")]
    assert {"Received", "Decided <now>", "3", "fewer than 3"} <= set(texts)
    assert len(soup.select("rect")) == 1  # the hidden value draws no bar
    assert not soup.select("script") and "<now>" not in str(svg).replace("&lt;now&gt;", "")


def test_bars_are_in_proportion_and_stacked_bars_say_their_given_total():
    chart = _chart(series=[Series("A", [10, 5]), Series("B", [10, None])], stacked=True, totals=["20", "fewer than 3"])
    soup = BeautifulSoup(charts.svg(chart), "html.parser")
    widths = [float(str(r["width"])) for r in soup.select("rect") if float(str(r["width"])) > 16]
    assert widths[0] == widths[1] == 2 * widths[2]  # 10, 10 and 5 on one scale
    texts = [t.get_text() for t in soup.select("text")]
    assert "20" in texts and "fewer than 3" in texts and "5" not in texts[-1:]


def test_a_long_legend_wraps_instead_of_running_off_the_chart():
    names = ["The Board, 2022/23 to 2026/27", "First national analysis (2017 to 2019)", "Second national analysis"]
    chart = _chart(series=[Series(n, [50, 20]) for n in names], unit="%", max_value=100)
    soup = BeautifulSoup(charts.svg(chart), "html.parser")
    legend = [t for t in soup.select("text") if t.get_text() in names]
    assert len({t["y"] for t in legend}) >= 2
    assert all(float(str(t["x"])) < charts.WIDTH for t in legend)


def test_columns_and_the_png_draw_the_same_chart():
    chart = _chart(kind="columns", series=[Series("Overdue", [4, 0])])
    assert "<rect" in charts.svg(chart)
    png = charts.png(chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1_000
