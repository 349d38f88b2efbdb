"""Fixtures shared by the briefings tests (all fictional)."""

from __future__ import annotations

import pytest

from sarhub.reviews.models import Review
from tests.builders import signed_off_review


@pytest.fixture
def review(personas) -> Review:
    """A review the Board has signed off, reached through the services (its referral names the adult)."""
    return signed_off_review(personas, pseudonym="Adult B")
