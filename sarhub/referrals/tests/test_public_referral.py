"""The public referral form (/refer/): what it saves, who it tells, and what it refuses."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency, Membership
from sarhub.partnership.roles import Role
from sarhub.referrals.models import Referral, Source, Status
from sarhub.taxonomy.models import AbuseType
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

FORM_URL = "/refer/"
RECEIVED_URL = "/refer/received/"
ADULT_NAME = "Canary Adult Zx4Wren"
WHAT_HAPPENED = "Canary account Pq8Lark of what happened."
REFERRER_EMAIL = "daughter@example.org"
REFERENCE = re.compile(r"^R-(\d{4})-(\d{5})$")


def valid_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "adult_name": ADULT_NAME,
        "adult_aliases": "",
        "adult_date_of_birth": "27/3/1948",
        "adult_date_of_death": "14/2/2026",
        "adult_address": "1 Imaginary Lane, Testshire",
        "adult_postcode": "s60 1ae",
        "adult_nhs_number": "943 476 5919",
        "what_happened": WHAT_HAPPENED,
        "happened_on": "3/1/2026",
        "happened_period": "",
        "working_together_concern": "The agencies did not share what they knew.",
        "criterion": "condition_1",
        "criterion_reasons": "She died and neglect is suspected.",
        "other_agencies": "",
        "family_knows": "yes",
        "referrer_name": "A Daughter",
        "referrer_relationship": "Daughter",
        "referrer_email": REFERRER_EMAIL,
        "referrer_phone": "",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _body(response: Any) -> str:
    return response.content.decode()


def _error_summary(response: Any) -> str:
    """The error summary's text, or "" when the page shows none."""
    body = _body(response)
    start = body.find('class="govuk-error-summary"')
    if start == -1:
        return ""
    end = body.find("</ul>", start)
    return body[start:end]


def _snapshot() -> tuple[int, int, int]:
    return (
        Referral.objects.count(),
        AuditEvent.objects.filter(action=Action.CREATE, object_type="referrals.referral").count(),
        len(mail.outbox),
    )


# --- A valid referral -------------------------------------------------------------------------------------


def test_the_form_is_public(personas):
    response = Client().get(FORM_URL)
    assert response.status_code == 200
    assert 'name="website"' in _body(response)


def test_a_valid_referral_is_saved_and_confirmed_with_its_reference(personas, django_capture_on_commit_callbacks):
    abuse = list(AbuseType.objects.active()[:2])
    agency = Agency.objects.get(name="Testshire Council")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, valid_data(abuse_types=[a.pk for a in abuse], agencies=[agency.pk]))

    assert response.status_code == 302
    assert response["Location"] == RECEIVED_URL
    assert Referral.objects.count() == 1
    referral = Referral.objects.get()
    match = REFERENCE.match(referral.reference)
    assert match, referral.reference
    assert int(match.group(1)) == timezone.localtime(referral.received_at).year
    assert int(match.group(2)) == referral.pk
    assert referral.source == Source.PUBLIC
    assert referral.status == Status.RECEIVED
    assert referral.referred_by is None
    assert referral.adult_name == ADULT_NAME
    # Normalised on the way in.
    assert referral.adult_postcode == "S60 1AE"
    assert referral.adult_nhs_number == "943 476 5919"
    assert referral.adult_date_of_birth is not None and referral.adult_date_of_birth.isoformat() == "1948-03-27"
    assert set(referral.abuse_types.all()) == set(abuse)
    assert list(referral.agencies.all()) == [agency]
    assert referral.referrer_email == REFERRER_EMAIL
    assert referral.acknowledged_at is not None

    page = client.get(RECEIVED_URL)
    assert page.status_code == 200
    assert referral.reference in _body(page)
    assert ADULT_NAME not in _body(page)


def test_the_referrer_gets_one_acknowledgement_naming_the_reference_not_the_adult(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORM_URL, valid_data())
    referral = Referral.objects.get()

    to_referrer = [m for m in mail.outbox if REFERRER_EMAIL in [*m.to, *m.cc, *m.bcc]]
    assert len(to_referrer) == 1
    message = to_referrer[0]
    assert message.to == [REFERRER_EMAIL]
    assert message.cc == [] and message.bcc == []
    assert referral.reference in message.subject
    assert referral.reference in message.body
    for secret in (ADULT_NAME, WHAT_HAPPENED, "943 476 5919", "S60 1AE"):
        assert secret not in message.subject
        assert secret not in message.body


