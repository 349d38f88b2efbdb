from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sarhub.core.admin import ReadOnlyAdminMixin
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "concern_phone", "website"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_type", "is_active"]
    list_filter = ["agency_type", "is_active"]
    search_fields = ["name"]


MEMBERSHIP_FIELDS = ("role", "agency", "review", "granted_at", "granted_by", "confirmed_at", "confirmed_by", "ended_at")
PERSON_FIELDS = ("email", "full_name", "job_title", "is_active", "date_joined", "deactivated_at", "last_login")


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Roles are given and removed on the partnership screens (powerful ones with a second person)."""

    model = Membership
    fk_name = "person"
    extra = 0
    fields = MEMBERSHIP_FIELDS
    readonly_fields = MEMBERSHIP_FIELDS


@admin.register(Person)
class PersonAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: people are invited, changed and deactivated through the partnership screens, and change
    their own email, password and second factor from their account (see sarhub/core/admin.py)."""

    list_display = ["full_name", "email", "is_active", "date_joined"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "email"]
    fields = PERSON_FIELDS
    readonly_fields = PERSON_FIELDS
    inlines = [MembershipInline]


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
