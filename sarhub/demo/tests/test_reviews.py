"""The demo reviews show what the forms keep: findings with several practice themes and abuse types,
recommendations to several agencies, requests to several agencies (one returned, one accepted),
documents of each type, agreed changes to plans and a lead reviewer's request to move on."""

from __future__ import annotations

import pytest

from sarhub.demo.reviews import seed_reviews
from sarhub.documents.models import Document
from sarhub.reviews.models import (
    AgencyRequest,
    Finding,
    Review,
    ReviewRecommendation,
    StageMoveRequest,
    TimelineRevision,
)

pytestmark = pytest.mark.django_db


def test_the_demo_reviews_show_several_answers_to_each_multiple_choice(settings):
    from sarhub.demo.management.commands.seed_demo import seed
    from sarhub.demo.referrals import seed_referrals

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people = seed()
    seed_referrals(people)
    seed_reviews(people)
    count = Review.objects.count()
    seed_reviews(people)  # again: nothing changes
    assert Review.objects.count() == count

    several = [f for f in Finding.objects.all() if f.practice_themes.count() >= 2 and f.abuse_types.count() >= 2]
    assert len(several) >= 3
    assert sum(1 for r in ReviewRecommendation.objects.all() if r.agencies.count() >= 2) >= 3
    for kind in ("chronology", "imr", "factual_accuracy"):
        asked = AgencyRequest.objects.filter(kind=kind).values_list("review_id", "agency_id")
        per_review: dict[int, int] = {}
        for review_id, _agency in asked:
            per_review[review_id] = per_review.get(review_id, 0) + 1
        assert max(per_review.values()) >= 2, kind
    assert AgencyRequest.objects.filter(return_count__gte=1, status="requested").exists()
    assert AgencyRequest.objects.filter(accepted_at__isnull=False).exists()
    types = set(Document.objects.values_list("document_type", flat=True))
    assert {"draft_report", "final_report", "executive_summary", "chronology", "imr", "terms_of_reference"} <= types
    # Every factual-accuracy round sent a document of the type draft report.
    assert (
        not AgencyRequest.objects.filter(kind="factual_accuracy")
        .exclude(draft__document__document_type="draft_report")
        .exists()
    )
    assert TimelineRevision.objects.count() >= 2
    assert StageMoveRequest.objects.filter(settled_at__isnull=True).exists()
