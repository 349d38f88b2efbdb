from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "concern_phone", "website"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_type", "is_active"]
    list_filter = ["agency_type", "is_active"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = ["role", "agency", "granted_at", "ended_at"]
    readonly_fields = ["granted_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """People are invited and managed through the service; here only their details can be corrected."""

    list_display = ["full_name", "email", "is_active", "date_joined"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "email"]
    fields = ["email", "full_name", "job_title", "is_active", "date_joined", "deactivated_at", "last_login"]
    readonly_fields = ["date_joined", "deactivated_at", "last_login"]
    inlines = [MembershipInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accounts are created only by invitation

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # people are deactivated, never deleted


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "created_at", "expires_at", "accepted_at", "revoked_at"]
    exclude = ["token_hash"]
    readonly_fields = [
        "email",
        "full_name",
        "job_title",
        "agency",
        "roles",
        "created_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
        "revoked_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
