"""How views declare who may use them.

Every view is either public (`public`, which is Django's `login_not_required`) or private. Private
views are open to any signed-in, 2FA-verified person unless they carry `requires(rule)`, where `rule`
is a predicate from an app's permissions module. The rule's name is kept on the view so the URL
inventory test can compare every route with tests/access_matrix.py.

Object access goes through `access_*` helpers in each app's permissions module, which fetch and
authorise in one step and raise Http404 for missing and forbidden alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from sarhub.core import intents

if TYPE_CHECKING:
    from sarhub.partnership.models import Person

V = TypeVar("V", bound=Callable[..., Any])

# Sent when `requires` refuses a person a page, with `request` and `route` (the view's name); the audit
# app records it (sarhub.audit.signals), so this ground-floor module needs nothing above it.
access_denied = Signal()

SECOND_FACTOR_AT = "sarhub_second_factor_at"  # in the session: when the person last entered a security code
Rule = Callable[[Any], bool]


def public(view: V) -> V:
    """A page anyone may see without signing in (the public site, sign-in, invitations)."""
    view = login_not_required(view)
    view.access_rule = "public"  # type: ignore[attr-defined]
    view.second_factor_not_required = True  # type: ignore[attr-defined]
    return view


def second_factor_not_required(view: V) -> V:
    """A private page a signed-in person may use before completing the second factor (2FA set-up)."""
    view.second_factor_not_required = True  # type: ignore[attr-defined]
    return view


def per_object(rule: str) -> Callable[[V], V]:
    """A private view whose access is decided for each object by an `access_*` helper (404 otherwise).

    Records the rule's name for the access matrix; it does not check anything by itself.
    """

    def decorator(view: V) -> V:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorator


def rule_name(rule: Rule) -> str:
    module = rule.__module__.removeprefix("sarhub.").removesuffix(".permissions")
    return f"{module}.{rule.__name__}"


def requires(rule: Rule) -> Callable[[V], V]:
    """Refuse (403, audited) unless `rule(request.user)` holds."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not rule(request.user):
                route = request.resolver_match.view_name if request.resolver_match else ""
                access_denied.send(sender=requires, request=request, route=route)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule_name(rule)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def recent_second_factor(view: V) -> V:
    """Before a sensitive action (a bulk export, approving publication), the person must have entered a
    security code within settings.STEP_UP_MAX_AGE; otherwise they are asked for one first, and a
    pressed button is finished after the code (sarhub.core.intents), never dropped."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raw = request.session.get(SECOND_FACTOR_AT)
        try:
            entered = datetime.fromisoformat(raw) if raw else None
        except (TypeError, ValueError):
            entered = None
        if entered is None or timezone.now() - entered > settings.STEP_UP_MAX_AGE:
            target = reverse("accounts:step-up")
            if request.method == "GET":
                return HttpResponseRedirect(target + "?" + urlencode({"next": request.get_full_path()}))
            # A pressed button: held, and finished once the code is right (sarhub.core.intents).
            query = {"next": intents.came_from(request) or reverse("workspace:home"), "intent": intents.hold(request)}
            return HttpResponseRedirect(target + "?" + urlencode({k: v for k, v in query.items() if v}))
        return view(request, *args, **kwargs)

    wrapped.needs_step_up = True  # type: ignore[attr-defined]  # read by the export inventory test
    return wrapped  # type: ignore[return-value]


def actor(request: HttpRequest) -> Person:
    """The signed-in person making a private request (login is enforced before any private view runs)."""
    return cast("Person", request.user)
