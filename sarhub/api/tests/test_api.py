"""The partner API: tokens hashed at rest and revocable, scopes, one agency's actions only, the pages' rules,
bad input refused with clear errors and nothing changed, and every read and write audited."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.actions.models import Action, ProgressUpdate, Status
from sarhub.api import services
from sarhub.api.models import ApiToken, Scopes
from sarhub.api.tests.conftest import World, bearer, issue
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.models import AuditEvent, Outcome
from sarhub.partnership.models import Membership

pytestmark = pytest.mark.django_db

LIST = "/api/v1/actions"


def detail(action_id: Any) -> str:
    return f"/api/v1/actions/{action_id}"


def progress(action_id: Any) -> str:
    return f"/api/v1/actions/{action_id}/progress"


def post(client: Client, url: str, body: Any, **extra: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def snapshot(*actions: Action) -> list[tuple[Any, ...]]:
    rows = Action.objects.filter(pk__in=[a.pk for a in actions]).order_by("pk")
    return [(a.pk, a.status, a.version, a.updated_at, a.completed_on) for a in rows] + [
        (ProgressUpdate.objects.count(),)
    ]


def all_actions(world: World) -> list[Action]:
    return [*world.a_actions, world.b_action, world.board_action, world.led_b_action, world.led_board_action]


# --- Tokens at rest ---------------------------------------------------------------------------------------


def test_the_database_holds_only_a_hash_of_the_token(personas, world, writer):
    secret = writer.secret
    assert services.TOKEN_RE.match(secret)
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"sarhub_{token.prefix}_")
    # Nothing in the token table or the audit log holds the secret, or its random part.
    random_part = secret.split("_", 2)[2]  # after "sarhub_<prefix>_" (the random part may itself hold "_")
    assert len(random_part) >= 40
    with connection.cursor() as cursor:
        for table in (ApiToken._meta.db_table, AuditEvent._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            dump = repr(cursor.fetchall())
            assert secret not in dump and random_part not in dump
    event = AuditEvent.objects.get(object_type="api.apitoken", action=AuditAction.CREATE)
    assert event.person == personas["bu_manager"]
    assert f"api token {token.pk}" in event.detail


def test_each_token_is_different_and_works(personas, world):
    first, second = issue(personas, world.agency_a), issue(personas, world.agency_a)
    assert first.secret != second.secret and first.token.token_hash != second.token.token_hash
    for issued in (first, second):
        assert bearer(issued.secret).get(LIST).status_code == 200


# --- Authentication -----------------------------------------------------------------------------------------


def test_revoking_a_token_stops_it_at_once(personas, world, writer):
    client = bearer(writer.secret)
    assert client.get(LIST).status_code == 200
    services.revoke_token(personas["agency_lead"], writer.token)
    response = client.get(LIST)
    assert response.status_code == 401
    assert (
        post(client, progress(world.a_actions[0].pk), {"version": 1, "status": "on_track", "note": "x"}).status_code
        == 401
    )
    denied = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, object_type="api.apitoken").first()
    assert denied is not None and "revoked" in denied.detail and writer.secret not in denied.detail


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer sarhub_00000000_" + "A" * 43,  # well formed, unknown
        "Bearer not-a-token",
        "Bearer " + "x" * 10_000,
        "Token {secret}",  # the right secret with the wrong scheme
        "Bearer {secret}x",
    ],
)
def test_missing_unknown_and_malformed_tokens_are_a_401(world, writer, header):
    headers = {} if header is None else {"Authorization": header.format(secret=writer.secret)}
    client = Client(headers=headers)
    for response in (client.get(LIST), client.get(detail(world.a_actions[0].pk))):
        assert response.status_code == 401
        assert response["Content-Type"].startswith("application/json")
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "detail" in response.json()


def test_an_expired_token_is_a_401(personas, world):
    issued = issue(personas, world.agency_a, expires_at=timezone.now() + timedelta(days=1))
    assert bearer(issued.secret).get(LIST).status_code == 200
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert bearer(issued.secret).get(LIST).status_code == 401


def test_a_token_stops_when_its_person_no_longer_leads_the_agency(personas, world, writer):
    client = bearer(writer.secret)
    assert client.get(LIST).status_code == 200
    Membership.objects.filter(person=personas["agency_lead"]).update(ended_at=timezone.now())
    assert client.get(LIST).status_code == 401


def test_a_token_stops_when_its_person_is_deactivated(personas, world, writer):
    type(personas["agency_lead"]).objects.filter(pk=personas["agency_lead"].pk).update(is_active=False)
    assert bearer(writer.secret).get(LIST).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(world, writer):
    client = bearer(writer.secret)
    client.get(LIST)
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    client.get(LIST)
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    client.get(LIST)
    latest = ApiToken.objects.get().last_used_at
    assert latest is not None and latest > first - timedelta(minutes=1)


def test_the_api_needs_no_session_second_factor_or_csrf_token_and_is_never_cached(world, writer):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {writer.secret}"})
    action = world.a_actions[0]
    response = client.get(LIST)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    response = post(
        client, progress(action.pk), {"version": action.version, "status": "on_track", "note": "Going well."}
    )
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_a_signed_in_session_is_no_substitute_for_a_token(personas, client_for, world):
    client = client_for(personas["agency_lead"])
    assert client.get(LIST).status_code == 401
    assert client.get(detail(world.a_actions[0].pk)).status_code == 401


# --- Reading: one agency's actions only ---------------------------------------------------------------------


def test_the_list_holds_the_agencys_actions_and_nothing_else(personas, world, reader):
    response = bearer(reader.secret).get(LIST)
    assert response.status_code == 200
    body = response.json()
    ids = [item["id"] for item in body["items"]]
    assert ids == [a.pk for a in world.a_actions]  # earliest due first
    assert body["count"] == 3
    for item in body["items"]:
        assert item["owner_agency"] == {"id": world.agency_a.pk, "name": world.agency_a.name}
        assert item["review_reference"] == world.review.reference
        assert item["status"] == Status.NOT_STARTED and item["version"] == 1
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id="list").get()
    assert event.person == personas["agency_lead"] and f"api token {reader.token.pk}" in event.detail


@pytest.mark.parametrize("which", ["b_action", "board_action", "led_b_action", "led_board_action"])
def test_another_agencys_or_the_boards_action_is_a_404_even_to_its_named_lead(world, writer, which):
    action = getattr(world, which)
    before = snapshot(*all_actions(world))
    client = bearer(writer.secret)
    assert client.get(detail(action.pk)).status_code == 404
    response = post(client, progress(action.pk), {"version": action.version, "status": "on_track", "note": "Done."})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}
    assert client.get(detail(999_999)).json() == {"detail": "Not found"}  # missing looks just the same
    assert snapshot(*all_actions(world)) == before


def test_one_action(world, reader):
    action = world.a_actions[1]
    response = bearer(reader.secret).get(detail(action.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == action.pk and body["what"] == action.what and body["due_on"] == action.due_on.isoformat()
    assert body["status_label"] == "Not started" and body["rag"] in ("green", "amber")
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="actions.action", object_id=str(action.pk)
    ).exists()


@pytest.mark.parametrize("action_id", ["0", "-1", "abc", "1.5", str(2**63), str(2**64), "9" * 40])
def test_impossible_ids_are_a_404_or_422_never_a_500(world, writer, action_id):
    client = bearer(writer.secret)
    assert client.get(detail(action_id)).status_code in (404, 422)
    body = {"version": 1, "status": "on_track", "note": "x"}
    assert post(client, progress(action_id), body).status_code in (404, 422)


def test_filters_and_pages(personas, world, reader):
    client = bearer(reader.secret)
    first, second, third = world.a_actions
    Action.objects.filter(pk=second.pk).update(status=Status.AT_RISK)
    assert [i["id"] for i in client.get(LIST, {"status": "at_risk"}).json()["items"]] == [second.pk]
    due = {"due_after": second.due_on.isoformat(), "due_before": second.due_on.isoformat()}
    assert [i["id"] for i in client.get(LIST, due).json()["items"]] == [second.pk]
    assert client.get(LIST, {"review": world.review.reference}).json()["count"] == 3
    assert client.get(LIST, {"review": "SAR-1999-999"}).json()["count"] == 0
    page = client.get(LIST, {"limit": 1, "offset": 2}).json()
    assert [i["id"] for i in page["items"]] == [third.pk] and page["count"] == 3 and page["limit"] == 1
    assert first.pk not in [i["id"] for i in page["items"]]


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "201"},
        {"limit": "0"},
        {"offset": "-1"},
        {"offset": str(2**63)},
        {"status": "finished"},
        {"due_before": "2026-13-45"},
        {"review": "x" * 21},
        {"review": "SAR\x00"},
        {"colour": "red"},  # unknown parameters are refused, not ignored
    ],
)
def test_bad_filters_are_a_422_naming_the_parameter(world, reader, query):
    response = bearer(reader.secret).get(LIST, query)
    assert response.status_code == 422, response.content
    body = response.json()
    assert "Nothing was changed" in body["detail"]
    assert [e["field"] for e in body["errors"]] == list(query)
    assert all(e["location"] == "query" for e in body["errors"])


# --- Writing ----------------------------------------------------------------------------------------------


def test_a_valid_progress_report_changes_the_action_and_is_audited(personas, world, writer):
    action = world.a_actions[0]
    response = post(
        bearer(writer.secret), progress(action.pk), {"version": 1, "status": "at_risk", "note": "Trainer off sick."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "at_risk" and response.json()["version"] == 2
    action.refresh_from_db()
    assert action.status == Status.AT_RISK and action.version == 2 and action.updated_by == personas["agency_lead"]
    update = ProgressUpdate.objects.get(action=action)
    assert update.note == "Trainer off sick." and update.created_by == personas["agency_lead"]
    events = AuditEvent.objects.filter(
        object_type="actions.action", object_id=str(action.pk), action=AuditAction.UPDATE
    )
    assert {e.detail for e in events} >= {
        "progress: not_started -> at_risk",
        f"api token {writer.token.pk} ({writer.token.prefix}): progress reported",
    }
    assert all(e.person == personas["agency_lead"] and e.outcome == Outcome.SUCCESS for e in events)


def test_a_read_only_token_cannot_write(world, reader):
    action = world.a_actions[0]
    before = snapshot(*all_actions(world))
    response = post(bearer(reader.secret), progress(action.pk), {"version": 1, "status": "on_track", "note": "x"})
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    assert snapshot(*all_actions(world)) == before
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, object_id=str(action.pk)).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "status": "on_track", "note": "x", "owner_agency": 99},
        {"version": 1, "status": "on_track", "note": "x", "id": 5},
        {"version": 1, "status": "on_track", "note": "x", "assured_by": 1},
    ],
)
def test_unknown_fields_are_a_422_and_nothing_changes(world, writer, body):
    action = world.a_actions[0]
    before = snapshot(*all_actions(world))
    response = post(bearer(writer.secret), progress(action.pk), body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    extra = next(k for k in body if k not in ("version", "status", "note"))
    assert errors == [{"location": "body", "field": extra, "message": "This field is not recognised: remove it"}]
    assert snapshot(*all_actions(world)) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "on_track", "note": "x"}, "version"),
        ({"version": "1", "status": "on_track", "note": "x"}, "version"),
        ({"version": True, "status": "on_track", "note": "x"}, "version"),
        ({"version": 2**63, "status": "on_track", "note": "x"}, "version"),
        ({"version": 1, "note": "x"}, "status"),
        ({"version": 1, "status": "on_track", "note": ""}, "note"),
        ({"version": 1, "status": "on_track", "note": "a\x00b"}, "note"),
        ({"version": 1, "status": "on_track", "note": "\ud800"}, "note"),
        ({"version": 1, "status": "on_track", "note": "x" * 5_001}, "note"),
        ({"version": 1, "status": "on\x00track", "note": "x"}, "status"),
    ],
)
def test_malformed_bodies_are_a_422_naming_the_field(world, writer, body, field):
    action = world.a_actions[0]
    before = snapshot(*all_actions(world))
    response = post(bearer(writer.secret), progress(action.pk), body)
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert snapshot(*all_actions(world)) == before


@pytest.mark.parametrize("raw", ["", "not json", "[1, 2]", '"text"', "null", "{"])
def test_bodies_that_are_not_an_object_are_refused(world, writer, raw):
    response = bearer(writer.secret).post(progress(world.a_actions[0].pk), raw, content_type="application/json")
    assert response.status_code in (400, 422)
    assert Action.objects.get(pk=world.a_actions[0].pk).version == 1


@pytest.mark.parametrize("status", ["assured", "not_implemented"])
def test_an_agency_cannot_assure_its_own_action(world, writer, status):
    action = world.a_actions[0]
    before = snapshot(*all_actions(world))
    response = post(bearer(writer.secret), progress(action.pk), {"version": 1, "status": status, "note": "All done."})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "location": "body",
            "field": "status",
            "message": "Choose a status from the list. Only the business unit can assure an action complete",
        }
    ]
    assert snapshot(*all_actions(world)) == before


def test_a_stale_version_is_a_409_with_the_current_action(personas, world, writer):
    action = world.a_actions[0]
    client = bearer(writer.secret)
    assert (
        post(client, progress(action.pk), {"version": 1, "status": "on_track", "note": "Started."}).status_code == 200
    )
    before = snapshot(*all_actions(world))
    response = post(client, progress(action.pk), {"version": 1, "status": "off_track", "note": "Stalled."})
    assert response.status_code == 409
    body = response.json()
    assert "changed by someone else" in body["detail"]
    assert body["current"]["id"] == action.pk
    assert body["current"]["version"] == 2 and body["current"]["status"] == "on_track"
    assert snapshot(*all_actions(world)) == before
    assert AuditEvent.objects.filter(
        outcome=Outcome.FAILURE, object_id=str(action.pk), detail__endswith="conflict"
    ).exists()


def test_an_action_awaiting_assurance_needs_evidence_first(world, writer):
    action = world.a_actions[0]
    response = post(
        bearer(writer.secret), progress(action.pk), {"version": 1, "status": "awaiting_assurance", "note": "Done."}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"].startswith("Attach evidence of completion")
    assert Action.objects.get(pk=action.pk).status == Status.NOT_STARTED


def test_the_token_of_another_agency_sees_only_its_own(personas, world):
    from tests.factories import MembershipFactory

    lead = personas["agency_lead"]
    MembershipFactory(person=lead, role="agency_lead", agency=world.agency_b)
    b_token = issue(personas, world.agency_b, Scopes.READ, acting_person=type(lead).objects.get(pk=lead.pk))
    ids = {i["id"] for i in bearer(b_token.secret).get(LIST).json()["items"]}
    assert ids == {world.b_action.pk, world.led_b_action.pk}
    assert bearer(b_token.secret).get(detail(world.a_actions[0].pk)).status_code == 404


# --- The schema and documentation ---------------------------------------------------------------------------


def test_the_schema_and_docs_are_public_pages(personas, world):
    client = Client()
    schema = client.get(reverse("api:openapi-json"))
    assert reverse("api:openapi-json") == "/api/v1/openapi.json"
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert set(paths) == {"/api/v1/actions", "/api/v1/actions/{action_id}", "/api/v1/actions/{action_id}/progress"}
    assert schema.json()["components"]["securitySchemes"] == {"BearerToken": {"type": "http", "scheme": "bearer"}}
    docs = client.get(reverse("api:openapi-view"))
    assert reverse("api:openapi-view") == "/api/v1/docs"
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "POST /api/v1/actions/{action_id}/progress" in body and "Authorization: Bearer" in body
    own_scripts = (
        '<script type="module" src="/static/js/sarhub.mjs"></script>',
        '<script src="/static/js/accessible-autocomplete.min.js" defer></script>',
    )
    for script in own_scripts:
        body = body.replace(script, "")
    assert "<script" not in body  # only the service's own scripts, served from its own address
    assert "cdn" not in body.lower()


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/nothing", "/api/v1/actions/", "/api/v1/actions/1/progress/x"])
def test_other_addresses_under_the_api_are_a_json_404(world, writer, url):
    for client in (Client(), bearer(writer.secret)):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found"}


def test_the_wrong_method_is_refused(world, writer):
    client = bearer(writer.secret)
    assert client.get(progress(world.a_actions[0].pk)).status_code == 405
    assert client.delete(detail(world.a_actions[0].pk)).status_code == 405
    assert post(client, LIST, {}).status_code == 405


def test_a_conflict_over_an_action_moved_to_another_owner_discloses_nothing(personas, world, writer, monkeypatch):
    """If the business unit gives the action to another agency between the API's read and its write, the
    conflict is a 404: the current details are no longer this token's to see."""
    from sarhub.actions import services as action_services
    from sarhub.api import api as api_module

    action = world.a_actions[0]
    real = action_services.report_progress

    def moved_meanwhile(actor, target, version, data):
        Action.objects.filter(pk=target.pk).update(owner_agency=world.agency_b, version=5)
        return real(actor, target, version, data)

    monkeypatch.setattr(api_module, "report_progress", moved_meanwhile)
    response = post(bearer(writer.secret), progress(action.pk), {"version": 1, "status": "on_track", "note": "x"})
    assert response.status_code == 404 and response.json() == {"detail": "Not found"}
