"""The demo's publication and briefings (fictional): SAR-2026-008 (Adult O) published, its briefing published
and cascaded, and a thematic briefing across the signed-off reviews waiting for the chair."""

from __future__ import annotations

import pytest

from sarhub.briefings.models import Briefing, BriefingProposal, CascadeRecord
from sarhub.demo.publication import seed_publication
from sarhub.library.selectors import awaiting_approval
from sarhub.publication.services import published_review_ids
from tests.builders import signed_off_review

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_adult_o_and_writes_a_thematic_briefing_across_several_reviews(personas):
    from sarhub.demo.briefings import seed_briefings

    olive = signed_off_review(personas, pseudonym="Adult O")
    others = [signed_off_review(personas, pseudonym=name) for name in ("Adult P", "Adult S")]
    people = {"bu-manager": personas["bu_manager"], "chair": personas["chair"], "agency-lead": personas["agency_lead"]}
    for _ in range(2):  # seeding twice changes nothing
        seed_publication(people)
        seed_briefings(people)
    assert published_review_ids() == [olive.pk]
    single, thematic = Briefing.objects.get(thematic=False), Briefing.objects.get(thematic=True)
    assert list(single.reviews.all()) == [olive] and [p.briefing for p in BriefingProposal.objects.published()] == [
        single
    ]
    assert CascadeRecord.objects.filter(cascade__circulation__briefing=single).count() == 2
    assert set(thematic.reviews.all()) == {olive, *others}
    # Waiting for the chair: the thematic briefing, and Adult P's summary with the slip the check caught
    # (sarhub/demo/publication.py).
    assert [item.title for item in awaiting_approval(personas["chair"])] == [
        f"{others[0].reference} (Adult P): publication",
        "7-minute briefing: When concerns repeat: who owns the risk?, version 1",
    ]
    assert Briefing.objects.count() == 2
