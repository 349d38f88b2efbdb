"""The events tests' shared starting points, reached through the services (all fictional)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sarhub.core.roles import Role
from sarhub.events import services
from sarhub.events.models import LearningEvent
from sarhub.events.tests.support import event_data
from sarhub.partnership.models import Person
from sarhub.reviews.models import Review
from sarhub.reviews.services import appoint, set_up_review
from tests.builders import decided_referral
from tests.factories import MembershipFactory, PersonFactory


@pytest.fixture
def review(personas) -> Review:
    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas)], route="rapid", data={"pseudonym": "Adult W"}
    )
    appoint(personas["bu_manager"], review, personas["reviewer"], Role.LEAD_REVIEWER)
    return review


@pytest.fixture
def make_person(db) -> Callable[..., Person]:
    """Someone with one role at one agency (a practitioner by default)."""

    def make(name: str, agency: Any, role: str = Role.PRACTITIONER, **extra: Any) -> Person:
        email = name.lower().replace(" ", ".") + "@testshire.example.org"
        person: Person = PersonFactory(email=email, full_name=name, **extra)  # type: ignore[assignment]
        MembershipFactory(person=person, role=role, agency=agency)
        return Person.objects.get(pk=person.pk)

    return make


@pytest.fixture
def event(personas, review) -> LearningEvent:
    """Planned by the lead reviewer for ten days' time, the lead reviewer facilitating; no one invited yet."""
    return services.plan_event(personas["reviewer"], review, event_data(), [personas["reviewer"]])
