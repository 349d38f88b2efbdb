"""The fictional demo partnership: agencies modelled on Rotherham's, and one fictional person per role.

Everything here is fictional except the Board's public details and the agencies' public names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sarhub.core.roles import Role
from sarhub.partnership.models import AgencyType

if TYPE_CHECKING:
    from sarhub.partnership.models import Agency, Person

DEMO_PASSWORD = "demo-sarhub-2026"  # noqa: S105 (published demo password; demo mode only)
DEMO_CODE = "246810"  # the demo personas' second factor (demo mode only)
DEMO_DOMAIN = "rsab-demo.invalid"

BOARD = {
    "name": "Rotherham Safeguarding Adults Board",
    "short_name": "RSAB",
    "concern_phone": "01709 822330",
    "website": "https://www.rsab.org.uk",
    "financial_year_start_month": 4,
    "purpose": (
        "Rotherham Safeguarding Adults Board brings together the council, the NHS, the police and other "
        "partners to help adults with care and support needs in Rotherham live free from abuse and neglect.\n"
        "When an adult dies or is seriously harmed and agencies could have worked together better, the Board "
        "reviews what happened so that the whole partnership can learn."
    ),
}

AGENCIES: list[tuple[str, str, AgencyType]] = [
    ("Rotherham Metropolitan Borough Council", "RMBC", AgencyType.LOCAL_AUTHORITY),
    ("NHS South Yorkshire Integrated Care Board", "SY ICB", AgencyType.ICB),
    ("The Rotherham NHS Foundation Trust", "TRFT", AgencyType.ACUTE_TRUST),
    ("Rotherham Doncaster and South Humber NHS Foundation Trust", "RDaSH", AgencyType.MENTAL_HEALTH_TRUST),
    ("South Yorkshire Police", "SYP", AgencyType.POLICE),
    ("South Yorkshire Fire & Rescue", "SYFR", AgencyType.FIRE_AND_RESCUE),
    ("Wentbridge Vale Homes (fictional housing provider)", "WVH", AgencyType.HOUSING),
    (
        "Kiveton Lane Community Support (fictional voluntary organisation)",
        "KLCS",
        AgencyType.VOLUNTARY_SECTOR,
    ),
]


@dataclass(frozen=True)
class Persona:
    key: str
    full_name: str
    job_title: str
    role: Role
    agency_short_name: str | None = None

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


PERSONAS = [
    Persona("bu-manager", "Hannah Ashcroft", "Board Business Manager", Role.BUSINESS_UNIT_MANAGER),
    Persona("bu-coordinator", "Tomasz Greave", "SAR Coordinator", Role.BUSINESS_UNIT_COORDINATOR),
    Persona(
        "subgroup",
        "Amara Okonjo",
        "Designated Nurse, Safeguarding Adults",
        Role.SAR_SUBGROUP_MEMBER,
        "SY ICB",
    ),
    Persona("chair", "Margot Fenwick", "Independent Chair", Role.INDEPENDENT_CHAIR),
    Persona("reviewer", "Declan Kershall", "Independent Reviewer", Role.INDEPENDENT_REVIEWER),
    Persona(
        "agency-lead",
        "Sadie Whitcombe",
        "Named Nurse, Safeguarding Adults",
        Role.AGENCY_SAFEGUARDING_LEAD,
        "TRFT",
    ),
    Persona("practitioner", "Jamie Holbeck", "Social Worker", Role.PRACTITIONER, "RMBC"),
    Persona("line-manager", "Corinne Bentham", "Team Manager, Adult Social Care", Role.LINE_MANAGER, "RMBC"),
    Persona("board-member", "Patrick Ibbetsen", "Detective Superintendent", Role.BOARD_MEMBER, "SYP"),
    Persona("admin", "Alex Moreland", "Systems Administrator", Role.SYSTEM_ADMINISTRATOR),
]


# The other agencies' safeguarding leads (fictional; no demo login, so they cannot sign in): requests and
# briefings sent to these agencies reach someone. South Yorkshire Fire & Rescue and Kiveton Lane Community
# Support have no safeguarding lead, so the partnership's agencies list shows the flag for them.
AGENCY_LEADS: list[tuple[str, str, str]] = [
    ("RMBC", "Priya Ellwood", "Head of Safeguarding Adults"),
    ("SY ICB", "Gareth Lindqvist", "Deputy Designated Nurse, Safeguarding Adults"),
    ("RDaSH", "Morven Achterberg", "Named Professional, Safeguarding Adults"),
    ("SYP", "Callum Oyelaran", "Detective Inspector, Public Protection"),
    ("WVH", "Rhiannon Strudwick", "Safeguarding and Tenancy Support Lead"),
]
NO_LEAD = ["SYFR", "KLCS"]


def agency_lead_email(short_name: str) -> str:
    return f"safeguarding-{short_name.lower().replace(' ', '-')}@{DEMO_DOMAIN}"


def seed_agency_leads(agencies: dict[str, Agency]) -> None:
    """One safeguarding lead for each agency in AGENCY_LEADS (idempotent; accounts with no password)."""
    from sarhub.partnership.models import Membership, Person

    for short_name, full_name, job_title in AGENCY_LEADS:
        email = agency_lead_email(short_name)
        person = Person.objects.filter(email=email).first() or Person.objects.create_user(
            email, None, full_name=full_name
        )
        Person.objects.filter(pk=person.pk).update(full_name=full_name, job_title=job_title, is_active=True)
        agency = agencies[short_name]
        role = Role.AGENCY_SAFEGUARDING_LEAD
        if not Membership.objects.active().filter(person=person, role=role, agency=agency).exists():
            Membership.objects.create(person=person, role=role, agency=agency)


# A pending invitation with more than one role (under Invitations): South Yorkshire Fire & Rescue's new
# representative on the Board and the SAR subgroup. Neither role leads safeguarding at the agency, so it stays
# flagged until someone there is its safeguarding lead.
INVITATION = {
    "full_name": "Ffion Marchbank",
    "job_title": "Group Manager, Prevention and Protection",
    "agency": "SYFR",
    "roles": [Role.SAR_SUBGROUP_MEMBER, Role.BOARD_MEMBER],
}


def invitation_email() -> str:
    return f"ffion.marchbank@{DEMO_DOMAIN}"


def seed_invitation(people: dict[str, Person], agencies: dict[str, Agency]) -> None:
    """The pending invitation, sent by the business unit manager through the real service (once)."""
    from sarhub.partnership.models import Invitation, Person
    from sarhub.partnership.services import invite_person

    email = invitation_email()
    if Invitation.objects.filter(email=email).exists() or Person.objects.filter(email=email).exists():
        return
    invite_person(
        people["bu-manager"],
        email=email,
        full_name=str(INVITATION["full_name"]),
        job_title=str(INVITATION["job_title"]),
        agency=agencies[str(INVITATION["agency"])],
        roles=[str(role) for role in INVITATION["roles"]],
    )
