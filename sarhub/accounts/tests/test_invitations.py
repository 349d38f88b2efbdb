"""Invitations: who may send them, one email, single use, 72-hour expiry, bound to the address, and the token
never stored, audited or logged."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.logging import RedactTokensFilter, redact
from sarhub.partnership import services
from sarhub.partnership.models import Agency, Invitation, Membership, Person
from sarhub.partnership.roles import Role
from tests.personas import PERSONA_KEYS

INVITE = reverse("partnership:invitation-create")
ACCEPT = reverse("accounts:invitation-accept")
MANAGERS = ["bu_manager", "bu_coordinator", "sysadmin"]
NEW_EMAIL = "robin.new@testshire.example.org"
NEW_PASSWORD = "harbour lantern orchard 2031"
LINK = re.compile(r"https?://[^\s/]+(/invitation/([A-Za-z0-9_\-]+)/)")


def _agency() -> Agency:
    return Agency.objects.get(name="Testshire Council")


def _invite_by_post(client: Client, capture: Any, **overrides: Any) -> Any:
    data = {
        "full_name": "Robin New",
        "email": NEW_EMAIL,
        "job_title": "Social worker",
        "agency": _agency().pk,
        "roles": [Role.PRACTITIONER],
        **overrides,
    }
    with capture(execute=True):
        return client.post(INVITE, data)


def _token_from(message: mail.EmailMessage) -> tuple[str, str]:
    """(path, token) of the link in an invitation email."""
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(1), found.group(2)


def _accept_data(**overrides: str) -> dict[str, str]:
    return {
        "email": NEW_EMAIL,
        "full_name": "Robin New",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


@pytest.fixture
def invited(personas: dict[str, Person], client_for: Any, django_capture_on_commit_callbacks: Any) -> Iterator[str]:
    """Path of a fresh invitation link for NEW_EMAIL (a practitioner at Testshire Council)."""
    response = _invite_by_post(client_for(personas["bu_manager"]), django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()
    path, _ = _token_from(mail.outbox[-1])
    yield path


# --- Who can invite ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", [k for k in PERSONA_KEYS if k not in MANAGERS])
def test_only_the_business_unit_and_system_administrators_can_invite(
    personas, client_for, django_capture_on_commit_callbacks, key
):
    client = client_for(personas[key])
    assert client.get(INVITE).status_code == 403
    response = _invite_by_post(client, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    with pytest.raises(PermissionDenied):
        services.invite_person(
            personas[key], email=NEW_EMAIL, full_name="Robin", agency=_agency(), roles=[Role.PRACTITIONER]
        )


@pytest.mark.django_db
@pytest.mark.parametrize("key", MANAGERS)
def test_managers_can_invite(personas, client_for, django_capture_on_commit_callbacks, key):
    client = client_for(personas[key])
    assert client.get(INVITE).status_code == 200
    response = _invite_by_post(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.created_by == personas[key]
    assert invitation.roles == [Role.PRACTITIONER]
    assert invitation.agency == _agency()


@pytest.mark.django_db
def test_an_invitation_sends_one_email_to_one_recipient(personas, client_for, django_capture_on_commit_callbacks):
    before = timezone.now()
    _invite_by_post(
        client_for(personas["bu_manager"]),
        django_capture_on_commit_callbacks,
        email="  Robin.New@Testshire.Example.org ",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [NEW_EMAIL]
    assert message.cc == [] and message.bcc == []
    assert message.recipients() == [NEW_EMAIL]
    path, token = _token_from(message)
    assert (settings.SITE_URL + path) in str(message.body)

    invitation = Invitation.objects.get()
    assert invitation.email == NEW_EMAIL
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert timedelta(hours=71, minutes=59) < invitation.expires_at - before <= timedelta(hours=72, seconds=5)
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="partnership.invitation").count() == 1


@pytest.mark.django_db
def test_no_email_when_the_invitation_is_refused(personas, client_for, django_capture_on_commit_callbacks):
    """A practitioner needs an agency: a clear error, no invitation, no email."""
    response = _invite_by_post(client_for(personas["bu_manager"]), django_capture_on_commit_callbacks, agency="")
    assert response.status_code == 200
    assert "Select the agency for the role practitioner" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_cannot_invite_an_existing_account_or_invite_twice(personas, client_for, django_capture_on_commit_callbacks):
    client = client_for(personas["bu_manager"])
    existing = _invite_by_post(client, django_capture_on_commit_callbacks, email="Practitioner@testshire.example.org")
    assert "This person already has an account" in existing.content.decode()
    assert _invite_by_post(client, django_capture_on_commit_callbacks).status_code == 302
    twice = _invite_by_post(client, django_capture_on_commit_callbacks)
    assert "There is already a pending invitation" in twice.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


# --- Using the link -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_link_creates_the_account_once(invited):
    client = Client()
    opened = client.get(invited)
    assert opened.status_code == 302
    assert opened["Location"] == ACCEPT
    assert client.get(ACCEPT).status_code == 200

    response = client.post(ACCEPT, _accept_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-setup")
    person = Person.objects.get(email=NEW_EMAIL)
    assert person.check_password(NEW_PASSWORD)
    assert [(m.role, m.agency) for m in Membership.objects.filter(person=person)] == [(Role.PRACTITIONER, _agency())]
    invitation = Invitation.objects.get()
    assert invitation.status == "accepted"
    assert invitation.accepted_by == person
    assert AuditEvent.objects.filter(action=Action.INVITATION_ACCEPTED, person=person).count() == 1

    # The same link again, in a new browser: refused with a clear message, nothing more created.
    again = Client().get(invited)
    assert again.status_code == 410
    assert "This invitation has already been used" in again.content.decode()
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation.pk, email=NEW_EMAIL, full_name="Robin", password=NEW_PASSWORD)
    assert Person.objects.filter(email=NEW_EMAIL).count() == 1


@pytest.mark.django_db
def test_the_link_stops_working_after_72_hours(invited):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get(invited)
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


@pytest.mark.django_db
def test_the_link_still_works_just_before_it_expires(invited):
    Invitation.objects.update(expires_at=timezone.now() + timedelta(minutes=1))
    assert Client().get(invited).status_code == 302


@pytest.mark.django_db
def test_an_invitation_that_expires_while_the_form_is_open_creates_nothing(invited):
    client = Client()
    client.get(invited)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(ACCEPT, _accept_data())
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_the_invitation_is_bound_to_the_invited_address(invited):
    client = Client()
    client.get(invited)
    response = client.post(ACCEPT, _accept_data(email="someone.else@testshire.example.org"))
    assert response.status_code == 200
    assert "Enter the email address this invitation was sent to" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert not Person.objects.filter(email__in=[NEW_EMAIL, "someone.else@testshire.example.org"]).exists()
    assert Invitation.objects.get().status == "pending"
    assert "_auth_user_id" not in client.session

    # The invited address in another case is the same address.
    accepted = client.post(ACCEPT, _accept_data(email="ROBIN.NEW@testshire.example.org"))
    assert accepted.status_code == 302
    assert Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_nothing_created(invited):
    client = Client()
    client.get(invited)
    response = client.post(ACCEPT, _accept_data(password1="short", password2="short"))
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    mismatch = client.post(ACCEPT, _accept_data(password2=NEW_PASSWORD + "x"))
    assert "The passwords do not match" in mismatch.content.decode()
    assert not Person.objects.filter(email=NEW_EMAIL).exists()
    assert Invitation.objects.get().status == "pending"


@pytest.mark.django_db
def test_a_withdrawn_link_fails_with_a_clear_message(invited, personas, client_for):
    invitation = Invitation.objects.get()
    opened_before = Client()
    opened_before.get(invited)
    manager = client_for(personas["bu_coordinator"])
    assert manager.post(reverse("partnership:invitation-withdraw", args=[invitation.pk])).status_code == 302

    response = Client().get(invited)
    assert response.status_code == 410
    assert "This invitation has been withdrawn" in response.content.decode()
    # Someone who had the form open cannot finish either.
    late = opened_before.post(ACCEPT, _accept_data())
    assert late.status_code == 410
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_sending_again_replaces_the_link(invited, personas, client_for, django_capture_on_commit_callbacks):
    invitation = Invitation.objects.get()
    manager = client_for(personas["bu_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        assert manager.post(reverse("partnership:invitation-resend", args=[invitation.pk])).status_code == 302
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [NEW_EMAIL]
    new_path, _ = _token_from(mail.outbox[1])
    assert new_path != invited

    old = Client().get(invited)
    assert old.status_code == 404
    assert "This invitation link is not valid" in old.content.decode()

    client = Client()
    assert client.get(new_path)["Location"] == ACCEPT
    assert client.post(ACCEPT, _accept_data()).status_code == 302
    assert Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_an_expired_invitation_can_be_sent_again(invited, personas):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    issued = services.resend_invitation(personas["bu_manager"], Invitation.objects.get())
    assert issued.invitation.status == "pending"
    assert Client().get(issued.path).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 101, "%00", "t%C3%B6ken", "a.b~c"])
def test_unknown_tokens_get_the_not_valid_page(db, token):
    response = Client().get(f"/invitation/{token}/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


@pytest.mark.django_db
def test_accept_page_without_an_opened_link_is_refused(db):
    response = Client().post(ACCEPT, _accept_data())
    assert response.status_code == 404
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_a_signed_in_person_opening_a_link_sees_the_already_signed_in_page(invited, personas, client_for):
    client = client_for(personas["practitioner"])
    response = client.get(invited)
    assert response.status_code == 403
    assert "You are already signed in" in response.content.decode()
    accept = client.post(ACCEPT, _accept_data())
    assert accept.status_code == 403
    assert "You are already signed in" in accept.content.decode()
    assert Invitation.objects.get().status == "pending"
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


# --- The token is never kept -------------------------------------------------------------------------


def _every_stored_value() -> str:
    """Every value in every table, with session data decoded."""
    parts: list[str] = []
    for model in apps.get_models():
        for row in model._base_manager.values():
            parts.extend(str(v) for v in row.values())
    for session in Session.objects.all():
        parts.append(str(session.get_decoded()))
    return "\n".join(parts)


@pytest.mark.django_db
def test_the_token_is_never_stored_only_its_hash(invited):
    token = invited.strip("/").split("/")[-1]
    client = Client()
    client.get(invited)
    client.post(ACCEPT, _accept_data(email="wrong.address@testshire.example.org"))
    client.post(ACCEPT, _accept_data())

    stored = _every_stored_value()
    assert token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    audit = "\n".join(str(v) for row in AuditEvent.objects.values() for v in row.values())
    assert token not in audit
    assert hashlib.sha256(token.encode()).hexdigest() not in audit


def test_the_request_and_server_loggers_redact_tokens() -> None:
    for name in ("django.request", "django.server"):
        console = [h for h in logging.getLogger(name).handlers if h.get_name() == "console"]
        assert console, name
        assert all(any(isinstance(f, RedactTokensFilter) for f in h.filters) for h in console), name


@pytest.mark.django_db
def test_invitation_links_do_not_reach_the_log(invited, console_output):
    token = invited.strip("/").split("/")[-1]
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(invited).status_code == 410  # django.request logs 4xx responses with the path
    assert Client().get("/invitation/an-unknown-token-value/").status_code == 404
    # What runserver logs for every request.
    logging.getLogger("django.server").info('"%s" %s %s', f"GET {invited}?utm=x HTTP/1.1", "302", "0")
    logging.getLogger("django.request").warning("Forbidden: %s", invited)

    output = console_output.getvalue()
    assert "Gone: /invitation/[redacted]" in output
    assert "Not Found: /invitation/[redacted]" in output
    assert "Forbidden: /invitation/[redacted]" in output
    assert '"GET /invitation/[redacted]?utm=x HTTP/1.1" 302 0' in output
    assert token not in output
    assert "an-unknown-token-value" not in output


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GET /invitation/AbC-_123xyz/ HTTP/1.1", "GET /invitation/[redacted] HTTP/1.1"),
        ("Not Found: /invitation/AbC-_123xyz/", "Not Found: /invitation/[redacted]"),
        ("/invitation/tok?next=/home/", "/invitation/[redacted]?next=/home/"),
        ('"GET /rsvp/s3cr3t/ HTTP/1.1" 200', '"GET /rsvp/[redacted] HTTP/1.1" 200'),
        ("/account/reset/MQ/c9x-abcdef/", "/account/reset/[redacted]"),
        ("https://sarhub.example.org/invitation/zzz", "https://sarhub.example.org/invitation/[redacted]"),
        ("GET /partnership/people/ HTTP/1.1", "GET /partnership/people/ HTTP/1.1"),
        ("nothing to hide", "nothing to hide"),
    ],
)
def test_redact(raw: str, expected: str) -> None:
    assert redact(raw) == expected


def test_redact_filter_rewrites_arguments_too() -> None:
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s', ("GET /invitation/sekret/", 302), None
    )
    assert RedactTokensFilter().filter(record) is True
    assert "sekret" not in record.getMessage()
    assert record.getMessage() == '"GET /invitation/[redacted]" 302'
