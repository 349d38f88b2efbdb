"""A briefing is checked against every review's and referral's record the Board holds, not only its own
(issue 13: a briefing about one review named the adults of two others and was published). Fictional names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sarhub.briefings import services
from sarhub.publication.models import Status
from tests.builders import review_at, written_briefing

pytestmark = pytest.mark.django_db


def test_a_briefing_about_one_review_naming_two_other_reviews_adults_is_flagged_until_cleared(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    review_at(personas, pseudonym="Adult S", adult_name="Bramble Xq7Otter")
    review_at(personas, pseudonym="Adult T", adult_name="Juniper Zk4Marten")
    briefing = written_briefing(
        personas, review, background="Adult B, like Bramble Xq7Otter and Juniper Zk4Marten, lived alone."
    )
    proposal = services.propose(manager, briefing.versions.get())
    found = {hit["found"]: hit["kind"] for hit in proposal.hits if hit["where"] == "background"}
    assert found == {
        "Bramble Xq7Otter": "The adult's name (another review)",
        "Juniper Zk4Marten": "The adult's name (another review)",
    }
    assert not any("SAR-" in hit["kind"] for hit in proposal.hits)  # never which review
    with pytest.raises(ValidationError, match="still to clear"):
        services.approve(chair, proposal)
    for finding in proposal.findings:
        proposal = services.gate.clear_finding(manager, proposal, finding.key, "Fictional: agreed.")
    assert services.approve(chair, proposal).status == Status.APPROVED


def test_every_other_records_identifiers_are_read_in_the_same_few_queries_however_many_reviews(personas, review):
    """The check against every record reads each kind of row once for all reviews (not four queries per
    review), and gives exactly what reading each review alone gives."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sarhub.publication.gate.identifiers import _every_other_review, identifiers_for
    from sarhub.reviews.models import Review

    def reads(count: int) -> tuple[int, list]:
        with CaptureQueriesContext(connection) as queries:
            found = list(_every_other_review([review]))
        assert len(found) == count
        return len(queries), found

    review_at(personas, pseudonym="Adult S", adult_name="Bramble Xq7Otter")
    few, _ = reads(1)
    for index in range(4):
        review_at(personas, pseudonym=f"Adult {'UVWX'[index]}", adult_name=f"Fictional Person{index} Zq")
    many, found = reads(5)
    assert many <= few <= 5  # the Board is read once, then cached
    others = Review.objects.exclude(pk=review.pk).order_by("pk")
    assert [vars(ids) | {"_prepared": None} for ids in found] == [
        vars(identifiers_for(other)) | {"_prepared": None} for other in others
    ]
