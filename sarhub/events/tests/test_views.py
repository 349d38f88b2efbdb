"""Learning events through the pages, as people use them: planning, inviting agency by agency, replying
(and changing a reply), the register, cancelling, who sees what."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import AuditEvent
from sarhub.core.roles import Role
from sarhub.events.models import EventInvitation, LearningEvent, Reply
from sarhub.events.tests.support import invite, start, token
from sarhub.partnership.models import Invitation
from sarhub.reviews.services.requests import request_information
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() + timedelta(days=14)
PLAN: dict[str, Any] = {
    "title": "Multi-agency learning event",
    "on": DAY,
    "start": "9.30am",
    "end": "12:30",
    "where": ["venue"],
    "venue": "Room 4, Fictional Centre",
    "ground_rules": "Learning, not blame.",
}


def _checkbox_values(page, name: str) -> set[str]:
    """The values of the checkboxes a page offers for a question."""
    form = next(f for f in page.forms.values() if name in f.fields)
    return {str(field._value) for field in form.fields[name]}


def _options(page, button: str, name: str) -> set[str]:
    """The people (or things) a select offers, without its empty "Choose…"."""
    return {str(option) for option, _, _ in form_with(page, button).fields[name][0].options} - {""}


# --- Planning ------------------------------------------------------------------------------------------


def test_planning_refuses_each_mistake_beside_its_question_and_saves_nothing(personas, review):
    page = browse_as(personas["reviewer"]).get(reverse("events:new", args=[review.pk]))
    mistakes: list[tuple[dict[str, Any], str, str]] = [
        ({"on": "31/2/2027"}, "on", "Date must be a real date"),
        ({"start": "25:00"}, "start", "Enter the start time as a time"),
        ({"end": "8am"}, "end", "The event must end after it starts"),
        ({"on": timezone.localdate() - timedelta(days=1)}, "on", "The event must start in the future"),
        ({"where": [], "venue": ""}, "where", "Select where the event takes place"),
        ({"where": ["venue", "online"]}, "joining_details", "Enter the online joining details"),
        ({"ground_rules": ""}, "ground_rules", "Write the ground rules"),
    ]
    for changes, field, message in mistakes:
        refused = press(page, "Plan the event", **{**PLAN, **changes})
        assert refused.status_code == 200, field
        assert field_error(refused, field).startswith(message), (field, field_error(refused, field))
        assert any(line.startswith(message) for line in error_summary(refused)), error_summary(refused)
        assert refused.html.title and text_of(refused.html.title).startswith("Error:")
    assert not LearningEvent.objects.exists()


def test_an_event_is_planned_with_several_facilitators_at_a_venue_and_online(personas, review):
    page = browse_as(personas["reviewer"]).get(reverse("events:new", args=[review.pk]))
    # Facilitators are chosen from who may facilitate: the review's lead reviewer and the business unit.
    offered = _checkbox_values(page, "facilitators")
    assert {str(personas[k].pk) for k in ("reviewer", "bu_manager", "bu_coordinator")} <= offered
    assert not {str(personas[k].pk) for k in ("practitioner", "agency_lead", "chair", "board_member")} & offered
    done = press(
        page,
        "Plan the event",
        **{
            **PLAN,
            "where": ["venue", "online"],
            "joining_details": "Fictional meeting link",
            "facilitators": [personas["reviewer"], personas["bu_coordinator"]],
        },
    )
    event = LearningEvent.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("events:detail", args=[event.pk])
    assert banner(done.follow()) == "The learning event has been planned. Now invite the practitioners."
    assert set(event.facilitators.all()) == {personas["reviewer"], personas["bu_coordinator"]}
    assert timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M") == DAY.strftime("%d/%m/%Y 09:30")
    assert (event.venue, event.joining_details) == ("Room 4, Fictional Centre", "Fictional meeting link")
    detail = done.follow()
    assert personas["bu_coordinator"].full_name in detail and "Fictional meeting link" in detail
    listing = browse_as(personas["reviewer"]).get(reverse("events:for-review", args=[review.pk]))
    assert "Multi-agency learning event" in listing and "Planned" in listing


def test_without_javascript_the_venue_written_says_where_it_is(personas, review):
    # Every question is shown when the reveals cannot run: a venue written with nothing ticked is understood.
    page = browse_as(personas["bu_manager"]).get(reverse("events:new", args=[review.pk]))
    press(page, "Plan the event", **{**PLAN, "where": []}).follow()
    assert LearningEvent.objects.get().venue == "Room 4, Fictional Centre"


def test_changing_an_event_says_what_changed_and_who_was_told(personas, event, make_person):
    invite(personas["reviewer"], event, personas["practitioner"])
    browser = browse_as(personas["reviewer"])
    page = browser.get(reverse("events:edit", args=[event.pk]))
    form = form_with(page, "Save changes")
    assert form["venue"].value == "Room 2, Fictional House" and form["start"].value
    mail.outbox.clear()

    # The agenda only: nobody needs new details.
    done = press(page, "Save changes", agenda="Welcome; themes.").follow()
    assert banner(done) == "The learning event has been changed: the agenda."
    assert mail.outbox == []

    # Now online instead (the venue left in the hidden question is dropped), two facilitators: the one
    # person still invited gets the new details.
    page = browser.get(reverse("events:edit", args=[event.pk]))
    done = press(
        page,
        "Save changes",
        where=["online"],
        joining_details="Fictional meeting link",
        facilitators=[personas["reviewer"], personas["bu_manager"]],
    ).follow()
    assert banner(done) == (
        "The learning event has been changed: the venue, the online joining details and the facilitators. "
        "The new details have been sent to 1 person still invited."
    )
    event.refresh_from_db()
    assert (event.venue, event.joining_details) == ("", "Fictional meeting link")
    assert set(event.facilitators.all()) == {personas["reviewer"], personas["bu_manager"]}
    assert [m.to for m in mail.outbox] == [[personas["practitioner"].email]]
    assert mail.outbox[0].subject.startswith("Changed")

    # The same answers again change nothing, and say so.
    again = press(browser.get(reverse("events:edit", args=[event.pk])), "Save changes").follow()
    assert banner(again) == "Nothing was changed: the answers were the same as before."


# --- Inviting --------------------------------------------------------------------------------------------


def test_inviting_several_people_at_once_sends_one_email_each(personas, event, make_person):
    council = personas["practitioner"].agencies[0]
    hospital_nurse = make_person("Ward Nurse Example", personas["agency_lead"].agencies[0])
    council_lead = make_person("Council Lead Example", council, Role.AGENCY_SAFEGUARDING_LEAD)
    browser = browse_as(personas["reviewer"])
    choose = browser.get(reverse("events:detail", args=[event.pk])).click("Invite people")
    page = press(choose, "Continue", agency=council.pk)
    # Only the agency's practitioners and line managers are offered: not its lead, nor another agency's nurse.
    offered = _checkbox_values(page, "people")
    assert offered == {str(personas["practitioner"].pk), str(personas["line_manager"].pk)}
    assert str(hospital_nurse.pk) not in offered and str(council_lead.pk) not in offered

    empty = press(page, "Send invitations")
    assert field_error(empty, "people") == "Select at least one person, or invite someone who does not have an account"
    assert error_summary(empty) == [field_error(empty, "people")]

    mail.outbox.clear()
    done = press(page, "Send invitations", people=[personas["practitioner"], personas["line_manager"]]).follow()
    assert banner(done) == (
        f"Invitations sent to 2 people from {council.name}: Persona line_manager and Persona practitioner."
    )
    assert set(EventInvitation.objects.values_list("person", "role")) == {
        (personas["practitioner"].pk, Role.PRACTITIONER),
        (personas["line_manager"].pk, Role.LINE_MANAGER),
    }
    assert sorted(m.to for m in mail.outbox) == sorted(
        [[personas["practitioner"].email], [personas["line_manager"].email]]
    )
    assert all(SAMPLE_ADULT_NAME not in m.body and "Adult W" in m.body for m in mail.outbox)
    table = done.html.find("table")
    assert "Persona practitioner" in text_of(table) and "Persona line_manager" in text_of(table)

    # Everyone at the council with an account is invited now: only someone without one can be.
    page = press(browser.get(reverse("events:invite", args=[event.pk])), "Continue", agency=council.pk)
    assert "people" not in form_with(page, "Send invitations").fields
    assert "has been invited already" in page


def test_an_email_that_could_not_be_sent_is_said_so(personas, event, monkeypatch):
    from sarhub.events import services

    real = services.send_one
    monkeypatch.setattr(
        services, "send_one", lambda **kwargs: kwargs["to"] != personas["line_manager"].email and real(**kwargs)
    )
    council = personas["practitioner"].agencies[0]
    page = press(
        browse_as(personas["reviewer"]).get(reverse("events:invite", args=[event.pk])), "Continue", agency=council.pk
    )
    done = press(page, "Send invitations", people=[personas["practitioner"], personas["line_manager"]]).follow()
    assert banner(done) == (
        f"2 people invited from {council.name}: Persona line_manager and Persona practitioner. "
        "Invitations sent to Persona practitioner. "
        "The email to Persona line_manager could not be sent: please let them know yourself."
    )


def test_someone_without_an_account_is_invited_by_email_and_no_one_else_is(personas, event):
    council = personas["practitioner"].agencies[0]
    browser = browse_as(personas["bu_manager"])
    page = press(browser.get(reverse("events:invite", args=[event.pk])), "Continue", agency=council.pk)

    missing = press(page, "Send invitations", someone_new=True, new_email="new.worker@testshire.example.org")
    assert field_error(missing, "new_name") == "Enter their full name"
    # Someone with an account is chosen from the list, never typed by their email address.
    typed = press(
        page, "Send invitations", someone_new=True, new_name="Anyone", new_email=personas["agency_lead"].email
    )
    assert field_error(typed, "new_email").startswith("Someone with this email address already has an account")
    assert not EventInvitation.objects.exists()

    mail.outbox.clear()
    done = press(
        page,
        "Send invitations",
        people=[personas["practitioner"]],
        someone_new=True,
        new_name="New Worker",
        new_email="new.worker@testshire.example.org",
        new_role="line_manager",
    ).follow()
    assert banner(done) == (
        f"Invitations sent to 2 people from {council.name}: Persona practitioner and New Worker. "
        "New Worker does not have an account yet and has also been invited to make one."
    )
    account = Invitation.objects.get(email="new.worker@testshire.example.org")
    assert account.roles == ["line_manager"] and account.agency == council
    subjects = sorted(m.subject for m in mail.outbox if m.to == ["new.worker@testshire.example.org"])
    assert len(subjects) == 2
    assert subjects[0].startswith("Invitation: learning event") and subjects[1].startswith("Your invitation to SAR Hub")


def test_an_agency_lead_nominates_several_from_their_own_agency_and_sees_only_their_nominees(
    personas, event, make_person
):
    lead = personas["agency_lead"]
    browser = browse_as(lead)
    assert browser.get(reverse("events:detail", args=[event.pk]), status=404)  # not involved in the review yet
    hospital = lead.agencies[0]
    request_information(personas["bu_manager"], event.review, [hospital], "chronology")
    invite(personas["reviewer"], event, personas["practitioner"])
    nurse = make_person("Ward Nurse Example", hospital)
    sister = make_person("Ward Sister Example", hospital, Role.LINE_MANAGER)
    # The lead goes straight to their own agency; another agency's id is ignored.
    page = browser.get(reverse("events:invite", args=[event.pk]), {"agency": personas["practitioner"].agencies[0].pk})
    assert _checkbox_values(page, "people") == {str(nurse.pk), str(sister.pk)}
    done = press(page, "Send invitations", people=[nurse, sister]).follow()
    assert banner(done) == (
        f"Invitations sent to 2 people from {hospital.name}: Ward Nurse Example and Ward Sister Example."
    )
    assert EventInvitation.objects.get(person=sister).role == Role.LINE_MANAGER
    assert "Ward Nurse Example" in done and "Ward Sister Example" in done
    assert personas["practitioner"].full_name not in done


def test_a_tampered_invitation_naming_another_agencys_staff_is_refused_and_nothing_recorded(
    personas, event, make_person
):
    """Issue 13, item 14: an agency lead invites only their own agency's staff, whatever the post says."""
    lead = personas["agency_lead"]
    hospital = lead.agencies[0]
    request_information(personas["bu_manager"], event.review, [hospital], "chronology")
    nurse = make_person("Ward Nurse Example", hospital)
    council_worker = personas["practitioner"]  # another agency's practitioner
    browser = browse_as(lead)
    page = browser.get(reverse("events:invite", args=[event.pk]))
    assert str(council_worker.pk) not in _checkbox_values(page, "people")
    form = form_with(page, "Send invitations")
    # Hostile: the other agency's person's id added to the post by hand (the page never offers it).
    fields = [(k, v) for k, v in form.submit_fields() if k != "people"]
    action = form.action or page.request.path_qs
    refused = browser.post(
        action, [*fields, ("people", str(nurse.pk)), ("people", str(council_worker.pk))], expect_errors=True
    )
    # The form refuses a person it does not offer: the page again, with the error, and nothing sent.
    assert refused.status_code == 200
    assert error_summary(refused)
    assert (
        not EventInvitation.objects.filter(event=event)
        .exclude(person=None)
        .filter(person__in=[nurse, council_worker])
        .exists()
    )


