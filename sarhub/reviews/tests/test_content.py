"""Findings, recommendations and responses, and the Quality Markers self-assessment."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency
from sarhub.reviews.models import Finding, QualityMarkerAssessment, ResponseStatus, ReviewRecommendation
from sarhub.reviews.services import appoint
from sarhub.reviews.tests.test_reviews import _decided, _new
from sarhub.taxonomy.models import AbuseType, PracticeTheme
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas, client_for):
    _new(client_for(personas["bu_manager"]), _decided(personas))
    from sarhub.reviews.models import Review

    return Review.objects.get()


def test_a_lead_reviewer_records_coded_findings(personas, client_for, review):
    appoint(personas["bu_manager"], review, personas["reviewer"], "lead_reviewer")
    client = client_for(personas["reviewer"])
    self_neglect = AbuseType.objects.get(name="Self-neglect")
    hoarding = PracticeTheme.objects.get(name="Self-neglect and hoarding")
    response = client.post(
        reverse("reviews:finding-new", args=[review.pk]),
        {
            "text": "Fire risk was known to one agency but not shared.",
            "domain": "inter_agency",
            "kind": "systemic_risk",
            "abuse_types": [self_neglect.pk],
            "practice_themes": [hoarding.pk],
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert finding.number == 1 and finding.created_by == personas["reviewer"]
    assert list(finding.abuse_types.all()) == [self_neglect] and list(finding.practice_themes.all()) == [hoarding]
    second = client.post(
        reverse("reviews:finding-new", args=[review.pk]),
        {"text": "The GP practice followed up missed appointments.", "domain": "direct_work", "kind": "good_practice"},
    )
    assert second.status_code == 302 and Finding.objects.get(number=2).kind == "good_practice"
    page = client.get(reverse("reviews:findings", args=[review.pk])).content.decode()
    assert "Finding 1: Systemic risk" in page and "Self-neglect and hoarding" in page


def test_bad_findings_change_nothing(personas, client_for, review):
    client = client_for(personas["bu_manager"])
    response = client.post(
        reverse("reviews:finding-new", args=[review.pk]), {"text": "", "domain": "nowhere", "kind": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body and "Write the finding" in body
    assert not Finding.objects.exists()


@pytest.mark.parametrize("persona", ["subgroup_member", "chair", "agency_lead", "practitioner"])
def test_only_the_business_unit_and_lead_reviewers_edit_content(persona, personas, client_for, review):
    response = client_for(personas[persona]).post(
        reverse("reviews:finding-new", args=[review.pk]),
        {"text": "Not allowed.", "domain": "direct_work", "kind": "barrier"},
    )
    assert response.status_code in (403, 404)
    assert not Finding.objects.exists()


def test_a_panel_member_reads_but_cannot_edit(personas, client_for, review):
    panel: Any = PersonFactory(email="panel@testshire.example.org")
    appoint(personas["bu_manager"], review, panel, "panel_member")
    client = client_for(panel)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    assert client.get(reverse("reviews:finding-new", args=[review.pk])).status_code == 404
    assert client.get(reverse("reviews:quality-markers", args=[review.pk])).status_code == 404


def test_recommendations_are_addressed_and_answered_with_reasons(personas, client_for, review):
    client = client_for(personas["bu_manager"])
    client.post(
        reverse("reviews:finding-new", args=[review.pk]),
        {"text": "No joint plan.", "domain": "inter_agency", "kind": "barrier"},
    )
    finding = Finding.objects.get()
    council = Agency.objects.get(name="Testshire Council")
    nowhere = client.post(reverse("reviews:recommendation-new", args=[review.pk]), {"text": "Do better."})
    assert "Address the recommendation to the Board, to agencies, or both" in nowhere.content.decode()
    response = client.post(
        reverse("reviews:recommendation-new", args=[review.pk]),
        {"text": "Agree a joint plan for hoarding cases.", "agencies": [council.pk], "findings": [finding.pk]},
    )
    assert response.status_code == 302
    recommendation = ReviewRecommendation.objects.get()
    assert list(recommendation.agencies.all()) == [council] and list(recommendation.findings.all()) == [finding]
    assert recommendation.response == ResponseStatus.AWAITING

    url = reverse("reviews:recommendation-response", args=[review.pk, recommendation.pk])
    missing = client.post(url, {"response": "not_accepted", "reasons": ""})
    assert "Give the reasons it was not accepted in full" in missing.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.response == ResponseStatus.AWAITING
    assert (
        client.post(url, {"response": "not_accepted", "reasons": "Already covered by the county protocol."}).status_code
        == 302
    )
    recommendation.refresh_from_db()
    assert (
        recommendation.response == ResponseStatus.NOT_ACCEPTED and recommendation.responded_by == personas["bu_manager"]
    )
    assert AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="reviews.reviewrecommendation").exists()


def test_a_finding_of_another_review_cannot_be_linked(personas, client_for, review):
    client = client_for(personas["bu_manager"])
    _new(client, _decided(personas), pseudonym="Adult B")
    from sarhub.reviews.models import Review

    other = Review.objects.get(pseudonym="Adult B")
    client.post(
        reverse("reviews:finding-new", args=[other.pk]),
        {"text": "Elsewhere.", "domain": "governance", "kind": "barrier"},
    )
    foreign = Finding.objects.get(review=other)
    response = client.post(
        reverse("reviews:recommendation-new", args=[review.pk]),
        {"text": "Link.", "to_board": "on", "findings": [foreign.pk]},
    )
    assert response.status_code == 200 and "Select findings of this review" in response.content.decode()
    assert not ReviewRecommendation.objects.filter(review=review).exists()
    # Another review's objects by id: 404.
    assert client.get(reverse("reviews:finding-edit", args=[review.pk, foreign.pk])).status_code == 404


def test_the_quality_markers_self_assessment(personas, client_for, review):
    client = client_for(personas["bu_manager"])
    data = {f"rating-{n}": "green" for n in range(1, 16)} | {"rating-8": "amber", "note-8": "The inquest delayed us."}
    assert client.post(reverse("reviews:quality-markers", args=[review.pk]), data).status_code == 302
    assert QualityMarkerAssessment.objects.filter(review=review).count() == 15
    assert QualityMarkerAssessment.objects.get(marker=8).note == "The inquest delayed us."
    page = client.get(reverse("reviews:quality", args=[review.pk])).content.decode()
    assert "8. Parallel processes" in page and "Amber: partly met" in page
    bad = client.post(reverse("reviews:quality-markers", args=[review.pk]), data | {"rating-3": "purple"})
    assert bad.status_code == 400 and "Select a rating for Quality Marker 3" in bad.content.decode()
    assert QualityMarkerAssessment.objects.get(marker=3).rating == "green"
