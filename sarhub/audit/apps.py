from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sarhub.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from sarhub.audit.permissions import can_view_audit_log
        from sarhub.core.registry import Area, register_area

        register_area(
            Area(
                "Audit log",
                "audit:list",
                "audit:",
                "Search and export the record of who viewed or changed what.",
                can_view_audit_log,
                order=130,
            )
        )

        from sarhub.audit import db, signals  # noqa: F401  (SQLite guard function; admin changes)
