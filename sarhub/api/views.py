"""Managing partner API tokens: the business unit issues them; agencies' safeguarding leads see and revoke
their own agency's. The secret is shown once, on the page that answers the issuing form, and never again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.api import permissions, selectors, services
from sarhub.api.forms import TokenForm
from sarhub.core.access import actor, requires
from sarhub.core.forms import apply_errors

PAGE_SIZE = 25


@requires(permissions.can_list_tokens)
@require_GET
def token_list(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    tokens = selectors.token_list(person)
    page = Paginator(tokens, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "api/token_list.html",
        {
            "page": page,
            "can_issue": permissions.can_manage_tokens(person),
            "docs_url": reverse("api:openapi-view"),
            "openapi_url": reverse("api:openapi-json"),
        },
    )


@requires(permissions.can_manage_tokens)
@require_http_methods(["GET", "POST"])
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.issue_token(actor(request), form.service_data())
        except ValidationError as error:
            if hasattr(error, "error_dict") and "expires_at" in error.error_dict:
                error.error_dict["expires_on"] = error.error_dict.pop("expires_at")  # shown beside the date asked
            apply_errors(form, error)
        else:
            # Rendered, not redirected: the secret must not be kept anywhere (a session or a message) to show later.
            return render(
                request,
                "api/token_issued.html",
                {"token": issued.token, "secret": issued.secret, "docs_url": reverse("api:openapi-view")},
            )
    return render(request, "api/token_form.html", {"form": form})


@requires(permissions.can_list_tokens)
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = permissions.access_token(actor(request), token_id)
    try:
        services.revoke_token(actor(request), token)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The token {token.prefix} ({token.name}) has been revoked. It no longer works.")
    return redirect("api_tokens:list")
