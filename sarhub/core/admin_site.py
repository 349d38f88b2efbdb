"""The Django admin, for system administrators only, after two-factor authentication."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class SarhubAdminSite(admin.AdminSite):
    site_header = "SAR Hub administration"
    site_title = "SAR Hub administration"
    index_title = "System administration"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_authenticated
            and user.is_active
            and getattr(user, "is_system_administrator", False)
            and user.is_verified()
        )

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """A signed-in person without the right gets a plain 403, not a loop through the admin's login."""
        wrapped = super().admin_view(view, cacheable)

        @wraps(view)
        def guard(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return wrapped(request, *args, **kwargs)

        return guard

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Sign-in happens on the service's own page (password, then second factor)."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': reverse('admin:index')})}")

    def logout(self, request: HttpRequest, extra_context: Any = None) -> Any:
        return redirect("accounts:account")


class SarhubAdminConfig(AdminConfig):
    default_site = "sarhub.core.admin_site.SarhubAdminSite"


def __getattr__(name: str) -> Any:
    if name == "admin_site":
        return admin.site
    raise AttributeError(name)