@pytest.mark.parametrize("persona", ["line_manager", "board_member", "chair", "subgroup_member", "no_roles"])
def test_people_outside_the_event_get_404(persona, personas, event):
    browser = browse_as(personas[persona])
    for name in ("events:detail", "events:register", "events:sign-in-sheet", "events:invite", "events:edit"):
        browser.get(reverse(name, args=[event.pk]), status=404)


# --- Replies ---------------------------------------------------------------------------------------------


def test_replying_through_the_emailed_link_works_once_for_its_recipient(personas, event, make_person):
    make_person("Colleague Example", personas["practitioner"].agencies[0])
    invite(personas["reviewer"], event, personas["practitioner"], personas["line_manager"])
    link = reverse(
        "events:reply", args=[token(next(m for m in mail.outbox if m.to == [personas["practitioner"].email]))]
    )

    refused = browse_as(personas["line_manager"]).get(link, status=404)
    assert "someone else" in refused
    practitioner = browse_as(personas["practitioner"])
    page = practitioner.get(link)
    assert "Learning, not blame." in page  # the ground rules, shown before replying
    nothing = press(page, "Send reply")
    assert field_error(nothing, "answer") == "Select whether you can come"
    unnamed = press(page, "Send reply", answer="nominated")
    assert field_error(unnamed, "nominee") == "Choose the colleague you nominate"
    done = press(page, "Send reply", answer="accepted").follow()
    assert banner(done) == "Thank you. Your reply has been recorded: you are coming."
    assert EventInvitation.objects.get(person=personas["practitioner"]).reply == Reply.ACCEPTED
    assert "used already" in practitioner.get(link, status=404)

    # The invitee sees the event and their reply, never who else was invited; the team sees everyone's.
    detail = practitioner.get(reverse("events:detail", args=[event.pk]))
    assert "Coming" in detail and personas["line_manager"].full_name not in detail
    team = browse_as(personas["reviewer"]).get(reverse("events:detail", args=[event.pk]))
    assert personas["line_manager"].full_name in team and personas["practitioner"].full_name in team


