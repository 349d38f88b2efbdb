"""Daily reminders, each registered by its app (sarhub/core/registry.py). Run once a day from cron or a
systemd timer (see README); running it again the same day sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sarhub.core.registry import daily_jobs


class Command(BaseCommand):
    help = (
        "Remind agency safeguarding leads of overdue scoping requests, chronologies, IMRs and comments on "
        "draft reports, people yet to reply to a learning event in the next week, and agencies yet to record how "
        "they shared a 7-minute briefing; and action leads of their overdue and due-soon actions, with the business "
        "unit's escalation list (idempotent within a day)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app registers its daily job in its AppConfig.ready() (sarhub/core/registry.py).
        for job in daily_jobs():
            self.stdout.write(job.run())
