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
from sarhub.core.roles import Role
from sarhub.partnership import services
from sarhub.partnership.models import Agency, Invitation, Membership, Person
from tests.pages import banner, browse_as, error_summary, field_error, form_with, press
from tests.personas import PERSONA_KEYS

INVITE = reverse("partnership:invitation-create")
INVITATIONS = reverse("partnership:invitation-list")
ACCEPT = reverse("accounts:invitation-accept")
MANAGERS = ["bu_manager", "bu_coordinator", "sysadmin"]
NEW_EMAIL = "robin.new@testshire.example.org"
NEW_PASSWORD = "harbour lantern orchard 2031"
LINK = re.compile(r"https?://[^\s/]+(/invitation/([A-Za-z0-9_\-]+)/)")


def _agency() -> Agency:
    return Agency.objects.get(name="Testshire Council")


def _invitation_form(person: Person) -> Any:
    """The invitation form, reached as the business unit reaches it: Invitations, then "Invite someone"."""
    return browse_as(person).get(INVITATIONS).click("Invite someone", index=0)


def _invite(person: Person, **overrides: Any) -> Any:
    """Fill in and send the invitation form (a practitioner at Testshire Council, unless overridden)."""
    values = {
        "full_name": "Robin New",
        "email": NEW_EMAIL,
        "job_title": "Social worker",
        "agency": _agency(),
        "roles": [Role.PRACTITIONER],
        **overrides,
    }
    return press(_invitation_form(person), "Send invitation", **values)


def _token_from(message: mail.EmailMessage) -> tuple[str, str]:
    """(path, token) of the link in an invitation email."""
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(1), found.group(2)


