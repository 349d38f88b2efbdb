"""Small template helpers for GOV.UK Design System markup (loaded as a builtin)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.contrib.messages import constants as message_constants
from django.forms import BaseForm, BoundField
from django.urls import reverse
from django.utils.functional import LazyObject
from django.utils.safestring import SafeString, mark_safe

from sarhub.core import components
from sarhub.core.form_html import error_anchor as form_error_anchor
from sarhub.core.form_html import render_field
from sarhub.core.html import esc

register = template.Library()


@register.filter
def govuk_field(field: BoundField) -> SafeString:
    """One GOV.UK form group (sarhub.core.form_html), for `{{ field.as_field_group }}`."""
    return mark_safe(render_field(field))  # noqa: S308 (render_field escapes every value)


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id the error summary links to (sarhub.core.form_html.error_anchor)."""
    return form_error_anchor(field)


@register.simple_tag(takes_context=True)
def error_prefix(context: template.Context) -> str:
    """ "Error: " before the page title, once, when the page shows a problem: a form in the context with
    errors, or an error message (both shown in a GOV.UK error summary)."""
    for layer in context.dicts:
        for value in layer.values():
            if isinstance(value, LazyObject):
                continue  # never evaluate one: the lazy csrf_token would set a cookie and spoil caching
            if isinstance(value, BaseForm) and value.is_bound and getattr(value, "_errors", None):
                return "Error: "
    stored = context.get("messages")
    # len() first: iterating the messages marks them shown, which an empty page must not do (it would
    # never be cached; sarhub/publication/caching.py).
    if stored is not None and len(stored) and any(getattr(m, "level", 0) >= message_constants.ERROR for m in stored):
        return "Error: "
    return ""


def _tel(number: str) -> str:
    """A telephone number as a tel: address: UK numbers in international form (01709 822330 ->
    +441709822330); short numbers such as 999 as they are."""
    digits = "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")
    if digits.startswith("+"):
        return digits
    if digits.startswith("0") and len(digits) > 5:
        return "+44" + digits[1:]
    return digits


@register.simple_tag
def phone_link(number: Any, css: str = "govuk-link") -> SafeString:
    """A phone number a person can call from the page (a tel: link), or nothing if there is no number."""
    if not number:
        return SafeString("")
    return SafeString(f'<a class="{esc(css)}" href="tel:{esc(_tel(number))}">{esc(number)}</a>')


@lru_cache(maxsize=16)
def _public_url(name: str) -> str:
    return reverse(name)


PUBLIC_AREAS = [
    ("core:public-home", "Home", ("core:public-home",)),
    ("publication:library", "Published reviews", ("publication:library", "publication:review")),
    ("briefings:public-list", "7-minute briefings", ("briefings:public-list", "briefings:public-page")),
    ("referrals:public-form", "Ask for a review", ("referrals:public-form", "referrals:public-received")),
]


@register.simple_tag(takes_context=True)
def public_navigation(context: template.Context) -> SafeString:
    """The public site's navigation: the Board's home, the learning library, the briefings and the
    referral form, so a family member can find what the Board has published."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    items = [
        (label, _public_url(url_name), view_name in names, view_name == url_name)
        for url_name, label, names in PUBLIC_AREAS
    ]
    return components.service_navigation(items, "public-navigation")


@register.simple_tag
def summary_row(key: str, value: Any, href: str = "", action: str = "Change") -> SafeString:
    """A GOV.UK summary list row (sarhub.core.components.summary_row)."""
    return components.summary_row(key, value, href, action)


@register.simple_tag
def pagination(page: Any, query: str = "") -> SafeString:
    """GOV.UK pagination: previous, "N of M", next. `query` keeps the filters (already URL-encoded)."""
    return components.pagination(page, query)


@register.simple_tag(name="tag")
def tag_tag(text: Any, colour: str = "") -> SafeString:
    """A GOV.UK tag: {% tag "Overdue" "red" %}."""
    return components.tag(text, colour)


@register.simple_tag(name="rag_tag")
def rag_tag_tag(rag: Any, label: Any, count: Any = None) -> SafeString:
    """A RAG rating's tag, in the one RAG colour map: {% rag_tag a.rag a.rag_label %}; with a count,
    the count after the label ({% rag_tag "red" "Red" counts.red %})."""
    return components.rag_tag(rag, label if count is None else f"{label} {count}")


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """A dictionary's value for a key that is itself a variable: {{ rows|get_item:number }}."""
    return mapping.get(key) if hasattr(mapping, "get") else None
