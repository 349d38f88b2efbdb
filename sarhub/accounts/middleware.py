"""Session limits and the second-factor requirement, applied to every private page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import access

LOGIN_AT = "sarhub_login_at"
SECOND_FACTOR_AT = access.SECOND_FACTOR_AT  # when the person last entered a security code (kept by core.access)
LAST_SEEN = "sarhub_last_seen"
LAST_TOUCH_WRITE = "sarhub_session_touch"


def _timestamp(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class SessionLimitsMiddleware:
    """Ends a session after 30 minutes idle or 10 hours in all, whichever comes first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = timezone.now()
            login_at = _timestamp(request.session.get(LOGIN_AT))
            last_seen = _timestamp(request.session.get(LAST_SEEN))
            idle_limit = timedelta(seconds=settings.SESSION_COOKIE_AGE)
            expired = (
                login_at is None
                or now - login_at > settings.SESSION_ABSOLUTE_LIMIT
                or (last_seen is not None and now - last_seen > idle_limit)
            )
            if expired:
                record(Action.SESSION_ENDED, person=user, obj=user, detail="time limit")
                logout(request)
                messages.info(request, "Your session ended, so you have been signed out. Sign in again to continue.")
                return HttpResponseRedirect(reverse(settings.LOGIN_URL))
            request.session[LAST_SEEN] = now.isoformat()
            self._touch(request, now)
        return self.get_response(request)

    @staticmethod
    def _touch(request: HttpRequest, now: datetime) -> None:
        """Keep the person's list of sessions current (written at most once a minute)."""
        last = _timestamp(request.session.get(LAST_TOUCH_WRITE))
        if last is not None and now - last < timedelta(minutes=1):
            return
        from sarhub.accounts.models import UserSession

        request.session[LAST_TOUCH_WRITE] = now.isoformat()
        if request.session.session_key:
            UserSession.objects.filter(session_key=request.session.session_key).update(last_seen_at=now)


class TwoFactorRequiredMiddleware:
    """Every private page needs a verified second factor. Runs after LoginRequiredMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or getattr(view_func, "second_factor_not_required", False):
            return None
        if getattr(view_func, "login_required", True) is False:
            return None
        if user.is_verified():  # type: ignore[union-attr]
            return None
        from django_otp import devices_for_user

        has_device = any(True for _ in devices_for_user(user, confirmed=True))
        target = reverse("accounts:two-factor-verify" if has_device else "accounts:two-factor-setup")
        next_url = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            target += "?" + urlencode({"next": next_url})
        return HttpResponseRedirect(target)
