"""The audit log: append-only in the ORM, in SQL and in the admin; request ids; exact events for a scripted
journey; no secrets; who can search it; filters; the CSV export."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts import services as account_services
from sarhub.audit.models import Action, AuditEvent, Outcome
from sarhub.audit.services import record
from sarhub.core.roles import Role
from sarhub.partnership import services
from sarhub.partnership.models import Agency, Invitation, Membership, Person
from tests.factories import TEST_PASSWORD
from tests.pages import browse_as, error_summary, field_error, press, text_of
from tests.personas import PERSONA_KEYS

AUDIT_VIEWERS = ["bu_manager", "bu_coordinator", "sysadmin"]
LIST = reverse("audit:list")
EXPORT = reverse("audit:export")


def _event(**kwargs: Any) -> AuditEvent:
    kwargs.setdefault("obj", ("test.thing", "1"))
    return record(kwargs.pop("action", Action.VIEW), **kwargs)


def _all_text() -> str:
    return "\n".join(str(v) for row in AuditEvent.objects.values() for v in row.values())


# --- Append-only: the ORM ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_event_cannot_be_saved_again_or_deleted():
    event = _event(detail="original")
    event.detail = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.detail == "original"


@pytest.mark.django_db
def test_querysets_cannot_update_or_delete_events():
    event = _event(detail="original")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(detail="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    event.detail = "tampered"
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["detail"])
    assert AuditEvent.objects.get(pk=event.pk).detail == "original"


@pytest.mark.django_db
def test_a_person_with_audit_events_cannot_be_deleted(personas):
    from django.db.models import ProtectedError

    person = personas["practitioner"]
    _event(person=person)
    with pytest.raises(ProtectedError):
        Person.objects.filter(pk=person.pk).delete()
    assert AuditEvent.objects.filter(person=person).exists()


# --- Append-only: the database itself -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET detail = 'tampered' WHERE id = %s",
        "UPDATE audit_auditevent SET person_id = NULL, action = 'view' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_raw_sql_cannot_change_or_delete_events(personas, sql):
    event = _event(detail="original", person=personas["bu_manager"])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.detail, stored.person_id, stored.action) == ("original", personas["bu_manager"].pk, Action.VIEW)


@pytest.mark.django_db
def test_raw_sql_cannot_empty_the_log():
    _event()
    _event()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db
def test_raw_sql_can_still_append():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, roles, agency, action, outcome, object_type, object_id, detail, request_id)"
            " VALUES (%s, '', '', 'view', 'success', 'x', '1', 'appended', '')",
            [timezone.now()],
        )
    assert AuditEvent.objects.filter(detail="appended").count() == 1


# --- Append-only: the admin ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_has_no_add_change_or_delete(personas):
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/admin/")
    request.user = personas["sysadmin"]
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_view_permission(request) is True
    assert not model_admin.get_actions(request)


@pytest.mark.django_db
def test_admin_pages_refuse_changes(personas, client_for):
    event = _event(detail="original")
    client = client_for(personas["sysadmin"])
    base = "/admin/audit/auditevent/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {"action": "view", "at": "2026-01-01 00:00:00"}).status_code == 403
    view = client.get(f"{base}{event.pk}/change/")
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert client.post(f"{base}{event.pk}/change/", {"detail": "tampered"}).status_code == 403
    assert client.get(f"{base}{event.pk}/delete/").status_code == 403
    assert client.post(f"{base}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(base, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    assert bulk.status_code in (200, 302, 403)
    assert AuditEvent.objects.get(pk=event.pk).detail == "original"


# --- Request id and IP -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_events_carry_the_request_id_and_ip(personas, client_for):
    client = client_for(personas["practitioner"])
    response = client.get(reverse("partnership:overview"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 403
    event = AuditEvent.objects.get(action=Action.ACCESS_DENIED)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert event.request_id == response["X-Request-ID"]
    assert event.ip == "203.0.113.9"
    assert event.person == personas["practitioner"]
    assert event.roles == Role.PRACTITIONER
    assert event.agency == "Testshire Council"
    assert (event.object_type, event.object_id) == ("route", "partnership:overview")


@pytest.mark.django_db
def test_a_well_formed_incoming_request_id_is_kept_and_a_bad_one_replaced(personas, client_for):
    client = client_for(personas["practitioner"])
    kept = client.get(reverse("partnership:overview"), HTTP_X_REQUEST_ID="proxy-abc-12345678")
    assert kept["X-Request-ID"] == "proxy-abc-12345678"
    replaced = client.get(reverse("partnership:overview"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])
    assert list(
        AuditEvent.objects.filter(action=Action.ACCESS_DENIED).order_by("id").values_list("request_id", flat=True)
    ) == [
        "proxy-abc-12345678",
        replaced["X-Request-ID"],
    ]


@pytest.mark.django_db
def test_a_spoofed_forwarded_for_header_is_not_trusted_without_a_proxy(personas, client_for):
    client = client_for(personas["practitioner"])
    client.get(reverse("partnership:overview"), REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert AuditEvent.objects.get(action=Action.ACCESS_DENIED).ip == "198.51.100.20"


@pytest.mark.django_db
def test_behind_the_proxy_the_audit_log_believes_the_forwarded_address_only_from_the_proxy(
    personas, client_for, settings
):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client = client_for(personas["practitioner"])
    # Through the proxy: the address the proxy saw. Straight to the app server: the connection's own, whatever
    # the header says (before issue 13 the last X-Forwarded-For entry was believed from anyone).
    client.get(reverse("partnership:overview"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.get(reverse("partnership:overview"), REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert list(AuditEvent.objects.filter(action=Action.ACCESS_DENIED).order_by("id").values_list("ip", flat=True)) == [
        "203.0.113.7",
        "198.51.100.20",
    ]


# --- A scripted journey gives exactly the expected events --------------------------------------------------


def _journey_events(since: int) -> list[tuple[str, str, str, int | None]]:
    return [
        (e.action, e.object_type, e.object_id, e.person_id)
        for e in AuditEvent.objects.filter(pk__gt=since).order_by("id")
    ]


def _last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.django_db
def test_a_scripted_sequence_of_services_is_audited_one_to_one(personas):
    manager = personas["bu_manager"]
    agency = Agency.objects.get(name="Testshire Council")
    start = _last_id()

    issued = services.invite_person(
        manager, email="kim.new@testshire.example.org", full_name="Kim New", agency=agency, roles=[Role.PRACTITIONER]
    )
    person = services.accept_invitation(
        issued.invitation.pk, email="kim.new@testshire.example.org", full_name="Kim New", password=TEST_PASSWORD
    )
    membership = services.grant_role(manager, person, Role.LINE_MANAGER, agency)
    assert isinstance(membership, Membership)  # an ordinary role is given at once
    services.end_membership(manager, membership)
    services.deactivate_person(manager, person)

    invitation = Invitation.objects.get()
    assert _journey_events(start) == [
        (Action.CREATE, "partnership.invitation", str(invitation.pk), manager.pk),
        (Action.CREATE, "partnership.person", str(person.pk), person.pk),
        (Action.INVITATION_ACCEPTED, "partnership.invitation", str(invitation.pk), person.pk),
        (Action.CREATE, "partnership.membership", str(membership.pk), manager.pk),
        (Action.STATE_CHANGE, "partnership.membership", str(membership.pk), manager.pk),
        (Action.STATE_CHANGE, "partnership.person", str(person.pk), manager.pk),
    ]
    assert all(e.outcome == Outcome.SUCCESS for e in AuditEvent.objects.filter(pk__gt=start))


@pytest.mark.django_db
def test_a_scripted_sequence_through_the_pages_is_audited_one_to_one(personas):
    manager = personas["bu_manager"]
    agency = Agency.objects.get(name="Testshire Council")
    staff = browse_as(manager)
    invite_page = staff.get(reverse("partnership:invitation-create"))
    start = _last_id()

    press(
        invite_page,
        "Send invitation",
        full_name="Kim New",
        email="kim.new@testshire.example.org",
        agency=agency,
        roles=[Role.PRACTITIONER],
    )
    path = re.search(r"(/invitation/[^/\s]+/)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
    accept = browse_as(None).get(path).follow()
    press(
        accept,
        "Create account",
        email="kim.new@testshire.example.org",
        full_name="Kim New",
        password1=TEST_PASSWORD,
        password2=TEST_PASSWORD,
    )
    person = Person.objects.get(email="kim.new@testshire.example.org")
    person_page = staff.get(reverse("partnership:person-detail", args=[person.pk]))  # a view: audited
    given = press(person_page.click("Give a role"), "Give role", role=Role.LINE_MANAGER, agency=agency)
    membership = Membership.objects.get(person=person, role=Role.LINE_MANAGER)
    removed = press(given.follow(), "Remove role Line manager")
    press(removed.follow().click("Deactivate"), "Deactivate")

    invitation = Invitation.objects.get()
    person_event = ("view", "partnership.person", str(person.pk), manager.pk)
    assert _journey_events(start) == [
        (Action.CREATE, "partnership.invitation", str(invitation.pk), manager.pk),
        (Action.CREATE, "partnership.person", str(person.pk), person.pk),
        (Action.INVITATION_ACCEPTED, "partnership.invitation", str(invitation.pk), person.pk),
        (Action.SIGN_IN, "partnership.person", str(person.pk), person.pk),
        person_event,
        (Action.CREATE, "partnership.membership", str(membership.pk), manager.pk),
        person_event,
        (Action.STATE_CHANGE, "partnership.membership", str(membership.pk), manager.pk),
        person_event,
        (Action.STATE_CHANGE, "partnership.person", str(person.pk), manager.pk),
    ]


# --- No secrets --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_event_holds_a_password_token_or_code(personas):
    secrets_seen: list[str] = []
    password = "quartz pelican umbrella 77"
    wrong_password = "Typed-Wrong-Password-991"

    # Failed sign-ins with a typed password.
    login = browse_as(None).get(reverse("accounts:login"))
    press(login, "Continue", username=personas["chair"].email, password=wrong_password)
    secrets_seen.append(wrong_password)

    # Invitation (token) and acceptance (password).
    invite_page = browse_as(personas["bu_manager"]).get(reverse("partnership:invitation-create"))
    press(
        invite_page,
        "Send invitation",
        full_name="Lee New",
        email="lee.new@testshire.example.org",
        roles=[Role.INDEPENDENT_CHAIR],
    )
    path = re.search(r"(/invitation/([^/\s]+)/)", str(mail.outbox[0].body))
    assert path is not None
    secrets_seen.append(path.group(2))
    newcomer = browse_as(None)
    setup = press(
        newcomer.get(path.group(1)).follow(),
        "Create account",
        email="lee.new@testshire.example.org",
        full_name="Lee New",
        password1=password,
        password2=password,
    ).follow()
    secrets_seen.append(password)

    # Authenticator set-up (code), backup codes (codes), a wrong code.
    device = TOTPDevice.objects.get(user__email="lee.new@testshire.example.org", confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    codes_page = press(setup, "Confirm and continue", otp_token=code).follow()
    secrets_seen.append(code)
    backup = [text_of(item) for item in codes_page.html.select("#backup-codes li")]
    assert len(backup) == account_services.BACKUP_CODE_COUNT
    secrets_seen.extend(backup)

    # Password change.
    changed = "saffron glacier tandem 404"
    press(
        newcomer.get(reverse("accounts:password-change")),
        "Change password",
        old_password=password,
        new_password1=changed,
        new_password2=changed,
    )
    secrets_seen.append(changed)

    # Signing in again with the new password and a backup code.
    again = browse_as(None)
    verify = press(
        again.get(reverse("accounts:login")), "Continue", username="lee.new@testshire.example.org", password=changed
    )
    press(verify.follow(), "Continue", otp_token=backup[0])

    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR, detail="StaticDevice").count() == 1
    assert AuditEvent.objects.count() >= 8
    stored = _all_text()
    for secret in secrets_seen:
        assert secret not in stored, secret
    assert device.key not in stored


# --- Who can read it ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", PERSONA_KEYS)
def test_the_audit_log_is_for_the_business_unit_and_system_administrators(personas, client_for, key):
    client = client_for(personas[key])
    expected = 200 if key in AUDIT_VIEWERS else 403
    assert client.get(LIST).status_code == expected
    assert client.get(EXPORT).status_code == expected
    if expected == 403:
        assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.django_db
def test_audit_log_needs_sign_in(db):
    response = Client().get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- Filters ----------------------------------------------------------------------------------------------


def _search(browser: Any, **values: Any) -> Any:
    """Fill in the audit log's search form and press Search."""
    return press(browser.get(LIST), "Search", **values)


