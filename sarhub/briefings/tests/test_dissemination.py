"""Sending a briefing to every agency's safeguarding lead, recording the cascade team by team, reach per
agency, and reminders that never repeat within a day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sarhub.briefings import services
from sarhub.briefings.models import AgencyCascade, CascadeRecord, Circulation
from sarhub.core.roles import Role
from sarhub.core.working_days import is_working_day
from sarhub.partnership.models import Agency
from tests.builders import written_briefing
from tests.factories import SAMPLE_ADULT_NAME, AgencyFactory, MembershipFactory, PersonFactory
from tests.pages import banner, browse_as, error_summary, field_error, press

pytestmark = pytest.mark.django_db


# The personas' agencies: only the hospital trust has safeguarding leads (the agency lead persona, and a
# second one added here); the council, the ICB and the police have none.
WITHOUT_LEAD = ["Testshire Council", "Testshire ICB", "Testshire Police"]


@pytest.fixture
def leads(personas) -> list[str]:
    second = PersonFactory(email="second.lead@testshire.example.org")
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    MembershipFactory(person=second, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=hospital)
    AgencyFactory(name="Testshire Closed Agency", is_active=False)
    return sorted([personas["agency_lead"].email, "second.lead@testshire.example.org"])


@pytest.fixture
def sent(personas, review, leads) -> Circulation:
    mail.outbox.clear()
    version = written_briefing(personas, review).versions.get()
    return services.circulate(personas["bu_manager"], version, message="Please share by the end of the month.")


def test_every_active_agency_is_asked_and_each_lead_gets_one_email_with_the_pdf(personas, sent):
    active = set(Agency.objects.filter(is_active=True).values_list("name", flat=True))
    assert {c.agency.name for c in sent.agencies.all()} == active and "Testshire Closed Agency" not in active
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["agency_lead"].email, "second.lead@testshire.example.org"]
    )
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert "Self-neglect: Adult B" in message.subject and "Please share by the end of the month." in message.body
        name, content, mimetype = message.attachments[0]
        assert name.endswith(".pdf") and content.startswith(b"%PDF") and mimetype == "application/pdf"
        assert SAMPLE_ADULT_NAME not in message.body
    assert sent.due_on > timezone.localdate()


def test_the_send_screen_names_agencies_no_one_will_receive_it_at_and_the_result_counts_real_recipients(
    personas, review, leads
):
    briefing = written_briefing(personas, review)
    screen = browse_as(personas["bu_manager"]).get(reverse("briefings:detail", args=[briefing.pk]))
    warning = " ".join(screen.html.select_one(".govuk-warning-text__text").get_text(" ").split())
    assert (
        f"No one will be emailed at 3 agencies, which have no current safeguarding lead: {', '.join(WITHOUT_LEAD)}."
        in warning
    )
    assert "Testshire Closed Agency" not in screen.text
    assert "It goes to 2 safeguarding leads at 4 agencies." in screen.text

    too_long = press(screen, "Send version 1 to agency leads", message="x" * 2_001)
    assert too_long.status_code == 200
    assert field_error(too_long, "message") == "A message to agency leads must be 2,000 characters or fewer"
    assert error_summary(too_long) == ["A message to agency leads must be 2,000 characters or fewer"]
    assert not Circulation.objects.exists()

    mail.outbox.clear()
    done = press(too_long, "Send version 1 to agency leads", message="Please share by the end of the month.")
    circulation = Circulation.objects.get()
    assert done["Location"] == reverse("briefings:circulation", args=[circulation.pk])
    assert banner(done.follow()) == (
        "Version 1 was sent to 2 safeguarding leads at 1 agency. Not received at Testshire Council, "
        "Testshire ICB and Testshire Police: they have no current safeguarding lead."
    )
    assert sorted(m.to[0] for m in mail.outbox) == leads  # one email per lead, as the message says
    assert all(len(m.to) == 1 and "Please share by the end of the month." in m.body for m in mail.outbox)
    assert circulation.agencies.count() == 4  # every active agency is asked, lead or not


def test_a_lead_records_their_teams_and_bad_input_changes_nothing(personas, client_for, sent):
    cascade = sent.agencies.get(agency__name="Testshire Hospital Trust")
    app = browse_as(personas["agency_lead"])
    page = app.get(reverse("briefings:list")).click(
        sent.version.title, href=reverse("briefings:cascade", args=[cascade.pk])
    )
    assert "Share the briefing with your teams" in page.text and "Key finding 2" in page.text
    good: dict[str, Any] = {
        "team": "Emergency department",
        "briefed_on": timezone.localdate(),
        "staff_reached": 14,
        "discussed": "How we ask about hoarding when someone is discharged.",
        "will_change": "We will ask the community team before discharge.",
    }
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"team": ""}, "team", "Enter the team you briefed"),
        ({"staff_reached": "0"}, "staff_reached", "Enter how many staff it reached, as a whole number of 1 or more"),
        ({"staff_reached": "lots"}, "staff_reached", "Enter how many staff it reached as a whole number, like 12"),
        ({"briefed_on": "31/2/2026"}, "briefed_on", "Date the team was briefed must be a real date"),
        (
            {"briefed_on": timezone.localdate() + timedelta(days=3)},
            "briefed_on",
            "The date the team was briefed must be today or in the past",
        ),
        ({"will_change": " "}, "will_change", "Say what the team will change, or that it will change nothing and why"),
    ]
    for bad, field, message in cases:
        answer = press(page, "Record this team", **{**good, **bad})
        assert answer.status_code == 200, bad
        assert message in field_error(answer, field) and error_summary(answer), (bad, field_error(answer, field))
    assert not CascadeRecord.objects.exists()
    done = press(page, "Record this team", **good)
    assert done["Location"] == reverse("briefings:cascade", args=[cascade.pk])
    page = done.follow()
    assert banner(page) == (
        "Recorded: Emergency department, 14 staff reached. Thank you: the Board's business unit can see "
        "your agency's cascade."
    )
    entry = CascadeRecord.objects.get()
    assert entry.cascade == cascade and entry.staff_reached == 14 and entry.recorded_by == personas["agency_lead"]
    assert entry.briefed_on == timezone.localdate() and entry.team == "Emergency department"

    # Deliberately hostile: another agency's cascade is not theirs (404, nothing recorded), and a crafted
    # team id gives a message, not an error.
    lead = client_for(personas["agency_lead"])
    other = sent.agencies.exclude(agency__name="Testshire Hospital Trust").first()
    assert lead.get(reverse("briefings:cascade", args=[other.pk])).status_code == 404
    assert lead.post(reverse("briefings:cascade", args=[other.pk]), {"team": "X"}).status_code == 404
    assert CascadeRecord.objects.count() == 1
    response = lead.post(reverse("briefings:remove-record", args=[cascade.pk, 99999999]), follow=True)
    assert "Choose a team from your agency" in response.content.decode()

    removed = press(page, "Remove").follow()
    assert banner(removed) == "Removed: Emergency department." and not CascadeRecord.objects.exists()


def _record(**overrides) -> dict:
    return {
        "team": "Emergency department",
        "briefed_on": timezone.localdate(),
        "staff_reached": 14,
        "discussed": "How we ask about hoarding when someone is discharged.",
        "will_change": "We will ask the community team before discharge.",
    } | overrides


def test_reach_per_agency_who_has_not_responded_and_reminding_them(personas, client_for, sent, leads):
    hospital = sent.agencies.get(agency__name="Testshire Hospital Trust")
    services.record_cascade(personas["agency_lead"], hospital, _record())
    services.record_cascade(personas["agency_lead"], hospital, _record(team="Wards 3 and 4", staff_reached=30))
    rows = {row["agency"].name: row for row in services.reach(sent)}
    assert rows["Testshire Hospital Trust"]["staff"] == 44 and rows["Testshire Hospital Trust"]["teams"] == 2
    assert rows["Testshire Hospital Trust"]["responded"]
    assert not rows["Testshire Council"]["responded"] and rows["Testshire Council"]["staff"] == 0
    page = browse_as(personas["bu_manager"]).get(reverse("briefings:circulation", args=[sent.pk]))
    assert f"1 of {len(rows)}" in page.text and "44" in page.text and "Not yet" in page.text
    assert client_for(personas["agency_lead"]).get(reverse("briefings:circulation", args=[sent.pk])).status_code == 404

    # Reminding now: only the agencies that have not responded, and the message says who received it.
    mail.outbox.clear()
    reminded = press(page, "Remind agencies that have not responded").follow()
    assert banner(reminded) == (
        "A reminder reached no one: no agency chosen has a current safeguarding lead. Not received at "
        "Testshire Council, Testshire ICB and Testshire Police: they have no current safeguarding lead."
    )
    assert mail.outbox == []  # the hospital, whose leads would be emailed, has responded
    again = press(reminded, "Remind agencies that have not responded").follow()
    assert banner(again) == "No reminders sent: every agency has responded or was reminded today."


def test_reminding_now_counts_the_leads_emailed(personas, sent, leads):
    page = browse_as(personas["bu_manager"]).get(reverse("briefings:circulation", args=[sent.pk]))
    mail.outbox.clear()
    reminded = press(page, "Remind agencies that have not responded").follow()
    assert banner(reminded) == (
        "A reminder was sent to 2 safeguarding leads at 1 agency. Not received at Testshire Council, "
        "Testshire ICB and Testshire Police: they have no current safeguarding lead."
    )
    assert sorted(m.to[0] for m in mail.outbox) == leads
    assert all(m.subject.startswith("Reminder:") and len(m.to) == 1 for m in mail.outbox)


def test_reminders_go_to_agencies_that_have_not_responded_once_a_day(personas, sent):
    hospital = sent.agencies.get(agency__name="Testshire Hospital Trust")
    day = sent.due_on + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    mail.outbox.clear()
    assert services.send_reminders(sent.due_on) == 0  # not overdue yet
    first = services.send_reminders(day)
    assert first == sent.agencies.count()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["agency_lead"].email, "second.lead@testshire.example.org"]
    )
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    assert services.send_reminders(day) == 0  # twice in a day sends nothing twice
    assert len(mail.outbox) == 2
    services.record_cascade(personas["agency_lead"], hospital, _record())
    next_day = day + timedelta(days=1)
    while not is_working_day(next_day):
        next_day += timedelta(days=1)
    mail.outbox.clear()
    services.send_reminders(next_day)
    assert personas["agency_lead"].email not in [m.to[0] for m in mail.outbox]  # the hospital has responded
    assert cast(AgencyCascade, AgencyCascade.objects.get(pk=hospital.pk)).reminder_count == 1


def test_the_daily_command_includes_briefing_reminders(sent, capsys):
    call_command("send_reminders")
    assert "yet to record sharing a 7-minute briefing" in capsys.readouterr().out


def test_a_team_cannot_be_briefed_before_the_briefing_was_sent(personas, sent):
    hospital = sent.agencies.get(agency__name="Testshire Hospital Trust")
    with pytest.raises(ValidationError, match="on or after the date the briefing was sent"):
        services.record_cascade(personas["agency_lead"], hospital, _record(briefed_on=date(2020, 1, 1)))


def test_sent_briefings_are_readable_by_agency_leads_and_board_members(personas, client_for, sent):
    address = reverse("briefings:detail", args=[sent.briefing_id])
    for key in ("agency_lead", "board_member"):
        page = client_for(personas[key]).get(address)
        assert page.status_code == 200 and "Key finding 1" in page.content.decode()
        assert "Propose version" not in page.content.decode()  # reading only
    assert client_for(personas["practitioner"]).get(address).status_code == 404


def test_the_lead_sees_the_briefing_in_their_tasks_until_a_team_is_recorded(personas, client_for, sent):
    lead = client_for(personas["agency_lead"])
    page = lead.get(reverse("workspace:tasks")).content.decode()
    cascade = sent.agencies.get(agency__name="Testshire Hospital Trust")
    assert "7-minute briefings to share with your teams" in page
    assert reverse("briefings:cascade", args=[cascade.pk]) in page
    services.record_cascade(personas["agency_lead"], cascade, _record())
    page = lead.get(reverse("workspace:tasks")).content.decode()
    assert reverse("briefings:cascade", args=[cascade.pk]) not in page
