"""Charts people can read: drawn on the server as SVG (a title, a description, no script, printable; the
data table goes beside each chart, drawn by the page), and as PNG for Word documents, from one description.

A chart is bars: horizontal (categories down the side, one or more series side by side or stacked) or
columns (categories along the bottom, for a trend over time). A value may be None: that bar is not drawn
and its text says why (for example "fewer than 3"). Every value is written beside its bar, so nothing is
told by colour alone; the colours are GOV.UK's, each at least 3:1 against white.

Hand-written rather than a plotting library: the charts are a few rectangles and words, and this way the
SVG carries exactly the accessible markup GOV.UK pages need, with no script and no style sheet.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from typing import Literal

from django.utils.html import escape

BLUE = "#1d70b8"
DARK_BLUE = "#003078"
PURPLE = "#4c2c92"
ORANGE = "#f47738"
RED = "#d4351c"
GREEN = "#00703c"
GREY = "#505a5f"
TURQUOISE = "#28a197"
TEXT = "#0b0c0c"
AXIS = "#b1b4b6"
PALETTE = [BLUE, ORANGE, PURPLE, GREEN, DARK_BLUE, GREY, TURQUOISE, RED]
RAG_COLOURS = {"red": RED, "amber": ORANGE, "green": GREEN, "complete": BLUE, "closed": GREY, "none": GREY}

_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    texts: list[str] = field(default_factory=list)  # what is written beside each bar; the value if empty
    colour: str = ""

    def text(self, index: int) -> str:
        if index < len(self.texts) and self.texts[index]:
            return self.texts[index]
        value = self.values[index]
        return "" if value is None else _number(value)


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    categories: list[str]
    series: list[Series]
    kind: Literal["bars", "columns"] = "bars"
    stacked: bool = False
    unit: str = ""  # written after values on the axis, e.g. "%"
    max_value: float | None = None
    totals: list[str] = field(default_factory=list)  # stacked: the text after each bar (else its sum)

    @property
    def has_data(self) -> bool:
        return any(v for s in self.series for v in s.values if v)

    def colour(self, index: int) -> str:
        return self.series[index].colour or PALETTE[index % len(PALETTE)]

    def top(self) -> float:
        if self.max_value:
            return self.max_value
        if self.stacked:
            totals = [sum(s.values[i] or 0 for s in self.series) for i in range(len(self.categories))]
            peak = max(totals, default=0)
        else:
            peak = max((v or 0 for s in self.series for v in s.values), default=0)
        return _nice(peak)


def _stack_text(chart: Chart, index: int) -> str:
    """What a stacked bar says after it: its given total, else its sum (unless a part is hidden)."""
    if index < len(chart.totals):
        return chart.totals[index]
    values = [s.values[index] for s in chart.series]
    return "" if any(v is None for v in values) else _number(sum(v or 0 for v in values))


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _nice(peak: float) -> float:
    """A round axis maximum at or above the peak (1, 2, 5 times a power of ten)."""
    if peak <= 0:
        return 1
    power = 1.0
    while power * 10 <= peak:
        power *= 10
    while power > peak * 10:
        power /= 10
    for step in (1, 2, 5, 10):
        if step * power >= peak:
            return step * power
    return 10 * power


# --- Geometry, shared by SVG and PNG -----------------------------------------------------------------------

LABEL_WIDTH = 230
BAR_HEIGHT = 22
GAP = 12
WIDTH = 680
FONT = 14
LEGEND_HEIGHT = 28


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float
    colour: str
    text: str = ""


@dataclass(frozen=True)
class _Label:
    x: float
    y: float
    text: str
    anchor: Literal["start", "middle", "end"] = "start"
    bold: bool = False


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines[:2] if len(lines) <= 2 else [lines[0], lines[1][: max(0, width - 1)] + "…"]


def _layout(chart: Chart) -> tuple[float, float, list[_Box], list[_Label], list[tuple[float, float, float, float]]]:
    """Boxes, labels and axis lines for a chart, and its width and height."""
    boxes: list[_Box] = []
    labels: list[_Label] = []
    lines: list[tuple[float, float, float, float]] = []
    top = chart.top()
    y0 = 0.0
    if len(chart.series) > 1:
        # The legend: a swatch and a name for each series, wrapping onto a new line when the row is full.
        x = 0.0
        for index, series in enumerate(chart.series):
            item = 22 + 7.5 * len(series.name) + 24
            if x and x + item > WIDTH:
                x, y0 = 0.0, y0 + LEGEND_HEIGHT
            boxes.append(_Box(x, y0 + 4, 16, 16, chart.colour(index)))
            labels.append(_Label(x + 22, y0 + 17, series.name))
            x += item
        y0 += LEGEND_HEIGHT
    if chart.kind == "bars":
        plot_x, plot_w = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 110
        per_category = 1 if chart.stacked else len(chart.series)
        group_h = per_category * BAR_HEIGHT + GAP
        y = y0 + 6
        for index, category in enumerate(chart.categories):
            wrapped = _wrap(category, 30)
            centre = y + per_category * BAR_HEIGHT / 2
            for n, line in enumerate(wrapped):
                labels.append(_Label(plot_x - 8, centre + 5 + (n - (len(wrapped) - 1) / 2) * 16, line, "end"))
            offset = 0.0
            for s_index, series in enumerate(chart.series):
                value = series.values[index]
                bar_y = y if chart.stacked else y + s_index * BAR_HEIGHT
                width = 0.0 if value is None else plot_w * (value / top)
                start = plot_x + (offset if chart.stacked else 0)
                if width > 0:
                    boxes.append(_Box(start, bar_y + 2, width, BAR_HEIGHT - 4, chart.colour(s_index)))
                if not chart.stacked:
                    labels.append(_Label(start + width + 6, bar_y + BAR_HEIGHT / 2 + 5, series.text(index)))
                offset += width
            if chart.stacked:
                labels.append(_Label(plot_x + offset + 6, y + BAR_HEIGHT / 2 + 5, _stack_text(chart, index)))
            y += group_h
        lines.append((plot_x, y0, plot_x, y - GAP + 6))
        height = y + 4
        return WIDTH, height, boxes, labels, lines
    # Columns: categories along the bottom.
    plot_h = 200
    plot_x, plot_w = 48, WIDTH - 60
    base = y0 + 24 + plot_h
    count = max(1, len(chart.categories))
    slot = plot_w / count
    per_category = 1 if chart.stacked else len(chart.series)
    bar_w = min(48, (slot - 10) / per_category)
    for tick in (0, 0.5, 1):
        ty = base - plot_h * tick
        lines.append((plot_x, ty, plot_x + plot_w, ty))
        labels.append(_Label(plot_x - 6, ty + 5, _number(top * tick) + chart.unit, "end"))
    for index, category in enumerate(chart.categories):
        cx = plot_x + slot * index + slot / 2
        offset = 0.0
        for s_index, series in enumerate(chart.series):
            value = series.values[index]
            height = 0.0 if value is None else plot_h * (value / top)
            x = cx - per_category * bar_w / 2 + (0 if chart.stacked else s_index * bar_w)
            if height > 0:
                boxes.append(_Box(x + 1, base - offset - height, bar_w - 2, height, chart.colour(s_index)))
            if not chart.stacked:
                labels.append(_Label(x + bar_w / 2, base - offset - height - 6, series.text(index), "middle"))
            if chart.stacked:
                offset += height
        for n, line in enumerate(_wrap(category, max(6, int(slot / 8)))):
            labels.append(_Label(cx, base + 18 + n * 16, line, "middle"))
    return WIDTH, base + 44, boxes, labels, lines


def svg(chart: Chart) -> str:
    """The chart as inline SVG: role="img", labelled by its title and description."""
    width, height, boxes, labels, lines = _layout(chart)
    ident = f"chart-{next(_ids)}"
    parts = [
        f'<svg class="sarhub-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
        f'<g font-family="Arial, sans-serif" font-size="{FONT}" fill="{TEXT}">',
    ]
    for x1, y1, x2, y2 in lines:
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{AXIS}"/>')
    for box in boxes:
        parts.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" fill="{box.colour}"/>'
        )
    for label in labels:
        weight = ' font-weight="bold"' if label.bold else ""
        parts.append(
            f'<text x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="{label.anchor}"{weight}>{escape(label.text)}</text>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def png(chart: Chart, scale: int = 2) -> bytes:
    """The same chart as a PNG (for Word documents, which do not take SVG)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, boxes, labels, lines = _layout(chart)
    image = Image.new("RGB", (int(width * scale), int(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT * scale)
    for x1, y1, x2, y2 in lines:
        draw.line([(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)], fill=AXIS, width=scale)
    for box in boxes:
        draw.rectangle(
            [box.x * scale, box.y * scale, (box.x + box.w) * scale, (box.y + box.h) * scale], fill=box.colour
        )
    for label in labels:
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[label.anchor]
        draw.text((label.x * scale, label.y * scale), label.text, fill=TEXT, font=font, anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
