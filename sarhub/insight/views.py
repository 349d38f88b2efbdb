"""The Board's insight: the business unit's dashboard and the Board's overview."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sarhub.core.access import requires
from sarhub.insight import permissions


@requires(permissions.can_see_overview)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "insight/overview.html", {})
