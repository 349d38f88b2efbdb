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

from sarhub.core.dates import DateField, date_field
from sarhub.core.form_html import render_form
from sarhub.core.widgets import FastSelect, speed_up

__all__ = ["DateField", "GovukForm", "GovukModelForm", "apply_errors", "choose_many", "date_field"]
CHOOSE = "Choose…"

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


def _plain_label(label: Any) -> str:
    text = str(label or "").strip()
    for tail in (" (optional)", "?"):
        text = text.removesuffix(tail)
    return text


def _govuk_messages(field: forms.Field) -> None:
    """GOV.UK's wording where a field kept Django's ("This field is required.", "Ensure this value has
    at most 200 characters"); a message the form set itself is left as it is."""
    label = _plain_label(field.label)
    if not label:
        return
    lower = label[0].lower() + label[1:]
    required = str(field.error_messages.get("required", ""))
    if required == str(forms.Field.default_error_messages["required"]):
        chooses = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.ModelMultipleChoiceField))
        field.error_messages["required"] = f"Select {lower}" if chooses else f"Enter {lower}"
    limit = getattr(field, "max_length", None)
    if limit and "max_length" not in field.error_messages:
        field.error_messages["max_length"] = f"{label} must be {limit:,} characters or fewer"


def _choose_label(field: forms.Field) -> None:
    """A select's empty choice reads "Choose…", never Django's "---------"."""
    if not isinstance(field.widget, forms.Select) or isinstance(field.widget, forms.RadioSelect):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == "---------":
            field.empty_label = CHOOSE
        return
    if isinstance(field, forms.ChoiceField):
        choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
        if any(value == "" and label == "---------" for value, label in choices):
            field.choices = [
                (value, CHOOSE if value == "" and label == "---------" else label) for value, label in choices
            ]


# Every character that starts a new line somewhere (an email header, a CSV cell, a screen reader).
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


class OneLine:
    """Refuses line breaks in a one-line field: its value may reach an email subject (where a line break
    would end the header) or a one-line cell. Added to every CharField drawn as a single-line input."""

    def __init__(self, label: str) -> None:
        self.message = f"{label} must be on one line"

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and any(ch in LINE_BREAKS for ch in value):
            raise ValidationError(self.message, code="line_break")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OneLine) and other.message == self.message

    def __hash__(self) -> int:
        return hash(self.message)


def _one_line(field: forms.Field) -> None:
    if not isinstance(field, forms.CharField) or not isinstance(field.widget, forms.TextInput):
        return
    if not any(isinstance(v, OneLine) for v in field.validators):
        field.validators = [*field.validators, OneLine(_plain_label(field.label) or "This answer")]


def _style_fields(fields: dict[str, forms.Field], input_widths: dict[str, str]) -> None:
    """GOV.UK classes and direct rendering for each widget not styled yet (marked once styled)."""
    for name, field in fields.items():
        widget = field.widget
        if getattr(widget, "_govuk_styled", False):
            continue
        _govuk_messages(field)
        _choose_label(field)
        _one_line(field)
        # A length limit is checked on the server with a clear message (and counted on the page for
        # free text, sarhub.core.form_html): never cut off silently by the browser.
        widget.attrs.pop("maxlength", None)
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
        self._style_widgets()  # fields a subclass added after this __init__ get GOV.UK's messages too
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


class SearchableSelect(FastSelect):
    """A select a person can search by typing (GOV.UK's accessible autocomplete, frontend/js/sarhub.mjs);
    without JavaScript it is a plain select."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"data-module": "sarhub-autocomplete", **(attrs or {})}, choices)


class PersonChoice(ChooseOne):
    """Choose one person from the people who may take a part, shown as "Name (email, agency)"."""

    def label_from_instance(self, obj: Any) -> str:
        agencies = getattr(obj, "agency_names", "")
        return f"{obj.full_name} ({obj.email}{', ' + agencies if agencies else ''})"


def choose_person(label: str, queryset: Any, message: str, *, required: bool = True, **kwargs: Any) -> PersonChoice:
    """A searchable choice of one person from `queryset` (only the people who may take the part).
    Annotate the queryset with `agency_names` to show each person's agency."""
    errors = {"required": message, "invalid_choice": message, **kwargs.pop("error_messages", {})}
    return PersonChoice(
        label=label,
        queryset=queryset,
        required=required,
        widget=SearchableSelect,
        empty_label=CHOOSE,
        error_messages=errors,
        **kwargs,
    )
