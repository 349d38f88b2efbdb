"""Test-harness plumbing shared by every test."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client


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


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Each test starts with an empty cache (the Board's details and agency counts are cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db: None) -> dict[str, Any]:
    """One fictional person per role (tests/personas.py)."""
    from tests.personas import build_personas

    return build_personas()


@pytest.fixture
def client_for(db: None) -> Callable[[Any], Client]:
    """A fresh signed-in, 2FA-verified client for a person."""
    from tests.personas import sign_in

    def make(person: Any) -> Client:
        return sign_in(Client(), person)

    return make


@pytest.fixture
def console_output() -> Iterator[io.StringIO]:
    """What the configured console handler writes, as formatted lines."""
    buffer = io.StringIO()
    handlers = {h for name in ("django.request", "django.server") for h in logging.getLogger(name).handlers} | set(
        logging.getLogger().handlers
    )
    stream_handlers = [h for h in handlers if isinstance(h, logging.StreamHandler) and h.get_name() == "console"]
    assert stream_handlers, "the console handler from settings.LOGGING is installed"
    old = {h: h.setStream(buffer) for h in stream_handlers}
    try:
        yield buffer
    finally:
        for handler, stream in old.items():
            if stream is not None:
                handler.setStream(stream)
