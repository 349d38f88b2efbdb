"""Fixtures shared by the publication tests (all fictional)."""

from __future__ import annotations

import pytest

from sarhub.reviews.models import Review
from sarhub.reviews.services.content import save_finding, save_recommendation
from sarhub.taxonomy.models import PracticeTheme
from tests.builders import signed_off_review


@pytest.fixture
def review(personas) -> Review:
    """A signed-off review with its finding coded with a practice theme and a recommendation to the Board."""
    review = signed_off_review(personas, pseudonym="Adult R")
    theme = PracticeTheme.objects.get(name="Information sharing")
    save_finding(
        personas["bu_manager"],
        review,
        {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier", "practice_themes": [theme]},
        review.findings.get(),
    )
    save_recommendation(personas["bu_manager"], review, {"text": "Share risk.", "to_board": True})
    return review
