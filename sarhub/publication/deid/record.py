"""What the de-identification check looks for (the confidential record's identifiers) and what it finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class Role:
    """Who a person on the record is, for the kind of hit shown to the business unit and the chair."""

    ADULT = "adult"
    FAMILY = "family"  # a family member or another person around the adult
    PRACTITIONER = "practitioner"
    REFERRER = "referrer"


ROLE_KINDS = {
    Role.ADULT: "The adult's name",
    Role.FAMILY: "A name of someone around the adult",
    Role.PRACTITIONER: "A practitioner's name",
    Role.REFERRER: "The referrer's name",
}


@dataclass
class RecordPerson:
    """A person the record names: their full name as recorded, and any other names they are known by
    (aliases, nicknames, known-as names, however short)."""

    name: str
    known_as: list[str] = field(default_factory=list)
    role: str = Role.ADULT
    detail: str = ""  # relationship or role and agency, for the business unit and the chair (never public)


@dataclass
class Identifiers:
    """What the confidential record says about the people a review is about.

    `names` and `practitioners` are the short form (kept for simple callers): each name is a person of the
    adult's circle or a practitioner, with no known-as names. `people` is the full form."""

    names: list[str] = field(default_factory=list)
    practitioners: list[str] = field(default_factory=list)
    people: list[RecordPerson] = field(default_factory=list)
    date_of_birth: date | None = None
    date_of_death: date | None = None
    address: str = ""  # one address, its lines separated by commas or new lines
    addresses: list[str] = field(default_factory=list)  # further addresses
    postcode: str = ""
    postcodes: list[str] = field(default_factory=list)
    nhs_number: str = ""
    nhs_numbers: list[str] = field(default_factory=list)
    # Names never flagged (a Board member quoted by role, say): each excluded with a recorded reason.
    excluded: list[str] = field(default_factory=list)
    # Contact details the Board itself publishes (its concern line, its own email): never flagged.
    published_contacts: list[str] = field(default_factory=list)

    def everyone(self) -> list[RecordPerson]:
        """Every person on the record, the short form included."""
        found = list(self.people)
        found += [RecordPerson(name, role=Role.ADULT if i == 0 else Role.FAMILY) for i, name in enumerate(self.names)]
        found += [RecordPerson(name, role=Role.PRACTITIONER) for name in self.practitioners]
        return [p for p in found if p.name.strip() or any(k.strip() for k in p.known_as)]

    def all_addresses(self) -> list[str]:
        return [a for a in [self.address, *self.addresses] if a.strip()]

    def all_postcodes(self) -> list[str]:
        return [p for p in [self.postcode, *self.postcodes] if p.strip()]

    def all_nhs_numbers(self) -> list[str]:
        return [n for n in [self.nhs_number, *self.nhs_numbers] if n.strip()]


@dataclass(frozen=True)
class Hit:
    kind: str  # what was found, in words
    found: str  # the text that matched, as written
    where: str  # which part of the item: "summary", "finding 2", "page 3", "DOCX comment"...
    context: str  # the text around it, the match in [brackets], for a person to judge
    start: int = field(default=-1, compare=False)  # where the match is in the part's text (-1: not known)
    end: int = field(default=-1, compare=False)

    @property
    def key(self) -> str:
        """Stable across scans: a clearance is recorded against this."""
        return f"{self.kind}|{self.where}|{self.found.lower()}"


class ActiveContent(Exception):
    """A PDF with scripts, actions or embedded files: never published."""


class Unreadable(Exception):
    """A file the check cannot read (encrypted, damaged, or pages with no text): never passed as clean."""
