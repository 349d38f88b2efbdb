"""Dates and times as people type them: the GOV.UK date input (day, month, year) and a forgiving time.

The rules (GOV.UK Design System, "Dates" pattern and date input component):
- a date is asked for in three boxes, day, month and year, named `<field>-day`, `<field>-month`
  and `<field>-year`; the month may also be written as a name ("March", "mar");
- the error says which part is missing ("Due date must include a month") or that the date is not
  real ("Due date must be a real date"), and only the boxes at fault are marked;
- a single value (`?due_to=2027-03-31` in a link, or "31/3/2027") is still understood, so links
  built by the service keep working.
Times accept what people write: "9.30am", "9:30", "09:30", "9am", "14:00", "2.15pm", "noon".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe

PARTS = ("day", "month", "year")
SINGLE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"]
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


class DateInput(forms.Widget):
    """Three boxes (day, month, year). Rendered by sarhub.core.form_html as a GOV.UK date input."""

    input_type = "date-parts"
    template_name = ""  # never rendered through Django's templates

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if any(f"{name}-{part}" in data for part in PARTS):
            return [str(data.get(f"{name}-{part}", "")) for part in PARTS]
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)

    def parts(self, value: Any) -> list[str]:
        """The three boxes' contents for a value: a date, the parts as typed, or a single string."""
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, (list, tuple)):
            return [str(v or "") for v in [*value, "", "", ""][:3]]
        if isinstance(value, str) and value.strip():
            parsed = _single(value)
            return [str(parsed.day), str(parsed.month), str(parsed.year)] if parsed else ["", "", ""]
        return ["", "", ""]

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        from sarhub.core.form_html import date_inputs

        html = date_inputs(name, (attrs or {}).get("id", f"id_{name}"), self.parts(value), set())
        return mark_safe(html)  # noqa: S308 (every value escaped)


def _single(value: str) -> date | None:
    for fmt in SINGLE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 (a calendar date, no time)
        except ValueError:
            continue
    return None


def _number(text: str, *, month: bool = False) -> int | None:
    text = text.strip()
    if month and text.lower().rstrip(".") in MONTHS:
        return MONTHS[text.lower().rstrip(".")]
    return int(text) if text.isascii() and text.isdigit() else None


class DateField(forms.Field):
    """A date asked for as GOV.UK's date input, with GOV.UK's error messages."""

    widget = DateInput

    def __init__(self, *, name: str, example: str, **kwargs: Any) -> None:
        self.name = name  # how messages name the date: "Date of birth", "Due date"
        kwargs.setdefault("help_text", f"For example, {example}")
        super().__init__(**kwargs)
        self.error_parts: set[str] = set()

    def to_python(self, value: Any) -> date | None:
        self.error_parts = set()
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            if not value.strip():
                return None
            parsed = _single(value)
            if parsed is None:
                self.error_parts = set(PARTS)
                raise forms.ValidationError(f"{self.name} must be a real date", code="invalid")
            return parsed
        texts = [str(v or "").strip() for v in [*value, "", "", ""][:3]]
        if not any(texts):
            return None
        missing = [part for part, text in zip(PARTS, texts, strict=True) if not text]
        if missing:
            self.error_parts = set(missing)
            words = " and ".join(missing) if len(missing) == 2 else missing[0]
            raise forms.ValidationError(f"{self.name} must include a {words}", code="incomplete")
        day, month, year = _number(texts[0]), _number(texts[1], month=True), _number(texts[2])
        if year is not None and len(texts[2]) != 4:
            self.error_parts = {"year"}
            raise forms.ValidationError("Year must include 4 numbers", code="invalid")
        try:
            if day is None or month is None or year is None:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            self.error_parts = {
                part
                for part, number, limit in (("day", day, 31), ("month", month, 12), ("year", year, 9999))
                if number is None or not 1 <= number <= limit
            } or set(PARTS)
            raise forms.ValidationError(f"{self.name} must be a real date", code="invalid") from None


def date_field(label: str, example: str, *, required: bool = False, name: str = "") -> DateField:
    """A GOV.UK date input. `example` is written as a person types it ("27 3 1948" or "27/3/1948")."""
    shown = label.replace(" (optional)", "").replace(" (if accepted)", "")
    name = name or shown
    return DateField(
        label=label,
        name=name,
        example=example.replace("/", " "),
        required=required,
        error_messages={"required": f"Enter the {shown[0].lower()}{shown[1:]}"},
    )


TIME = re.compile(
    r"^\s*(?:(?P<noon>noon|midday)|(?P<midnight>midnight)|"
    r"(?P<hour>\d{1,2})(?:\s*[:.]\s*(?P<minute>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)\s*$",
    re.IGNORECASE,
)


def parse_time(value: str) -> time | None:
    """A time as people write it, or None: "9.30am", "9:30", "09:30", "9am", "14:00", "2.15pm", "noon"."""
    match = TIME.match(value or "")
    if not match:
        return None
    if match.group("noon"):
        return time(12, 0)
    if match.group("midnight"):
        return time(0, 0)
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif match.group("minute") is None:
        return None  # "9" alone is ambiguous: morning or evening?
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
