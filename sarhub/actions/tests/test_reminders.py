"""The daily action-plan reminders: one email per lead, the business unit's escalation list, working days
only, and nothing sent twice in a day."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any, cast

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sarhub.actions import reminders
from sarhub.actions.models import Action, ReminderSent, Status
from sarhub.actions.reminders import send_action_reminders
from sarhub.actions.services import create_action
from sarhub.audit.models import AuditEvent
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.models import Review, ReviewRecommendation
from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_recommendation
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)  # a Wednesday
HOSPITAL = "Testshire Hospital Trust"


@pytest.fixture
def plan(personas: dict[str, Any]) -> dict[str, Any]:
    """A review with one recommendation, to the Board and the hospital trust."""
    manager = personas["bu_manager"]
    review = set_up_review(manager, [_decided(personas)], route="rapid", data={"pseudonym": "Adult A"})
    hospital = Agency.objects.get(name=HOSPITAL)
    recommendation = save_recommendation(
        manager,
        review,
        {"text": "Share fire risk with every agency.", "to_board": True, "agencies": [hospital]},
    )
    return {"review": review, "recommendation": recommendation, "hospital": hospital}


def _action(
    personas: dict[str, Any],
    plan: dict[str, Any],
    what: str,
    *,
    lead: Person,
    due_in: int,
    status: str = Status.NOT_STARTED,
    board: bool = False,
    review: Review | None = None,
    recommendation: ReviewRecommendation | None = None,
    **fields: Any,
) -> Action:
    """An action made through the service, then moved to its status and due date (`due_in` days from TODAY)."""
    action = create_action(
        personas["bu_manager"],
        review or plan["review"],
        {
            "recommendation": recommendation or plan["recommendation"],
            "what": what,
            "owner_agency": None if board else plan["hospital"],
            "lead": lead,
            "due_on": timezone.localdate() + timedelta(days=365),
            "success_measure": "Audit shows it happens.",
        },
    )
    Action.objects.filter(pk=action.pk).update(status=status, due_on=TODAY + timedelta(days=due_in), **fields)
    action.refresh_from_db()
    return action


def _send(today: date = TODAY) -> dict[str, int]:
    return send_action_reminders(today=today)


def _to(person: Person) -> list[Any]:
    return [m for m in mail.outbox if m.to == [person.email]]


def test_each_lead_gets_one_email_with_all_their_overdue_and_due_soon_actions(personas, plan):
    lead = personas["agency_lead"]
    other = cast(Person, PersonFactory(email="ward.sister@testshire.example.org", full_name="Ward Sister"))
    MembershipFactory(person=other, role="line_manager", agency=plan["hospital"])
    _action(personas, plan, "Write the fire-risk referral route.", lead=lead, due_in=-5, status=Status.ON_TRACK)
    _action(personas, plan, "Train the ward staff.", lead=lead, due_in=10)
    _action(personas, plan, "Audit the referrals.", lead=lead, due_in=90)  # not due soon
    _action(personas, plan, "Finished already.", lead=lead, due_in=-20, status=Status.ASSURED)
    _action(personas, plan, "Waiting for assurance.", lead=lead, due_in=-3, status=Status.AWAITING_ASSURANCE)
    _action(personas, plan, "Someone else's action.", lead=other, due_in=-1, status=Status.AT_RISK)

    sent = _send()

    assert sent["leads"] == 2
    [mine] = _to(lead)
    assert "1 overdue, 1 due soon" in mine.subject
    body = mine.body
    assert "Write the fire-risk referral route." in body and "Train the ward staff." in body
    assert body.index("Overdue:") < body.index("Write the fire-risk") < body.index("Train the ward staff.")
    for absent in ("Audit the referrals.", "Finished already.", "Waiting for assurance.", "Someone else's action."):
        assert absent not in body
    review = plan["review"]
    assert f"{review.reference} (Adult A)" in body
    assert "overdue by 5 days" in body and "(due soon)" in body
    assert f"{settings.SITE_URL}/actions/mine/" in body
    [theirs] = _to(other)
    assert "Someone else's action." in theirs.body and "Train the ward staff." not in theirs.body
    # Every message has one recipient and never the adult's real name.
    assert mail.outbox and all(len(m.to) == 1 for m in mail.outbox)
    assert not any(SAMPLE_ADULT_NAME in m.subject or SAMPLE_ADULT_NAME in m.body for m in mail.outbox)
    # Each reminder is audited, with counts only.
    events = AuditEvent.objects.filter(object_type="actions.remindersent")
    assert events.count() == len(mail.outbox)
    assert set(events.values_list("detail", flat=True)) >= {"action reminder: 1 overdue, 1 due soon"}


def test_the_business_unit_gets_an_escalation_list_by_owner(personas, plan):
    lead, manager = personas["agency_lead"], personas["bu_manager"]
    _action(personas, plan, "Hospital overdue.", lead=lead, due_in=-4, status=Status.AT_RISK)
    _action(personas, plan, "Board overdue.", lead=manager, due_in=-2, board=True)
    _action(personas, plan, "Off track, due later.", lead=lead, due_in=60, status=Status.OFF_TRACK)
    _action(personas, plan, "On track, due later.", lead=lead, due_in=60, status=Status.ON_TRACK)
    _action(
        personas,
        plan,
        "Completed long ago.",
        lead=lead,
        due_in=-30,
        status=Status.AWAITING_ASSURANCE,
        completed_on=TODAY - timedelta(days=20),
    )
    _action(
        personas,
        plan,
        "Completed this week.",
        lead=lead,
        due_in=-30,
        status=Status.AWAITING_ASSURANCE,
        completed_on=TODAY - timedelta(days=2),
    )

    sent = _send()

    assert sent["business unit"] == 2
    for person in (personas["bu_manager"], personas["bu_coordinator"]):
        escalations = [m for m in _to(person) if "escalation" in m.subject.lower()]
        assert len(escalations) == 1
    [escalation] = _to(personas["bu_coordinator"])
    body = escalation.body
    assert "Overdue (2), by owner" in body
    assert body.index("The Board (1):") < body.index("Board overdue.")
    assert body.index(f"{HOSPITAL} (1):") < body.index("Hospital overdue.")
    assert "Off track, due later." in body and "On track, due later." not in body
    long_ago = TODAY - timedelta(days=20)
    assert f"Completed long ago.\n  {HOSPITAL}; reported complete on {long_ago:%-d %B %Y}" in body
    assert "Completed this week." not in body
    assert f"{settings.SITE_URL}/actions/\n" in body + "\n"
    assert SAMPLE_ADULT_NAME not in body
    # The manager also leads an overdue action, so gets their own reminder as well as the list.
    assert len(_to(manager)) == 2


def test_nothing_to_escalate_sends_the_business_unit_nothing(personas, plan):
    _action(personas, plan, "Due soon only.", lead=personas["agency_lead"], due_in=5)
    assert _send() == {"leads": 1, "business unit": 0, "not sent": 0}
    assert [m.to for m in mail.outbox] == [[personas["agency_lead"].email]]


def test_a_deactivated_lead_gets_nothing_but_their_overdue_action_is_escalated(personas, plan):
    lead = personas["agency_lead"]
    _action(personas, plan, "Left behind.", lead=lead, due_in=-3)
    Person.objects.filter(pk=lead.pk).update(is_active=False)
    assert _send() == {"leads": 0, "business unit": 2, "not sent": 0}
    assert not _to(lead)
    assert all("Left behind." in m.body for m in mail.outbox)


@pytest.mark.parametrize("day", [date(2026, 6, 13), date(2026, 8, 31)], ids=["a Saturday", "a bank holiday"])
def test_no_reminders_at_weekends_or_on_bank_holidays(personas, plan, day):
    _action(personas, plan, "Overdue.", lead=personas["agency_lead"], due_in=(day - TODAY).days - 7)
    assert _send(today=day) == {"leads": 0, "business unit": 0, "not sent": 0}
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_running_twice_in_a_day_sends_nothing_twice(personas, plan):
    _action(personas, plan, "Overdue.", lead=personas["agency_lead"], due_in=-1)
    assert _send() == {"leads": 1, "business unit": 2, "not sent": 0}
    assert len(mail.outbox) == 3
    assert _send() == {"leads": 0, "business unit": 0, "not sent": 0}
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.count() == 3
    # The next working day, they are reminded again.
    assert _send(today=TODAY + timedelta(days=1))["leads"] == 1


def test_a_reminder_already_claimed_is_not_sent(personas, plan, monkeypatch):
    """Two runs at once: the one that loses the claim sends nothing (the claim decides, not the first read)."""
    lead = personas["agency_lead"]
    _action(personas, plan, "Overdue.", lead=lead, due_in=-1)
    ReminderSent.objects.create(person=lead, kind=reminders.LEAD_KIND, day=TODAY)
    # As if the other run claimed it after this run looked for today's reminders.
    real_filter = ReminderSent.objects.filter
    monkeypatch.setattr(ReminderSent.objects, "filter", lambda *args, **kwargs: real_filter(pk__in=[]))
    assert _send()["leads"] == 0
    assert not _to(lead)


def test_the_management_command_says_how_many_and_is_idempotent(personas, plan, monkeypatch):
    _action(personas, plan, "Overdue.", lead=personas["agency_lead"], due_in=-1)
    monkeypatch.setattr(reminders.timezone, "localdate", lambda *args, **kwargs: TODAY)
    out = StringIO()
    call_command("send_action_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Action reminders sent to 1 lead, and escalation lists to 2 business unit people."
    ]
    assert len(mail.outbox) == 3
    out = StringIO()
    call_command("send_action_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Action reminders sent to 0 leads, and escalation lists to 0 business unit people."
    ]
    assert len(mail.outbox) == 3


def test_only_the_emails_that_went_are_counted_and_the_rest_are_tried_again(personas, plan, monkeypatch):
    """An email the mail server refuses is not counted as sent, and its claim is given up for the next run."""
    lead = personas["agency_lead"]
    _action(personas, plan, "Overdue.", lead=lead, due_in=-1)
    real_send = reminders.send_one

    def refuse_the_coordinator(**message: Any) -> bool:
        return False if message["to"] == personas["bu_coordinator"].email else real_send(**message)

    monkeypatch.setattr(reminders, "send_one", refuse_the_coordinator)
    monkeypatch.setattr(reminders.timezone, "localdate", lambda *args, **kwargs: TODAY)
    out = StringIO()
    call_command("send_action_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Action reminders sent to 1 lead, and escalation lists to 1 business unit person. "
        "1 email could not be sent: the next run will try again."
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, personas["bu_manager"].email])
    assert not ReminderSent.objects.filter(person=personas["bu_coordinator"]).exists()
    # The next run, with the mail server back, sends only what was not sent.
    monkeypatch.setattr(reminders, "send_one", real_send)
    out = StringIO()
    call_command("send_action_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Action reminders sent to 0 leads, and escalation lists to 1 business unit person."
    ]
    assert [m.to for m in mail.outbox[2:]] == [[personas["bu_coordinator"].email]]


def test_the_number_of_queries_does_not_grow_with_the_actions(personas, plan):
    lead = personas["agency_lead"]
    _action(personas, plan, "First.", lead=lead, due_in=-1)
    with CaptureQueriesContext(connection) as few:
        send_action_reminders(today=TODAY)
    ReminderSent.objects.all().delete()
    for n in range(12):
        _action(
            personas, plan, f"More {n}.", lead=lead, due_in=n - 6, status=Status.OFF_TRACK if n % 3 else Status.ON_TRACK
        )
    with CaptureQueriesContext(connection) as many:
        send_action_reminders(today=TODAY)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_long_escalation_list_is_capped_per_group():
    from sarhub.actions.reminders import LISTED, _capped

    lines = [f"Action {n}" for n in range(LISTED + 5)]
    capped = _capped(lines).splitlines()
    assert capped[:LISTED] == lines[:LISTED] and capped[-1] == "... and 5 more: see the action plan"
    assert _capped(lines[:3]).splitlines() == lines[:3]
