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
from tests.builders import signed_off_review
from tests.pages import banner, browse_as, form_with, press

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
    assert response["Location"] == reverse("workspace:home")


@pytest.mark.django_db
def test_step_up_is_not_a_way_round_the_audit_rules(personas, client_for):
    """A person who may not export the log gets nothing from stepping up."""
    practitioner = personas["practitioner"]
    client = client_for(practitioner)
    client.post(STEP_UP, {"otp_token": _code(practitioner), "next": EXPORT})
    assert client.get(EXPORT).status_code == 403


# --- A pressed button interrupted by the step-up is finished after the code, never dropped ----------


def _proposed(personas):
    from sarhub.publication.services import propose

    review = signed_off_review(personas)
    return propose(
        personas["bu_manager"], review, {"form": "executive_summary", "summary": "Agencies did not share risk."}
    )


def _next_code(person) -> str:
    """The code of the next 30 seconds (django-otp refuses a code used once already)."""
    TOTPDevice.objects.filter(user=person).update(last_t=-1)
    return _code(person)


def _stale_browser(person, minutes: int = 6):
    browser = browse_as(person)
    session = browser.session
    session[SECOND_FACTOR_AT] = (timezone.now() - timedelta(minutes=minutes)).isoformat()
    session.save()
    return browser


@pytest.mark.django_db
def test_the_chairs_approval_is_finished_after_the_fresh_code(personas):
    from sarhub.publication.models import Status

    proposal = _proposed(personas)
    chair = personas["chair"]
    browser = _stale_browser(chair)
    page = browser.get(reverse("publication:for-review", args=[proposal.review_id]))

    asked = press(page, "Approve")
    assert asked.status_code == 302 and asked["Location"].startswith(STEP_UP)
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED  # nothing done before the code

    code_page = asked.follow()
    assert "what you asked for is done" in code_page.text
    done = press(code_page, "Continue", otp_token=_code(chair))
    assert done.status_code == 302
    assert done["Location"] == reverse("publication:for-review", args=[proposal.review_id])
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED and proposal.decided_by == chair
    assert banner(done.follow()) == "Approved."


@pytest.mark.django_db
def test_a_wrong_code_first_keeps_the_action_for_the_right_one(personas):
    from sarhub.publication.models import Status

    proposal = _proposed(personas)
    chair = personas["chair"]
    browser = _stale_browser(chair)
    code_page = press(browser.get(reverse("publication:for-review", args=[proposal.review_id])), "Approve").follow()
    wrong = press(code_page, "Continue", otp_token="000000")
    assert "The security code is not correct" in wrong.text
    TOTPDevice.objects.filter(user=chair).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=10))
    press(wrong, "Continue", otp_token=_code(chair))
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED


@pytest.mark.django_db
def test_an_intent_runs_once_only_for_its_person_and_not_after_ten_minutes(personas):
    from sarhub.core import intents
    from sarhub.publication.models import Status

    proposal = _proposed(personas)
    chair = personas["chair"]
    browser = _stale_browser(chair)
    page = browser.get(reverse("publication:for-review", args=[proposal.review_id]))
    code_page = press(page, "Do not approve", note="Use the pseudonym throughout.").follow()
    form = form_with(code_page, "Continue")
    token = form["intent"].value

    # Someone else's session cannot use the token.
    other = browse_as(personas["bu_manager"])
    other_page = other.get(STEP_UP + "?" + code_page.request.query_string)
    stolen = press(other_page, "Continue", otp_token=_code(personas["bu_manager"]))
    assert stolen.status_code == 302
    assert banner(stolen.follow()) == intents.PRESS_AGAIN
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED

    # Too late: held more than ten minutes ago.
    session = browser.session
    held = session[intents.SESSION_KEY]
    for value in held.values():
        value["at"] = (timezone.now() - timedelta(minutes=11)).isoformat()
    session[intents.SESSION_KEY] = held
    session.save()
    late = press(code_page, "Continue", otp_token=_next_code(chair))
    assert banner(late.follow()) == intents.PRESS_AGAIN
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED

    # Pressed again: held afresh and finished once; the same token again does nothing more.
    _age_session(browser)
    code_page = press(
        browser.get(reverse("publication:for-review", args=[proposal.review_id])),
        "Do not approve",
        note="Use the pseudonym throughout.",
    ).follow()
    finished = press(code_page, "Continue", otp_token=_next_code(chair))
    assert banner(finished.follow()) == "Not approved: the business unit has your note."
    proposal.refresh_from_db()
    assert proposal.status == Status.REFUSED
    assert proposal.decision_note == "Use the pseudonym throughout."
    assert token != form_with(code_page, "Continue")["intent"].value
    decisions = AuditEvent.objects.filter(action=Action.STATE_CHANGE, detail="refused").count()
    used_again = press(code_page, "Continue", otp_token=_next_code(chair))
    assert banner(used_again.follow()) == intents.PRESS_AGAIN
    assert AuditEvent.objects.filter(action=Action.STATE_CHANGE, detail="refused").count() == decisions == 1


def _age_session(browser) -> None:
    session = browser.session
    session[SECOND_FACTOR_AT] = (timezone.now() - timedelta(minutes=6)).isoformat()
    session.save()
