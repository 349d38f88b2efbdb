"""GOV.UK Design System form groups, rendered in Python.

The one source of the form-group markup: `{{ form }}` and `{{ field.as_field_group }}` both come here
(templates/govuk/forms/field.html calls render_field). Built directly with a fast escape (sarhub.core.html.esc): a form rendered through templates cost 0.4 ms a field, most of a
list page's time.

Each field is drawn as the widget kind its field expects (tests/test_form_widgets.py checks every form
in the URL configuration): checkboxes for a multiple choice, radios for a single choice drawn as
options, GOV.UK's date input for a date, a character count for free text with a length limit.

A form may reveal further questions under an answer (GOV.UK conditional reveal):
`conditional_fields = {"controller": {"value": ["dependent", ...]}}` nests each dependent field's
group under that option (for a single checkbox the value is True). A dependent field is drawn only there.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.dates import DateInput
from sarhub.core.html import esc

# Free text longer than this gets a character count; shorter limits (a postcode, a time, a code) are
# checked on the server with a clear message, and never silently by the browser.
COUNT_FROM = 100
BLANK_LABELS = ("---------", "Choose…")


def _hint(bf: BoundField, extra_class: str = "") -> str:
    if not bf.help_text:
        return ""
    return f'<div id="{esc(bf.auto_id)}-hint" class="govuk-hint{extra_class}">{esc(bf.help_text)}</div>'


def _error(bf: BoundField) -> str:
    if not bf.errors:
        return ""
    messages = "<br>".join(f'<span class="govuk-visually-hidden">Error:</span> {esc(str(e))}' for e in bf.errors)
    return f'<p id="{esc(bf.auto_id)}-error" class="govuk-error-message">{messages}</p>'


def _described_by(bf: BoundField, *extra: str) -> str:
    ids = []
    if bf.help_text:
        ids.append(f"{bf.auto_id}-hint")
    if bf.errors:
        ids.append(f"{bf.auto_id}-error")
    ids.extend(extra)
    return " ".join(ids)


def _group_class(bf: BoundField, extra: str = "") -> str:
    return "govuk-form-group" + (" govuk-form-group--error" if bf.errors else "") + extra


def _choices(bf: BoundField) -> list[tuple[Any, str]]:
    field: Any = bf.field
    return [(getattr(v, "value", v), str(label)) for v, label in field.choices]


def widget_kind(widget: forms.Widget) -> str:
    """What a person sees: checkboxes, radios, date, checkbox, select, textarea, file, hidden or input.

    CheckboxSelectMultiple is a subclass of RadioSelect in Django, so it is asked about first (asking
    the other way round drew every multiple choice as radios, and kept one answer of several).
    """
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.SelectMultiple):
        return "select-multiple"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def _conditions(bf: BoundField) -> dict[Any, list[str]]:
    return getattr(bf.form, "conditional_fields", {}).get(bf.name, {})


def nested_fields(form: forms.BaseForm) -> set[str]:
    """The fields drawn inside another field's conditional reveal."""
    return {
        name
        for conditions in getattr(form, "conditional_fields", {}).values()
        for names in conditions.values()
        for name in names
    }


def _reveal(bf: BoundField, kind: str, option_id: str, names: list[str]) -> str:
    inner = "".join(field_group(bf.form[name]) for name in names)
    return f'<div class="govuk-{kind}__conditional govuk-{kind}__conditional--hidden" id="conditional-{option_id}">{inner}</div>'


def _options(bf: BoundField, kind: str, choices: list[tuple[Any, str]]) -> str:
    value = bf.value()
    chosen = (
        {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)} if value is not None else set()
    )
    input_type = "radio" if kind == "radios" else "checkbox"
    # A field may carry a hint for each option: field.choice_hints = {value: hint}.
    hints: dict[str, str] = getattr(bf.field, "choice_hints", {})
    conditions = {str(k): v for k, v in _conditions(bf).items()}
    name = esc(bf.html_name)
    out = []
    for index, (raw_value, label) in enumerate(choices):
        option_value = str(raw_value)
        if option_value == "" and label in BLANK_LABELS:
            continue  # Django's blank choice is "no answer", which options give by leaving all unticked
        option_id = esc(f"{bf.auto_id}_{index}")
        hint = hints.get(option_value, "")
        checked = " checked" if option_value in chosen else ""
        described = f' aria-describedby="{option_id}-hint"' if hint else ""
        reveal = conditions.get(option_value)
        controls = f' data-aria-controls="conditional-{option_id}"' if reveal else ""
        hint_html = (
            f'<div id="{option_id}-hint" class="govuk-hint govuk-{kind}__hint">{esc(hint)}</div>' if hint else ""
        )
        out.append(
            f'<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" id="{option_id}" name="{name}" '
            f'type="{input_type}" value="{esc(option_value)}"{checked}{described}{controls}>'
            f'<label class="govuk-label govuk-{kind}__label" for="{option_id}">{esc(label)}</label>{hint_html}</div>'
        )
        if reveal:
            out.append(_reveal(bf, kind, option_id, reveal))
    return "".join(out)


def date_inputs(name: str, base_id: str, parts: list[str], error_parts: set[str], described: str = "") -> str:
    items = []
    for part, label, width, value in zip(
        ("day", "month", "year"), ("Day", "Month", "Year"), (2, 2, 4), parts, strict=True
    ):
        error = " govuk-input--error" if part in error_parts else ""
        items.append(
            f'<div class="govuk-date-input__item"><div class="govuk-form-group">'
            f'<label class="govuk-label govuk-date-input__label" for="{esc(base_id)}-{part}">{label}</label>'
            f'<input class="govuk-input govuk-date-input__input govuk-input--width-{width}{error}" '
            f'id="{esc(base_id)}-{part}" name="{esc(name)}-{part}" type="text" inputmode="numeric" '
            f'value="{esc(value)}"></div></div>'
        )
    return f'<div class="govuk-date-input" id="{esc(base_id)}">{"".join(items)}</div>'


