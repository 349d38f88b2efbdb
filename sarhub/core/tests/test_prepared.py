"""Prepared queries give exactly what their querysets give, on this database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sarhub.core.prepared import Prepared
from sarhub.referrals.services.screening import request_scoping
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import sections
from sarhub.reviews.models import AccuracyComment, Finding, StagePlan
from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_finding, save_quality_markers, save_recommendation
from sarhub.reviews.services.requests import request_information
from sarhub.reviews.services.running import add_parallel_process
from sarhub.taxonomy.models import AbuseType, PracticeTheme
from tests.builders import decided_referral as _decided
from tests.factories import make_sample_referral

pytestmark = pytest.mark.django_db

PREPARED = [
    value for module in (sections, review_permissions) for value in vars(module).values() if isinstance(value, Prepared)
]


def test_every_prepared_query_on_the_review_page_matches_its_queryset(personas):
    manager = personas["bu_manager"]
    review = set_up_review(manager, [_decided(personas)], route="rapid", data={"pseudonym": "Adult P"})
    other = set_up_review(manager, [_decided(personas)], route="thematic", data={"pseudonym": "Adult Q"})
    themes = list(PracticeTheme.objects.all()[:3])
    abuse = list(AbuseType.objects.all()[:2])
    for target in (review, other):
        first = save_finding(
            manager,
            target,
            {"text": "Line one.\nLine two.", "domain": "inter_agency", "kind": "barrier", "practice_themes": themes},
        )
        save_finding(
            manager, target, {"text": "Good.", "domain": "direct_work", "kind": "good_practice", "abuse_types": abuse}
        )
        save_recommendation(
            manager,
            target,
            {
                "text": "Do it.",
                "to_board": True,
                "agencies": [personas["agency_lead"].agencies[0]],
                "findings": [first],
            },
        )
        save_quality_markers(manager, target, {1: ("green", "Fine."), 8: ("amber", "")})
        add_parallel_process(manager, target, {"kind": "coroner", "holds_publication": True})
        chronology = request_information(manager, target, [personas["agency_lead"].agencies[0]], "chronology")[0]
        AccuracyComment.objects.create(
            request=chronology,
            number=1,
            location="2.1",
            comment="Wrong date.",
            author=personas["agency_lead"],
            outcome="not_amended",
            dispute="We disagree.",
            disputed_at=timezone.now(),
        )
    StagePlan.objects.filter(review=review, stage="set_up").update(actual_end=timezone.localdate() - timedelta(days=1))
    assert len(PREPARED) >= 8
    for prepared in PREPARED:
        for target in (review, other):
            expected = [tuple(row) for row in prepared.queryset(target.pk)]
            assert prepared.rows(target.pk) == expected
            assert expected, "each query should return rows in this test"
    assert Finding.objects.count() == 4

    # The referral page's queries.
    from sarhub.referrals import rows as referral_rows
    from sarhub.referrals import selectors as referral_selectors

    decided = review.referrals.get()
    screened = make_sample_referral(
        abuse_types=list(AbuseType.objects.all()[:2]), agencies=[personas["agency_lead"].agencies[0]]
    )
    request_scoping(manager, screened, [personas["agency_lead"].agencies[0]])
    for module in (referral_rows, referral_selectors):
        for name, prepared in vars(module).items():
            if isinstance(prepared, Prepared):
                referral = decided if name == "REVIEWS_OF" else screened
                expected = [tuple(row) for row in prepared.queryset(referral.pk)]
                assert expected and prepared.rows(referral.pk) == expected, name


def test_only_plain_values_list_queries_with_parameters_can_be_prepared(personas):
    flat = Prepared(lambda review_id: Finding.objects.filter(review_id=review_id).values_list("id", flat=True))
    with pytest.raises(ValueError):
        flat.rows(1)
    as_limit = Prepared(lambda n: Finding.objects.values_list("id")[: abs(n)])
    with pytest.raises(ValueError):
        as_limit.rows(3)
