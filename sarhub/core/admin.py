"""What the administration site may not change, and the pieces other apps' admin modules share.

Separation of duties: a system administrator looks after configuration. Whatever grants power or stands
for a person's identity is shown read-only here, never added, changed or deleted: roles (memberships,
Django's groups and permissions) go through the partnership screens, with a second person for the
powerful ones; a person's email, password and second factor through their own account. Otherwise an
administrator could give themselves the business unit's role, or add a backup code of their choosing to
the chair's account, change its email, reset its password and sign in as the chair.

django-otp and django.contrib.auth register editable admins of their own; they come before this app in
INSTALLED_APPS, so their registrations are replaced here by read-only ones (without keys or codes).
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted through the administration site."""

    actions: Any = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DeviceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who has set up which second factor, and when it was last used; never its key or codes."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email", "user__full_name"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]


for _model in (Group, TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(_model)

admin.site.register(TOTPDevice, DeviceAdmin)
admin.site.register(StaticDevice, DeviceAdmin)
