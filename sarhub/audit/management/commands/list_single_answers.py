"""List records that may have lost answers to a "tick all that apply" question (sarhub/audit/single_answers.py)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date

from sarhub.audit.single_answers import fixed_at, suspects


class Command(BaseCommand):
    help = (
        "Lists records whose multiple-choice answers hold a single value and were last saved through a page "
        "before the fix for multiple-choice questions was installed: they may have lost answers. Changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--before", help="Use this date (YYYY-MM-DD) instead of when the fix was installed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["before"]:
            day = parse_date(options["before"])
            if day is None:
                raise CommandError("Give --before as a date, like 2026-12-03")
            before = timezone.make_aware(datetime.combine(day, time.min))
        else:
            installed = fixed_at()
            if installed is None:
                raise CommandError("There is no record of when the fix was installed: give --before YYYY-MM-DD")
            before = installed
        found = suspects(before)
        when = timezone.localtime(before).strftime("%-d %B %Y %H:%M")
        if not found:
            self.stdout.write(f"No record saved through a page before {when} holds a single multiple-choice answer.")
            return
        self.stdout.write(
            f"{len(found)} record{'s' if len(found) != 1 else ''} saved through a page before {when} "
            "hold a single answer to a multiple-choice question. Check each with whoever entered it:"
        )
        for suspect in found:
            saved = timezone.localtime(suspect.saved_at).strftime("%-d %B %Y %H:%M")
            self.stdout.write(
                f"- {suspect.record}: {', '.join(f.replace('_', ' ') for f in suspect.fields)} "
                f"(last saved {saved} by {suspect.saved_by or 'an unknown person'})"
            )
