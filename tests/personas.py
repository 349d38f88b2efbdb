"""Named personas, one per role, used across the tests (all fictional)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts.middleware import LAST_SEEN, LOGIN_AT, SECOND_FACTOR_AT
from sarhub.core.roles import Role
from sarhub.partnership.models import Person
from tests.factories import AgencyFactory, BoardFactory, MembershipFactory, PersonFactory


@dataclass(frozen=True)
class PersonaSpec:
    key: str
    role: Role | None
    agency: str | None = None


# key -> (role, agency). "no_roles" is a signed-in person whose roles have all been removed.
PERSONA_SPECS = [
    PersonaSpec("bu_manager", Role.BUSINESS_UNIT_MANAGER),
    PersonaSpec("bu_coordinator", Role.BUSINESS_UNIT_COORDINATOR),
    PersonaSpec("subgroup_member", Role.SAR_SUBGROUP_MEMBER, "Testshire ICB"),
    PersonaSpec("chair", Role.INDEPENDENT_CHAIR),
    PersonaSpec("reviewer", Role.INDEPENDENT_REVIEWER),
    PersonaSpec("agency_lead", Role.AGENCY_SAFEGUARDING_LEAD, "Testshire Hospital Trust"),
    PersonaSpec("practitioner", Role.PRACTITIONER, "Testshire Council"),
    PersonaSpec("line_manager", Role.LINE_MANAGER, "Testshire Council"),
    PersonaSpec("board_member", Role.BOARD_MEMBER, "Testshire Police"),
    PersonaSpec("sysadmin", Role.SYSTEM_ADMINISTRATOR),
    PersonaSpec("no_roles", None),
]
PERSONA_KEYS = [spec.key for spec in PERSONA_SPECS]


def build_personas() -> dict[str, Person]:
    BoardFactory()
    people: dict[str, Person] = {}
    for spec in PERSONA_SPECS:
        person = cast(
            Person,
            PersonFactory(email=f"{spec.key.replace('_', '.')}@testshire.example.org", full_name=f"Persona {spec.key}"),
        )
        if spec.role is not None:
            agency = AgencyFactory(name=spec.agency) if spec.agency else None
            MembershipFactory(person=person, role=spec.role, agency=agency)
        people[spec.key] = person
    return people


def sign_in(client: Client, person: Person) -> Client:
    """Sign a test client in as `person`, with a verified second factor, as the real flow would leave it."""
    client.force_login(person)
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first() or TOTPDevice.objects.create(
        user=person, name="Test app", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().isoformat()
    session[LOGIN_AT] = now
    session[SECOND_FACTOR_AT] = now
    session[LAST_SEEN] = now
    session.save()
    return client