def _listed(browser: Any, **values: Any) -> list[AuditEvent]:
    response = _search(browser, **values)
    assert response.status_code == 200
    page = response.context["page"]
    return list(page.object_list) if page is not None else []


@pytest.mark.django_db
def test_filters_narrow_the_list(personas):
    browser = browse_as(personas["bu_manager"])
    chair, reviewer = personas["chair"], personas["reviewer"]
    a = _event(person=chair, action=Action.VIEW, obj=("reviews.review", "41"))
    b = _event(person=reviewer, action=Action.UPDATE, obj=("reviews.review", "42"), outcome=Outcome.DENIED)
    c = _event(person=chair, action=Action.DOWNLOAD, obj=("documents.document", "7"))

    assert {e.pk for e in _listed(browser, person="Persona chair")} >= {a.pk, c.pk}
    assert b.pk not in {e.pk for e in _listed(browser, person="Persona chair")}
    assert {e.pk for e in _listed(browser, person="reviewer@testshire")} == {b.pk}
    assert {e.pk for e in _listed(browser, action="download")} == {c.pk}
    assert {e.pk for e in _listed(browser, outcome="denied")} == {b.pk}
    assert {e.pk for e in _listed(browser, object_type="reviews.review")} == {a.pk, b.pk}
    assert {e.pk for e in _listed(browser, object_type="reviews.review", object_id="42")} == {b.pk}


