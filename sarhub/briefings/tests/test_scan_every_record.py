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
