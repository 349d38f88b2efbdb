"""Daily reminders for overdue requests. Run once a day from cron or a systemd timer (see README);
running it again the same day sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sarhub.actions.reminders import describe as describe_action_reminders
from sarhub.actions.reminders import send_action_reminders
from sarhub.briefings.services import send_reminders as send_briefing_reminders
from sarhub.events.services import send_reminders as send_event_reminders
from sarhub.referrals.services.screening import send_reminders
from sarhub.reviews.services.requests import send_reminders as send_review_reminders


class Command(BaseCommand):
    help = (
        "Remind agency safeguarding leads of overdue scoping requests, chronologies, IMRs and comments on "
        "draft reports, people yet to reply to a learning event in the next week, and agencies yet to record how "
        "they shared a 7-minute briefing; and action leads of their overdue and due-soon actions, with the business "
        "unit's escalation list (idempotent within a day)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_reminders()
        self.stdout.write(f"Reminders sent for {count} overdue scoping request{'s' if count != 1 else ''}.")
        count = send_review_reminders()
        self.stdout.write(f"Reminders sent for {count} overdue review request{'s' if count != 1 else ''}.")
        count = send_event_reminders()
        self.stdout.write(
            f"Reminders sent to {count} {'person' if count == 1 else 'people'} yet to reply to a learning event."
        )
        count = send_briefing_reminders()
        self.stdout.write(
            f"Reminders sent to {count} agenc{'y' if count == 1 else 'ies'} yet to record sharing a 7-minute briefing."
        )
        self.stdout.write(describe_action_reminders(send_action_reminders()))
