"""Shared set-up for the partner API tests: actions of agency A (the agency lead persona's), agency B and the
Board, and tokens for agency A."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

import pytest
from django.test import Client
from django.utils import timezone

from sarhub.actions.models import Action
from sarhub.actions.services import create_action
from sarhub.api.models import Scopes
from sarhub.api.services import IssuedToken, issue_token
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.reviews.models import Review
from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_recommendation
from tests.builders import decided_referral as _decided
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory


@dataclass
class World:
    review: Review
    agency_a: Agency
    agency_b: Agency
    a_actions: list[Action]
    b_action: Action
    board_action: Action
    led_b_action: Action  # agency B's, but led by agency A's lead: visible to them in SAR Hub, never through A's token
    led_board_action: Action  # the Board's, led by agency A's lead: likewise


def make_action(
    personas: dict[str, Any], review: Review, owner: Agency | None, *, lead: Any = None, days: int = 60
) -> Action:
    """An action of `owner` (None: the Board), led by `lead` or by someone of the owner who leads no agency."""
    manager = personas["bu_manager"]
    recommendation = review.recommendations.order_by("number").first()
    if lead is None and owner is None:
        lead = personas["bu_coordinator"]
    elif lead is None and owner is not None:
        lead = cast(Person, PersonFactory(email=f"staff.{owner.pk}@testshire.example.org", full_name="Staff Member"))
        Membership.objects.get_or_create(person=lead, role="practitioner", agency=owner)
    return create_action(
        manager,
        review,
        {
            "recommendation": recommendation,
            "what": f"Train staff ({owner.name if owner else 'the Board'})",
            "success_measure": "Audit shows the new practice in 9 of 10 cases",
            "due_on": timezone.localdate() + timedelta(days=days),
            "lead": lead,
            "owner_agency": owner,
        },
    )


@pytest.fixture
def world(personas: dict[str, Any]) -> World:
    manager = personas["bu_manager"]
    review = set_up_review(manager, [_decided(personas)], route="rapid", data={"pseudonym": "Adult Api"})
    save_recommendation(manager, review, {"text": "Share risk information.", "to_board": True})
    agency_a = personas["agency_lead"].agencies[0]
    agency_b = cast(Agency, AgencyFactory(name="Testshire Council"))
    lead = personas["agency_lead"]
    a_actions = [make_action(personas, review, agency_a, days=d) for d in (30, 60, 90)]
    b_action = make_action(personas, review, agency_b)
    board_action = make_action(personas, review, None)
    # A's lead also worked at B when they were named to lead one of B's actions (an action is led by someone
    # of its owner); that role has ended since, and the action is still theirs.
    at_b = cast(Membership, MembershipFactory(person=lead, role="line_manager", agency=agency_b))
    led_b_action = make_action(personas, review, agency_b, lead=lead)
    Membership.objects.filter(pk=at_b.pk).update(ended_at=timezone.now())
    return World(
        review=review,
        agency_a=agency_a,
        agency_b=agency_b,
        a_actions=a_actions,
        b_action=b_action,
        board_action=board_action,
        led_b_action=led_b_action,
        led_board_action=make_action(personas, review, None, lead=lead),
    )


def issue(personas: dict[str, Any], agency: Agency, scopes: str = Scopes.READ_WRITE, **extra: Any) -> IssuedToken:
    return issue_token(
        personas["bu_manager"],
        {
            "agency": agency,
            "acting_person": personas["agency_lead"],
            "name": "Datix action tracker",
            "scopes": scopes,
            **extra,
        },
    )


@pytest.fixture
def writer(personas: dict[str, Any], world: World) -> IssuedToken:
    return issue(personas, world.agency_a, Scopes.READ_WRITE)


@pytest.fixture
def reader(personas: dict[str, Any], world: World) -> IssuedToken:
    return issue(personas, world.agency_a, Scopes.READ)


def bearer(secret: str) -> Client:
    """A client with no session at all: only the token."""
    return Client(headers={"Authorization": f"Bearer {secret}"})