def _accept_values(**overrides: str) -> dict[str, Any]:
    return {
        "email": NEW_EMAIL,
        "full_name": "Robin New",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def _accept_data(**overrides: str) -> dict[str, Any]:
    """The acceptance form's fields, for the hostile posts made without the page."""
    return _accept_values(**overrides)


def _open(path: str) -> tuple[Any, Any]:
    """A new browser opening the invitation link: (the browser, the page it lands on)."""
    browser = browse_as(None)
    opened = browser.get(path)
    assert opened.status_code == 302 and opened.headers["Location"] == ACCEPT
    return browser, opened.follow()


def _signed_in(browser: Any) -> bool:
    return browser.get(reverse("workspace:home"), status="*").status_code == 200


@pytest.fixture
def invited(personas: dict[str, Person]) -> Iterator[str]:
    """Path of a fresh invitation link for NEW_EMAIL (a practitioner at Testshire Council)."""
    response = _invite(personas["bu_manager"])
    assert response.status_code == 302, response.text
    path, _ = _token_from(mail.outbox[-1])
    yield path


# --- Who can invite ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", [k for k in PERSONA_KEYS if k not in MANAGERS])
def test_only_the_business_unit_and_system_administrators_can_invite(personas, client_for, key):
    browse_as(personas[key]).get(INVITE, status=403)
    # Hostile: the form posted without the page.
    response = client_for(personas[key]).post(
        INVITE, {"full_name": "Robin New", "email": NEW_EMAIL, "agency": _agency().pk, "roles": [Role.PRACTITIONER]}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    with pytest.raises(PermissionDenied):
        services.invite_person(
            personas[key], email=NEW_EMAIL, full_name="Robin", agency=_agency(), roles=[Role.PRACTITIONER]
        )


@pytest.mark.django_db
@pytest.mark.parametrize("key", MANAGERS)
def test_managers_can_invite(personas, key):
    response = _invite(personas[key])
    assert banner(response.follow()) == (
        f"An invitation has been sent to {NEW_EMAIL}, as practitioner at Testshire Council."
    )
    invitation = Invitation.objects.get()
    assert invitation.created_by == personas[key]
    assert invitation.roles == [Role.PRACTITIONER]
    assert invitation.agency == _agency()


@pytest.mark.django_db
def test_an_invitation_with_several_roles_keeps_them_all(personas):
    """Tick all that apply: every role ticked is saved, listed, and given when the invitation is accepted."""
    roles = [Role.AGENCY_SAFEGUARDING_LEAD, Role.SAR_SUBGROUP_MEMBER, Role.LINE_MANAGER]
    response = _invite(personas["bu_coordinator"], roles=roles)
    listing = response.follow()
    assert banner(listing) == (
        f"An invitation has been sent to {NEW_EMAIL}, as SAR subgroup member, agency safeguarding lead and "
        "line manager at Testshire Council."
    )
    invitation = Invitation.objects.get()
    assert sorted(invitation.roles) == sorted(roles)
    assert "SAR subgroup member, Agency safeguarding lead, Line manager" in listing.text
    assert AuditEvent.objects.get(object_type="partnership.invitation").detail == (
        "roles: agency_lead,line_manager,subgroup_member"
    )

    _, page = _open(_token_from(mail.outbox[-1])[0])
    press(page, "Create account", **_accept_values()).follow()
    person = Person.objects.get(email=NEW_EMAIL)
    assert sorted((m.role, m.agency) for m in Membership.objects.filter(person=person)) == [
        (Role.AGENCY_SAFEGUARDING_LEAD, _agency()),
        (Role.LINE_MANAGER, _agency()),
        (Role.SAR_SUBGROUP_MEMBER, _agency()),
    ]


@pytest.mark.django_db
def test_the_role_descriptions_are_beside_each_box_and_only_grantable_roles_are_offered(personas):
    form = form_with(_invitation_form(personas["bu_manager"]), "Send invitation")
    offered = [box._value for box in form.fields["roles"]]
    assert Role.SYSTEM_ADMINISTRATOR not in offered and Role.LEAD_REVIEWER not in offered
    assert Role.AGENCY_SAFEGUARDING_LEAD in offered and Role.PRACTITIONER in offered
    assert Role.SYSTEM_ADMINISTRATOR in [
        box._value for box in form_with(_invitation_form(personas["sysadmin"]), "Send invitation").fields["roles"]
    ]


@pytest.mark.django_db
def test_an_invitation_sends_one_email_to_one_recipient(personas):
    before = timezone.now()
    _invite(personas["bu_manager"], email="  Robin.New@Testshire.Example.org ")
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
def test_an_invitation_whose_email_cannot_be_sent_is_not_made(personas, monkeypatch):
    """ "Sent" is said only when it was: if the mail server refuses, nothing is made and the page says so."""
    monkeypatch.setattr(services, "send_one", lambda **message: False)
    refused = _invite(personas["bu_manager"])
    assert refused.status_code == 200
    assert error_summary(refused) == [
        "The invitation email could not be sent, so no invitation has been made. Try again later"
    ]
    assert not Invitation.objects.exists()
    assert not AuditEvent.objects.filter(object_type="partnership.invitation").exists()
    # With the mail server back, the same form sends it.
    monkeypatch.undo()
    assert banner(press(refused, "Send invitation").follow()).startswith(f"An invitation has been sent to {NEW_EMAIL}")
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_email_when_the_invitation_is_refused(personas):
    """A practitioner needs an agency: a clear error beside the agency, no invitation, no email."""
    response = _invite(personas["bu_manager"], agency=None)
    assert response.status_code == 200
    assert error_summary(response) == ["Select the agency for the role practitioner"]
    assert field_error(response, "agency") == "Select the agency for the role practitioner"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_roles_ticked_is_refused(personas):
    response = _invite(personas["bu_manager"], roles=[])
    assert field_error(response, "roles") == "Select at least one role"
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_cannot_invite_an_existing_account_or_invite_twice(personas):
    manager = personas["bu_manager"]
    existing = _invite(manager, email="Practitioner@testshire.example.org")
    assert field_error(existing, "email") == "This person already has an account: give them roles from their page"
    assert _invite(manager).status_code == 302
    twice = _invite(manager)
    assert field_error(twice, "email") == "There is already a pending invitation for this email address"
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


# --- Using the link -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_link_creates_the_account_once(invited):
    _, page = _open(invited)
    response = press(page, "Create account", **_accept_values())

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("accounts:two-factor-setup")
    person = Person.objects.get(email=NEW_EMAIL)
    assert person.check_password(NEW_PASSWORD)
    assert [(m.role, m.agency) for m in Membership.objects.filter(person=person)] == [(Role.PRACTITIONER, _agency())]
    invitation = Invitation.objects.get()
    assert invitation.status == "accepted"
    assert invitation.accepted_by == person
    assert AuditEvent.objects.filter(action=Action.INVITATION_ACCEPTED, person=person).count() == 1

    # The same link again, in a new browser: refused with a clear message, nothing more created.
    again = browse_as(None).get(invited, status=410)
    assert "This invitation has already been used" in again.text
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation.pk, email=NEW_EMAIL, full_name="Robin", password=NEW_PASSWORD)
    assert Person.objects.filter(email=NEW_EMAIL).count() == 1


@pytest.mark.django_db
def test_the_link_stops_working_after_72_hours(invited):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = browse_as(None).get(invited, status=410)
    assert "This invitation has expired" in response.text


@pytest.mark.django_db
def test_the_link_still_works_just_before_it_expires(invited):
    Invitation.objects.update(expires_at=timezone.now() + timedelta(minutes=1))
    assert browse_as(None).get(invited).status_code == 302


@pytest.mark.django_db
def test_an_invitation_that_expires_while_the_form_is_open_creates_nothing(invited):
    _, page = _open(invited)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = press(page, "Create account", status=410, **_accept_values())
    assert "This invitation has expired" in response.text
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_the_invitation_is_bound_to_the_invited_address(invited):
    browser, page = _open(invited)
    response = press(page, "Create account", **_accept_values(email="someone.else@testshire.example.org"))
    assert response.status_code == 200
    assert error_summary(response) == ["Enter the email address this invitation was sent to"]
    assert field_error(response, "email") == "Enter the email address this invitation was sent to"
    assert not Person.objects.filter(email__in=[NEW_EMAIL, "someone.else@testshire.example.org"]).exists()
    assert Invitation.objects.get().status == "pending"
    assert not _signed_in(browser)

    # The invited address in another case is the same address.
    accepted = press(response, "Create account", **_accept_values(email="ROBIN.NEW@testshire.example.org"))
    assert accepted.status_code == 302
    assert Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_nothing_created(invited):
    _, page = _open(invited)
    response = press(page, "Create account", **_accept_values(password1="short", password2="short"))
    assert response.status_code == 200
    assert field_error(response, "password1").startswith("This password is too short")
    mismatch = press(response, "Create account", **_accept_values(password2=NEW_PASSWORD + "x"))
    assert field_error(mismatch, "password2") == "The passwords do not match"
    assert not Person.objects.filter(email=NEW_EMAIL).exists()
    assert Invitation.objects.get().status == "pending"


@pytest.mark.django_db
def test_a_withdrawn_link_fails_with_a_clear_message(invited, personas):
    invitation = Invitation.objects.get()
    _, opened_before = _open(invited)
    listing = browse_as(personas["bu_coordinator"]).get(INVITATIONS)
    withdrawn = press(listing, "Withdraw invitation to Robin New")
    assert banner(withdrawn.follow()) == f"The invitation to {NEW_EMAIL} has been withdrawn."
    assert Invitation.objects.get(pk=invitation.pk).status == "withdrawn"

    response = browse_as(None).get(invited, status=410)
    assert "This invitation has been withdrawn" in response.text
    # Someone who had the form open cannot finish either.
    press(opened_before, "Create account", status=410, **_accept_values())
    assert not Person.objects.filter(email=NEW_EMAIL).exists()
    # Withdrawing again, from the list opened before, says so.
    assert error_summary(press(listing, "Withdraw invitation to Robin New").follow()) == [
        "This invitation has already been accepted or withdrawn"
    ]


@pytest.mark.django_db
def test_sending_again_replaces_the_link(invited, personas):
    listing = browse_as(personas["bu_manager"]).get(INVITATIONS)
    sent = press(listing, "Send again to Robin New")
    assert banner(sent.follow()) == (
        f"A new invitation link has been sent to {NEW_EMAIL}. The old link no longer works."
    )
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [NEW_EMAIL]
    new_path, _ = _token_from(mail.outbox[1])
    assert new_path != invited

    old = browse_as(None).get(invited, status=404)
    assert "This invitation link is not valid" in old.text

    _, page = _open(new_path)
    assert press(page, "Create account", **_accept_values()).status_code == 302
    assert Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_sending_again_when_the_email_cannot_be_sent_changes_nothing(invited, personas, monkeypatch):
    before = Invitation.objects.values("token_hash", "expires_at").get()
    monkeypatch.setattr(services, "send_one", lambda **message: False)
    listing = browse_as(personas["bu_manager"]).get(INVITATIONS)
    page = press(listing, "Send again to Robin New").follow()
    assert error_summary(page) == ["The invitation email could not be sent, so nothing has changed. Try again later"]
    assert banner(page) == ""
    assert Invitation.objects.values("token_hash", "expires_at").get() == before
    assert browse_as(None).get(invited).status_code == 302  # the link they have still works


@pytest.mark.django_db
def test_an_expired_invitation_can_be_sent_again(invited, personas):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    listing = browse_as(personas["bu_manager"]).get(INVITATIONS)
    assert "Expired" in listing.text
    press(listing, "Send again to Robin New").follow()
    assert Invitation.objects.get().status == "pending"
    _open(_token_from(mail.outbox[-1])[0])


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 101, "%00", "t%C3%B6ken", "a.b~c"])
def test_unknown_tokens_get_the_not_valid_page(db, token):
    response = Client().get(f"/invitation/{token}/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


@pytest.mark.django_db
def test_accept_page_without_an_opened_link_is_refused(db):
    """Hostile: the acceptance form posted without opening a link."""
    response = Client().post(ACCEPT, _accept_data())
    assert response.status_code == 404
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.django_db
def test_a_signed_in_person_opening_a_link_sees_the_already_signed_in_page(invited, personas, client_for):
    response = browse_as(personas["practitioner"]).get(invited, status=403)
    assert "You are already signed in" in response.text
    # Hostile: the acceptance form posted anyway.
    accept = client_for(personas["practitioner"]).post(ACCEPT, _accept_data())
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
    _, page = _open(invited)
    refused = press(page, "Create account", **_accept_values(email="wrong.address@testshire.example.org"))
    press(refused, "Create account", **_accept_values()).follow()

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
