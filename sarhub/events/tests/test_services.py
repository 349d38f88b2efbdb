"""Planning a learning event, inviting people with a calendar entry, their replies and reminders."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from sarhub.audit.models import AuditEvent
from sarhub.core.roles import Role
from sarhub.events import services
from sarhub.events.models import EventInvitation, EventStatus, LearningEvent, Reply
from sarhub.events.services import Invitee, ReplyRefused
from sarhub.events.tests.support import event_data, start
from sarhub.events.tests.support import token as token_in
from sarhub.partnership.models import Agency, Invitation, Person
from sarhub.reviews.models import Stage
from tests.builders import signed_off
from tests.factories import SAMPLE_ADULT_NAME, AgencyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    return event_data(**overrides)


def _practitioner(personas) -> Invitee:
    person = personas["practitioner"]
    return Invitee(person.full_name, person.email, person.agencies[0], "practitioner", person)


def _calendar(message) -> Calendar:
    name, content, mimetype = message.attachments[0]
    assert name == "learning-event.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_a_lead_reviewer_plans_an_event_and_bad_dates_are_refused(personas, review):
    with pytest.raises(ValidationError) as refused:
        services.plan_event(personas["reviewer"], review, _data(starts_at=timezone.now() - timedelta(days=1)), [])
    assert "must start in the future" in str(refused.value)
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="end after it starts"):
        services.plan_event(personas["reviewer"], review, _data(starts_at=start, ends_at=start), [])
    with pytest.raises(ValidationError, match="venue, online joining details"):
        services.plan_event(personas["reviewer"], review, _data(venue=""), [])
    with pytest.raises(PermissionDenied):
        services.plan_event(personas["chair"], review, _data(), [])
    assert not LearningEvent.objects.exists()
    event = services.plan_event(personas["reviewer"], review, _data(), [personas["reviewer"]])
    assert list(event.facilitators.all()) == [personas["reviewer"]]


def test_invitations_go_one_each_with_a_calendar_entry_and_no_real_names(personas, event):
    lead = personas["line_manager"]
    mail.outbox.clear()
    created = services.invite(
        personas["reviewer"],
        event,
        [_practitioner(personas), Invitee(lead.full_name, lead.email, lead.agencies[0], "line_manager", lead)],
    )
    assert len(created.invitations) == 2 and len(mail.outbox) == 2
    assert sorted(created.reached) == sorted([lead.full_name, personas["practitioner"].full_name])
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert event.review.reference in message.subject and "Adult W" in message.body
        assert SAMPLE_ADULT_NAME not in f"{message.subject} {message.body}"
        entry = _calendar(message).walk("VEVENT")[0]
        assert str(entry["uid"]) == f"{event.uid}@sarhub" and int(str(entry["sequence"])) == 0
        assert [str(a) for a in [entry["attendee"]]] == [f"mailto:{message.to[0]}"]
        assert "Adult W" in str(entry["summary"]) and SAMPLE_ADULT_NAME not in entry.to_ical().decode()
    # The token is stored hashed, never as sent.
    token = token_in(mail.outbox[0])
    assert not EventInvitation.objects.filter(token_hash=token).exists()


def test_a_duplicate_invitation_is_refused_and_changes_nothing(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    with pytest.raises(ValidationError, match="Already invited"):
        services.invite(personas["reviewer"], event, [_practitioner(personas)])
    assert EventInvitation.objects.count() == 1


def test_someone_without_an_account_is_invited_to_make_one(personas, event):
    agency = personas["practitioner"].agencies[0]
    mail.outbox.clear()
    services.invite(
        personas["bu_manager"],
        event,
        [Invitee("New Worker", "new.worker@testshire.example.org", agency, "practitioner")],
    )
    account = Invitation.objects.get(email="new.worker@testshire.example.org")
    assert account.roles == ["practitioner"] and account.agency == agency
    assert [m.to for m in mail.outbox] == [["new.worker@testshire.example.org"]] * 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects[0].startswith("Invitation: learning event for") and subjects[1].startswith(
        "Your invitation to SAR Hub"
    )


def test_an_agency_lead_nominates_only_from_their_own_agency(personas, event, review):
    lead = personas["agency_lead"]
    hospital = lead.agencies[0]
    from sarhub.reviews.services.requests import request_information

    with pytest.raises(PermissionDenied):  # the hospital is not involved in the review yet
        services.invite(
            lead, event, [Invitee("Nurse Example", "nurse@testshire.example.org", hospital, "practitioner")]
        )
    request_information(personas["bu_manager"], review, [hospital], "chronology")
    other = cast(Agency, AgencyFactory(name="Testshire Police"))
    with pytest.raises(ValidationError, match="your own agency"):
        services.invite(
            lead, event, [Invitee("Officer Example", "officer@testshire.example.org", other, "practitioner")]
        )
    created = services.invite(
        lead, event, [Invitee("Nurse Example", "nurse@testshire.example.org", hospital, "practitioner")]
    )
    assert created.invitations[0].invited_by == lead and created.invitations[0].agency == hospital


def test_a_reply_link_works_once_only_for_its_recipient_and_never_after_the_start(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    token = token_in(mail.outbox[-1])
    someone_else = personas["line_manager"]
    with pytest.raises(ReplyRefused, match="someone else"):
        services.reply(someone_else, token, Reply.ACCEPTED)
    invitation = EventInvitation.objects.get()
    assert invitation.reply == Reply.AWAITING
    services.reply(personas["practitioner"], token, Reply.ACCEPTED)
    invitation.refresh_from_db()
    assert invitation.reply == Reply.ACCEPTED and invitation.token_hash is None
    with pytest.raises(ReplyRefused, match="used already"):
        services.reply(personas["practitioner"], token, Reply.DECLINED)
    invitation.refresh_from_db()
    assert invitation.reply == Reply.ACCEPTED


def test_a_reply_after_the_event_has_started_is_refused(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    token = token_in(mail.outbox[-1])
    LearningEvent.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ReplyRefused, match="replies are closed"):
        services.reply(personas["practitioner"], token, Reply.ACCEPTED)
    assert EventInvitation.objects.get().reply == Reply.AWAITING


def test_nominating_a_colleague_invites_them_in_your_place(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    token = token_in(mail.outbox[-1])
    council = personas["practitioner"].agencies[0]
    colleague = cast(Person, PersonFactory(email="colleague@testshire.example.org", full_name="Colleague Example"))
    MembershipFactory(person=colleague, role=Role.PRACTITIONER, agency=council)
    police = cast(Person, PersonFactory(email="officer@testshire.example.org", full_name="Officer Example"))
    MembershipFactory(person=police, role=Role.PRACTITIONER, agency=AgencyFactory(name="Testshire Police"))
    mail.outbox.clear()
    # Someone with an account is chosen, never named by email; only a colleague at the same agency; never oneself.
    for nominee, message in [
        (Invitee("Colleague Example", colleague.email, council, "practitioner"), "already has an account"),
        (services.invitee_for(police, council), "from the list"),
        (services.invitee_for(personas["practitioner"], council), "not yourself"),
        (None, "Choose the colleague"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.reply(personas["practitioner"], token, Reply.NOMINATED, nominee)
    assert EventInvitation.objects.count() == 1 and mail.outbox == []
    replied = services.reply(personas["practitioner"], token, Reply.NOMINATED, services.invitee_for(colleague, council))
    nominated = EventInvitation.objects.get(email=colleague.email)
    assert replied.nominee == nominated and replied.sent.reached == ["Colleague Example"]
    assert (
        nominated.nominated_from is not None
        and nominated.nominated_from.reply == Reply.NOMINATED
        and nominated.person == colleague
    )
    assert [m.to for m in mail.outbox] == [[colleague.email]] and "nominated you" in mail.outbox[0].body


def test_a_reply_is_changed_until_the_event_starts_and_each_change_is_audited(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    practitioner = personas["practitioner"]
    first = services.reply(practitioner, token_in(mail.outbox[-1]), Reply.DECLINED)
    assert first.previous == Reply.AWAITING and not first.unchanged
    changed = services.reply_signed_in(practitioner, event, Reply.ACCEPTED)
    assert changed.previous == Reply.DECLINED and changed.invitation.reply == Reply.ACCEPTED
    assert services.reply_signed_in(practitioner, event, Reply.ACCEPTED).unchanged
    details = list(
        AuditEvent.objects.filter(object_type="events.eventinvitation", person=practitioner)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["declined", "reply changed from declined to accepted"]
    with pytest.raises(ReplyRefused, match="not been invited"):
        services.reply_signed_in(personas["line_manager"], event, Reply.ACCEPTED)
    start(event)
    with pytest.raises(ReplyRefused, match="replies are closed"):
        services.reply_signed_in(practitioner, event, Reply.DECLINED)
    assert EventInvitation.objects.get().reply == Reply.ACCEPTED


def test_facilitators_and_invitees_are_only_people_who_may_take_that_part(personas, review, event):
    with pytest.raises(ValidationError, match="Choose facilitators from the list"):
        services.plan_event(personas["reviewer"], review, _data(), [personas["reviewer"], personas["practitioner"]])
    with pytest.raises(ValidationError, match="Choose facilitators from the list"):
        services.update_event(personas["reviewer"], event, _data(), [personas["chair"]])
    assert list(event.facilitators.all()) == [personas["reviewer"]]
    hospital = personas["agency_lead"].agencies[0]
    # The hospital's safeguarding lead is not one of its practitioners or line managers.
    with pytest.raises(ValidationError, match="not a practitioner or line manager"):
        services.invite(personas["reviewer"], event, [services.invitee_for(personas["agency_lead"], hospital)])
    # Someone with an account is never invited by typing their email address.
    with pytest.raises(ValidationError, match="already has an account"):
        services.invite(
            personas["reviewer"],
            event,
            [
                Invitee(
                    "Anyone",
                    personas["practitioner"].email.upper(),
                    personas["practitioner"].agencies[0],
                    "practitioner",
                )
            ],
        )
    assert not EventInvitation.objects.exists()


def test_a_change_resends_the_calendar_entry_and_a_cancellation_cancels_it(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    mail.outbox.clear()
    later = event.starts_at + timedelta(days=1)
    services.update_event(
        personas["reviewer"], event, _data(starts_at=later, ends_at=later + timedelta(hours=2)), [personas["reviewer"]]
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Changed")
    entry = _calendar(mail.outbox[0]).walk("VEVENT")[0]
    assert int(str(entry["sequence"])) == 1
    mail.outbox.clear()
    services.cancel_event(personas["reviewer"], event)
    cancelled = _calendar(mail.outbox[0])
    assert str(cancelled["method"]) == "CANCEL" and int(str(cancelled.walk("VEVENT")[0]["sequence"])) == 2
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert not EventInvitation.objects.filter(token_hash__isnull=False).exists()
    with pytest.raises(ValidationError, match="cancelled"):
        services.invite(
            personas["reviewer"],
            event,
            [Invitee("A", "a@testshire.example.org", personas["practitioner"].agencies[0], "practitioner")],
        )


def test_reminders_go_once_a_day_with_a_fresh_link(personas, review):
    soon = timezone.now() + timedelta(days=3)
    event = services.plan_event(
        personas["reviewer"], review, _data(starts_at=soon, ends_at=soon + timedelta(hours=2)), []
    )
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    first = token_in(mail.outbox[-1])
    mail.outbox.clear()
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Reminder")
    fresh = token_in(mail.outbox[0])
    with pytest.raises(ReplyRefused):
        services.reply(personas["practitioner"], first, Reply.ACCEPTED)
    services.reply(personas["practitioner"], fresh, Reply.ACCEPTED)
    assert services.send_reminders(timezone.localdate() + timedelta(days=1)) == 0  # replied: no more


def test_the_register_is_kept_from_the_day(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    invitation = EventInvitation.objects.get()
    with pytest.raises(ValidationError, match="from the day of the event"):
        services.record_attendance(personas["reviewer"], event, {invitation.pk})
    LearningEvent.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    event.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.record_attendance(personas["agency_lead"], event, {invitation.pk})
    assert services.record_attendance(personas["reviewer"], event, {invitation.pk}) == 1
    invitation.refresh_from_db()
    assert invitation.attended is True


def test_a_complete_review_gets_no_new_event(personas, review):
    review = signed_off(personas, review)
    assert review.stage == Stage.COMPLETE
    with pytest.raises(ValidationError, match="complete"):
        services.plan_event(personas["bu_manager"], review, _data(), [])


def test_a_nominated_colleague_without_an_account_is_invited_to_make_one(personas, event):
    services.invite(personas["reviewer"], event, [_practitioner(personas)])
    token = token_in(mail.outbox[-1])
    mail.outbox.clear()
    services.reply(
        personas["practitioner"],
        token,
        Reply.NOMINATED,
        Invitee(
            "New Colleague", "new.colleague@testshire.example.org", personas["practitioner"].agencies[0], "practitioner"
        ),
    )
    account = Invitation.objects.get(email="new.colleague@testshire.example.org")
    assert account.roles == ["practitioner"] and account.agency == personas["practitioner"].agencies[0]
    assert sorted(m.to[0] for m in mail.outbox) == ["new.colleague@testshire.example.org"] * 2


def test_someone_from_another_agency_cannot_make_accounts_for_it(personas):
    from sarhub.partnership.services import invite_to_learning

    other = cast(Agency, AgencyFactory(name="Testshire Police"))
    with pytest.raises(PermissionDenied):
        invite_to_learning(
            personas["practitioner"], email="x@testshire.example.org", full_name="X", agency=other, role="practitioner"
        )
    with pytest.raises(ValidationError):
        invite_to_learning(
            personas["bu_manager"], email="x@testshire.example.org", full_name="X", agency=other, role="agency_lead"
        )
    assert not Invitation.objects.filter(email="x@testshire.example.org").exists()
