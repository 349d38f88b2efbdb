"""Learning events through the pages: planning, inviting agency by agency, the reply link, who sees what."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.core import notify
from sarhub.events.models import EventInvitation, LearningEvent, Reply
from sarhub.partnership.models import Person
from sarhub.reviews.requests import request_information
from sarhub.reviews.services import appoint, set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _send_at_once(monkeypatch):
    monkeypatch.setattr(notify.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


@pytest.fixture
def review(personas):
    review = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult W"})
    appoint(personas["bu_manager"], review, personas["reviewer"], "lead_reviewer")
    return review


def _plan(client, review, **overrides):
    day = timezone.localdate() + timedelta(days=14)
    data = {
        "title": "Multi-agency learning event",
        "on": day.strftime("%d/%m/%Y"),
        "start": "09:30",
        "end": "12:30",
        "venue": "Room 4, Fictional Centre",
        "joining_details": "",
        "agenda": "",
        "ground_rules": "Learning, not blame.",
        **overrides,
    }
    return client.post(reverse("events:new", args=[review.pk]), data)


def _token(message) -> str:
    return message.body.split("/rsvp/")[1].split("/")[0]


def test_the_lead_reviewer_plans_an_event_and_bad_input_changes_nothing(personas, client_for, review):
    reviewer = client_for(personas["reviewer"])
    for overrides, message in [
        ({"on": "31/02/2027"}, "Enter a real date"),
        ({"start": "25:00"}, "24-hour time"),
        ({"end": "08:00"}, "must end after it starts"),
        ({"on": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")}, "must start in the future"),
        ({"venue": "", "joining_details": ""}, "Give a venue, online joining details, or both"),
        ({"ground_rules": ""}, "Write the ground rules"),
    ]:
        response = _plan(reviewer, review, **overrides)
        assert response.status_code == 200 and message in response.content.decode(), message
    assert not LearningEvent.objects.exists()
    response = _plan(reviewer, review)
    event = LearningEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events:detail", args=[event.pk])
    assert timezone.localtime(event.starts_at).strftime("%H:%M") == "09:30"
    listing = reviewer.get(reverse("events:for-review", args=[review.pk])).content.decode()
    assert "Multi-agency learning event" in listing and "Planned" in listing


def test_inviting_agency_by_agency_and_replying_through_the_emailed_link(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    _plan(manager, review)
    event = LearningEvent.objects.get()
    agency = personas["practitioner"].agencies[0]
    choose = manager.get(reverse("events:invite", args=[event.pk])).content.decode()
    assert agency.name in choose
    page = manager.get(reverse("events:invite", args=[event.pk]), {"agency": agency.pk}).content.decode()
    assert personas["practitioner"].full_name in page and personas["line_manager"].full_name in page
    empty = manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={agency.pk}", {"new_role": "practitioner"}
    )
    assert "Choose at least one person" in empty.content.decode()
    mail.outbox.clear()
    response = manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={agency.pk}",
        {"people": [personas["practitioner"].pk, personas["line_manager"].pk], "new_role": "practitioner"},
    )
    assert response.status_code == 302 and EventInvitation.objects.count() == 2
    assert len(mail.outbox) == 2 and all(len(m.to) == 1 for m in mail.outbox)
    assert all(SAMPLE_ADULT_NAME not in m.body for m in mail.outbox)
    token = _token(next(m for m in mail.outbox if m.to == [personas["practitioner"].email]))

    # Someone else signed in cannot use the link; the recipient can, once.
    other = client_for(personas["line_manager"])
    refused = other.get(reverse("events:reply", args=[token]))
    assert refused.status_code == 404 and "someone else" in refused.content.decode()
    practitioner = client_for(personas["practitioner"])
    page = practitioner.get(reverse("events:reply", args=[token])).content.decode()
    assert "Learning, not blame." in page  # the ground rules, shown before replying
    bad = practitioner.post(reverse("events:reply", args=[token]), {"answer": "nominated", "nominee_name": ""})
    assert "Give your colleague" in bad.content.decode()
    practitioner.post(reverse("events:reply", args=[token]), {"answer": "accepted"})
    assert EventInvitation.objects.get(email=personas["practitioner"].email).reply == Reply.ACCEPTED
    again = practitioner.post(reverse("events:reply", args=[token]), {"answer": "declined"})
    assert again.status_code == 404
    assert EventInvitation.objects.get(email=personas["practitioner"].email).reply == Reply.ACCEPTED

    # The invitee sees the event and their reply, never who else was invited.
    detail = practitioner.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Coming" in detail and personas["line_manager"].full_name not in detail
    team = manager.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert personas["line_manager"].full_name in team and personas["practitioner"].full_name in team


def test_an_agency_lead_nominates_from_their_agency_and_sees_only_their_nominees(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    _plan(manager, review)
    event = LearningEvent.objects.get()
    lead = client_for(personas["agency_lead"])
    assert lead.get(reverse("events:detail", args=[event.pk])).status_code == 404  # not involved yet
    hospital = personas["agency_lead"].agencies[0]
    request_information(personas["bu_manager"], review, [hospital], "chronology")
    manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={personas['practitioner'].agencies[0].pk}",
        {"people": [personas["practitioner"].pk], "new_role": "practitioner"},
    )
    nurse: Person = PersonFactory(email="ward.nurse@testshire.example.org", full_name="Ward Nurse Example")  # type: ignore[assignment]
    MembershipFactory(person=nurse, role="practitioner", agency=hospital)
    # The lead goes straight to their own agency; another agency's id is ignored.
    page = lead.get(reverse("events:invite", args=[event.pk]), {"agency": personas["practitioner"].agencies[0].pk})
    assert (
        "Ward Nurse Example" in page.content.decode()
        and personas["practitioner"].full_name not in page.content.decode()
    )
    lead.post(reverse("events:invite", args=[event.pk]), {"people": [nurse.pk], "new_role": "practitioner"})
    detail = lead.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Ward Nurse Example" in detail and personas["practitioner"].full_name not in detail


@pytest.mark.parametrize("persona", ["line_manager", "board_member", "chair", "subgroup_member", "no_roles"])
def test_people_outside_the_event_get_404(persona, personas, client_for, review):
    _plan(client_for(personas["bu_manager"]), review)
    event = LearningEvent.objects.get()
    client = client_for(personas[persona])
    for name in ("events:detail", "events:register", "events:sign-in-sheet", "events:invite", "events:edit"):
        assert client.get(reverse(name, args=[event.pk])).status_code in (403, 404), name


def test_the_register_and_the_sign_in_sheet(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    _plan(manager, review)
    event = LearningEvent.objects.get()
    manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={personas['practitioner'].agencies[0].pk}",
        {"people": [personas["practitioner"].pk], "new_role": "practitioner"},
    )
    sheet = manager.get(reverse("events:sign-in-sheet", args=[event.pk])).content.decode()
    assert personas["practitioner"].full_name in sheet and "Signature" in sheet
    invitation = EventInvitation.objects.get()
    early = manager.post(reverse("events:register", args=[event.pk]), {"present": [invitation.pk]})
    assert early.status_code == 400 and "from the day of the event" in early.content.decode()
    LearningEvent.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    bad = manager.post(reverse("events:register", args=[event.pk]), {"present": ["x"]})
    assert bad.status_code == 400
    manager.post(reverse("events:register", args=[event.pk]), {"present": [invitation.pk]})
    invitation.refresh_from_db()
    assert invitation.attended is True


def test_cancelling_tells_everyone_still_invited(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    _plan(manager, review)
    event = LearningEvent.objects.get()
    manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={personas['practitioner'].agencies[0].pk}",
        {"people": [personas["practitioner"].pk], "new_role": "practitioner"},
    )
    mail.outbox.clear()
    manager.post(reverse("events:cancel", args=[event.pk]))
    assert [m.to for m in mail.outbox] == [[personas["practitioner"].email]]
    assert "Cancelled" in mail.outbox[0].subject
    page = manager.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Cancelled" in page and "Invite people" not in page


def test_an_invitee_can_reply_from_the_event_page_once(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    _plan(manager, review)
    event = LearningEvent.objects.get()
    manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={personas['practitioner'].agencies[0].pk}",
        {"people": [personas["practitioner"].pk], "new_role": "practitioner"},
    )
    practitioner = client_for(personas["practitioner"])
    detail = practitioner.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Reply to the invitation" in detail
    practitioner.post(reverse("events:reply-here", args=[event.pk]), {"answer": "declined"})
    assert EventInvitation.objects.get().reply == Reply.DECLINED
    again = practitioner.post(reverse("events:reply-here", args=[event.pk]), {"answer": "accepted"}, follow=True)
    assert "already replied" in again.content.decode()
    assert EventInvitation.objects.get().reply == Reply.DECLINED
    assert client_for(personas["line_manager"]).get(reverse("events:reply-here", args=[event.pk])).status_code == 404


def test_reply_links_never_reach_the_log(personas, client_for, review, console_output):
    manager = client_for(personas["bu_manager"])
    _plan(manager, review)
    event = LearningEvent.objects.get()
    manager.post(
        reverse("events:invite", args=[event.pk]) + f"?agency={personas['practitioner'].agencies[0].pk}",
        {"people": [personas["practitioner"].pk], "new_role": "practitioner"},
    )
    token = _token(mail.outbox[-1])
    # A forwarded link (someone else signed in) is refused with a 404, which django.request logs with the path;
    # so is the link when signed out (the redirect to sign in carries it in "next").
    assert client_for(personas["line_manager"]).get(reverse("events:reply", args=[token])).status_code == 404
    signed_out = Client().get(reverse("events:reply", args=[token]))
    assert signed_out.status_code == 302
    logging.getLogger("django.server").info('"%s" %s %s', f"GET /rsvp/{token}/ HTTP/1.1", "200", "0")
    output = console_output.getvalue()
    assert "/rsvp/[redacted]" in output
    assert token not in output
