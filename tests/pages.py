"""Pages as a person uses them: fetch the page, fill the fields a person would, press a button.

A test that stands for a person filling a form submits the page as it was served, through WebTest
(django-webtest) over the real WSGI stack, CSRF checks included. A field that is drawn wrongly (radios
where a person ticks several), missing, or named differently fails the test: `fill` only sets what the
page offers, and refuses an answer the page does not offer.

    page = browse_as(person).get(url)
    done = press(page, "Save finding", title="…", practice_themes=[a.pk, b.pk], due_on=date(2027, 3, 31))
    assert banner(done.follow()) == "…"

Dates are filled into GOV.UK's three boxes (day, month, year) from a `date` or "31/3/2027".
"""

from __future__ import annotations

import http.cookiejar
import re
from datetime import date
from typing import Any

from bs4 import BeautifulSoup, Tag
from django.conf import settings
from django.test import Client
from django_webtest import DjangoTestApp
from webtest import Form, TestResponse, Upload
from webtest.forms import Checkbox, File, MultipleSelect, Radio, Select, Submit

from tests.personas import sign_in

__all__ = [
    "Upload",
    "approve_anyway",
    "banner",
    "browse_as",
    "error_summary",
    "field_error",
    "fill",
    "form_with",
    "press",
    "submit",
    "text_of",
]

SPACES = re.compile(r"\s+")


def browse_as(person: Any = None) -> DjangoTestApp:
    """A browser for `person` (signed in with a verified second factor), or for the public (None)."""
    app = DjangoTestApp()
    if person is not None:
        client = sign_in(Client(), person)
        # The session cookie as the server sets it (WebTest's set_cookie would quote the value, and
        # then `app.session` could not find the session).
        app.cookiejar.set_cookie(
            http.cookiejar.Cookie(
                version=0,
                name=settings.SESSION_COOKIE_NAME,
                value=client.cookies[settings.SESSION_COOKIE_NAME].value,
                port=None,
                port_specified=False,
                domain="testserver.local",
                domain_specified=True,
                domain_initial_dot=False,
                path="/",
                path_specified=True,
                secure=False,
                expires=None,
                discard=False,
                comment=None,
                comment_url=None,
                rest={},
            )
        )
    return app


def text_of(node: Any) -> str:
    """A node's text as a person reads it (visually hidden text included, as a screen reader hears it)."""
    return SPACES.sub(" ", node.get_text(" ") if node is not None else "").strip()


def _buttons(form: Form) -> list[Tag]:
    soup: Tag = form.html
    return [
        tag
        for tag in soup.find_all(["button", "input"])
        if (tag.name == "button" and tag.get("type", "submit") == "submit")
        or (tag.name == "input" and tag.get("type") in ("submit", "image"))
    ]


def _button_text(tag: Tag) -> str:
    return text_of(tag) if tag.name == "button" else str(tag.get("value", ""))


def form_with(page: TestResponse, button: str, *, index: int | None = None) -> Form:
    """The form on the page with a button reading `button` (its whole text, or the text's beginning)."""
    forms = list(page.forms.values()) if page.forms else []
    unique = list({id(form): form for form in forms}.values())
    exact = [form for form in unique if any(_button_text(tag) == button for tag in _buttons(form))]
    found = exact or [form for form in unique if any(_button_text(tag).startswith(button) for tag in _buttons(form))]
    if not found:
        shown = sorted({_button_text(tag) for form in unique for tag in _buttons(form)})
        raise AssertionError(f"No form on {page.request.url} has a button {button!r}; buttons: {shown}")
    if len(found) > 1 and index is None:
        raise AssertionError(f"{len(found)} forms on {page.request.url} have a button {button!r}: give index=")
    return found[index or 0]


def _options(field: Any) -> list[str]:
    return [str(option[0]) for option in field.options]


def _set_checkboxes(form: Form, name: str, fields: list[Any], value: Any) -> None:
    wanted = [str(getattr(v, "pk", v)) for v in (value if isinstance(value, (list, tuple, set)) else [value])]
    offered = [str(field._value) for field in fields]
    missing = [v for v in wanted if v not in offered]
    assert not missing, f"{name}: the page offers no checkbox for {missing} (offered: {offered})"
    for field in fields:
        field.checked = str(field._value) in wanted


