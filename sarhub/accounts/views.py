"""Signing in and out, two-factor authentication, invitations, password reset and the person's account."""

from __future__ import annotations

import base64
import math
from datetime import timedelta
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts import forms, lockout, selectors, services
from sarhub.accounts.middleware import SECOND_FACTOR_AT
from sarhub.audit.models import Action, Outcome
from sarhub.audit.services import record
from sarhub.core import intents
from sarhub.core.access import actor, public, second_factor_not_required
from sarhub.partnership import selectors as partnership_selectors
from sarhub.partnership import services as partnership_services

SETUP_DEVICE = "sarhub_totp_setup_device"
NEW_BACKUP_CODES = "sarhub_new_backup_codes"
INVITATION = "sarhub_invitation"
CODE_FAILURES = "sarhub_code_failures"
MAX_CODE_FAILURES = 10


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The lockout key for an email address: case and spaces do not give an attacker more guesses."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower()[:254]


def locked_out(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """Too many failed sign-ins for an email address from this client, or from this client at all: HTTP 429.

    django-axes calls it for the pair; the sign-in view for the address (sarhub/accounts/lockout.py)."""
    record(Action.LOCKED_OUT, outcome=Outcome.DENIED)
    return render(request, "accounts/locked_out.html", status=429)


# --- Signing in and out ------------------------------------------------------------------------------


@public
@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and actor(request).is_verified():
        return redirect(_safe_next(request, reverse("workspace:home")))
    if request.method == "POST" and lockout.address_is_refused(request):
        return locked_out(request)
    form = forms.SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)  # rotates the session key
        request.session[CODE_FAILURES] = 0
        next_url = _safe_next(request, reverse("workspace:home"))
        has_device = any(True for _ in devices_for_user(user, confirmed=True))
        target = reverse("accounts:two-factor-verify" if has_device else "accounts:two-factor-setup")
        return redirect(f"{target}?{urlencode({'next': next_url})}")
    if request.method == "POST" and lockout.address_is_refused(request):
        return locked_out(request)  # the failure that reaches the address's limit, as axes does for a pair
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request, "")})


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:signed-out")


@public
@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


# --- Second factor -----------------------------------------------------------------------------------


@second_factor_not_required
@sensitive_post_parameters("otp_token")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if user.is_verified():
        return redirect(_safe_next(request, reverse("workspace:home")))
    if not any(True for _ in devices_for_user(user, confirmed=True)):
        return redirect("accounts:two-factor-setup")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttle_wait(user)
        device = match_token(user, form.cleaned_data["otp_token"])
        if device is not None:
            otp_login(request, device)
            request.session[SECOND_FACTOR_AT] = timezone.now().isoformat()
            request.session[CODE_FAILURES] = 0
            record(Action.SECOND_FACTOR, person=user, obj=user, detail=type(device).__name__)
            return redirect(_safe_next(request, reverse("workspace:home")))
        if wait > 0:
            # The code was not checked at all: after a wrong code, the app's codes are refused for a
            # growing pause (1, 2, 4... seconds). Say so, rather than call a right code wrong.
            form.add_error(
                "otp_token",
                f"For your security, wait {wait} second{'s' if wait != 1 else ''}, then enter the code your app shows",
            )
            return render(
                request,
                "accounts/two_factor_verify.html",
                {"form": form, "next": _safe_next(request, ""), "demo_mode": settings.DEMO_MODE},
            )
        failures = int(request.session.get(CODE_FAILURES, 0)) + 1
        request.session[CODE_FAILURES] = failures
        record(Action.SECOND_FACTOR_FAILED, person=user, obj=user, outcome=Outcome.FAILURE)
        if failures >= MAX_CODE_FAILURES:
            logout(request)
            return locked_out(request)
        form.add_error("otp_token", "The security code is not correct, or it has expired. Enter the current code")
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _safe_next(request, ""), "demo_mode": settings.DEMO_MODE},
    )


def _throttle_wait(user: Any) -> int:
    """Seconds until the person's authenticator app may be checked again (django-otp's throttling)."""
    now = timezone.now()
    wait = 0
    for device in devices_for_user(user, confirmed=True):
        if not isinstance(device, TOTPDevice) or device.verify_is_allowed()[0]:
            continue
        if device.throttling_failure_timestamp is None:
            continue
        delay = device.get_throttle_factor() * (2 ** (device.throttling_failure_count - 1))
        remaining = (device.throttling_failure_timestamp + timedelta(seconds=delay) - now).total_seconds()
        wait = max(wait, math.ceil(remaining))
    return wait


def _qr_svg(uri: str) -> str:
    qr = segno.make(uri, error="m")
    svg = qr.svg_inline(scale=4, border=2, title="QR code for your authenticator app")
    return mark_safe(svg)  # noqa: S308 (generated by segno from our own data, no user input)


