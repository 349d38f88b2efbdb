"""GOV.UK Design System form groups, rendered in Python.

The one source of the form-group markup: `{{ form }}` and `{{ field.as_field_group }}` both come here
(templates/govuk/forms/field.html calls render_field). Built directly with a fast escape (sarhub.core.html.esc): a form rendered through templates cost 0.4 ms a field, most of a
list page's time.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.html import esc


def _hint(bf: BoundField) -> str:
    if not bf.help_text:
        return ""
    return f'<div id="{esc(bf.auto_id)}-hint" class="govuk-hint">{esc(bf.help_text)}</div>'


def _error(bf: BoundField) -> str:
    if not bf.errors:
        return ""
    messages = "<br>".join(f'<span class="govuk-visually-hidden">Error:</span> {esc(str(e))}' for e in bf.errors)
    return f'<p id="{esc(bf.auto_id)}-error" class="govuk-error-message">{messages}</p>'


def _described_by(bf: BoundField) -> str:
    ids = []
    if bf.help_text:
        ids.append(f"{bf.auto_id}-hint")
    if bf.errors:
        ids.append(f"{bf.auto_id}-error")
    return " ".join(ids)


def _group_class(bf: BoundField) -> str:
    return "govuk-form-group govuk-form-group--error" if bf.errors else "govuk-form-group"


def _choices(bf: BoundField) -> list[tuple[str, str]]:
    field: Any = bf.field
    return [(str(getattr(v, "value", v)), str(label)) for v, label in field.choices]


def _options(bf: BoundField, kind: str, choices: list[tuple[str, str]]) -> str:
    value = bf.value()
    chosen = (
        {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)} if value is not None else set()
    )
    input_type = "radio" if kind == "radios" else "checkbox"
    # A field may carry a hint for each option: field.choice_hints = {value: hint}.
    hints: dict[str, str] = getattr(bf.field, "choice_hints", {})
    name = esc(bf.html_name)
    out = []
    for index, (option_value, label) in enumerate(choices):
        option_id = esc(f"{bf.auto_id}_{index}")
        hint = hints.get(option_value, "")
        checked = " checked" if option_value in chosen else ""
        described = f' aria-describedby="{option_id}-hint"' if hint else ""
        hint_html = (
            f'<div id="{option_id}-hint" class="govuk-hint govuk-{kind}__hint">{esc(hint)}</div>' if hint else ""
        )
        out.append(
            f'<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" id="{option_id}" name="{name}" '
            f'type="{input_type}" value="{esc(option_value)}"{checked}{described}>'
            f'<label class="govuk-label govuk-{kind}__label" for="{option_id}">{esc(label)}</label>{hint_html}</div>'
        )
    return "".join(out)


def render_field(bf: BoundField) -> str:
    widget = bf.field.widget
    described = _described_by(bf)
    group = _group_class(bf)
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        kind = "radios" if isinstance(widget, forms.RadioSelect) else "checkboxes"
        choices = _choices(bf)
        small = f" govuk-{kind}--small" if len(choices) > 6 else ""
        fieldset_described = f' aria-describedby="{esc(described)}"' if described else ""
        return (
            f'<div class="{group}"><fieldset class="govuk-fieldset"{fieldset_described}>'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{esc(bf.label)}</legend>'
            f"{_hint(bf)}{_error(bf)}"
            f'<div class="govuk-{kind}{small}" data-module="govuk-{kind}">{_options(bf, kind, choices)}</div>'
            "</fieldset></div>"
        )
    attrs: dict[str, str | bool] = {"aria-describedby": described} if described else {}
    if isinstance(widget, forms.CheckboxInput):
        hint = (
            f'<div id="{esc(bf.auto_id)}-hint" class="govuk-hint govuk-checkboxes__hint">{esc(bf.help_text)}</div>'
            if bf.help_text
            else ""
        )
        return (
            f'<div class="{group}">{_error(bf)}<div class="govuk-checkboxes govuk-checkboxes--small" '
            f'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">{bf.as_widget(attrs=attrs)}'
            f'<label class="govuk-label govuk-checkboxes__label" for="{esc(bf.id_for_label)}">{esc(bf.label)}</label>'
            f"{hint}</div></div></div>"
        )
    return (
        f'<div class="{group}"><label class="govuk-label" for="{esc(bf.id_for_label)}">{esc(bf.label)}</label>'
        f"{_hint(bf)}{_error(bf)}{bf.as_widget(attrs=attrs)}</div>"
    )


def render_form(form: forms.BaseForm) -> SafeString:
    hidden = "".join(str(bf) for bf in form.hidden_fields())
    visible = "".join(render_field(bf) for bf in form.visible_fields())
    return mark_safe(hidden + visible)  # noqa: S308 (every value escaped; widgets render their own safe HTML)
