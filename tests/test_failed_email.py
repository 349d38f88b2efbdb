"""A failed email is never reported as sent (issue 13, item 13).

Each page that says whom it emailed is used as a person would, with a mail server that refuses some or all
messages (`failing_mail`). The change itself is kept; the page says which emails went, which could not be
sent and that the person should tell those people themselves; and what it claims matches `mail.outbox`."""

from __future__ import annotations

from typing import Any, cast

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from sarhub.briefings.models import Circulation
from sarhub.core.roles import Role
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.publication.models import PublicationProposal
from sarhub.referrals.models import ScopingRequest
from sarhub.reviews.models import AgencyRequest, AgencyRequestStatus
from sarhub.reviews.services import requests
from tests.builders import review_at, signed_off_review, written_briefing
from tests.factories import SAMPLE_PDF, AgencyFactory, MembershipFactory, PersonFactory, make_sample_referral
from tests.pages import Upload, banner, browse_as, fill, form_with, press, submit

pytestmark = pytest.mark.django_db

AMBULANCE = "Testshire Ambulance Service"


def _important(page: Any) -> bool:
    """Whether the page's message is shown as "Important" (a warning), not as "Success"."""
    title = BeautifulSoup(page.text, "html.parser").select_one(".govuk-notification-banner__title")
    return title is not None and title.get_text(strip=True) == "Important"


def _agency_with_lead(name: str, email: str) -> tuple[Agency, Person]:
    agency = cast(Agency, AgencyFactory(name=name))
    lead = cast(Person, PersonFactory(email=email))
    MembershipFactory(person=lead, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=agency)
    return agency, lead


def _hospital(personas: dict[str, Person]) -> Agency:
    return personas["agency_lead"].agencies[0]


def _sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_scoping_request_whose_email_fails_at_one_agency_says_so_and_names_it(personas, failing_mail):
    hospital = _hospital(personas)
    ambulance, ambulance_lead = _agency_with_lead(AMBULANCE, "ambulance.lead@testshire.example.org")
    referral = make_sample_referral()
    failing_mail.add(personas["agency_lead"].email)
    page = browse_as(personas["bu_manager"]).get(reverse("referrals:scoping-new", args=[referral.pk]))
    mail.outbox.clear()  # the referral's own emails

    done = press(page, "Send requests", agencies=[hospital, ambulance]).follow()

    assert ScopingRequest.objects.count() == 2  # the requests stand: nothing is lost because an email failed
    assert _sent_to() == [ambulance_lead.email]
    assert _important(done)
    assert banner(done).startswith(
        "The scoping request was sent to 1 safeguarding lead at 1 agency. The email to 1 safeguarding lead at "
        "Testshire Hospital Trust could not be sent: tell them yourself. Summaries are due on "
    )


def test_a_scoping_request_no_email_of_which_goes_never_says_sent(personas, failing_mail):
    hospital = _hospital(personas)
    ambulance, _ = _agency_with_lead(AMBULANCE, "ambulance.lead@testshire.example.org")
    referral = make_sample_referral()
    failing_mail.add("*")
    page = browse_as(personas["bu_manager"]).get(reverse("referrals:scoping-new", args=[referral.pk]))
    mail.outbox.clear()  # the referral's own emails

    done = press(page, "Send requests", agencies=[hospital, ambulance]).follow()

    assert ScopingRequest.objects.count() == 2 and mail.outbox == []
    assert "was sent to" not in banner(done)
    assert banner(done).startswith(
        "The scoping request could not be emailed to anyone. The email to 2 safeguarding leads at "
        f"{AMBULANCE} and Testshire Hospital Trust could not be sent: tell them yourself."
    )