def test_a_colleague_is_nominated_from_the_agency_list_or_by_email_without_an_account(personas, event, make_person):
    council = personas["practitioner"].agencies[0]
    colleague = make_person("Colleague Example", council)
    make_person("Council Lead Example", council, Role.AGENCY_SAFEGUARDING_LEAD)
    invite(personas["reviewer"], event, personas["practitioner"], personas["line_manager"])
    link = reverse(
        "events:reply", args=[token(next(m for m in mail.outbox if m.to == [personas["practitioner"].email]))]
    )
    page = browse_as(personas["practitioner"]).get(link)
    # Searchable, and only colleagues who may take part and are not invited yet (not the line manager, not the
    # agency's lead, not the practitioner themselves).
    assert 'data-module="sarhub-autocomplete"' in str(form_with(page, "Send reply").html.find("select"))
    assert _options(page, "Send reply", "nominee") == {str(colleague.pk)}

    existing = press(
        page, "Send reply", answer="nominated_new", nominee_name="Someone", nominee_email=personas["agency_lead"].email
    )
    assert field_error(existing, "nominee_email").startswith("Your colleague already has an account")
    mail.outbox.clear()
    done = press(page, "Send reply", answer="nominated", nominee=colleague.pk).follow()
    assert banner(done) == (
        "Thank you. Your reply has been recorded: you have nominated a colleague. "
        "Colleague Example has been sent an invitation."
    )
    nominated = EventInvitation.objects.get(person=colleague)
    assert nominated.nominated_from is not None and nominated.nominated_from.person == personas["practitioner"]
    assert [m.to for m in mail.outbox] == [[colleague.email]] and "nominated you" in mail.outbox[0].body

    # The line manager nominates someone with no account yet: they are asked to make one.
    page = browse_as(personas["line_manager"]).get(reverse("events:reply-here", args=[event.pk]))
    done = press(
        page,
        "Send reply",
        answer="nominated_new",
        nominee_name="New Colleague",
        nominee_email="new.colleague@testshire.example.org",
    ).follow()
    assert "New Colleague has been sent an invitation. They are asked to make an account first." in banner(done)
    account = Invitation.objects.get(email="new.colleague@testshire.example.org")
    assert account.roles == [Role.LINE_MANAGER] and account.agency == council


