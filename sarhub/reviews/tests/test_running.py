"""Running a review: stages checked by one service, parallel processes, the involvement log, documents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sarhub.documents.models import DocumentVersion
from sarhub.reviews.models import InvolvementEntry, ParallelProcess, Review, Stage, StagePlan
from sarhub.reviews.tests.test_reviews import _decided, _new
from tests.factories import SAMPLE_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas, client_for) -> Review:
    _new(client_for(personas["bu_manager"]), _decided(personas))
    return Review.objects.get()


def _advance(client, review):
    return client.post(reverse("reviews:advance", args=[review.pk]), follow=True)


def test_the_stages_move_on_only_when_ready(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    for expected in (Stage.INFORMATION_GATHERING, Stage.LEARNING_EVENT, Stage.ANALYSIS):
        _advance(manager, review)
        review.refresh_from_db()
        assert review.stage == expected

    refused = _advance(manager, review).content.decode()
    assert "not ready for draft report" in refused and "at least one finding" in refused
    review.refresh_from_db()
    assert review.stage == Stage.ANALYSIS

    manager.post(
        reverse("reviews:finding-new", args=[review.pk]),
        {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"},
    )
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.DRAFT

    assert "a draft report uploaded" in _advance(manager, review).content.decode()
    manager.post(
        reverse("documents:add", args=["reviews.review", review.pk]),
        {"title": "Draft report v1", "classification": "confidential", "file": SimpleUploadedFile("d.pdf", SAMPLE_PDF)},
    )
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.FACTUAL_ACCURACY

    # The factual-accuracy round: the draft goes to an agency, which comments; every comment is answered.
    blocked = _advance(manager, review).content.decode()
    assert "the draft report sent to the agencies" in blocked
    agency = personas["agency_lead"].agencies[0]
    draft = DocumentVersion.objects.get(document__title="Draft report v1")
    manager.post(
        reverse("reviews:accuracy-new", args=[review.pk]), {"draft": draft.pk, "agencies": [agency.pk], "note": ""}
    )
    request = review.agency_requests.get()
    assert "comments from 1 agency still waited for" in _advance(manager, review).content.decode()
    lead = client_for(personas["agency_lead"])
    lead.post(
        reverse("reviews:comment-new", args=[request.pk]),
        {"location": "Paragraph 3.2", "comment": "The visit was on the 4th, not the 5th.", "suggested": ""},
    )
    lead.post(reverse("reviews:request-submit", args=[request.pk]), {"cover_note": ""})
    assert "a response to 1 comment on the draft" in _advance(manager, review).content.decode()
    comment = request.comments.get()
    manager.post(
        reverse("reviews:comment-response", args=[request.pk, comment.pk]), {"outcome": "amended", "response": ""}
    )
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.BOARD_SIGN_OFF

    manager.post(reverse("reviews:recommendation-new", args=[review.pk]), {"text": "Share risk.", "to_board": "on"})
    blocked = _advance(manager, review).content.decode()
    assert "the date the Board signed the review off" in blocked and "a response to every recommendation" in blocked

    future = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    assert (
        "today or in the past"
        in manager.post(reverse("reviews:sign-off", args=[review.pk]), {"signed_off_on": future}).content.decode()
    )
    manager.post(
        reverse("reviews:sign-off", args=[review.pk]), {"signed_off_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    recommendation = review.recommendations.get()
    manager.post(
        reverse("reviews:recommendation-response", args=[review.pk, recommendation.pk]), {"response": "accepted"}
    )
    _advance(manager, review)
    review.refresh_from_db()
    assert review.stage == Stage.COMPLETE and review.signed_off_on == timezone.localdate()
    plans = {p.stage: p for p in StagePlan.objects.filter(review=review)}
    assert all(p.actual_start and p.actual_end for p in plans.values())
    assert "The review is complete" in _advance(manager, review).content.decode()


@pytest.mark.parametrize("persona", ["reviewer", "chair", "subgroup_member"])
def test_only_the_business_unit_moves_the_stages(persona, personas, client_for, review):
    response = client_for(personas[persona]).post(reverse("reviews:advance", args=[review.pk]))
    assert response.status_code in (403, 404)
    review.refresh_from_db()
    assert review.stage == Stage.SET_UP


def test_a_parallel_process_holds_publication_until_it_concludes(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    manager.post(
        reverse("reviews:process-new", args=[review.pk]),
        {"kind": "coroner", "details": "Listed for March", "holds_publication": "on"},
    )
    process = ParallelProcess.objects.get()
    page = manager.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Publication is held until the coroner" in page
    url = reverse("reviews:process-conclude", args=[review.pk, process.pk])
    future = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert "today or in the past" in manager.post(url, {"concluded_on": future}).content.decode()
    manager.post(url, {"concluded_on": timezone.localdate().strftime("%d/%m/%Y")})
    assert "Publication is held" not in manager.get(reverse("reviews:detail", args=[review.pk])).content.decode()


def test_the_involvement_log(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    url = reverse("reviews:involvement-new", args=[review.pk])
    future = (timezone.localdate() + timedelta(days=2)).strftime("%d/%m/%Y")
    assert "There is a problem" in manager.post(url, {"happened_on": future, "kind": "informed"}).content.decode()
    assert not InvolvementEntry.objects.exists()
    today = timezone.localdate().strftime("%d/%m/%Y")
    manager.post(
        url, {"happened_on": today, "kind": "advocacy_offered", "who": "Daughter", "note": "Accepted an advocate."}
    )
    entry = InvolvementEntry.objects.get()
    assert entry.kind == "advocacy_offered" and entry.who == "Daughter"
    assert "Accepted an advocate." in manager.get(reverse("reviews:family", args=[review.pk])).content.decode()


def test_review_documents_follow_the_review(personas, client_for, review):
    from sarhub.reviews.services import appoint

    appoint(personas["bu_manager"], review, personas["reviewer"], "lead_reviewer")
    reviewer = client_for(personas["reviewer"])
    response = reviewer.post(
        reverse("documents:add", args=["reviews.review", review.pk]),
        {"title": "Chronology", "classification": "confidential", "file": SimpleUploadedFile("c.pdf", SAMPLE_PDF)},
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert reviewer.get(reverse("documents:download", args=[version.pk])).status_code == 200
    assert client_for(personas["chair"]).get(reverse("documents:download", args=[version.pk])).status_code == 200
    for outsider in ("agency_lead", "practitioner", "board_member"):
        assert client_for(personas[outsider]).get(reverse("documents:download", args=[version.pk])).status_code == 404
