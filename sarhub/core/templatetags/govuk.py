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
    return mark_safe(f'<a class="{esc(css)}" href="tel:{esc(_tel(number))}">{esc(number)}</a>')  # noqa: S308 (escaped)


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
    items = []
    for url_name, label, names in PUBLIC_AREAS:
        active = view_name in names
        item_class = "govuk-service-navigation__item" + (" govuk-service-navigation__item--active" if active else "")
        current = (' aria-current="page"' if view_name == url_name else ' aria-current="true"') if active else ""
        shown = (
            f'<strong class="govuk-service-navigation__active-fallback">{esc(label)}</strong>' if active else esc(label)
        )
        items.append(
            f'<li class="{item_class}"><a class="govuk-service-navigation__link" href="{esc(_public_url(url_name))}"'
            f"{current}>{shown}</a></li>"
        )
    return mark_safe(  # noqa: S308 (escaped)
        '<section aria-label="Menu" class="govuk-service-navigation" data-module="govuk-service-navigation">'
        '<div class="govuk-width-container"><div class="govuk-service-navigation__container">'
        '<nav aria-label="Menu" class="govuk-service-navigation__wrapper">'
        '<button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" '
        'aria-controls="public-navigation" hidden>Menu</button>'
        f'<ul class="govuk-service-navigation__list" id="public-navigation">{"".join(items)}</ul>'
        "</nav></div></div></section>"
    )


@register.simple_tag
def summary_row(key: str, value: Any, href: str = "", action: str = "Change") -> SafeString:
    """A GOV.UK summary list row, built directly (an inclusion template per row cost more than the rest)."""
    not_given = '<span class="govuk-hint govuk-!-margin-0">Not given</span>'
    shown = esc(value) if value or value == 0 else not_given
    if href:
        actions = (
            f'<dd class="govuk-summary-list__actions"><a class="govuk-link" href="{esc(href)}">{esc(action)}'
            f'<span class="govuk-visually-hidden"> {esc(str(key).lower())}</span></a></dd>'
        )
        row_class = "govuk-summary-list__row"
    else:
        actions = ""
        row_class = "govuk-summary-list__row govuk-summary-list__row--no-actions"
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<div class="{row_class}"><dt class="govuk-summary-list__key">{esc(key)}</dt>'
        f'<dd class="govuk-summary-list__value">{shown}</dd>{actions}</div>'
    )


_PREV_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" '
    'height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 '
    '6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>'
)
_NEXT_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" '
    'height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 '
    '1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>'
)


@register.simple_tag
def pagination(page: Any, query: str = "") -> SafeString:
    """GOV.UK pagination: previous, "N of M", next. `query` keeps the filters (already URL-encoded)."""
    if page is None or page.paginator.num_pages <= 1:
        return SafeString("")
    prefix = f"?{esc(query)}&amp;page=" if query else "?page="
    parts = ['<nav class="govuk-pagination" aria-label="Pages">']
    if page.has_previous():
        parts.append(
            f'<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" '
            f'href="{prefix}{page.previous_page_number()}" rel="prev">{_PREV_ICON}'
            '<span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>'
        )
    number, total = page.number, page.paginator.num_pages
    parts.append(
        '<ul class="govuk-pagination__list"><li class="govuk-pagination__item govuk-pagination__item--current">'
        f'<a class="govuk-link govuk-pagination__link" href="{prefix}{number}" aria-label="Page {number} of {total}" '
        f'aria-current="page">{number} of {total}</a></li></ul>'
    )
    if page.has_next():
        parts.append(
            f'<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" '
            f'href="{prefix}{page.next_page_number()}" rel="next"><span class="govuk-pagination__link-title">Next'
            f'<span class="govuk-visually-hidden"> page</span></span>{_NEXT_ICON}</a></div>'
        )
    parts.append("</nav>")
    return mark_safe("".join(parts))  # noqa: S308 (numbers and an escaped query only)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """A dictionary's value for a key that is itself a variable: {{ rows|get_item:number }}."""
    return mapping.get(key) if hasattr(mapping, "get") else None
