"""The public home and information pages, and the error pages (the staff home is in `workspace`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from sarhub.core.access import public


def _public_page(request: HttpRequest, template: str, context: dict[str, Any] | None = None) -> HttpResponse:
    response = render(request, template, context or {})
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=300)
    return response


@public
@require_safe
def public_home(request: HttpRequest) -> HttpResponse:
    return _public_page(request, "core/public_home.html")


@public
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return _public_page(request, "core/accessibility.html")


@public
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return _public_page(request, "core/privacy.html")


@public
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: used by monitoring, and by the benchmark as its baseline."""
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the context processors' database reads: the database may be the problem.
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.template.render(_error_context()), status=500)  # type: ignore[attr-defined]


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)


def _error_context() -> Any:
    from django.template import Context

    return Context({"board": {"name": "Safeguarding Adults Board", "concern_phone": ""}})
