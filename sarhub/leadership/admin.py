from django.contrib import admin

from sarhub.leadership.models import MeetingKind


@admin.register(MeetingKind)
class MeetingKindAdmin(admin.ModelAdmin):
    """System administrators add meetings and retire them; never deleted (presentations refer to them)."""

    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