def _date_group(bf: BoundField) -> str:
    widget: DateInput = bf.field.widget  # type: ignore[assignment]
    described = _described_by(bf)
    error_parts: set[str] = set(getattr(bf.field, "error_parts", set())) if bf.errors else set()
    if bf.errors and not error_parts:
        error_parts = {"day", "month", "year"}
    fieldset_described = f' aria-describedby="{esc(described)}"' if described else ""
    return (
        f'<div class="{_group_class(bf)}"><fieldset class="govuk-fieldset" role="group"{fieldset_described}>'
        f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{esc(bf.label)}</legend>'
        f"{_hint(bf)}{_error(bf)}"
        f"{date_inputs(bf.html_name, bf.auto_id, widget.parts(bf.value()), error_parts)}"
        "</fieldset></div>"
    )


def _limit(bf: BoundField, kind: str) -> int | None:
    limit = getattr(bf.field, "max_length", None)
    if not limit:
        return None
    if kind == "textarea" or (kind == "input" and type(bf.field) is forms.CharField and limit >= COUNT_FROM):
        return int(limit)
    return None


def field_group(bf: BoundField) -> str:
    """One field's GOV.UK form group, with any questions it reveals nested under their answers."""
    if not getattr(bf.field.widget, "_govuk_styled", False) and hasattr(bf.form, "_style_widgets"):
        bf.form._style_widgets()  # a field added after the form's __init__
    widget = bf.field.widget
    kind = widget_kind(widget)
    if kind in ("radios", "checkboxes"):
        choices = _choices(bf)
        described = _described_by(bf)
        small = f" govuk-{kind}--small" if len(choices) > 6 and not _conditions(bf) else ""
        fieldset_described = f' aria-describedby="{esc(described)}"' if described else ""
        return (
            f'<div class="{_group_class(bf)}"><fieldset class="govuk-fieldset"{fieldset_described}>'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{esc(bf.label)}</legend>'
            f"{_hint(bf)}{_error(bf)}"
            f'<div class="govuk-{kind}{small}" data-module="govuk-{kind}">{_options(bf, kind, choices)}</div>'
            "</fieldset></div>"
        )
    if kind == "date":
        return _date_group(bf)
    if kind == "checkbox":
        described = _described_by(bf)
        attrs: dict[str, str | bool] = {"aria-describedby": described} if described else {}
        reveal = _conditions(bf).get(True)
        option_id = esc(bf.auto_id)
        if reveal:
            attrs["data-aria-controls"] = f"conditional-{bf.auto_id}"
        hint = _hint(bf, " govuk-checkboxes__hint")
        conditional = _reveal(bf, "checkboxes", option_id, reveal) if reveal else ""
        return (
            f'<div class="{_group_class(bf)}">{_error(bf)}<div class="govuk-checkboxes govuk-checkboxes--small" '
            f'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">{bf.as_widget(attrs=attrs)}'
            f'<label class="govuk-label govuk-checkboxes__label" for="{esc(bf.id_for_label)}">{esc(bf.label)}</label>'
            f"{hint}</div>{conditional}</div></div>"
        )
    limit = _limit(bf, kind)
    if limit:
        info = f"{bf.auto_id}-info"
        attrs = {"aria-describedby": _described_by(bf, info)}
        count_class = widget.attrs.get("class", "") + " govuk-js-character-count"
        return (
            f'<div class="{_group_class(bf, " govuk-character-count")}" data-module="govuk-character-count" '
            f'data-maxlength="{limit}"><label class="govuk-label" for="{esc(bf.id_for_label)}">{esc(bf.label)}</label>'
            f"{_hint(bf)}{_error(bf)}{bf.as_widget(attrs={**attrs, 'class': count_class.strip()})}"
            f'<div id="{esc(info)}" class="govuk-hint govuk-character-count__message">'
            f"You can enter up to {limit:,} characters</div></div>"
        )
    described = _described_by(bf)
    attrs = {"aria-describedby": described} if described else {}
    return (
        f'<div class="{_group_class(bf)}"><label class="govuk-label" for="{esc(bf.id_for_label)}">{esc(bf.label)}</label>'
        f"{_hint(bf)}{_error(bf)}{bf.as_widget(attrs=attrs)}</div>"
    )


def render_field(bf: BoundField) -> str:
    """A field's group where the template asks for it; "" for a field drawn inside another's reveal."""
    if bf.name in nested_fields(bf.form):
        return ""
    return field_group(bf)


def error_anchor(bf: BoundField) -> str:
    """The id an error summary links to: the first option of radios and checkboxes, the first box of
    a date at fault."""
    kind = widget_kind(bf.field.widget)
    if kind in ("radios", "checkboxes"):
        return f"{bf.auto_id}_0"
    if kind == "date":
        parts = getattr(bf.field, "error_parts", set()) or {"day"}
        first = next(part for part in ("day", "month", "year") if part in parts)
        return f"{bf.auto_id}-{first}"
    return str(bf.id_for_label or bf.auto_id)


def render_form(form: forms.BaseForm) -> SafeString:
    hidden = "".join(str(bf) for bf in form.hidden_fields())
    visible = "".join(render_field(bf) for bf in form.visible_fields())
    return mark_safe(hidden + visible)  # noqa: S308 (every value escaped; widgets render their own safe HTML)
