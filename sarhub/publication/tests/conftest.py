"""Fixtures shared by the publication tests (all fictional)."""

from __future__ import annotations

import pytest

from sarhub.reviews.models import Review
from tests.builders import coded_signed_off_review


@pytest.fixture
def review(personas) -> Review:
    """A signed-off review with its finding coded with a practice theme and a recommendation to the Board."""
    return coded_signed_off_review(personas)
