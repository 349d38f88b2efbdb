"""Daily action-plan reminders: one email to each lead with overdue or due-soon actions, and the business
unit's escalation list. Run once a day from cron or a systemd timer (see README; `send_reminders` runs it
too); running it again the same day sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sarhub.actions.reminders import describe, send_action_reminders


class Command(BaseCommand):
    help = (
        "Remind each action lead of their overdue and due-soon actions, and send the business unit the list "
        "of overdue, off-track and long-unassured actions (working days only; idempotent within a day)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(describe(send_action_reminders()))
