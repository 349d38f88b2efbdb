"""Server-side caching of the public library's pages, safe for publication changes.

A cached page is keyed by the page's full address, today's date (an embargo ends at midnight) and the
public change counter (`PublicChange`), which every approval, take-down, concluded parallel process,
briefing publication and change to a published review's actions (`plan_changed`) bumps in its own
transaction. Reading the counter is one small query per request, so a
page taken down disappears at once from every server process, while every other request skips the work
of building the page.

Only anonymous GET requests that answer 200 are cached, never a page that showed a message, set a cookie
or was rendered for someone signed in. Django's own `cache_page` keys by address only and cannot be told
that something was unpublished, which is why this is written here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from sarhub.publication.models import PublicChange

SECONDS = 300  # how long a browser or proxy may keep a public page, and the server its copy
COUNTER_SQL = "SELECT number FROM publication_publicchange WHERE id = 1"
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Content-Security-Policy",
    "X-Content-Type-Options",
)


def current() -> int:
    """The public change counter: one primary-key read (raw SQL: building an ORM query would cost more
    than the cached page it guards)."""
    with connection.cursor() as cursor:
        cursor.execute(COUNTER_SQL)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def changed() -> None:
    """Say that what the public sees may have changed. The counter changes in the caller's transaction, so
    other processes see the new number exactly when they can see the change itself (and never if it rolls
    back); a page cached under the old number is never used again."""
    if not PublicChange.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
        PublicChange.objects.get_or_create(pk=1, defaults={"number": 1})


def plan_changed(review_id: int | None = None, **kwargs: Any) -> None:
    """A review's action plan changed (sarhub.actions.services.plan_written): its public page shows each
    action's status and RAG rating live, so if the review has a publication in force (approved and not taken
    down, embargoed or not) the public pages change now, not when the cache expires."""
    from sarhub.publication.models import PublicationProposal

    if review_id is None or PublicationProposal.objects.in_force().filter(review_id=review_id).exists():
        changed()


def _key(request: HttpRequest) -> str:
    address = request.get_full_path()
    digest = hashlib.sha256(f"{current()}|{timezone.localdate()}|{address}".encode()).hexdigest()
    return f"public-page:{digest}"


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(messages, "used", False)
    )


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous visitors from the cache; mark every anonymous answer cacheable for `SECONDS`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
        else:
            response = view(request, *args, **kwargs)
            if _cacheable(request, response):
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                cache.set(key, (response.content, headers), SECONDS)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=SECONDS)
        return response

    return wrapper
