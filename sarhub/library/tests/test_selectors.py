"""What the library joins from publication and briefings for the staff pages (all names are fictional)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sarhub.briefings import services as briefings
from sarhub.library.selectors import sent_briefings
from tests.builders import written_briefing

pytestmark = pytest.mark.django_db


def test_a_reviews_publication_page_lists_the_briefings_sent_about_it(personas, review, client_for):
    manager = personas["bu_manager"]
    page = client_for(manager).get(reverse("publication:for-review", args=[review.pk])).content.decode()
    assert "7-minute briefings sent to the partnership" in page and sent_briefings(review) == []
    version = written_briefing(personas, review).versions.get()
    circulation = briefings.circulate(manager, version)
    [row] = sent_briefings(review)
    assert row["circulation"] == circulation and row["responded"] == 0 and row["agencies"]
    page = client_for(manager).get(reverse("publication:for-review", args=[review.pk])).content.decode()
    assert reverse("briefings:circulation", args=[circulation.pk]) in page  # the business unit reads every one
    assert f"0 of {row['agencies']} agencies have recorded their cascade" in page