def _set_date(form: Form, name: str, value: Any) -> None:
    if isinstance(value, date):
        parts = [str(value.day), str(value.month), str(value.year)]
    elif isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    elif value in (None, ""):
        parts = ["", "", ""]
    else:
        parts = re.split(r"[/\s.-]+", str(value).strip())
        if len(parts) == 3 and len(parts[0]) == 4:  # 2027-03-31
            parts = parts[::-1]
    for part, text in zip(("day", "month", "year"), parts, strict=True):
        form[f"{name}-{part}"] = text


def fill(form: Form, /, **values: Any) -> Form:
    """Set fields as a person would. Lists tick checkboxes (several at once) or choose options in a
    multiple select; True/False tick a single checkbox; a date fills the three date boxes; an Upload
    chooses a file. A field the page does not offer, or an answer not among its options, fails."""
    for name, value in values.items():
        fields = form.fields.get(name)
        if fields is None and f"{name}-day" in form.fields:
            _set_date(form, name, value)
            continue
        assert fields is not None, f"The form has no field {name!r} (fields: {sorted(k for k in form.fields if k)})"
        assert not all(isinstance(f, Submit) for f in fields), f"{name!r} is a button: press it instead"
        first = fields[0]
        if all(isinstance(f, Checkbox) for f in fields) and (len(fields) > 1 or isinstance(value, (list, tuple, set))):
            _set_checkboxes(form, name, fields, value)
        elif isinstance(first, Checkbox):
            first.checked = bool(value)
        elif isinstance(first, MultipleSelect):
            wanted = [str(getattr(v, "pk", v)) for v in value]
            missing = [v for v in wanted if v not in _options(first)]
            assert not missing, f"{name}: the page offers no option {missing}"
            first.value = wanted
        elif isinstance(first, (Select, Radio)):
            assert not isinstance(value, (list, tuple, set)), (
                f"{name} is a single choice ({type(first).__name__.lower()}): a person cannot choose {list(value)}"
            )
            text = "" if value is None else str(getattr(value, "pk", getattr(value, "value", value)))
            assert text in _options(first), f"{name}: the page offers no option {text!r} (offered: {_options(first)})"
            first.value = text
        elif isinstance(first, File):
            first.value = value
        else:
            assert len(fields) == 1, f"{name!r} is {len(fields)} fields on the page"
            first.value = "" if value is None else str(value)
    return form


def submit(form: Form, button: str, **kwargs: Any) -> TestResponse:
    """Press the form's button reading `button` (sending its name and value, as a browser does)."""
    tags = [tag for tag in _buttons(form) if _button_text(tag) == button] or [
        tag for tag in _buttons(form) if _button_text(tag).startswith(button)
    ]
    assert tags, f"No button {button!r} in the form"
    tag = tags[0]
    name = tag.get("name")
    if name:
        return form.submit(str(name), value=str(tag.get("value", "")), **kwargs)
    return form.submit(**kwargs)


def press(
    page: TestResponse, button: str, /, *, index: int | None = None, status: Any = None, **values: Any
) -> TestResponse:
    """Fill the form holding `button` with `values` and press the button; returns the response
    (a redirect is not followed: call .follow())."""
    form = fill(form_with(page, button, index=index), **values)
    kwargs = {"status": status} if status is not None else {}
    return submit(form, button, **kwargs)


def _soup(page: TestResponse) -> BeautifulSoup:
    return BeautifulSoup(page.text, "html.parser")


def error_summary(page: TestResponse) -> list[str]:
    """The error summary's lines, or [] when the page shows none."""
    summary = _soup(page).select_one(".govuk-error-summary")
    return [text_of(item) for item in summary.select(".govuk-error-summary__list li")] if summary else []


def field_error(page: TestResponse, name: str) -> str:
    """The error shown beside a field (its GOV.UK error message), or ""."""
    node = _soup(page).select_one(f"#id_{name}-error")
    return text_of(node).removeprefix("Error:").strip() if node else ""


def banner(page: TestResponse) -> str:
    """The notification banner's message (success or important), or ""."""
    node = _soup(page).select_one(".govuk-notification-banner__heading, .govuk-notification-banner__content")
    return text_of(node)


def approve_anyway(page):
    """A tampered post: Approve pressed although the page offers no Approve button (matches still open)."""
    assert "Approve" not in [b.get_text(strip=True) for b in BeautifulSoup(page.text, "html.parser").find_all("button")]
    assert "It can be approved once the business unit has cleared" in page.text
    form = form_with(page, "Do not approve")
    return page.test_app.post(form.action, [*form.submit_fields(), ("decision", "approve")])