@second_factor_not_required
@sensitive_post_parameters("otp_token")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: on first sign-in (no device yet) or, once verified, to replace it."""
    user = actor(request)
    has_device = any(True for _ in devices_for_user(user, confirmed=True))
    if has_device and not user.is_verified():
        return redirect("accounts:two-factor-verify")
    device = services.totp_being_set_up(user, request.session.get(SETUP_DEVICE))
    if request.session.get(SETUP_DEVICE) != device.pk:
        request.session[SETUP_DEVICE] = device.pk
    form = forms.SetUpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.finish_totp_setup(user, device, form.cleaned_data["otp_token"])
        if codes is not None:
            request.session.pop(SETUP_DEVICE, None)
            otp_login(request, device)
            request.session[SECOND_FACTOR_AT] = timezone.now().isoformat()
            request.session[NEW_BACKUP_CODES] = codes
            return redirect(
                f"{reverse('accounts:backup-codes')}?{urlencode({'next': _safe_next(request, reverse('workspace:home'))})}"
            )
        form.add_error("otp_token", "The code is not correct. Check your app shows SAR Hub and enter the current code")
    secret = device.bin_key
    secret_b32 = base64.b32encode(secret).decode("ascii").rstrip("=")
    grouped = " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": grouped,
            "replacing": has_device,
            "next": _safe_next(request, ""),
        },
    )


@never_cache
@require_GET
def backup_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(NEW_BACKUP_CODES, None)
    if not codes:
        return redirect("accounts:two-factor")
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "next": _safe_next(request, reverse("workspace:home"))},
    )


@require_GET
def two_factor(request: HttpRequest) -> HttpResponse:
    devices = selectors.authenticator_apps(actor(request))
    return render(
        request,
        "accounts/two_factor.html",
        {"totp_devices": devices, "backup_codes_left": services.backup_codes_left(actor(request))},
    )


@require_POST
def regenerate_backup_codes(request: HttpRequest) -> HttpResponse:
    request.session[NEW_BACKUP_CODES] = services.new_backup_codes(actor(request))
    return redirect("accounts:backup-codes")


# --- Invitations -------------------------------------------------------------------------------------


@public
@never_cache
@require_GET
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link. The token is checked, then kept in the session, never in a later URL."""
    found = partnership_services.find_invitation(token)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_problem.html", {"problem": "signed_in"}, status=403)
    if found is None or not found.is_usable:
        problem = "invalid" if found is None else found.status
        return render(request, "accounts/invitation_problem.html", {"problem": problem}, status=410 if found else 404)
    request.session[INVITATION] = found.pk
    return redirect("accounts:invitation-accept")


@public
@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_problem.html", {"problem": "signed_in"}, status=403)
    found = selectors.invitation_in_hand(request.session.get(INVITATION))
    if found is None or not found.is_usable:
        request.session.pop(INVITATION, None)
        problem = "invalid" if found is None else found.status
        return render(request, "accounts/invitation_problem.html", {"problem": problem}, status=410 if found else 404)
    form = forms.AcceptInvitationForm(request.POST or None, initial={"full_name": found.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            person = partnership_services.accept_invitation(
                found.pk,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, error)
        else:
            request.session.pop(INVITATION, None)
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your account has been created. Now set up two-factor authentication.")
            return redirect("accounts:two-factor-setup")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": found})


# --- Password reset (Django's views, GOV.UK templates; the response never says whether an account exists)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.GovukPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        record(Action.PASSWORD_RESET_REQUEST)
        form.save(
            domain_override=settings.SITE_URL.split("://", 1)[-1],
            use_https=settings.SITE_URL.startswith("https"),
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.GovukSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(Action.PASSWORD_RESET, person=None, obj=form.user)
        services.end_sessions(form.user)
        return response


password_reset = public(PasswordResetView.as_view())
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(PasswordResetConfirmView.as_view())
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


# --- The person's own account ------------------------------------------------------------------------


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    memberships = partnership_selectors.memberships_of(actor(request), actor(request)).filter(ended_at__isnull=True)
    return render(request, "accounts/account.html", {"memberships": memberships})


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = forms.GovukPasswordChangeForm(actor(request), request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)  # other sessions end; this one continues
        services.end_other_sessions(actor(request), request.session.session_key)
        record(Action.PASSWORD_CHANGE, person=actor(request), obj=actor(request))
        messages.success(request, "Your password has been changed. You have been signed out everywhere else.")
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


@require_GET
def sessions(request: HttpRequest) -> HttpResponse:
    rows = selectors.live_sessions(actor(request))
    return render(request, "accounts/sessions.html", {"rows": rows, "current_key": request.session.session_key})


@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = services.end_other_sessions(actor(request), request.session.session_key)
    messages.success(request, f"You have been signed out of {ended} other session{'s' if ended != 1 else ''}.")
    return redirect("accounts:sessions")


# --- Step-up: a fresh security code before a sensitive action --------------------------------------


@sensitive_post_parameters("otp_token")
@never_cache
@require_http_methods(["GET", "POST"])
def step_up(request: HttpRequest) -> HttpResponse:
    """Asks for a security code again before a sensitive action, such as a bulk export."""
    user = actor(request)
    next_url = _safe_next(request, reverse("workspace:home"))
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttle_wait(user)
        device = match_token(user, form.cleaned_data["otp_token"])
        if device is not None:
            request.session[SECOND_FACTOR_AT] = timezone.now().isoformat()
            request.session[CODE_FAILURES] = 0
            record(Action.SECOND_FACTOR, person=user, obj=user, detail="step-up")
            intent = request.POST.get("intent", "")
            if intent:
                return intents.resume(request, intent, next_url)
            return redirect(next_url)
        if wait > 0:
            form.add_error(
                "otp_token",
                f"For your security, wait {wait} second{'s' if wait != 1 else ''}, then enter the code your app shows",
            )
        else:
            failures = int(request.session.get(CODE_FAILURES, 0)) + 1
            request.session[CODE_FAILURES] = failures
            record(Action.SECOND_FACTOR_FAILED, person=user, obj=user, outcome=Outcome.FAILURE, detail="step-up")
            if failures >= MAX_CODE_FAILURES:
                logout(request)
                return locked_out(request)
            form.add_error("otp_token", "The security code is not correct, or it has expired. Enter the current code")
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else ""
    return render(
        request,
        "accounts/step_up.html",
        {
            "form": form,
            "next": next_url,
            "intent": request.POST.get("intent") or request.GET.get("intent", ""),
            "back": back or reverse("workspace:home"),
            "demo_mode": settings.DEMO_MODE,
        },
    )
