"""Step-up: a fresh security code before a sensitive action (here, exporting the audit log)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts.middleware import SECOND_FACTOR_AT
from sarhub.audit.models import Action, AuditEvent, Outcome

EXPORT = reverse("audit:export")
STEP_UP = reverse("accounts:step-up")


def _age_second_factor(client, minutes: int) -> None:
    session = client.session
    session[SECOND_FACTOR_AT] = (timezone.now() - timedelta(minutes=minutes)).isoformat()
    session.save()


def _code(person) -> str:
    device = TOTPDevice.objects.get(user=person, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.mark.django_db
def test_export_needs_a_security_code_entered_in_the_last_five_minutes(personas, client_for):
    manager = personas["bu_manager"]
    client = client_for(manager)
    assert client.get(EXPORT).status_code == 200  # code entered at sign-in, just now

    _age_second_factor(client, minutes=6)
    response = client.get(EXPORT + "?action=sign_in")
    assert response.status_code == 302
    assert response["Location"].startswith(STEP_UP + "?next=")
    exports_before = AuditEvent.objects.filter(action=Action.EXPORT).count()

    wrong = client.post(STEP_UP, {"otp_token": "000000", "next": EXPORT})
    assert wrong.status_code == 200
    assert "The security code is not correct" in wrong.content.decode()
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR_FAILED, outcome=Outcome.FAILURE).exists()
    assert client.get(EXPORT).status_code == 302  # still refused
    # django-otp pauses the app's codes for a second after a wrong one: as if the person waited.
    TOTPDevice.objects.filter(user=manager).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=10))

    right = client.post(STEP_UP, {"otp_token": _code(manager), "next": EXPORT + "?action=sign_in"})
    assert right.status_code == 302
    assert right["Location"] == EXPORT + "?action=sign_in"
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR, detail="step-up", person=manager).exists()
    assert client.get(EXPORT).status_code == 200
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == exports_before + 1


@pytest.mark.django_db
def test_step_up_never_sends_the_person_to_another_site(personas, client_for):
    manager = personas["bu_manager"]
    client = client_for(manager)
    response = client.post(STEP_UP, {"otp_token": _code(manager), "next": "https://attacker.example.net/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_step_up_is_not_a_way_round_the_audit_rules(personas, client_for):
    """A person who may not export the log gets nothing from stepping up."""
    practitioner = personas["practitioner"]
    client = client_for(practitioner)
    client.post(STEP_UP, {"otp_token": _code(practitioner), "next": EXPORT})
    assert client.get(EXPORT).status_code == 403
