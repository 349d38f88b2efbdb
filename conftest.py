"""Test-harness plumbing shared by every test."""

from __future__ import annotations

from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Transactional tests (the browser tests) empty the database afterwards. On SQLite the audit log's
    append-only triggers would refuse that, so the harness lifts the guard only while it flushes.
    Nothing in the application can do this: it is the test harness's own plumbing."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: Any) -> Any:
        from sarhub.audit import db as audit_db

        audit_db.allow_purge(True)
        try:
            return original(self, sql_list)
        finally:
            audit_db.allow_purge(False)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
