"""Published 7-minute briefings in the public library: absent everywhere until approved and while taken
down, naming only the reviews that are published themselves (all names are fictional)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sarhub.briefings import services
from sarhub.briefings.models import Briefing
from sarhub.publication import services as publication_services
from sarhub.publication.models import Form
from sarhub.reviews.models import Review
from tests.builders import signed_off_review, written_briefing
from tests.factories import SAMPLE_ADULT_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas) -> Review:
    """A review the Board has signed off, reached through the services (its referral names the adult)."""
    return signed_off_review(personas, pseudonym="Adult B")


def make(personas, review, **overrides: str) -> Briefing:
    return written_briefing(personas, review, **overrides)


def _surfaces(briefing: Briefing) -> dict[str, object]:
    client = Client()
    return {
        "page": client.get(reverse("briefings:public-page", args=[briefing.pk])).status_code,
        "pdf": client.get(reverse("briefings:public-pdf", args=[briefing.pk])).status_code,
        "docx": client.get(reverse("briefings:public-docx", args=[briefing.pk])).status_code,
        "list": briefing.title in client.get(reverse("briefings:public-list")).content.decode(),
        "feed": f"/learning/briefings/{briefing.pk}/" in client.get(reverse("publication:feed")).content.decode(),
        "sitemap": f"/learning/briefings/{briefing.pk}/" in client.get(reverse("publication:sitemap")).content.decode(),
    }


HIDDEN = {"page": 404, "pdf": 404, "docx": 404, "list": False, "feed": False, "sitemap": False}
SHOWN = {"page": 200, "pdf": 200, "docx": 200, "list": True, "feed": True, "sitemap": True}


def test_every_unpublished_state_is_absent_from_every_public_surface(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    briefing = make(personas, review)
    version = briefing.versions.get()
    assert _surfaces(briefing) == HIDDEN  # written, not proposed
    proposal = services.propose(manager, version)
    assert _surfaces(briefing) == HIDDEN  # proposed
    services.refuse(chair, proposal, note="Not yet.")
    assert _surfaces(briefing) == HIDDEN  # refused
    live = services.approve(chair, services.propose(manager, version))
    assert _surfaces(briefing) == SHOWN
    services.unpublish(manager, live)
    assert _surfaces(briefing) == HIDDEN  # taken down
    assert _surfaces(make(personas, review, title="Another")) == HIDDEN  # someone else's id: nothing


def test_the_public_page_names_only_reviews_that_are_published(personas, review):
    briefing = make(personas, review)
    services.approve(personas["chair"], services.propose(personas["bu_manager"], briefing.versions.get()))
    page = Client().get(reverse("briefings:public-page", args=[briefing.pk])).content.decode()
    assert "Key finding 1" in page and review.reference not in page and SAMPLE_ADULT_NAME not in page
    publication_services.approve(
        personas["chair"],
        publication_services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."}),
    )
    page = Client().get(reverse("briefings:public-page", args=[briefing.pk])).content.decode()
    assert f"{review.reference}: Adult B" in page
    review_page = Client().get(reverse("publication:review", args=[review.reference])).content.decode()
    assert reverse("briefings:public-page", args=[briefing.pk]) in review_page  # and the review links back


@pytest.mark.parametrize("address", ["/learning/briefings/0/", "/learning/briefings/99999999999999999999/pdf/"])
def test_crafted_public_ids_are_404(address):
    assert Client().get(address).status_code == 404
