"""Cross-cutting middleware: request ids and no caching of private pages."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from sarhub.core import request_context
from sarhub.core.network import client_address

_SAFE_ID = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the sign-in lockout sees it (X-Forwarded-For believed only from a trusted
    proxy: sarhub/core/network.py)."""
    address = client_address(request)
    return address[:45] if address else None


class RequestIdMiddleware:
    """Gives every request an id (or keeps a well-formed one set by the proxy), logs it and returns it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_context.set_current(request_context.RequestContext(request_id, client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class PrivateCacheMiddleware:
    """Pages for signed-in people are never stored by browsers or proxies.

    Public pages may be cached by shared caches; everything else gets `Cache-Control: no-store`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return response
