from django.contrib import admin

from sarhub.taxonomy.models import AbuseType, PracticeTheme


@admin.register(AbuseType, PracticeTheme)
class TermAdmin(admin.ModelAdmin):
    """System administrators add and retire terms; terms are never deleted (records refer to them)."""

    list_display = ["name", "order", "is_active", "is_seeded"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
