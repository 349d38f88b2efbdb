"""Build the fictional demo partnership. Idempotent: running it again changes nothing new."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sarhub.accounts.models import DemoCodeDevice
from sarhub.demo import partnership as demo
from sarhub.partnership.models import Agency, Board, Membership, Person
from sarhub.partnership.selectors import forget_agency_names, forget_agency_people_counts, forget_board


class Command(BaseCommand):
    help = "Load the fictional demo partnership and one demo login per role (demo mode only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO_MODE and settings.DEBUG):
            raise CommandError(
                "seed_demo only runs in demo mode (SARHUB_DEBUG=true and SARHUB_DEMO_MODE=true): "
                "the demo accounts have published passwords."
            )
        from django.test.utils import override_settings

        from sarhub.demo.actions import seed_actions
        from sarhub.demo.briefings import seed_briefings
        from sarhub.demo.events import seed_events
        from sarhub.demo.history import seed_history
        from sarhub.demo.leadership import seed_leadership
        from sarhub.demo.publication import seed_publication
        from sarhub.demo.referrals import seed_referrals
        from sarhub.demo.reviews import seed_reviews

        # The demo's own steps send the emails the real services send; they are fictional, so they are
        # kept in memory rather than printed.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            people = seed()
            seed_referrals(people)
            seed_reviews(people)
            seed_events(people)
            seed_publication(people)
            seed_briefings(people)
            seed_actions(people)
            seed_leadership(people)
            # The Board's earlier years, after the rest: the briefings, publication and presentation above
            # draw on this year's reviews only.
            seed_history(people)
        if not options["quiet_logins"]:
            self.stdout.write(logins_text())


@transaction.atomic
def seed() -> dict[str, Person]:
    board = Board.objects.order_by("pk").first() or Board()
    for field, value in demo.BOARD.items():
        setattr(board, field, value)
    board.save()
    transaction.on_commit(forget_board)

    agencies: dict[str, Agency] = {}
    for name, short_name, agency_type in demo.AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "agency_type": agency_type, "is_active": True}
        )
        agencies[short_name] = agency

    people: dict[str, Person] = {}
    for persona in demo.PERSONAS:
        person = Person.objects.filter(email=persona.email).first()
        if person is None:
            person = Person.objects.create_user(persona.email, demo.DEMO_PASSWORD, full_name=persona.full_name)
        person.full_name = persona.full_name
        person.job_title = persona.job_title
        person.is_active = True
        person.deactivated_at = None
        person.set_password(demo.DEMO_PASSWORD)
        person.save()
        home: Agency | None = agencies[persona.agency_short_name] if persona.agency_short_name else None
        if not Membership.objects.active().filter(person=person, role=persona.role, agency=home).exists():
            Membership.objects.create(person=person, role=persona.role, agency=home)
        DemoCodeDevice.objects.update_or_create(
            user=person, name="Demo code", defaults={"code": demo.DEMO_CODE, "confirmed": True}
        )
        people[persona.key] = person
    demo.seed_agency_leads(agencies)
    demo.seed_invitation(people, agencies)
    transaction.on_commit(forget_agency_people_counts)
    transaction.on_commit(forget_agency_names)
    return people


def logins_text() -> str:
    lines = [
        "",
        "Demo logins (fictional people; demo mode only)",
        f"  Password for every account: {demo.DEMO_PASSWORD}",
        f"  Security code (second factor) for every account: {demo.DEMO_CODE}",
        "",
    ]
    width = max(len(p.email) for p in demo.PERSONAS)
    for p in demo.PERSONAS:
        agency = f", {p.agency_short_name}" if p.agency_short_name else ""
        lines.append(f"  {p.email.ljust(width)}  {p.role.label}{agency}")
    lines.append("")
    return "\n".join(lines)
