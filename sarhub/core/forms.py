"""GOV.UK Design System markup for Django forms, with Django's own form rendering (no extra library).

`GovukFormRenderer` points Django at templates/govuk/forms/*.html (which call sarhub.core.form_html);
`GovukForm` renders `{{ form }}` directly and adds the classes and
ARIA attributes the Design System expects to every widget, and marks fields in error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import SafeString

from sarhub.core.form_html import render_form
from sarhub.core.widgets import speed_up

_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
    forms.ClearableFileInput: "govuk-file-upload",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


def widget_class(widget: forms.Widget) -> str:
    for cls in type(widget).__mro__:
        if cls in _WIDGET_CLASSES:
            return _WIDGET_CLASSES[cls]
    return "govuk-input"


def _style_fields(fields: dict[str, forms.Field], input_widths: dict[str, str]) -> None:
    """GOV.UK classes and direct rendering for each widget not styled yet (marked once styled)."""
    for name, field in fields.items():
        widget = field.widget
        if getattr(widget, "_govuk_styled", False):
            continue
        speed_up(widget)
        css = widget_class(widget)
        width = input_widths.get(name)
        classes = [css] + ([width] if width else [])
        existing = widget.attrs.get("class", "")
        widget.attrs["class"] = " ".join(dict.fromkeys([*classes, *existing.split()]).keys()).strip()
        if isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("rows", 5)
        widget._govuk_styled = True  # type: ignore[attr-defined]


class GovukFormMixin:
    """Adds GOV.UK classes, hint/error ARIA links and error states to the form's widgets."""

    # Widths for text inputs, by field name: e.g. {"postcode": "govuk-input--width-10"}
    input_widths: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        cls = type(self)
        if not cls.__dict__.get("_govuk_styled_base", False):
            # Style the class's fields once; every form instance then copies styled widgets.
            _style_fields(cls.base_fields, cls.input_widths)  # type: ignore[attr-defined]
            cls._govuk_styled_base = True  # type: ignore[attr-defined]
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def _style_widgets(self) -> None:
        """Style fields added or replaced after the class was styled (e.g. in a form's __init__)."""
        form: forms.BaseForm = self  # type: ignore[assignment]
        _style_fields(form.fields, self.input_widths)

    def render(self, template_name: str | None = None, context: Any = None, renderer: Any = None) -> SafeString:
        """`{{ form }}`: GOV.UK form groups built in Python (sarhub.core.form_html)."""
        if template_name is None and context is None:
            return render_form(self)  # type: ignore[arg-type]
        return super().render(template_name, context, renderer)  # type: ignore[misc]

    __str__ = render
    __html__ = render

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name in form.errors:
            if name in form.fields:
                widget = form.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                extra = [_ERROR_CLASSES[c] for c in classes if c in _ERROR_CLASSES]
                widget.attrs["class"] = " ".join(dict.fromkeys(classes + extra))


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors by field, others above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


LARGEST_ID = 2**63 - 1  # the largest id a database column holds


def _checked_ids(values: Any, message: str) -> None:
    """Refuse ids no database column could hold before they reach the query (SQLite raises
    OverflowError and PostgreSQL a DataError for them: a 500 instead of a clear message)."""
    for value in values:
        try:
            number = int(str(value).strip())
        except ValueError:
            continue  # not a number at all: the field's own check answers it
        if not -LARGEST_ID <= number <= LARGEST_ID:
            raise forms.ValidationError(message, code="invalid_choice")


class ChooseOne(forms.ModelChoiceField):
    """A ModelChoiceField that answers an impossible id with its invalid-choice message."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            _checked_ids([value], str(self.error_messages["invalid_choice"]))
        return super().to_python(value)


class ChooseMany(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that answers an impossible id with its invalid-choice message."""

    def _check_values(self, value: Any) -> Any:
        if value and not isinstance(value, (str, bytes)):
            _checked_ids(value, str(self.error_messages["invalid_choice"]) % {"value": "?"})
        return super()._check_values(value)  # type: ignore[misc]


def choose_many(
    label: str, queryset: Any, message: str, *, required: bool = False, **kwargs: Any
) -> forms.ModelMultipleChoiceField:
    """GOV.UK checkboxes over a queryset, with one clear message for any value not in the list."""
    errors = {"invalid_choice": message, "invalid_pk_value": message, **kwargs.pop("error_messages", {})}
    return ChooseMany(
        label=label,
        queryset=queryset,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages=errors,
        **kwargs,
    )
