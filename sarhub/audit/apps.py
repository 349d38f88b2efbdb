from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sarhub.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from sarhub.audit import db, signals  # noqa: F401  (SQLite guard function; admin changes)
