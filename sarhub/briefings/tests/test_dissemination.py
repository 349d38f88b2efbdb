"""Sending a briefing to every agency's safeguarding lead, recording the cascade team by team, reach per
agency, and reminders that never repeat within a day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sarhub.briefings import services
from sarhub.briefings.models import AgencyCascade, CascadeRecord, Circulation
from sarhub.briefings.tests.test_briefings import make, review  # noqa: F401 (fixture)
from sarhub.core.working_days import is_working_day
from sarhub.partnership.models import Agency
from sarhub.partnership.roles import Role
from tests.factories import SAMPLE_ADULT_NAME, AgencyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(personas, review, django_capture_on_commit_callbacks) -> Circulation:  # noqa: F811
    second = PersonFactory(email="second.lead@testshire.example.org")
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    MembershipFactory(person=second, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=hospital)
    AgencyFactory(name="Testshire Closed Agency", is_active=False)
    mail.outbox.clear()
    version = make(personas, review).versions.get()
    with django_capture_on_commit_callbacks(execute=True):
        return services.circulate(personas["bu_manager"], version, message="Please share by the end of the month.")


def _record(**overrides) -> dict:
    return {
        "team": "Emergency department",
        "briefed_on": timezone.localdate(),
        "staff_reached": 14,
        "discussed": "How we ask about hoarding when someone is discharged.",
        "will_change": "We will ask the community team before discharge.",
    } | overrides


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


def test_a_lead_records_their_teams_and_bad_input_changes_nothing(personas, client_for, sent):
    lead = client_for(personas["agency_lead"])
    cascade = sent.agencies.get(agency__name="Testshire Hospital Trust")
    address = reverse("briefings:cascade", args=[cascade.pk])
    page = lead.get(address).content.decode()
    assert "Share the briefing with your teams" in page and "Key finding 2" in page
    for bad, message in [
        ({"team": ""}, "Enter the team you briefed"),
        ({"staff_reached": "0"}, "whole number of 1 or more"),
        ({"staff_reached": "lots"}, "as a whole number, like 12"),
        ({"briefed_on": "31/2/2026"}, "Enter a real date"),
        ({"briefed_on": (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")}, "today or in the past"),
        ({"will_change": " "}, "Say what the team will change"),
    ]:
        data = {**_record(briefed_on=timezone.localdate().strftime("%d/%m/%Y")), **bad}
        response = lead.post(address, data)
        assert response.status_code == 200 and message in response.content.decode(), bad
    assert not CascadeRecord.objects.exists()
    response = lead.post(address, {**_record(), "briefed_on": timezone.localdate().strftime("%d/%m/%Y")})
    assert response.status_code == 302
    entry = CascadeRecord.objects.get()
    assert entry.cascade == cascade and entry.staff_reached == 14 and entry.recorded_by == personas["agency_lead"]
    # Another agency's cascade is not theirs: 404, and nothing recorded.
    other = sent.agencies.exclude(agency__name="Testshire Hospital Trust").first()
    assert lead.get(reverse("briefings:cascade", args=[other.pk])).status_code == 404
    assert lead.post(reverse("briefings:cascade", args=[other.pk]), _record()).status_code == 404
    assert CascadeRecord.objects.count() == 1
    # Their own entry can be removed; a crafted id gives a message, not an error.
    response = lead.post(reverse("briefings:remove-record", args=[cascade.pk, 99999999]), follow=True)
    assert "Choose a team from your agency" in response.content.decode()
    lead.post(reverse("briefings:remove-record", args=[cascade.pk, entry.pk]))
    assert not CascadeRecord.objects.exists()


def test_reach_per_agency_and_who_has_not_responded(personas, client_for, sent):
    hospital = sent.agencies.get(agency__name="Testshire Hospital Trust")
    services.record_cascade(personas["agency_lead"], hospital, _record())
    services.record_cascade(personas["agency_lead"], hospital, _record(team="Wards 3 and 4", staff_reached=30))
    rows = {row["agency"].name: row for row in services.reach(sent)}
    assert rows["Testshire Hospital Trust"]["staff"] == 44 and rows["Testshire Hospital Trust"]["teams"] == 2
    assert rows["Testshire Hospital Trust"]["responded"]
    assert not rows["Testshire Council"]["responded"] and rows["Testshire Council"]["staff"] == 0
    page = client_for(personas["bu_manager"]).get(reverse("briefings:circulation", args=[sent.pk])).content.decode()
    assert f"1 of {len(rows)}" in page and "44" in page and "Not yet" in page
    assert client_for(personas["agency_lead"]).get(reverse("briefings:circulation", args=[sent.pk])).status_code == 404


def test_reminders_go_to_agencies_that_have_not_responded_once_a_day(
    personas, sent, django_capture_on_commit_callbacks
):
    hospital = sent.agencies.get(agency__name="Testshire Hospital Trust")
    day = sent.due_on + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    mail.outbox.clear()
    assert services.send_reminders(sent.due_on) == 0  # not overdue yet
    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_reminders(day)
    assert first == sent.agencies.count()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["agency_lead"].email, "second.lead@testshire.example.org"]
    )
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(day) == 0  # twice in a day sends nothing twice
    assert len(mail.outbox) == 2
    services.record_cascade(personas["agency_lead"], hospital, _record())
    next_day = day + timedelta(days=1)
    while not is_working_day(next_day):
        next_day += timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
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
    page = lead.get(reverse("core:tasks")).content.decode()
    cascade = sent.agencies.get(agency__name="Testshire Hospital Trust")
    assert "7-minute briefings to share with your teams" in page
    assert reverse("briefings:cascade", args=[cascade.pk]) in page
    services.record_cascade(personas["agency_lead"], cascade, _record())
    page = lead.get(reverse("core:tasks")).content.decode()
    assert reverse("briefings:cascade", args=[cascade.pk]) not in page