@pytest.mark.django_db
def test_filter_by_request_id_and_dates(personas):
    browser = browse_as(personas["bu_manager"])
    denied = browse_as(personas["practitioner"]).get(reverse("partnership:overview"), status=403)
    request_id = denied.headers["X-Request-ID"]
    assert [e.action for e in _listed(browser, request_id=request_id)] == [Action.ACCESS_DENIED]

    today = timezone.localdate()
    assert _listed(browser, date_from=today)
    assert _listed(browser, date_to=today - timedelta(days=1)) == []
    assert _listed(browser, date_from=today + timedelta(days=1)) == []
    # A filter link with a single date (as the service builds them) still works.
    linked = browser.get(LIST, {"date_from": today.isoformat()})
    assert list(linked.context["page"].object_list)


@pytest.mark.django_db
def test_invalid_filters_show_an_error_beside_the_field_and_no_events(personas):
    browser = browse_as(personas["bu_manager"])
    _event()
    response = _search(browser, date_from=("31", "2", "2026"))
    assert response.status_code == 200
    assert error_summary(response) == ["The from date must be a real date"]
    assert field_error(response, "date_from") == "The from date must be a real date"
    assert text_of(response.html.title).startswith("Error: ")
    assert list(response.context["page"].object_list) == []
    no_month = _search(browser, date_to=("1", "", "2026"))
    assert field_error(no_month, "date_to") == "The to date must include a month"
    backwards = _search(browser, date_from=date(2026, 3, 10), date_to=date(2026, 3, 1))
    message = "The 'to' date must be the same as or after the 'from' date"
    assert field_error(backwards, "date_to") == message and error_summary(backwards) == [message]
    # Hostile: an action no option offers, typed into the address.
    unknown_action = browser.get(LIST, {"action": "drop_table"})
    assert list(unknown_action.context["page"].object_list) == []


