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


@pytest.fixture(autouse=True)
def _commit_as_in_production(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A test's database work happens inside a transaction that is never committed, so on its own
    `transaction.on_commit` would never run its callbacks (the emails, the cache clearing). In production a
    page's request is not wrapped in a transaction: a service's `atomic` block commits as it ends, and its
    callbacks run then, before the view goes on to say what happened. This runs them at that same moment:
    when the outermost `atomic` opened by the code under test ends without error (a block rolled back
    drops its callbacks, as Django does), or at once when no such block is open. Transactional tests (the
    browser tests) commit for real and need none of this."""
    if "db" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("db")
    from django.db import connection
    from django.db.transaction import Atomic

    if not connection.in_atomic_block:
        yield
        return
    base = len(connection.atomic_blocks)  # the test's own blocks, which never commit
    register = connection.on_commit
    leave = Atomic.__exit__

    def run_committed() -> None:
        while connection.run_on_commit and len(connection.atomic_blocks) == base and not connection.needs_rollback:
            _, callback, robust = connection.run_on_commit.pop(0)  # type: ignore[misc]  # (savepoints, callback, robust)
            if robust:
                try:
                    callback()
                except Exception:  # a robust callback's failure is logged by Django, never raised
                    logging.getLogger("django.db.backends.base").exception("on_commit callback failed")
            else:
                callback()

    def on_commit(func: Callable[[], Any], robust: bool = False) -> None:
        register(func, robust)
        run_committed()

    def exit_block(self: Any, exc_type: Any, exc_value: Any, traceback: Any) -> Any:
        result = leave(self, exc_type, exc_value, traceback)
        if exc_type is None:
            run_committed()
        return result

    monkeypatch.setattr(connection, "on_commit", on_commit)
    monkeypatch.setattr(Atomic, "__exit__", exit_block)
    yield


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
def failing_mail(settings: Any) -> Iterator[set[str]]:
    """A mail server that refuses messages to the addresses put in the returned set ("*" for all)."""
    from tests import mail_backends

    settings.EMAIL_BACKEND = "tests.mail_backends.PartlyFailingBackend"
    mail_backends.FAILING.clear()
    yield mail_backends.FAILING
    mail_backends.FAILING.clear()


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
