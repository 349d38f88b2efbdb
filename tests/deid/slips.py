"""Slips: identifying details that get into a de-identified SAR summary, one class for each kind seen in real
reports, planted in the fictional corpus (tests/deid/corpus.py) as realistic sentences.

Each slip class has a short id ("name.first"), a readable label and a maker that, for a case, returns the
slips of that class that apply to it (none when the case has nothing to plant: no double-barrelled name,
say). A slip is a sentence with the exact span the check must flag (just "Kenneth" in "Kenneth's"), and a
bare form (the span alone, or a short phrase) for the parts of a file that hold a name or a few words only
(a comment's author, a document property).

Sentence templates vary by case. Names whose words are everyday words ("Will Long", "Hope White") are planted
only where written as a name: capitalised mid-sentence, beside a title or beside another part of the name.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tests.deid.corpus import Case, Person, nhs_number

WORDS_FILE = Path(__file__).resolve().parents[2] / "sarhub" / "publication" / "deid" / "words.txt.gz"


@cache
def everyday_words() -> frozenset[str]:
    """The British English word list the check uses for names that are also words (empty if missing)."""
    try:
        with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as f:
            return frozenset(f.read().split())
    except OSError:
        return frozenset()


def is_word(name: str) -> bool:
    return name.lower() in everyday_words()


@dataclass(frozen=True)
class Slip:
    cls: str  # the slip class's id
    case: str  # the case's key
    sentence: str  # the sentence planted
    start: int  # the span the check must flag, in the sentence
    end: int
    bare: str  # the span, or a short phrase holding it, for parts that hold a few words only

    @property
    def span(self) -> str:
        return self.sentence[self.start : self.end]


@dataclass(frozen=True)
class SlipClass:
    id: str
    label: str
    make: Callable[[Case, int], list[Slip]]


def marked(cls: str, case: Case, template: str, bare: str = "") -> Slip:
    """A slip from a sentence whose span is marked «thus»."""
    start = template.index("«")
    end = template.index("»") - 1
    sentence = template.replace("«", "", 1).replace("»", "", 1)
    return Slip(cls, case.key, sentence, start, end, bare or sentence[start:end])


def pick(templates: list[str], i: int) -> str:
    return templates[i % len(templates)]


def strip_accents(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def has_accent(text: str) -> bool:
    return strip_accents(text) != text


ACCENTABLE = {
    "Andre": "André",
    "Sean": "Seán",
    "Chloe": "Chloë",
    "Rene": "René",
    "Zoe": "Zoë",
    "Jose": "José",
    "Sinead": "Sinéad",
    "Noel": "Noël",
    "Helene": "Hélène",
}


def misspell(name: str, i: int) -> str:
    """A one-letter misspelling of a name of six letters or more: a letter dropped, doubled or changed."""
    middle = len(name) // 2
    how = i % 3
    if how == 0:  # a letter dropped
        return name[:middle] + name[middle + 1 :]
    if how == 1:  # a letter doubled
        return name[: middle + 1] + name[middle] + name[middle + 1 :]
    vowels = "aeiou"
    for j in range(middle, len(name) - 1):
        if name[j] in vowels:
            return name[:j] + vowels[(vowels.index(name[j]) + 1) % 5] + name[j + 1 :]
    return name[:-1] + ("e" if name[-1] != "e" else "a")


def initials(person: Person, dotted: bool) -> str:
    letters = [person.first[0], person.surname[0]]
    return "".join(f"{c}." for c in letters) if dotted else "".join(letters)


def surname_parts(person: Person) -> list[str]:
    return person.surname.split("-") if "-" in person.surname else []


def possessive(name: str, curly: bool) -> str:
    return f"{name}\u2019s" if curly else f"{name}'s"


def curly(name: str) -> str:
    return name.replace("'", "\u2019")


# --- The adult's name --------------------------------------------------------------------------------------


def name_full(case: Case, i: int) -> list[Slip]:
    a = case.adult
    return [
        marked(
            "name.full",
            case,
            pick(
                [
                    "«{n}» had lived in the area for most of {p} life.",
                    "The GP wrote to the housing provider about «{n}» in the weeks that followed.",
                    "Practitioners at the learning event remembered «{n}» as warm and funny.",
                    "A referral for «{n}» was made by the ambulance crew.",
                ],
                i,
            ).format(n=a.full, p=_pronoun(a)),
            a.full,
        )
    ]


def _pronoun(person: Person) -> str:
    return "his" if person.title in ("Mr",) else "her"


def name_title_surname(case: Case, i: int) -> list[Slip]:
    a = case.adult
    n = f"{a.title} {a.surname}"
    return [
        marked(
            "name.title_surname",
            case,
            pick(
                [
                    "The social worker visited «{n}» at home and found the heating off.",
                    "«{n}» told the nurse that {s} did not want any fuss.",
                    "Records show that «{n}» missed three appointments in a row.",
                    "When the crew arrived, «{n}» was sitting in the kitchen.",
                ],
                i,
            ).format(n=n, s="he" if a.title == "Mr" else "she"),
            n,
        )
    ]


def name_short_surname(case: Case, i: int) -> list[Slip]:
    person = next((p for p in case.people if len(p.surname) <= 3), None)
    if person is None:
        return []
    n = f"{person.title} {person.surname}"
    return [
        marked(
            "name.short_surname",
            case,
            pick(
                [
                    "The chronology notes that «{n}» raised the concern on the same day.",
                    "It was «{n}» who first noticed the change in the adult's weight.",
                    "The panel asked «{n}» to describe the visit in more detail.",
                    "A call from «{n}» to the duty team was not returned.",
                ],
                i,
            ).format(n=n),
            n,
        )
    ]


def name_first(case: Case, i: int) -> list[Slip]:
    a = case.adult
    return [
        marked(
            "name.first",
            case,
            pick(
                [
                    "The nurse recorded that «{f}» was cheerful but very thin.",
                    "On the next visit «{f}» said that the house was too cold to sit in.",
                    "Her worry was that «{f}» would not accept any help at all.",
                    "Neighbours said «{f}» had stopped going to the shops.",
                    "A friend described how «{f}» loved the football on a Saturday.",
                ],
                i,
            ).format(f=a.first),
        )
    ]


def name_known_as(case: Case, i: int) -> list[Slip]:
    a = case.adult
    longer = [k for k in a.known_as if len(k) >= 4]
    if not longer:
        return []
    return [
        marked(
            "name.known_as",
            case,
            pick(
                [
                    "Everyone at the club called him «{k}», and the name stuck.",
                    "The carers' notes refer to «{k}» throughout.",
                    "Family members said that «{k}» had always been independent.",
                ],
                i,
            ).format(k=longer[0]),
        )
    ]


def name_short_known_as(case: Case, i: int) -> list[Slip]:
    found = [(p, k) for p in case.people for k in p.known_as if len(k) <= 3]
    if not found:
        return []
    _person, k = found[i % len(found)]
    return [
        marked(
            "name.short_known_as",
            case,
            pick(
                [
                    "The support worker wrote that «{k}» was in good spirits that morning.",
                    "Later that week «{k}» rang the surgery to cancel.",
                    "The family told the reviewer that «{k}» had been worried for months.",
                    "According to the police log, «{k}» answered the door.",
                ],
                i,
            ).format(k=k),
        )
    ]


def name_initials_dotted(case: Case, i: int) -> list[Slip]:
    n = initials(case.adult, dotted=True)
    return [
        marked(
            "name.initials_dotted",
            case,
            pick(
                [
                    "The referral form named the adult as «{n}» and gave no other details.",
                    "Ambulance records show «{n}» was conveyed to hospital that night.",
                    "In the minutes of the meeting «{n}» is recorded as declining support.",
                ],
                i,
            ).format(n=n),
        )
    ]


def name_initials_title(case: Case, i: int) -> list[Slip]:
    a = case.adult
    n = initials(a, dotted=False)
    return [
        marked(
            "name.initials_title",
            case,
            pick(
                [
                    "The GP letter was addressed to {t} «{n}» at the old address.",
                    "Police attended and spoke with {t} «{n}» on the doorstep.",
                    "The care plan for {t} «{n}» had not been reviewed for a year.",
                ],
                i,
            ).format(t=a.title, n=n),
            f"{a.title} {n}",
        )
    ]


def name_initials_surname(case: Case, i: int) -> list[Slip]:
    a = case.adult
    n = f"{a.first[0]}. {a.surname}" if i % 2 else f"{a.first[0]} {a.surname}"
    return [
        marked(
            "name.initials_surname",
            case,
            pick(
                [
                    "The hospital passport was in the name of «{n}» and had not been updated.",
                    "A letter to «{n}» about the tenancy was returned unopened.",
                ],
                i,
            ).format(n=n),
        )
    ]


def name_possessive(cls: str, curly_apostrophe: bool) -> Callable[[Case, int], list[Slip]]:
    def make(case: Case, i: int) -> list[Slip]:
        a = case.adult
        apostrophe_surname = next((p for p in case.people if "'" in p.surname), None)
        if apostrophe_surname is not None and i % 2 == 0:
            name = f"{apostrophe_surname.title} {apostrophe_surname.surname}"
        else:
            name = a.first if i % 3 else f"{a.title} {a.surname}"
        if curly_apostrophe:
            name = curly(name)
        own = possessive(name, curly_apostrophe)
        template = pick(
            [
                "The team were aware of «{n}»{s} wish to stay at home.",
                "«{n}»{s} daughter told the reviewer that she had asked for help many times.",
                "Nobody checked «{n}»{s} medication after the admission.",
                "The fire crew described «{n}»{s} kitchen as impossible to move through.",
            ],
            i,
        )
        suffix = own[len(name) :]
        return [marked(cls, case, template.format(n=name, s=suffix), own)]

    return make


def name_upper(case: Case, i: int) -> list[Slip]:
    a = case.adult
    n = a.full.upper() if i % 2 == 0 else f"{a.first} {a.surname.upper()}"
    return [
        marked(
            "name.upper",
            case,
            pick(
                [
                    "The agency return was headed «{n}» in capitals on every page.",
                    "The form gave the patient's name as «{n}» and a ward number.",
                ],
                i,
            ).format(n=n),
        )
    ]


def name_lower(case: Case, i: int) -> list[Slip]:
    a = case.adult
    n = a.first.lower() if i % 2 and not is_word(a.first) else a.full.lower()
    return [
        marked(
            "name.lower",
            case,
            pick(
                [
                    "The email subject line read «{n}» update, in lower case.",
                    "A handwritten note on the file said: call «{n}» back tomorrow.",
                ],
                i,
            ).format(n=n),
        )
    ]


def name_line_break(case: Case, i: int) -> list[Slip]:
    a = case.adult
    return [
        marked(
            "name.line_break",
            case,
            pick(
                [
                    "The discharge letter was sent to «{f}\n{s}» without a copy to the GP.",
                    "The duty worker recorded a call from «{f}\n{s}» late on a Friday.",
                ],
                i,
            ).format(f=a.first, s=a.surname),
            a.full,
        )
    ]


def name_line_hyphen(case: Case, i: int) -> list[Slip]:
    a = case.adult
    name = a.first if len(a.first) >= 5 else a.surname.split("-")[0]
    cut = len(name) // 2
    broken = f"{name[:cut]}-\n{name[cut:]}"
    return [
        marked(
            "name.line_hyphen",
            case,
            pick(
                [
                    "The nurse was worried that «{b}» was not eating.",
                    "The outcome of the enquiry was shared with «{b}» by letter.",
                ],
                i,
            ).format(b=broken),
            name,
        )
    ]


def _double_barrelled(case: Case) -> Person | None:
    return next((p for p in case.people if "-" in p.surname), None)


def name_double_barrel_part(case: Case, i: int) -> list[Slip]:
    person = _double_barrelled(case)
    if person is None:
        return []
    slips = []
    for j, part in enumerate(surname_parts(person)):
        template = pick(
            [
                "The panel heard from {t} «{p}» about the family's wishes.",
                "A message was left for {t} «{p}» but she was away.",
                "The worker noted that {t} «{p}» had been supportive throughout.",
            ],
            i + j,
        )
        slips.append(marked("name.double_barrel_part", case, template.format(t=person.title, p=part), part))
    return slips


def name_double_barrel_space(case: Case, i: int) -> list[Slip]:
    person = _double_barrelled(case)
    if person is None:
        return []
    n = person.surname.replace("-", " ")
    return [
        marked(
            "name.double_barrel_space",
            case,
            pick(
                [
                    "The minutes record {t} «{n}» as present at the strategy meeting.",
                    "A letter from {t} «{n}» set out the family's concerns.",
                ],
                i,
            ).format(t=person.title, n=n),
            f"{person.title} {n}",
        )
    ]


def name_nb_hyphen(case: Case, i: int) -> list[Slip]:
    person = _double_barrelled(case)
    if person is None:
        return []
    n = person.surname.replace("-", "\u2011")
    return [
        marked(
            "name.nb_hyphen",
            case,
            pick(
                [
                    "The report was checked by {t} «{n}» before it went to the panel.",
                    "Contact details for {t} «{n}» were added to the care plan.",
                ],
                i,
            ).format(t=person.title, n=n),
            f"{person.title} {n}",
        )
    ]


def name_accent_dropped(case: Case, i: int) -> list[Slip]:
    person = next((p for p in case.people if has_accent(p.full)), None)
    if person is None:
        return []
    if has_accent(person.first):
        n, template = strip_accents(person.first), "The record shows that «{n}» attended the review meeting."
        if i % 2:
            template = "Staff said «{n}» had rung the office every day that week."
    else:
        n = f"{person.title} {strip_accents(person.surname)}"
        template = pick(["A note from «{n}» was placed on the file.", "The chair thanked «{n}» for the chronology."], i)
    return [marked("name.accent_dropped", case, template.format(n=n))]


def name_accent_added(case: Case, i: int) -> list[Slip]:
    person = next((p for p in case.people if p.first in ACCENTABLE), None)
    if person is None:
        return []
    n = ACCENTABLE[person.first]
    return [
        marked(
            "name.accent_added",
            case,
            pick(
                [
                    "The manager asked «{n}» to complete the agency chronology.",
                    "Written feedback from «{n}» was shared with the panel.",
                    "It was «{n}» who chased the referral.",
                ],
                i,
            ).format(n=n),
        )
    ]


def name_misspelt(case: Case, i: int) -> list[Slip]:
    candidates = [
        part
        for p in case.people
        for part in (p.first, *p.surname.split("-"))
        if len(part) >= 6 and "'" not in part and not has_accent(part)
    ]
    if not candidates:
        return []
    name = candidates[0] if i % 2 == 0 or len(candidates) == 1 else candidates[1]
    wrong = misspell(name, i)
    return [
        marked(
            "name.misspelt",
            case,
            pick(
                [
                    "The locum noted that «{w}» seemed confused about the date.",
                    "An advocate was not offered to «{w}» at any point.",
                    "The duty log says that «{w}» was not at home when the team called.",
                ],
                i,
            ).format(w=wrong),
        )
    ]


# --- Family and others around the adult, and practitioners ---------------------------------------------


def _family(case: Case, i: int) -> Person:
    return case.others[i % len(case.others)]


def family_full(case: Case, i: int) -> list[Slip]:
    p = _family(case, i)
    return [
        marked(
            "family.full",
            case,
            pick(
                [
                    "The adult's {r}, «{n}», told the reviewer that she had asked for help many times.",
                    "«{n}», the adult's {r}, attended the learning event.",
                    "Contact with «{n}» ({r}) was made by telephone.",
                ],
                i,
            ).format(n=p.full, r=p.relationship),
        )
    ]


def family_first(case: Case, i: int) -> list[Slip]:
    p = _family(case, i + 1)
    return [
        marked(
            "family.first",
            case,
            pick(
                [
                    "The adult's {r}, «{f}», visited most days.",
                    "Practitioners said that «{f}» was the person the adult trusted most.",
                    "The review heard that «{f}» had raised concerns with the GP.",
                ],
                i,
            ).format(f=p.first, r=p.relationship),
        )
    ]


def family_known_as(case: Case, i: int) -> list[Slip]:
    people = [p for p in case.others if p.known_as]
    if not people:
        return []
    p = people[i % len(people)]
    return [
        marked(
            "family.known_as",
            case,
            pick(
                [
                    "The adult's {r}, known to everyone as «{k}», was spoken to at the door.",
                    "Police notes refer to the adult's {r} as «{k}».",
                    "The nurse recorded that «{k}» had been staying at the house.",
                ],
                i,
            ).format(k=p.known_as[0], r=p.relationship),
        )
    ]


def family_title_surname(case: Case, i: int) -> list[Slip]:
    p = _family(case, i)
    n = f"{p.title} {p.surname}"
    return [
        marked(
            "family.title_surname",
            case,
            pick(
                [
                    "The social worker arranged to meet «{n}» at the day centre.",
                    "A carer's assessment was never offered to «{n}».",
                    "The panel wrote to «{n}» to explain the review.",
                ],
                i,
            ).format(n=n),
        )
    ]


def family_possessive(case: Case, i: int) -> list[Slip]:
    p = _family(case, i + 1)
    name = p.first
    own = possessive(name, curly=i % 2 == 1)
    return [
        marked(
            "family.possessive",
            case,
            pick(
                [
                    "The adult moved into «{n}»{s} spare room for a few weeks.",
                    "Nobody asked about «{n}»{s} own health.",
                ],
                i,
            ).format(n=name, s=own[len(name) :]),
            own,
        )
    ]


def family_upper(case: Case, i: int) -> list[Slip]:
    p = _family(case, i)
    n = p.full.upper() if i % 2 == 0 else f"{p.title} {p.surname.upper()}"
    return [
        marked(
            "family.upper",
            case,
            pick(
                [
                    "The next of kin was recorded as «{n}» on the admission form.",
                    "The police system listed «{n}» as a person linked to the address.",
                ],
                i,
            ).format(n=n),
        )
    ]


def _practitioner(case: Case, i: int) -> Person:
    return case.practitioners[i % len(case.practitioners)]


def practitioner_full(case: Case, i: int) -> list[Slip]:
    p = _practitioner(case, i)
    return [
        marked(
            "practitioner.full",
            case,
            pick(
                [
                    "The {r}, «{n}», completed the assessment.",
                    "«{n}» ({r}, {a}) made the safeguarding referral.",
                    "At the learning event «{n}» described the pressure on the team.",
                ],
                i,
            ).format(n=p.full, r=p.relationship, a=p.agency),
        )
    ]


def practitioner_title_surname(case: Case, i: int) -> list[Slip]:
    p = _practitioner(case, i + 1)
    n = f"{p.title} {p.surname}"
    return [
        marked(
            "practitioner.title_surname",
            case,
            pick(
                [
                    "The visit was carried out by «{n}», the {r}.",
                    "The agency return written by «{n}» was thorough.",
                    "The adult agreed to see «{n}» the following week.",
                ],
                i,
            ).format(n=n, r=p.relationship),
        )
    ]


def practitioner_first(case: Case, i: int) -> list[Slip]:
    p = _practitioner(case, i + 2)
    return [
        marked(
            "practitioner.first",
            case,
            pick(
                [
                    "The {r}, «{f}», said that the caseload made home visits hard.",
                    "The adult trusted «{f}» from the {a}.",
                    "Her manager asked «{f}» to escalate the case.",
                ],
                i,
            ).format(f=p.first, r=p.relationship, a=p.agency),
        )
    ]


def practitioner_initial_surname(case: Case, i: int) -> list[Slip]:
    p = _practitioner(case, i)
    n = f"{p.first[0]}. {p.surname}" if i % 2 else f"{p.first[0]} {p.surname}"
    return [
        marked(
            "practitioner.initial_surname",
            case,
            pick(
                [
                    "The chronology was signed by «{n}», {r}.",
                    "A note by «{n}» records the adult's wishes.",
                ],
                i,
            ).format(n=n, r=p.relationship),
        )
    ]


def practitioner_possessive(case: Case, i: int) -> list[Slip]:
    p = _practitioner(case, i + 1)
    name = p.first if i % 2 else f"{p.title} {p.surname}"
    own = possessive(name, curly=i % 4 >= 2)
    return [
        marked(
            "practitioner.possessive",
            case,
            pick(
                [
                    "«{n}»{s} notes of the visit were detailed.",
                    "The panel read «{n}»{s} account of the strategy meeting.",
                ],
                i,
            ).format(n=name, s=own[len(name) :]),
            own,
        )
    ]


def common_word_name(case: Case, i: int) -> list[Slip]:
    words = set(case.common_words)
    person = next((p for p in case.people if p.first.lower() in words or p.surname.lower() in words), None)
    if person is None:
        return []
    forms = []
    if person.first.lower() in words:
        forms.append((person.first, "The adult's {r}, «{n}», said the house had been cold for weeks."))
        forms.append((person.first, "The worker spoke to «{n}» on the phone that evening."))
    if person.surname.lower() in words:
        forms.append((f"{person.title} {person.surname}", "A letter from «{n}» was on the file."))
    forms.append((person.full, "The review heard from «{n}» about the last week."))
    n, template = forms[i % len(forms)]
    return [marked("common_word_name", case, template.format(n=n, r=person.relationship))]


# --- Dates -----------------------------------------------------------------------------------------------

ORDINALS = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

DATE_FORMS: dict[str, Callable[[date], str]] = {
    "long": lambda d: f"{d.day} {d:%B} {d.year}",
    "ordinal": lambda d: f"{d.day}{ORDINALS.get(d.day, 'th')} {d:%B} {d.year}",
    "ordinal_of": lambda d: f"{d.day}{ORDINALS.get(d.day, 'th')} of {d:%B} {d.year}",
    "numeric": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "short_numeric": lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}",
    "dotted": lambda d: f"{d.day}.{d.month}.{d.year % 100:02d}",
    "iso": lambda d: d.isoformat(),
    "month_year": lambda d: f"{d:%B} {d.year}",
}
DATE_LABELS = {
    "long": '"3 March 1950"',
    "ordinal": '"3rd March 1950"',
    "ordinal_of": '"3rd of March 1950"',
    "numeric": '"03/03/1950"',
    "short_numeric": '"3/3/50"',
    "dotted": '"3.3.50"',
    "iso": '"1950-03-03"',
    "month_year": '"March 1950"',
}


def date_slip(which: str, form: str) -> Callable[[Case, int], list[Slip]]:
    def make(case: Case, i: int) -> list[Slip]:
        value = case.date_of_birth if which == "dob" else case.date_of_death
        written = DATE_FORMS[form](value)
        if which == "dob":
            templates = [
                "The adult was born on «{d}» and grew up locally.",
                "The hospital record gives a date of birth of «{d}».",
                "Born «{d}», the adult had lived in the borough all {p} life.",
            ]
            if form == "month_year":
                templates = [
                    "The adult was born in «{d}» and grew up locally.",
                    "Born in «{d}», the adult had never moved away.",
                ]
        else:
            templates = [
                "The adult died on «{d}» in hospital.",
                "Sadly, the adult was found on «{d}» by a neighbour.",
                "The coroner's inquest into the death on «{d}» has concluded.",
            ]
            if form == "month_year":
                templates = [
                    "The adult died in «{d}» after a short admission.",
                    "In «{d}» the adult was found by a neighbour.",
                ]
        template = pick(templates, i).format(d=written, p=_pronoun(case.adult))
        return [marked(f"date.{which}.{form}", case, template, written)]

    return make


# --- Addresses and numbers -------------------------------------------------------------------------------

STREET_ABBREVIATIONS = {
    "Road": "Rd",
    "Street": "St",
    "Avenue": "Ave",
    "Close": "Cl",
    "Drive": "Dr",
    "Lane": "Ln",
    "Crescent": "Cres",
    "Court": "Ct",
    "Place": "Pl",
    "Gardens": "Gdns",
}


def address_number_street(case: Case, i: int) -> list[Slip]:
    n = f"{case.house} {case.street}"
    return [
        marked(
            "address.number_street",
            case,
            pick(
                [
                    "The fire started in the front room at «{n}» shortly after midnight.",
                    "The adult moved to «{n}» in 2015.",
                    "Police were called to «{n}» by a neighbour.",
                ],
                i,
            ).format(n=n),
        )
    ]


def address_street(case: Case, i: int) -> list[Slip]:
    return [
        marked(
            "address.street",
            case,
            pick(
                [
                    "Neighbours on «{s}» had complained about the smell.",
                    "The house on «{s}» was in poor repair.",
                    "Several people living on «{s}» knew the adult well.",
                ],
                i,
            ).format(s=case.street),
        )
    ]


def address_abbrev(case: Case, i: int) -> list[Slip]:
    *name, kind = case.street.split(" ")
    short = " ".join([*name, STREET_ABBREVIATIONS[kind]])
    if i % 2 == 0:
        short = f"{case.house} {short}"
    return [
        marked(
            "address.abbrev",
            case,
            pick(
                [
                    "The referral gave the address as «{s}», {t}.",
                    "A visit to «{s}» was booked for the Monday.",
                ],
                i,
            ).format(s=short, t=case.town),
        )
    ]


def postcode_slip(cls: str, how: Callable[[str], str]) -> Callable[[Case, int], list[Slip]]:
    def make(case: Case, i: int) -> list[Slip]:
        code = how(case.postcode)
        return [
            marked(
                cls,
                case,
                pick(
                    [
                        "The property, postcode «{c}», was owned by a private landlord.",
                        "The ambulance was sent to «{c}» in error at first.",
                        "The adult's GP registration still showed «{c}».",
                    ],
                    i,
                ).format(c=code),
            )
        ]

    return make


OTHER_POSTCODES = ["S65 2AH", "S60 2TD", "S66 7NJ", "S63 5DB", "S25 1LW", "S61 3QA", "S62 7EX", "S26 4XR"]


def postcode_other(case: Case, i: int) -> list[Slip]:
    code = OTHER_POSTCODES[i % len(OTHER_POSTCODES)]
    return [
        marked(
            "postcode.other",
            case,
            pick(
                [
                    "The adult was moved to a respite placement at «{c}» for two weeks.",
                    "The day centre, at «{c}», closed during the pandemic.",
                ],
                i,
            ).format(c=code),
        )
    ]


def _nhs_digits(case: Case) -> str:
    return case.nhs_number.replace(" ", "")


def nhs_slip(cls: str, how: Callable[[str, int], str]) -> Callable[[Case, int], list[Slip]]:
    def make(case: Case, i: int) -> list[Slip]:
        number = how(_nhs_digits(case), i)
        return [
            marked(
                cls,
                case,
                pick(
                    [
                        "The discharge summary quoted the NHS number «{n}» in full.",
                        "The pharmacy label showed «{n}» under the adult's name.",
                        "The referral listed «{n}» as the adult's NHS number.",
                    ],
                    i,
                ).format(n=number),
            )
        ]

    return make


def _other_nhs(digits: str, i: int) -> str:
    other = nhs_number(100 + int(digits[-4:]) % 97 + i).replace(" ", "")
    return f"{other[:3]} {other[3:6]} {other[6:]}" if i % 2 == 0 else other


PHONES: dict[str, tuple[str, list[str]]] = {
    "phone.landline": ("a landline number", ["01632 960{n:03d}", "0114 496 0{n:03d}", "0113 496 0{n:03d}"]),
    "phone.brackets": (
        'a number with the area code in brackets, "(0114) 496 0123"',
        ["(0114) 496 0{n:03d}", "(01632) 960{n:03d}", "(0113) 496 0{n:03d}"],
    ),
    "phone.international": (
        'an international number, "+44 (0)114 496 0123"',
        ["+44 (0)114 496 0{n:03d}", "+44 7700 900{n:03d}", "+44 (0) 1632 960{n:03d}"],
    ),
    "phone.mobile": ("a mobile number", ["07700 900{n:03d}", "07700900{n:03d}", "07700 900 {n:03d}"]),
}


def phone_slip(cls: str) -> Callable[[Case, int], list[Slip]]:
    def make(case: Case, i: int) -> list[Slip]:
        number = pick(PHONES[cls][1], i).format(n=(int(case.key[1:]) * 37 + i) % 1000)
        return [
            marked(
                cls,
                case,
                pick(
                    [
                        "The daughter asked the ward to call her on «{n}» at any time.",
                        "The social worker left a message on «{n}».",
                        "The care agency's on-call number, «{n}», was not answered.",
                    ],
                    i,
                ).format(n=number),
            )
        ]

    return make


EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.co.uk"]


def email(case: Case, i: int) -> list[Slip]:
    people = [case.adult, *case.others, *case.practitioners]
    p = people[i % len(people)]
    local = strip_accents(f"{p.first}.{p.surname}").lower().replace("'", "").replace("-", "")
    if i % 3 == 1:
        local = strip_accents(f"{p.first[0]}{p.surname}{i}").lower().replace("'", "").replace("-", "")
    address = f"{local}@{EMAIL_DOMAINS[i % len(EMAIL_DOMAINS)]}"
    return [
        marked(
            "email",
            case,
            pick(
                [
                    "Concerns were emailed to «{e}» but no reply was received.",
                    "The family's contact, «{e}», was added to the plan.",
                    "The minutes were sent to «{e}» in error.",
                ],
                i,
            ).format(e=address),
        )
    ]


def pseudonym(case: Case, i: int) -> list[Slip]:
    """A pseudonym that slips the name: scanned as a text of its own, as the pseudonym field is."""
    a = case.adult
    text = pick(["{p} ({f})", "{f} ({p})", "{p}, known as {k}", "{p} \u2013 {f}"], i)
    k = a.known_as[0] if a.known_as else a.first
    marked_text = text.replace("{f}", "«{f}»").replace("{k}", "«{k}»")
    return [marked("pseudonym", case, marked_text.format(p=case.pseudonym, f=a.first, k=k))]


SLIP_CLASSES: list[SlipClass] = [
    SlipClass("name.full", "Full name", name_full),
    SlipClass("name.title_surname", "Title and surname", name_title_surname),
    SlipClass("name.short_surname", 'Title and a surname of 2-3 letters ("Mr Ali")', name_short_surname),
    SlipClass("name.first", "First name alone", name_first),
    SlipClass("name.known_as", "Known-as name or nickname", name_known_as),
    SlipClass("name.short_known_as", 'Short known-as name ("Jo", "Daz")', name_short_known_as),
    SlipClass("name.initials_dotted", 'Initials, dotted ("J.O.")', name_initials_dotted),
    SlipClass("name.initials_title", 'Initials beside a title ("Mrs JO")', name_initials_title),
    SlipClass("name.initials_surname", 'Initial beside the surname ("J. O\'Connell")', name_initials_surname),
    SlipClass(
        "name.possessive_straight",
        "Possessive, straight apostrophe",
        name_possessive("name.possessive_straight", False),
    ),
    SlipClass("name.possessive_curly", "Possessive, curly apostrophe", name_possessive("name.possessive_curly", True)),
    SlipClass("name.upper", "Name in capitals", name_upper),
    SlipClass("name.lower", "Name in lower case", name_lower),
    SlipClass("name.line_break", "Name broken across a line", name_line_break),
    SlipClass("name.line_hyphen", 'Name hyphenated at a line end ("Marga-\\nret")', name_line_hyphen),
    SlipClass("name.double_barrel_part", "One part of a double-barrelled surname", name_double_barrel_part),
    SlipClass("name.double_barrel_space", "Double-barrelled surname written with a space", name_double_barrel_space),
    SlipClass("name.nb_hyphen", "Double-barrelled surname with a non-breaking hyphen (U+2011)", name_nb_hyphen),
    SlipClass("name.accent_dropped", "Accent dropped (José as Jose)", name_accent_dropped),
    SlipClass("name.accent_added", "Accent added (Jose as José)", name_accent_added),
    SlipClass("name.misspelt", "One-letter misspelling of a name of 6+ letters", name_misspelt),
    SlipClass("family.full", "Family member or other: full name", family_full),
    SlipClass("family.first", "Family member or other: first name", family_first),
    SlipClass("family.known_as", "Family member or other: known-as name", family_known_as),
    SlipClass("family.title_surname", "Family member or other: title and surname", family_title_surname),
    SlipClass("family.possessive", "Family member or other: possessive", family_possessive),
    SlipClass("family.upper", "Family member or other: in capitals", family_upper),
    SlipClass("practitioner.full", "Practitioner: full name", practitioner_full),
    SlipClass("practitioner.title_surname", "Practitioner: title and surname", practitioner_title_surname),
    SlipClass("practitioner.first", "Practitioner: first name", practitioner_first),
    SlipClass("practitioner.initial_surname", "Practitioner: initial and surname", practitioner_initial_surname),
    SlipClass("practitioner.possessive", "Practitioner: possessive", practitioner_possessive),
    SlipClass(
        "common_word_name", 'A name that is also a word, written as a name ("Will Long", "Hope")', common_word_name
    ),
    *[
        SlipClass(
            f"date.{which}.{form}",
            f"Date of {'birth' if which == 'dob' else 'death'}, {DATE_LABELS[form]}",
            date_slip(which, form),
        )
        for which in ("dob", "dod")
        for form in DATE_FORMS
    ],
    SlipClass("address.number_street", "House number and street", address_number_street),
    SlipClass("address.street", "Street name alone", address_street),
    SlipClass("address.abbrev", 'Street abbreviated ("Rd", "Cres", "Gdns")', address_abbrev),
    SlipClass("postcode.upper", "Postcode", postcode_slip("postcode.upper", lambda c: c.upper())),
    SlipClass("postcode.lower", "Postcode in lower case", postcode_slip("postcode.lower", lambda c: c.lower())),
    SlipClass(
        "postcode.nospace",
        "Postcode without its space",
        postcode_slip("postcode.nospace", lambda c: c.replace(" ", "")),
    ),
    SlipClass("postcode.other", "Another postcode (not the record's)", postcode_other),
    SlipClass(
        "nhs.record", "The record's NHS number, 3-3-4", nhs_slip("nhs.record", lambda d, i: f"{d[:3]} {d[3:6]} {d[6:]}")
    ),
    SlipClass("nhs.unspaced", "The record's NHS number, ten digits together", nhs_slip("nhs.unspaced", lambda d, i: d)),
    SlipClass(
        "nhs.other_grouping",
        "The record's NHS number, dashes or odd grouping",
        nhs_slip("nhs.other_grouping", lambda d, i: f"{d[:3]}-{d[3:6]}-{d[6:]}" if i % 2 else f"{d[:5]} {d[5:]}"),
    ),
    SlipClass("nhs.other", "Another valid NHS number (Modulus 11)", nhs_slip("nhs.other", _other_nhs)),
    *[SlipClass(cls, f"Phone: {label}", phone_slip(cls)) for cls, (label, _forms) in PHONES.items()],
    SlipClass("email", "Email address", email),
    SlipClass("pseudonym", 'A pseudonym that slips the name ("Adult M (Margaret)")', pseudonym),
]

# Classes planted in every part of every file (a representative set), and the ones for parts that hold a name
# only (an author, a person in people.xml).
REPRESENTATIVE = [
    "name.full",
    "name.first",
    "name.title_surname",
    "name.known_as",
    "family.full",
    "practitioner.title_surname",
    "date.dob.long",
    "date.dod.numeric",
    "address.number_street",
    "postcode.upper",
    "nhs.record",
    "phone.landline",
    "email",
]
NAMES_ONLY = ["practitioner.full", "name.full", "family.full", "practitioner.title_surname", "name.title_surname"]

_BY_ID = {c.id: c for c in SLIP_CLASSES}


def slips_for(case: Case, index: int, classes: list[str] | None = None) -> list[Slip]:
    """Every slip of the classes given (all by default) that applies to the case."""
    found: list[Slip] = []
    for offset, slip_class in enumerate(SLIP_CLASSES):
        if classes is not None and slip_class.id not in classes:
            continue
        found += slip_class.make(case, index + offset)
    return found


def slip_of(class_id: str, case: Case, index: int) -> Slip | None:
    made = _BY_ID[class_id].make(case, index)
    return made[0] if made else None


SENTENCE_END = re.compile(r"(?<=[.!?])[ ]+(?=[A-Z0-9])")


def boundaries(text: str) -> list[int]:
    """Where a sentence can be inserted: the start of each sentence after the title line."""
    first_break = text.find("\n")
    return [m.end() for m in SENTENCE_END.finditer(text) if m.end() > first_break]
