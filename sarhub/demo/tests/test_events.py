"""The demo's learning events show what the forms keep: several facilitators, themes drawing on several
reflections (by their numbers) and several practice themes, and replies, one of them changed."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import timezone

from sarhub.audit.models import AuditEvent
from sarhub.demo.events import seed_events
from sarhub.events.models import LearningEvent, Reply
from sarhub.reviews.services import appoint, set_up_review
from tests.builders import decided_referral

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True, DEMO_MODE=True)
def test_the_demo_events_show_several_facilitators_reflections_and_practice_themes():
    from sarhub.demo.management.commands.seed_demo import seed

    people = seed()
    deciders = {"bu_manager": people["bu-manager"], "subgroup_member": people["subgroup"], "chair": people["chair"]}
    # Only the two reviews the events belong to (the reviews' own demo builds them in full).
    for pseudonym in ("Adult E", "Adult J"):
        review = set_up_review(
            people["bu-manager"], [decided_referral(deciders)], route="independent_sar", data={"pseudonym": pseudonym}
        )
        appoint(people["bu-manager"], review, people["reviewer"], "lead_reviewer")
    seed_events(people)
    seed_events(people)  # a second run changes nothing

    held = LearningEvent.objects.get(starts_at__lt=timezone.now())
    coming = LearningEvent.objects.get(starts_at__gt=timezone.now())
    assert held.facilitators.count() == 3 and coming.facilitators.count() == 2
    assert list(held.reflections.values_list("number", flat=True)) == [1, 2, 3]
    themes = list(held.themes.prefetch_related("reflections", "practice_themes"))
    assert len(themes) == 3
    assert all(theme.reflections.count() >= 2 and theme.practice_themes.count() >= 2 for theme in themes)
    assert {theme.reflection_numbers for theme in themes} == {"1, 2 and 3", "2 and 3", "1 and 2"}
    assert held.invitations.filter(reply=Reply.ACCEPTED, attended=True).count() == 4
    replies = dict(coming.invitations.values_list("full_name", "reply"))
    assert sorted(replies.values()) == sorted([Reply.ACCEPTED, Reply.ACCEPTED, Reply.AWAITING, Reply.AWAITING])
    assert AuditEvent.objects.filter(detail="reply changed from declined to accepted").count() == 1