def test_an_invitee_changes_their_reply_from_the_event_page_until_it_starts(personas, event):
    invite(personas["reviewer"], event, personas["practitioner"])
    browser = browse_as(personas["practitioner"])
    detail = browser.get(reverse("events:detail", args=[event.pk]))
    first = press(detail.click("Reply to the invitation"), "Send reply", answer="accepted").follow()
    assert banner(first) == "Thank you. Your reply has been recorded: you are coming."

    page = first.click("Change your reply")
    assert form_with(page, "Change reply")["answer"].value == "accepted"  # the current answer, ready to change
    changed = press(page, "Change reply", answer="declined").follow()
    assert banner(changed) == (
        "Your reply has been changed: you are not coming (before, you are coming). The event's team can see it."
    )
    invitation = EventInvitation.objects.get()
    assert invitation.reply == Reply.DECLINED
    assert AuditEvent.objects.filter(
        object_type="events.eventinvitation",
        object_id=str(invitation.pk),
        detail="reply changed from accepted to declined",
        person=personas["practitioner"],
    ).exists()
    team = browse_as(personas["reviewer"]).get(reverse("events:detail", args=[event.pk]))
    assert "Not coming" in text_of(team.html.find("table"))

    same = press(changed.click("Change your reply"), "Change reply", answer="declined").follow()
    assert banner(same) == "Your reply is unchanged: you are not coming."

    # Once the event has started, replies are closed.
    start(event)
    detail = browser.get(reverse("events:detail", args=[event.pk]))
    assert "Change your reply" not in detail
    closed = browser.get(reverse("events:reply-here", args=[event.pk])).follow()
    assert error_summary(closed) == ["The event has started, so replies are closed"]
    browse_as(personas["line_manager"]).get(reverse("events:reply-here", args=[event.pk]), status=404)


