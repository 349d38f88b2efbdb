"""Every form field is drawn as the widget kind its field expects (tests/form_check.py).

Here for every form class in SAR Hub, drawn from its declared fields; the access matrix's walk checks
every page as served (fields added in a form's __init__ included).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms

import sarhub
from sarhub.core.forms import GovukFormMixin, _style_fields
from sarhub.core.html import esc
from sarhub.partnership.models import Agency
from tests.form_check import page_problems, problems_in


def _form_classes() -> list[Any]:
    found: dict[str, Any] = {}
    for module_info in pkgutil.walk_packages(sarhub.__path__, "sarhub."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or ".management" in name:
            continue
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, GovukFormMixin)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == name
                and getattr(cls, "base_fields", None)
            ):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[key] for key in sorted(found)]


FORM_CLASSES = _form_classes()


def _bare(cls: Any) -> forms.BaseForm:
    """The form with its declared fields only (its own __init__ may need a review, a person…)."""
    form = cls.__new__(cls)
    _style_fields(cls.base_fields, getattr(cls, "input_widths", {}))
    forms.BaseForm.__init__(form, label_suffix="")
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
            field.queryset = Agency.objects.none()  # chosen in __init__
        if isinstance(field, forms.ChoiceField) and len([v for v, _ in field.choices if v != ""]) < 2:  # type: ignore[misc,union-attr]
            # Options chosen in __init__ (or an empty table): draw two, so the kind shows.
            field.choices = [("1", "One"), ("2", "Two")]
    return form


def test_there_are_forms_to_check() -> None:
    assert len(FORM_CLASSES) > 40


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FORM_CLASSES, ids=lambda cls: cls.__qualname__)
def test_each_field_is_drawn_as_its_field_expects(cls: Any) -> None:
    form = _bare(cls)
    html = f"<form>{form}</form>"
    assert not problems_in(form, html)
    assert not page_problems(html)


def test_the_check_catches_a_multiple_choice_drawn_as_radios() -> None:
    """The fault the check exists for: a multiple choice drawn as radio buttons (one answer kept)."""

    class Themes(forms.Form):
        themes = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)

    form: Any = Themes()
    radios = "".join(f'<input type="radio" name="themes" value="{esc(v)}">' for v, _ in form.fields["themes"].choices)
    assert problems_in(form, f"<form>{radios}</form>") == [
        "Themes.themes: drawn as radios, expected checkboxes or select-multiple"
    ]
    checkboxes = radios.replace('type="radio"', 'type="checkbox"')
    assert problems_in(form, f"<form>{checkboxes}</form>") == []


def test_the_check_catches_a_blank_label_and_a_silent_limit() -> None:
    html: Any = '<select name="a"><option value="">---------</option></select><input name="b" maxlength="10">'
    assert len(page_problems(html)) == 2
