"""Fuzzing the partner API with schemathesis, from its own OpenAPI schema.

Every operation is called with valid (positive) and invalid (negative) inputs generated from the schema,
through the real WSGI application and middleware, with a read-and-write token for agency A. Agency A, agency B
and the Board each have actions (some of B's and the Board's are led by A's lead, so A's lead sees them in SAR
Hub), and half the cases aim at a real id and version. Whatever is sent:
- no answer is a server error, and answers conform to the schema (status codes, content types, bodies);
- no answer ever holds an action that is not agency A's, and asking for one is a 404 (or the 400/422 any
  bad request gets), never anything that tells it exists;
- nothing of agency B's or the Board's changes.

Bounded and deterministic: 50 examples per operation and mode, derandomised, no example database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sarhub.actions.models import Action, ProgressUpdate, Status
from sarhub.actions.services import report_progress
from sarhub.api.tests.conftest import World

pytestmark = pytest.mark.django_db

EXAMPLES = 50
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """The project's WSGI application, inside the test's transaction: as Django's test client does, requests
    must not close the test's database connection when they finish."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _actions_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every action-shaped object anywhere in an answer."""
    if isinstance(data, dict):
        if "id" in data and ("owner_agency" in data or "what" in data):
            yield data
        for value in data.values():
            yield from _actions_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _actions_in(value)


def _state(actions: list[Action]) -> list[Any]:
    rows = Action.objects.filter(pk__in=[a.pk for a in actions]).order_by("pk")
    return [
        (a.pk, a.status, a.version, a.updated_at, a.completed_on, ProgressUpdate.objects.filter(action=a).count())
        for a in rows
    ]


def test_fuzzing_the_api_finds_no_server_errors_and_no_other_agencys_actions(personas, world: World, writer, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    own = {a.pk for a in world.a_actions}
    others = [world.b_action, world.board_action, world.led_b_action, world.led_board_action]
    forbidden = {a.pk for a in others}
    missing = max(own | forbidden) + 1_000
    foreign_texts = {a.what for a in others}
    # Each of A's actions has moved on once, so a client's stale version (one behind) is a real conflict.
    for action in world.a_actions:
        report_progress(
            personas["agency_lead"], action, action.version, {"status": Status.ON_TRACK, "note": "Under way."}
        )
    before = _state(others)
    headers = {"Authorization": f"Bearer {writer.secret}"}
    seen: dict[str, set[int]] = {}

    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert {op.label for op in operations} == {
        "GET /api/v1/actions",
        "GET /api/v1/actions/{action_id}",
        "POST /api/v1/actions/{action_id}/progress",
    }
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @hypothesis_settings(
                max_examples=EXAMPLES,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.generate, Phase.shrink],
                suppress_health_check=list(HealthCheck),
            )
            @given(
                case=operation.as_strategy(generation_mode=mode),
                # Three in four aimed at a real id; of those, two in three at agency A's own actions (so writes
                # succeed and then conflict), the rest at the others' and a missing one.
                aim=st.sampled_from([True, True, True, False]),
                target=st.sampled_from(sorted(own) * 3 + sorted(forbidden | {missing}) * 1),
                stale=st.booleans(),
            )
            def call(case: Any, aim: bool, target: int, stale: bool) -> None:
                if aim and case.path_parameters and "action_id" in case.path_parameters:
                    case.path_parameters["action_id"] = target
                    if isinstance(case.body, dict) and "version" in case.body:
                        # The action's version as it is now (or was before a change), as a real client sends.
                        current = Action.objects.filter(pk=target).values_list("version", flat=True).first() or 1
                        case.body["version"] = max(1, current - 1) if stale else current
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS)
                text = response.content.decode("utf-8", errors="replace")
                assert not any(what in text for what in foreign_texts), text
                if response.headers.get("Content-Type", [""])[0].startswith("application/json"):
                    for action in _actions_in(json.loads(text)):
                        assert action["id"] in own, action
                        assert action.get("owner_agency", {}).get("id") == world.agency_a.pk, action
                path_id = (case.path_parameters or {}).get("action_id")
                if path_id in forbidden or path_id == missing:
                    # 401 where a negative case spoilt the token; otherwise what a missing action gets.
                    assert response.status_code in (400, 401, 404, 422), (path_id, response.status_code)
                seen.setdefault(case.operation.label, set()).add(response.status_code)

            call()

    assert _state(others) == before
    # The fuzz reached the interesting answers, not just refusals.
    assert 200 in seen["GET /api/v1/actions"] and 422 in seen["GET /api/v1/actions"]
    assert {200, 404} <= seen["GET /api/v1/actions/{action_id}"]
    assert {200, 404, 409, 422} <= seen["POST /api/v1/actions/{action_id}/progress"]