def test_the_business_unit_each_get_one_new_referral_email(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORM_URL, valid_data())
    referral = Referral.objects.get()

    notices = [m for m in mail.outbox if m.subject.startswith("New referral")]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in notices)
    recipients = sorted(m.to[0] for m in notices)
    assert recipients == sorted([personas["bu_manager"].email, personas["bu_coordinator"].email])
    for message in notices:
        assert referral.reference in message.subject
        assert referral.reference in message.body
        assert reverse("referrals:detail", args=[referral.pk]) in message.body
        for secret in (ADULT_NAME, WHAT_HAPPENED, "943 476 5919", "S60 1AE", REFERRER_EMAIL, "A Daughter"):
            assert secret not in message.subject
            assert secret not in message.body
    # Nobody else hears of it: the acknowledgement plus the two notices.
    assert len(mail.outbox) == 3


def test_only_current_business_unit_members_are_told(personas, django_capture_on_commit_callbacks):
    manager = personas["bu_manager"]
    coordinator = personas["bu_coordinator"]
    # The manager also coordinates: still one email. The coordinator's role has ended; a deactivated
    # business unit manager hears nothing either.
    MembershipFactory(person=manager, role=Role.BUSINESS_UNIT_COORDINATOR, agency=None)
    Membership.objects.filter(person=coordinator).update(ended_at=timezone.now())
    gone = PersonFactory(email="gone@testshire.example.org", is_active=False)
    MembershipFactory(person=gone, role=Role.BUSINESS_UNIT_MANAGER, agency=None)

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORM_URL, valid_data(referrer_email=""))
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_without_an_email_no_acknowledgement_is_sent(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(FORM_URL, valid_data(referrer_email=""))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.acknowledged_at is None
    assert not [m for m in mail.outbox if m.subject.startswith("Referral received")]
    business_unit = {personas["bu_manager"].email, personas["bu_coordinator"].email}
    assert {m.to[0] for m in mail.outbox} == business_unit
    assert len(mail.outbox) == 2


def test_no_email_is_sent_before_the_transaction_commits(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Client().post(FORM_URL, valid_data())
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_the_adults_name_never_reaches_the_audit_log(personas, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORM_URL, valid_data())
    referral = Referral.objects.get()
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="referrals.referral", object_id=str(referral.pk)
    ).exists()
    for event in AuditEvent.objects.values():
        for field, value in event.items():
            if isinstance(value, str):
                for secret in (ADULT_NAME, WHAT_HAPPENED, REFERRER_EMAIL):
                    assert secret not in value, f"{secret!r} in audit {field}"
    # Nor the application's log.
    assert ADULT_NAME not in caplog.text
    assert WHAT_HAPPENED not in caplog.text


# --- Confirmation page ------------------------------------------------------------------------------------


def test_the_confirmation_page_without_a_reference_goes_back_to_the_form(personas):
    response = Client().get(RECEIVED_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:public-form")


# --- Spam and flooding ------------------------------------------------------------------------------------


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(personas, django_capture_on_commit_callbacks):
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(FORM_URL, valid_data(website="https://spam.example.com"))
    assert response.status_code == 400
    assert _snapshot() == before
    assert ADULT_NAME not in _body(response)


@override_settings(PUBLIC_REFERRALS_PER_HOUR=2)
def test_too_many_referrals_from_one_address_are_refused(personas, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [client.post(FORM_URL, valid_data()).status_code for _ in range(2)]
    assert statuses == [302, 302]
    before = _snapshot()
    assert before[0] == 2

    with django_capture_on_commit_callbacks(execute=True):
        refused = [Client().post(FORM_URL, valid_data()) for _ in range(2)]
    assert [r.status_code for r in refused] == [429, 429]
    assert ADULT_NAME not in _body(refused[0])
    assert _snapshot() == before

    # Another address is not affected.
    with django_capture_on_commit_callbacks(execute=True):
        other = Client(REMOTE_ADDR="192.0.2.10").post(FORM_URL, valid_data())
    assert other.status_code == 302
    assert Referral.objects.count() == 3


# --- Bad input --------------------------------------------------------------------------------------------

TOMORROW = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")

BAD_INPUT: dict[str, tuple[dict[str, Any], list[str]]] = {
    "empty required fields": (
        {
            "adult_name": "",
            "what_happened": "",
            "working_together_concern": "",
            "criterion": None,
            "criterion_reasons": "",
            "family_knows": None,
            "referrer_name": "",
            "referrer_relationship": "",
        },
        [
            "Enter the adult&#x27;s full name",
            "Describe what happened",
            "Say why you are concerned about how agencies worked together",
            "Select which part of the law you think applies",
            "Say why you think so",
            "Select whether the family knows about this referral",
            "Enter your name",
            "Enter your relationship to the adult",
        ],
    ),
    "death before birth": (
        {"adult_date_of_birth": "14/2/1990", "adult_date_of_death": "13/2/1990", "happened_on": ""},
        ["The date of death must be the same as or after the date of birth"],
    ),
    "future date of birth": (
        {"adult_date_of_birth": TOMORROW, "adult_date_of_death": "", "happened_on": ""},
        ["The date must be today or in the past"],
    ),
    "not a date": ({"adult_date_of_birth": "31/2/1948"}, ["Enter a real date, like 27/3/1948"]),
    "bad NHS check digit": ({"adult_nhs_number": "943 476 5918"}, ["Enter a valid 10-digit NHS number"]),
    "bad postcode": ({"adult_postcode": "ABC"}, ["Enter a full UK postcode"]),
    "what happened too long": ({"what_happened": "x" * 10_001}, ["What happened must be 10,000 characters or fewer"]),
    "unknown abuse type": ({"abuse_types": ["999999"]}, ["Select kinds of abuse or neglect from the list"]),
    "bad email": ({"referrer_email": "not-an-email"}, ["Enter an email address in the correct format"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUT), ids=list(BAD_INPUT))
def test_bad_input_changes_nothing_and_shows_the_error_summary(personas, django_capture_on_commit_callbacks, case):
    overrides, messages = BAD_INPUT[case]
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(FORM_URL, valid_data(**overrides))
    assert response.status_code == 200
    summary = _error_summary(response)
    assert "There is a problem" in summary
    for message in messages:
        assert message in summary, f"{message!r} missing from the error summary"
    assert _snapshot() == before
    assert "(error)" in _body(response).split("</title>")[0]


def test_an_inactive_abuse_type_cannot_be_chosen(personas):
    retired = AbuseType.objects.active().first()
    assert retired is not None
    AbuseType.objects.filter(pk=retired.pk).update(is_active=False)
    response = Client().post(FORM_URL, valid_data(abuse_types=[retired.pk]))
    assert response.status_code == 200
    assert "Select kinds of abuse or neglect from the list" in _error_summary(response)
    assert Referral.objects.count() == 0


def test_the_form_refuses_other_methods(personas):
    assert Client().put(FORM_URL).status_code == 405
    assert Referral.objects.count() == 0


@pytest.mark.django_db
def test_a_failed_email_never_breaks_the_referrers_page(
    client, personas, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    """The referral is saved and confirmed even if the mail server fails; the log names no address."""
    from django.core.mail import EmailMessage

    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down for someone@example.invalid")

    monkeypatch.setattr(EmailMessage, "send", fail)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("referrals:public-form"), valid_data(referrer_email="kin@example.invalid"))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.acknowledged_at is None
    assert "Email not sent" in caplog.text
    assert "example.invalid" not in caplog.text


@pytest.mark.django_db
@override_settings(PUBLIC_REFERRALS_PER_HOUR=2)
def test_corrections_do_not_count_towards_the_hourly_limit(client, personas):
    url = reverse("referrals:public-form")
    for _ in range(5):  # mistakes, corrected
        assert client.post(url, valid_data(adult_name="")).status_code == 200
    assert client.post(url, valid_data()).status_code == 302
    assert client.post(url, valid_data()).status_code == 302
    assert client.post(url, valid_data()).status_code == 429
    assert Referral.objects.count() == 2


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused_even_when_the_form_has_other_errors(client, personas):
    response = client.post(reverse("referrals:public-form"), valid_data(adult_name="", website="http://spam.example"))
    assert response.status_code == 400
    assert Referral.objects.count() == 0


@pytest.mark.django_db
def test_the_confirmation_is_shown_once(client, personas):
    client.post(reverse("referrals:public-form"), valid_data())
    first = client.get(reverse("referrals:public-received"))
    assert first.status_code == 200 and Referral.objects.get().reference in first.content.decode()
    again = client.get(reverse("referrals:public-received"))
    assert again.status_code == 302
