"""Is each field of a form drawn as the widget kind its field expects?

A multiple choice must be checkboxes (or a multiple select), a single choice radios or a select, a date
GOV.UK's three boxes, a file a file input, a yes/no a single checkbox, and free text a text input or
textarea; no select may offer Django's "---------", and no field may carry a silent `maxlength`.
Used by tests/test_form_widgets.py (every form class) and the access matrix's walk of every page
(every form as served, to every persona the page admits).
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Tag
from django import forms

from sarhub.core.dates import DateField


def expected_kinds(field: forms.Field) -> set[str]:
    if isinstance(field.widget, (forms.HiddenInput, forms.MultipleHiddenInput)):
        return {"hidden"}
    if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        return {"checkboxes", "select-multiple"}
    if isinstance(field, DateField):
        return {"date"}
    if isinstance(field, forms.FileField):
        return {"file"}
    if isinstance(field, forms.BooleanField):
        return {"checkbox"}
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        return {"radios"} if isinstance(field.widget, forms.RadioSelect) else {"select"}
    return {"input", "textarea"}


def drawn_kind(soup: Any, name: str) -> str:
    """What the page gives a person for the field `name` ("missing" when nothing)."""
    if all(soup.find(attrs={"name": f"{name}-{part}"}) for part in ("day", "month", "year")):
        return "date"
    tags = soup.find_all(attrs={"name": name})
    if not tags:
        return "missing"
    first = tags[0]
    if first.name == "select":
        return "select-multiple" if first.has_attr("multiple") else "select"
    if first.name == "textarea":
        return "textarea"
    kinds = {str(tag.get("type", "text")) for tag in tags}
    if kinds == {"radio"}:
        return "radios"
    if kinds == {"checkbox"}:
        return "checkboxes" if len(tags) > 1 or _multiple_marker(first) else "checkbox"
    if kinds == {"file"}:
        return "file"
    if kinds == {"hidden"}:
        return "hidden"
    return "input"


def _multiple_marker(tag: Any) -> bool:
    """One checkbox of a checkbox group (a multiple choice offering a single option)."""
    return "govuk-checkboxes__input" in (tag.get("class") or []) and bool(tag.find_parent(class_="govuk-fieldset"))


def problems_in(form: forms.BaseForm, html: Any) -> list[str]:
    """Each field of `form` drawn other than its field expects, in the page `html`."""
    soup: Any = html if isinstance(html, Tag) else BeautifulSoup(html, "html.parser")
    found = []
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        drawn = drawn_kind(soup, html_name)
        if drawn == "missing":
            continue  # a template may draw only some of a form's fields; what is drawn must be right
        expected = expected_kinds(field)
        if drawn == "checkbox" and "checkboxes" in expected:
            drawn = "checkboxes"  # a multiple choice that offers one option today
        if drawn not in expected:
            found.append(f"{type(form).__name__}.{name}: drawn as {drawn}, expected {' or '.join(sorted(expected))}")
    return found


def page_problems(html: str) -> list[str]:
    """Markup no form may have: Django's blank label and a silent browser length limit."""
    found = []
    if ">---------<" in html:
        found.append('a select offers "---------" (it should read "Choose…")')
    if " maxlength=" in html:
        found.append("a field carries a silent maxlength")
    return found


def forms_in(context: Any) -> list[forms.BaseForm]:
    """The forms in a test response's template contexts (each once)."""
    if context is None:
        return []
    layers = context if isinstance(context, list) else [context]
    seen: dict[int, forms.BaseForm] = {}
    for layer in layers:
        for value in layer.flatten().values() if hasattr(layer, "flatten") else []:
            if isinstance(value, forms.BaseForm):
                seen[id(value)] = value
            elif isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, forms.BaseForm):
                        seen[id(item)] = item
    return list(seen.values())


def response_problems(response: Any) -> list[str]:
    """Every form field on a served page drawn wrongly, and any blank label or silent limit."""
    if response.get("Content-Type", "").split(";")[0] != "text/html" or getattr(response, "streaming", False):
        return []
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    found = page_problems(html)
    for form in forms_in(response.context):
        found.extend(problems_in(form, soup))
    return found