def test_a_review_request_counts_only_the_leads_it_reached(personas, failing_mail):
    review = review_at(personas, pseudonym="Adult R")
    hospital = _hospital(personas)
    ambulance, first = _agency_with_lead(AMBULANCE, "ambulance.first@testshire.example.org")
    second = PersonFactory(email="ambulance.second@testshire.example.org")
    MembershipFactory(person=second, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=ambulance)
    failing_mail.add(second.email)
    page = browse_as(personas["reviewer"]).get(reverse("reviews:request-new", args=[review.pk]))
    mail.outbox.clear()

    done = press(page, "Send requests", kind="imr", agencies=[hospital, ambulance]).follow()

    assert AgencyRequest.objects.filter(kind="imr").count() == 2
    assert _sent_to() == sorted([first.email, personas["agency_lead"].email])
    assert _important(done)
    assert banner(done).startswith(
        "The individual management review (IMR) request was sent to 2 safeguarding leads at 2 agencies. The email "
        f"to 1 safeguarding lead at {AMBULANCE} could not be sent: tell them yourself. Answers are due by "
    )


def test_an_agency_answer_whose_emails_all_fail_tells_the_lead_to_let_the_team_know(personas, failing_mail):
    review = review_at(personas, pseudonym="Adult R")
    request = requests.request_information(personas["bu_manager"], review, [_hospital(personas)], "chronology")[0]
    lead = browse_as(personas["agency_lead"])
    add = lead.get(reverse("documents:add", args=["reviews.agencyrequest", request.pk]))
    press(add, "Upload", title="Chronology", file=Upload("chronology.pdf", SAMPLE_PDF, "application/pdf"))
    failing_mail.add("*")
    mail.outbox.clear()

    done = press(lead.get(reverse("reviews:request", args=[request.pk])), "Send to the review team").follow()

    request.refresh_from_db()
    assert request.status == AgencyRequestStatus.SUBMITTED and mail.outbox == []
    told = len(requests.review_team_emails(review))
    assert told >= 2  # the lead reviewer and the business unit
    assert banner(done) == (
        f"Thank you. It has been sent to the review team; the email to {told} people could not be sent, so tell "
        "them yourself."
    )


def test_an_appointment_whose_email_fails_is_not_reported_as_told(personas, failing_mail):
    review = review_at(personas, pseudonym="Adult R")
    panel = cast(Person, PersonFactory(email="panel.new@testshire.example.org", full_name="Fictional Panel Member"))
    MembershipFactory(person=panel, role=Role.PANEL_MEMBER)
    failing_mail.add(panel.email)
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:appoint", args=[review.pk]))

    done = press(page, "Appoint", role="panel_member", panel_member=panel.pk).follow()

    assert Membership.objects.filter(review=review, person=panel, role=Role.PANEL_MEMBER, ended_at=None).exists()
    assert _important(done) and "told by email" not in banner(done)
    assert banner(done) == (
        f"Fictional Panel Member has been appointed review panel member on {review.reference}, but the email to them "
        "could not be sent: tell them yourself."
    )


def test_a_proposal_whose_email_to_the_chair_fails_says_the_chair_has_not_been_emailed(personas, failing_mail):
    review = signed_off_review(personas)
    failing_mail.add(personas["chair"].email)
    page = browse_as(personas["bu_manager"]).get(reverse("publication:propose", args=[review.pk]))
    mail.outbox.clear()  # the review's own emails, on the way to being signed off
    form = fill(form_with(page, "Check and propose"), summary="Four agencies knew the adult.")
    form["form"] = "executive_summary"

    done = submit(form, "Check and propose").follow()

    assert PublicationProposal.objects.filter(review=review).exists() and mail.outbox == []
    assert _important(done) and "has been emailed" not in banner(done)
    assert banner(done).endswith(
        "The email to the independent chair could not be sent: tell them it is waiting for approval."
    )


def test_a_briefing_sent_to_agencies_names_where_its_email_failed(personas, failing_mail):
    review = signed_off_review(personas)
    briefing = written_briefing(personas, review)
    failing_mail.add(personas["agency_lead"].email)
    page = browse_as(personas["bu_manager"]).get(reverse("briefings:detail", args=[briefing.pk]))
    mail.outbox.clear()

    done = press(page, "Send version 1 to agency leads").follow()

    assert Circulation.objects.count() == 1 and mail.outbox == []
    assert _important(done)
    assert banner(done) == (
        "Version 1 could not be emailed to anyone. Not received at Testshire Council, Testshire ICB and Testshire "
        "Police: they have no current safeguarding lead. The email to 1 safeguarding lead at Testshire Hospital "
        "Trust could not be sent: tell them yourself."
    )
