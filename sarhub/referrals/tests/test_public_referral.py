"""The public referral form (/refer/), as a family member or member of the public finds it: what it asks,
what it saves, who it tells, and what it refuses.

A person filling the form is a test that fetches the page and presses "Send referral" (tests/pages.py).
Raw posts remain only where the sender is deliberately hostile (a tampered value, another method), and
say so.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.partnership.models import Agency, Membership
from sarhub.referrals.models import Referral, Source, Status
from sarhub.taxonomy.models import AbuseType
from tests.factories import MembershipFactory, PersonFactory
from tests.pages import browse_as, error_summary, field_error, form_with, press

pytestmark = pytest.mark.django_db

FORM_URL = "/refer/"
RECEIVED_URL = "/refer/received/"
ADULT_NAME = "Canary Adult Zx4Wren"
WHAT_HAPPENED = "Canary account Pq8Lark of what happened."
REFERRER_EMAIL = "daughter@example.org"
REFERENCE = re.compile(r"^R-(\d{4})-(\d{5})$")
SEND = "Send referral"


def answers(**overrides: Any) -> dict[str, Any]:
    """What a daughter types into the form. A value of None leaves that question as the page served it."""
    values: dict[str, Any] = {
        "adult_name": ADULT_NAME,
        "adult_date_of_birth": "27/3/1948",
        "adult_date_of_death": "14/2/2026",
        "adult_address": "1 Imaginary Lane, Testshire",
        "adult_postcode": "s60 1ae",
        "adult_nhs_number": "943 476 5919",
        "what_happened": WHAT_HAPPENED,
        "happened_on": "3/1/2026",
        "working_together_concern": "The services did not share what they knew.",
        "family_knows": "yes",
        "referrer_name": "A Daughter",
        "referrer_relationship": "Daughter",
        "referrer_email": REFERRER_EMAIL,
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def send(app: Any = None, *, status: Any = None, **overrides: Any) -> Any:
    """Open the form and send it, as a person does."""
    page = (app or browse_as(None)).get(FORM_URL)
    return press(page, SEND, status=status, **answers(**overrides))


def _snapshot() -> tuple[int, int, int]:
    return (
        Referral.objects.count(),
        AuditEvent.objects.filter(action=Action.CREATE, object_type="referrals.referral").count(),
        len(mail.outbox),
    )


def _title(page: Any) -> str:
    return page.text.split("</title>")[0]


# --- What the form asks ---------------------------------------------------------------------------------


def test_the_form_is_public(personas):
    page = browse_as(None).get(FORM_URL)
    assert page.status_code == 200
    assert page.forms  # a form a person can fill
    assert 'name="website"' in page.text  # the honeypot, off-screen


def test_a_family_member_is_asked_in_plain_words_not_which_part_of_the_law_applies(personas):
    page = browse_as(None).get(FORM_URL)
    form = form_with(page, SEND)
    assert "criterion" not in form.fields
    assert "criterion_reasons" not in form.fields
    assert "Which part of the law" not in page.text
    assert "What happened to them?" in page.text
    assert "Why are you worried about how the services involved worked together?" in page.text
    assert "You do not need to know the law" in page.text
    # The kinds of harm and the services are "tick all that apply".
    assert page.text.count('name="abuse_types" type="checkbox"') == AbuseType.objects.active().count()
    assert page.text.count('name="agencies" type="checkbox"') == Agency.objects.filter(is_active=True).count()


def test_what_a_family_member_tells_us_waits_for_the_business_units_judgement(personas):
    send()
    referral = Referral.objects.get()
    assert referral.criterion == ""
    assert referral.criterion_reasons == ""
    assert referral.working_together_concern == "The services did not share what they knew."
    assert referral.needs_judgement
    page = browse_as(personas["bu_manager"]).get(reverse("referrals:detail", args=[referral.pk]))
    assert "Not asked: the referrer is a family member or member of the public" in page.text
    assert "Needed before a decision: the referrer was not asked which part of the law applies" in page.text


# --- A valid referral -------------------------------------------------------------------------------------


def test_a_valid_referral_is_saved_with_every_answer_ticked_and_confirmed_with_its_reference(personas):
    abuse = list(AbuseType.objects.active()[:3])
    council, police = Agency.objects.get(name="Testshire Council"), Agency.objects.get(name="Testshire Police")
    app = browse_as(None)
    response = send(app, abuse_types=abuse, agencies=[council, police])

    assert response.status_code == 302
    assert response["Location"] == RECEIVED_URL
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
    assert referral.adult_date_of_birth == date(1948, 3, 27)
    assert referral.adult_date_of_death == date(2026, 2, 14)
    assert referral.happened_on == date(2026, 1, 3)
    # Every box ticked is kept (a multiple choice drawn as radios kept only one).
    assert set(referral.abuse_types.all()) == set(abuse)
    assert set(referral.agencies.all()) == {council, police}
    assert referral.referrer_email == REFERRER_EMAIL
    assert referral.acknowledged_at is not None

    page = response.follow()
    assert page.status_code == 200
    assert referral.reference in page.text
    assert ADULT_NAME not in page.text
    assert "We have emailed you this reference number." in page.text
    assert "We will tell you the decision and the reasons." in page.text


def test_the_referrer_gets_one_acknowledgement_naming_the_reference_not_the_adult(personas):
    send()
    referral = Referral.objects.get()

    to_referrer = [m for m in mail.outbox if REFERRER_EMAIL in [*m.to, *m.cc, *m.bcc]]
    assert len(to_referrer) == 1
    message = to_referrer[0]
    assert message.to == [REFERRER_EMAIL]
    assert message.cc == [] and message.bcc == []
    assert referral.reference in message.subject
    assert referral.reference in message.body
    assert "We will tell you the decision and the reasons." in message.body  # true: we have their address
    for secret in (ADULT_NAME, WHAT_HAPPENED, "943 476 5919", "S60 1AE"):
        assert secret not in message.subject
        assert secret not in message.body


def test_the_business_unit_each_get_one_new_referral_email(personas):
    send()
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


def test_only_current_business_unit_members_are_told(personas):
    manager = personas["bu_manager"]
    coordinator = personas["bu_coordinator"]
    # The manager also coordinates: still one email. The coordinator's role has ended; a deactivated
    # business unit manager hears nothing either.
    MembershipFactory(person=manager, role=Role.BUSINESS_UNIT_COORDINATOR, agency=None)
    Membership.objects.filter(person=coordinator).update(ended_at=timezone.now())
    gone = PersonFactory(email="gone@testshire.example.org", is_active=False)
    MembershipFactory(person=gone, role=Role.BUSINESS_UNIT_MANAGER, agency=None)

    send(referrer_email="")
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_without_an_email_no_acknowledgement_is_sent_and_the_page_says_so(personas):
    response = send(referrer_email="")
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.acknowledged_at is None
    assert not [m for m in mail.outbox if m.subject.startswith("Referral received")]
    business_unit = {personas["bu_manager"].email, personas["bu_coordinator"].email}
    assert {m.to[0] for m in mail.outbox} == business_unit
    assert len(mail.outbox) == 2

    page = response.follow()
    assert "We have emailed you" not in page.text
    assert "you did not give an email address, so we have not emailed it to you" in page.text
    # No email and no phone: the page does not promise to tell them the decision.
    assert "We will tell you the decision" not in page.text
    assert "so we cannot tell you the decision" in page.text


def test_a_phone_number_alone_is_enough_to_be_told_the_decision(personas):
    response = send(referrer_email="", referrer_phone="01632 960002")
    page = response.follow()
    assert "We will tell you the decision and the reasons." in page.text
    assert "we have not emailed it to you" in page.text


def test_no_email_is_sent_before_the_transaction_commits(personas):
    """The emails go only once the referral is committed: while a surrounding transaction is still open,
    nothing has gone; when it commits, they go; a referral rolled back sends nothing."""
    with transaction.atomic():
        send()
        assert mail.outbox == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [REFERRER_EMAIL, personas["bu_manager"].email, personas["bu_coordinator"].email]
    )
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        send()
        raise RuntimeError("rolled back")
    assert mail.outbox == []


def test_the_adults_name_never_reaches_the_audit_log(personas, caplog):
    caplog.set_level(logging.DEBUG)
    send()
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


def test_a_failed_email_never_breaks_the_referrers_page_and_the_page_does_not_claim_it_went(
    personas, monkeypatch, caplog
):
    """The referral is saved and confirmed even if the mail server fails; the log names no address."""
    from django.core.mail import EmailMessage

    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down for someone@example.invalid")

    monkeypatch.setattr(EmailMessage, "send", fail)
    response = send(referrer_email="kin@example.invalid")
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.acknowledged_at is None
    assert "Email not sent" in caplog.text
    assert "example.invalid" not in caplog.text
    page = response.follow()
    assert "We could not email you this reference number. Please write it down." in page.text
    assert "We have emailed you" not in page.text


# --- Confirmation page ------------------------------------------------------------------------------------


def test_the_confirmation_page_without_a_reference_goes_back_to_the_form(personas):
    response = browse_as(None).get(RECEIVED_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:public-form")


def test_the_confirmation_is_shown_once(personas):
    app = browse_as(None)
    first = send(app).follow()
    assert first.status_code == 200 and Referral.objects.get().reference in first.text
    again = app.get(RECEIVED_URL)
    assert again.status_code == 302


# --- Spam and flooding ------------------------------------------------------------------------------------


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(personas):
    """An automated sender fills every field on the page, the off-screen one included."""
    before = _snapshot()
    response = send(website="https://spam.example.com", status=400)
    assert response.status_code == 400
    assert _snapshot() == before
    assert ADULT_NAME not in response.text


def test_a_filled_honeypot_is_refused_even_when_the_form_has_other_errors(personas):
    response = send(adult_name="", website="http://spam.example", status=400)
    assert response.status_code == 400
    assert Referral.objects.count() == 0


@override_settings(PUBLIC_REFERRALS_PER_HOUR=2)
def test_too_many_referrals_from_one_address_are_refused(personas):
    statuses = [send().status_code for _ in range(2)]
    assert statuses == [302, 302]
    before = _snapshot()
    assert before[0] == 2

    refused = [send(status=429) for _ in range(2)]
    assert [r.status_code for r in refused] == [429, 429]
    assert ADULT_NAME not in refused[0].text
    assert _snapshot() == before

    # Another address is not affected.
    elsewhere = browse_as(None)
    elsewhere.extra_environ["REMOTE_ADDR"] = "192.0.2.10"
    other = send(elsewhere)
    assert other.status_code == 302
    assert Referral.objects.count() == 3


@override_settings(PUBLIC_REFERRALS_PER_HOUR=2)
def test_corrections_do_not_count_towards_the_hourly_limit(personas):
    app = browse_as(None)
    page = send(app, adult_name="")
    for _ in range(4):  # mistakes, each shown and sent again from the page with the errors
        assert page.status_code == 200 and error_summary(page)
        page = press(page, SEND, adult_name="")
    assert press(page, SEND, adult_name=ADULT_NAME).status_code == 302
    assert send(app).status_code == 302
    assert send(app, status=429).status_code == 429
    assert Referral.objects.count() == 2


# --- Bad input: the error summary, and the error beside the field -------------------------------------------

TOMORROW = timezone.localdate() + timedelta(days=1)

BAD_INPUT: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    "empty required fields": (
        {
            "adult_name": "",
            "what_happened": "",
            "working_together_concern": "",
            "family_knows": None,  # left unanswered
            "referrer_name": "",
            "referrer_relationship": "",
        },
        {
            "adult_name": "Enter the adult's full name",
            "what_happened": "Tell us what happened to them",
            "working_together_concern": "Tell us why you are worried about how the services worked together",
            "family_knows": "Select whether the family knows you are asking for a review",
            "referrer_name": "Enter your name",
            "referrer_relationship": "Enter your relationship to the adult",
        },
    ),
    "death before birth": (
        {"adult_date_of_birth": "14/2/1990", "adult_date_of_death": "13/2/1990", "happened_on": ""},
        {"adult_date_of_death": "The date of death must be the same as or after the date of birth"},
    ),
    "bad NHS check digit": (
        {"adult_nhs_number": "943 476 5918"},
        {"adult_nhs_number": "Enter a valid 10-digit NHS number, like 943 476 5919, or leave it empty"},
    ),
    "bad postcode": (
        {"adult_postcode": "ABC"},
        {"adult_postcode": "Enter a full UK postcode, like S60 1AE, or leave it empty"},
    ),
    "what happened too long": (
        {"what_happened": "x" * 10_001},
        {"what_happened": "What happened must be 10,000 characters or fewer"},
    ),
    "bad email": (
        {"referrer_email": "not-an-email"},
        {"referrer_email": "Enter an email address in the correct format, like name@example.org"},
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUT), ids=list(BAD_INPUT))
def test_bad_input_changes_nothing_and_shows_each_error_in_the_summary_and_beside_its_field(personas, case):
    overrides, expected = BAD_INPUT[case]
    before = _snapshot()
    page = send(**overrides)
    assert page.status_code == 200
    summary = error_summary(page)
    for field, message in expected.items():
        assert message in summary, f"{message!r} missing from the error summary {summary}"
        assert field_error(page, field) == message
    assert _snapshot() == before
    assert "<title>Error: " in _title(page)
    # What the person typed is kept for them to correct.
    if overrides.get("adult_postcode"):
        assert form_with(page, SEND)["adult_postcode"].value == overrides["adult_postcode"]


# --- Dates: GOV.UK's date input and its error messages ----------------------------------------------------

DATE_ERRORS: dict[str, tuple[dict[str, Any], str, str, set[str]]] = {
    "missing month": (
        {"adult_date_of_birth": ["27", "", "1948"]},
        "adult_date_of_birth",
        "Date of birth must include a month",
        {"month"},
    ),
    "missing day and year": (
        {"adult_date_of_death": ["", "2", ""]},
        "adult_date_of_death",
        "Date of death must include a day and year",
        {"day", "year"},
    ),
    "not a real date": (
        {"adult_date_of_birth": ["31", "2", "1948"]},
        "adult_date_of_birth",
        "Date of birth must be a real date",
        {"day", "month", "year"},
    ),
    "a month that does not exist": (
        {"adult_date_of_birth": ["27", "13", "1948"]},
        "adult_date_of_birth",
        "Date of birth must be a real date",
        {"month"},
    ),
    "a two-figure year": (
        {"happened_on": ["3", "1", "26"]},
        "happened_on",
        "Year must include 4 numbers",
        {"year"},
    ),
    "date of birth in the future": (
        {"adult_date_of_birth": TOMORROW, "adult_date_of_death": "", "happened_on": ""},
        "adult_date_of_birth",
        "Date of birth must be in the past",
        {"day", "month", "year"},
    ),
    "date of death in the future": (
        {"adult_date_of_death": TOMORROW},
        "adult_date_of_death",
        "Date of death must be today or in the past",
        {"day", "month", "year"},
    ),
    "when it happened in the future": (
        {"happened_on": TOMORROW},
        "happened_on",
        "The date it happened must be today or in the past",
        {"day", "month", "year"},
    ),
}


@pytest.mark.parametrize("case", list(DATE_ERRORS), ids=list(DATE_ERRORS))
def test_each_date_is_three_boxes_with_govuk_errors(personas, case):
    overrides, field, message, marked = DATE_ERRORS[case]
    page = send(**overrides)
    assert page.status_code == 200
    assert message in error_summary(page)
    assert field_error(page, field) == message
    # Only the boxes at fault are marked, and the summary links to the first of them.
    boxes = {part for part in ("day", "month", "year") if f'id="id_{field}-{part}"' in page.text}
    assert boxes == {"day", "month", "year"}
    errored = {
        part
        for part in ("day", "month", "year")
        if re.search(rf'govuk-input--error"\s+id="id_{field}-{part}"', page.text)
    }
    assert errored == marked
    first = next(part for part in ("day", "month", "year") if part in marked)
    assert f'href="#id_{field}-{first}"' in page.text
    assert Referral.objects.count() == 0


def test_a_date_written_as_a_month_name_is_understood(personas):
    assert send(adult_date_of_birth=["27", "March", "1948"]).status_code == 302
    assert Referral.objects.get().adult_date_of_birth == date(1948, 3, 27)


# --- Choices the page offered that are no longer there ------------------------------------------------------


def test_a_kind_of_harm_retired_while_the_form_was_open_is_refused(personas):
    retired = AbuseType.objects.active().first()
    assert retired is not None
    page = browse_as(None).get(FORM_URL)
    AbuseType.objects.filter(pk=retired.pk).update(is_active=False)
    response = press(page, SEND, **answers(abuse_types=[retired]))
    assert response.status_code == 200
    assert "Select kinds of harm from the list" in error_summary(response)
    assert field_error(response, "abuse_types") == "Select kinds of harm from the list"
    assert Referral.objects.count() == 0


def test_a_tampered_kind_of_harm_is_refused(personas):
    """Hostile: a value the page never offered, posted directly."""
    response = Client().post(FORM_URL, answers(abuse_types=["999999"]))
    assert response.status_code == 200
    assert "Select kinds of harm from the list" in response.content.decode()
    assert Referral.objects.count() == 0


def test_the_form_refuses_other_methods(personas):
    """Hostile: a method no page uses."""
    assert Client().put(FORM_URL).status_code == 405
    assert Referral.objects.count() == 0
