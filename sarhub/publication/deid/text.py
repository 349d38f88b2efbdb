"""The de-identification matcher: every identifier of the record, and the patterns anyone's details take,
in a text. (Interim: being rewritten.)"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sarhub.core.validators import nhs_number_is_valid
from sarhub.publication.deid.record import Hit, Identifiers, Role

CONTEXT = 40  # characters shown either side of a hit

POSTCODE = re.compile(r"\b(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})\b", re.IGNORECASE)
NHS_LIKE = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s-]?){8,9}\d(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return " ".join(
        f"{'…' if start > CONTEXT else ''}{before}[{text[start:end]}]{after}{'…' if end + CONTEXT < len(text) else ''}".split()
    )


def _name_variants(name: str) -> list[str]:
    """A full name, and its surname when it is distinctive enough to search for on its own."""
    name = " ".join(name.split())
    if len(name) < 4:
        return []
    variants = [name]
    parts = name.split(" ")
    if len(parts) > 1 and len(parts[-1]) >= 4:
        variants.append(parts[-1])
    return variants


def _date_variants(value: date) -> list[str]:
    day, month, year = value.day, value.month, value.year
    long_month = value.strftime("%B")
    short_month = value.strftime("%b")
    return [
        f"{day:02d}/{month:02d}/{year}",
        f"{day}/{month}/{year}",
        f"{day:02d}-{month:02d}-{year}",
        f"{day:02d}.{month:02d}.{year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day} {long_month} {year}",
        f"{day} {short_month} {year}",
        f"{long_month} {day}, {year}",
    ]


def _find_all(text: str, needle: str, kind: str, where: str, hits: list[Hit]) -> None:
    if not needle:
        return
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(p) for p in needle.split()) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(text):
        hits.append(Hit(kind, match.group(0), where, _context(text, match.start(), match.end())))


def scan_text(text: str, identifiers: Identifiers, where: str = "text") -> list[Hit]:
    """Every identifier and pattern in a text, each with its context."""
    hits: list[Hit] = []
    if not text:
        return hits
    for person in identifiers.everyone():
        kind = "A practitioner's name" if person.role == Role.PRACTITIONER else "A name from the confidential record"
        for name in [person.name, *person.known_as]:
            for variant in _name_variants(name):
                _find_all(text, variant, kind, where, hits)
    if identifiers.date_of_birth:
        for variant in _date_variants(identifiers.date_of_birth):
            _find_all(text, variant, "The date of birth", where, hits)
    if identifiers.address:
        for line in re.split(r"[,\n]+", identifiers.address):
            line = line.strip()
            if len(line) >= 6:
                _find_all(text, line, "The address", where, hits)
    if identifiers.postcode:
        _find_all(text, identifiers.postcode, "The postcode", where, hits)
    if identifiers.nhs_number:
        digits = re.sub(r"\D", "", identifiers.nhs_number)
        for match in NHS_LIKE.finditer(text):
            if "".join(match.groups()) == digits:
                hits.append(Hit("The NHS number", match.group(0), where, _context(text, match.start(), match.end())))
    _patterns(text, where, hits)
    return distinct(hits)


def _patterns(text: str, where: str, hits: list[Hit]) -> None:
    for match in POSTCODE.finditer(text):
        hits.append(Hit("A postcode", match.group(0), where, _context(text, match.start(), match.end())))
    for match in NHS_LIKE.finditer(text):
        if nhs_number_is_valid("".join(match.groups())):
            hits.append(Hit("An NHS number", match.group(0), where, _context(text, match.start(), match.end())))
    for match in PHONE.finditer(text):
        hits.append(Hit("A phone number", match.group(0).strip(), where, _context(text, match.start(), match.end())))
    for match in EMAIL.finditer(text):
        hits.append(Hit("An email address", match.group(0), where, _context(text, match.start(), match.end())))


def distinct(hits: Iterable[Hit]) -> list[Hit]:
    seen: dict[tuple[str, str, str], Hit] = {}
    for hit in hits:
        seen.setdefault((hit.kind, hit.where, hit.context), hit)
    return list(seen.values())
