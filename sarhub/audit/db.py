"""Registers sarhub_audit_guard() on SQLite connections (see migration 0002)."""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created

# Only the test harness sets this, while it empties the test database between transactional tests.
_purge_allowed = False


def allow_purge(allowed: bool) -> None:
    global _purge_allowed
    _purge_allowed = allowed


def _guard() -> int:
    return 0 if _purge_allowed else 1


def register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("sarhub_audit_guard", 0, _guard, deterministic=False)


connection_created.connect(register, dispatch_uid="sarhub_audit_guard")
