"""The findings' version stamp moves whenever a finding's text or coding changes."""

from __future__ import annotations

from sarhub.insight import corpus
from sarhub.reviews.services.content import save_finding
from sarhub.taxonomy.models import PracticeTheme
from tests.builders import review_at


def test_saving_and_coding_a_finding_moves_the_version(personas):
    review = review_at(personas, "analysis")
    before = corpus.version()
    theme = PracticeTheme.objects.first()
    finding = save_finding(
        personas["bu_manager"],
        review,
        {
            "text": "Agencies did not share what they knew.",
            "domain": "inter_agency",
            "kind": "barrier",
            "abuse_types": [],
            "practice_themes": [theme],
        },
    )
    after_save = corpus.version()
    assert after_save > before
    finding.practice_themes.clear()
    assert corpus.version() > after_save