def test_reply_links_never_reach_the_log(personas, event, console_output):
    invite(personas["reviewer"], event, personas["practitioner"])
    link_token = token(mail.outbox[-1])
    # A forwarded link (someone else signed in) is refused with a 404, which django.request logs with the path;
    # so is the link when signed out (the redirect to sign in carries it in "next").
    browse_as(personas["line_manager"]).get(reverse("events:reply", args=[link_token]), status=404)
    assert Client().get(reverse("events:reply", args=[link_token])).status_code == 302
    logging.getLogger("django.server").info('"%s" %s %s', f"GET /rsvp/{link_token}/ HTTP/1.1", "200", "0")
    output = console_output.getvalue()
    assert "/rsvp/[redacted]" in output
    assert link_token not in output


# --- The day ---------------------------------------------------------------------------------------------


def test_the_register_ticks_several_and_the_sign_in_sheet_lists_who_is_expected(
    personas, client_for, event, make_person
):
    third = make_person("Third Practitioner", personas["practitioner"].agencies[0])
    invite(personas["reviewer"], event, personas["practitioner"], personas["line_manager"], third)
    browser = browse_as(personas["reviewer"])
    sheet = browser.get(reverse("events:sign-in-sheet", args=[event.pk]))
    assert personas["practitioner"].full_name in sheet and "Signature" in sheet
    practitioner, line_manager, other = (
        EventInvitation.objects.get(person=p) for p in (personas["practitioner"], personas["line_manager"], third)
    )

    early = press(browser.get(reverse("events:register", args=[event.pk])), "Save the register", present=[practitioner])
    assert error_summary(early) == ["The register can be kept from the day of the event"]
    start(event)
    page = browser.get(reverse("events:detail", args=[event.pk])).click("Keep the register")
    done = press(page, "Save the register", present=[practitioner, line_manager]).follow()
    assert banner(done) == "The register has been saved: 2 attended, 1 did not."
    assert {i.pk: i.attended for i in EventInvitation.objects.all()} == {
        practitioner.pk: True,
        line_manager.pk: True,
        other.pk: False,
    }
    # The register shows what was recorded, ready to correct.
    again = form_with(browser.get(reverse("events:register", args=[event.pk])), "Save the register")
    assert {f._value for f in again.fields["present"] if f.checked} == {str(practitioner.pk), str(line_manager.pk)}

    # Hostile (a raw post, not the page): a value the page never offered is refused, and nothing changes.
    response = client_for(personas["reviewer"]).post(reverse("events:register", args=[event.pk]), {"present": ["x"]})
    assert response.status_code == 200 and "Select people from the list" in response.content.decode()
    assert EventInvitation.objects.filter(attended=True).count() == 2


def test_cancelling_tells_everyone_still_invited_and_says_how_many(personas, event):
    invite(personas["reviewer"], event, personas["practitioner"], personas["line_manager"])
    page = browse_as(personas["line_manager"]).get(reverse("events:reply-here", args=[event.pk]))
    press(page, "Send reply", answer="declined")
    mail.outbox.clear()
    browser = browse_as(personas["bu_manager"])
    done = press(browser.get(reverse("events:detail", args=[event.pk])), "Cancel the event").follow()
    assert banner(done) == "The learning event has been cancelled. 1 person still invited has been told."
    assert [m.to for m in mail.outbox] == [[personas["practitioner"].email]]
    assert "Cancelled" in mail.outbox[0].subject
    assert "Cancelled" in done and "Invite people" not in done
