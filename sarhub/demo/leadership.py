"""Fictional demo presentation: every signed-off review presented to the Place Board, with the practice themes
their findings are coded with (and multi-agency working), the pack frozen, and two follow-ups."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sarhub.leadership import services
from sarhub.leadership.models import MeetingKind, Presentation
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.models import Review
from sarhub.taxonomy.models import PracticeTheme


@transaction.atomic
def seed_leadership(people: dict[str, Person]) -> None:
    if Presentation.objects.exists():
        return
    reviews = list(Review.objects.filter(signed_off_on__isnull=False).order_by("reference"))
    meeting = MeetingKind.objects.filter(name="Place Board").first()
    if not reviews or meeting is None:
        return
    manager = people["bu-manager"]
    presented_on = max(r.signed_off_on for r in reviews if r.signed_off_on) + timedelta(days=14)
    presented_on = min(presented_on, timezone.localdate())
    presentation = services.record_presentation(
        manager,
        {
            "meeting_kind": meeting,
            "presented_on": presented_on,
            "title": "Carers and shared risk: learning from signed-off reviews",
            "reviews": reviews,
            "practice_themes": list(
                PracticeTheme.objects.filter(
                    Q(name__in=["Carers", "Multi-agency working"]) | Q(findings__review__in=reviews)
                ).distinct()
            ),
            "notes": "Fictional demo: the Place Board asked how carers' assessments are offered across the place.",
        },
    )
    services.mark_presented(manager, presentation)
    council = Agency.objects.filter(short_name="RMBC").first()
    done = services.add_follow_up(
        manager,
        presentation,
        {
            "text": "Fictional: share the carers' assessment briefing with every district nursing team.",
            "owner_agency": None,
            "owner_text": "Board business manager",
            "due_on": presented_on + timedelta(days=7),
        },
    )
    services.set_follow_up_done(manager, done, True)
    services.add_follow_up(
        manager,
        presentation,
        {
            "text": "Fictional: report to the next Place Board how many carers' assessments were offered.",
            "owner_agency": council,
            "owner_text": "" if council else "Adult social care",
            "due_on": presented_on + timedelta(days=90),
        },
    )