# --- CSV export ------------------------------------------------------------------------------------------


def _csv_rows(response: Any) -> list[list[str]]:
    if hasattr(response, "streaming_content"):
        assert response.streaming
        body = b"".join(response.streaming_content).decode("utf-8")
    else:  # a page's response (tests/pages.py)
        body = response.body.decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


HEADER = [
    "time_utc",
    "person_id",
    "person_email",
    "roles",
    "agency",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "detail",
    "request_id",
    "ip",
]


@pytest.mark.django_db
def test_export_streams_csv_with_a_header_row_and_is_audited(personas, client_for):
    manager = personas["bu_manager"]
    _event(person=personas["chair"], detail="viewed the review")
    response = client_for(manager).get(EXPORT)  # the streamed answer itself, as the server sends it

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="sarhub-audit-')
    assert "no-store" in response["Cache-Control"]
    rows = _csv_rows(response)
    assert rows[0] == HEADER
    assert any(row[2] == personas["chair"].email and row[9] == "viewed the review" for row in rows[1:])
    export = AuditEvent.objects.get(action=Action.EXPORT)
    assert export.person == manager
    assert export.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_export_respects_the_filters(personas):
    _event(action=Action.DOWNLOAD, obj=("documents.document", "1"))
    _event(action=Action.VIEW, obj=("documents.document", "2"))
    found = _search(browse_as(personas["bu_coordinator"]), action="download")
    rows = _csv_rows(found.click(description="Export as CSV"))
    assert [row[5] for row in rows[1:]] == ["download"]


@pytest.mark.django_db
def test_export_with_invalid_filters_is_refused(personas, client_for):
    """Hostile: a date no date box would give, typed into the export's address."""
    response = client_for(personas["bu_manager"]).get(EXPORT, {"date_from": "not a date"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.django_db
def test_export_neutralises_spreadsheet_formulae(personas, client_for):
    Agency.objects.filter(name="Testshire Council").update(name='=HYPERLINK("http://evil.example","x")')
    client_for(personas["practitioner"]).get(reverse("partnership:overview"))  # snapshots the agency name
    _event(detail="+SUM(1,2)")
    _event(detail="-2+3")
    _event(detail="@cmd")
    _event(detail="\tindented")
    _event(detail="safe text")

    rows = _csv_rows(client_for(personas["bu_manager"]).get(EXPORT))

    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert {"'+SUM(1,2)", "'-2+3", "'@cmd", "'\tindented", "safe text"} <= set(cells)
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells)
