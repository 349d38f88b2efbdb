from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from sarhub.partnership.models import Person
from tests.personas import build_personas, sign_in


@pytest.fixture
def personas(db: None) -> dict[str, Person]:
    return build_personas()


@pytest.fixture
def client_for(db: None) -> Callable[[Person], Client]:
    """A fresh signed-in, 2FA-verified client for a person."""

    def make(person: Person) -> Client:
        return sign_in(Client(), person)

    return make
