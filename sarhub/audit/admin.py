from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sarhub.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes audit events, here or anywhere."""

    list_display = ["at", "person", "action", "outcome", "object_type", "object_id", "request_id", "ip"]
    list_filter = ["action", "outcome", "object_type"]
    search_fields = ["request_id", "object_id", "person__email"]
    date_hierarchy = "at"
    list_select_related = ["person"]
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
