"""The de-identification matcher: every identifier of the confidential record, and the patterns anyone's
details take, in a text, in the forms report writers actually slip them in.

How a text is read:
- **Folded** first, keeping a map back to the original: accents dropped (José = Jose), curly apostrophes
  straightened, non-breaking and other hyphens made plain, non-breaking spaces made plain, soft hyphens and
  zero-width characters removed, ligatures split (PDF text has them).
- **Words** are runs of letters ("O'Connell" is one word; "Margaret's" is "Margaret" and "s"). A word
  hyphenated at a line end ("Marga-⏎ret") is also read joined.

Names: each part of each name on the record (first, middle and every part of a double-barrelled surname,
and every known-as name) is looked for alone, in any case, and each run of parts side by side is one hit
("Mr Ellis-Hart", "Margaret Ellis"). A part that is also an everyday word ("Will", "Hope", "Long", "May")
or is three letters or fewer ("Ali", "Jo") counts only where written as a name: capitalised and not just
starting a sentence, or beside a title or another part of the name, or starting a sentence with the
person's verb or possessive after it ("Will was…", "Hope's…"). A name of six letters or more misspelt by
one letter (added, dropped, changed or two swapped) counts when written capitalised and not an everyday
word. Initials count dotted ("J.O.") or beside a title or the surname ("Mrs JO", "JO Ellis").

Dates of birth and death in every written form (3 March 1950, 3rd of March 1950, 03/03/1950, 3/3/50,
3.3.50, 1950-03-03, March 3, 1950) and as a month and year ("March 1950"). Addresses: the house number
and street, or the street alone, with the usual abbreviations (Rd, St, Ave, Cl, Dr, Ln, Cres, Ct, Pl,
Gdns…); other lines of the address as written; never a one-word line (the town). Postcodes in any case and
spacing, NHS numbers in any grouping (the record's, and any that pass the Modulus 11 check), UK phone
numbers in the usual forms ("(01709) 561447", "+44 (0)1709 561447") and email addresses — except the
Board's own published contacts.

Written by hand rather than with a general PII library: what must be found is the record's own
identifiers in the forms British case records write them, each shown in context for a person to judge;
general detectors miss the first and flood the second. The everyday words are SCOWL's British English
list (words.txt.gz, lower-case entries only; see words.LICENCE).
"""

from __future__ import annotations

import gzip
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from sarhub.core.validators import nhs_number_is_valid
from sarhub.publication.deid.record import ROLE_KINDS, Hit, Identifiers, RecordPerson

CONTEXT = 40  # characters shown either side of a hit

TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "rev",
        "revd",
        "reverend",
        "cllr",
        "councillor",
        "master",
    ]
)
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
DAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# After a sentence's first word, these say the word is someone's name ("Will was found…").
NAME_VERBS = frozenset(
    [
        "was",
        "had",
        "has",
        "is",
        "said",
        "says",
        "told",
        "lived",
        "lives",
        "went",
        "died",
        "did",
        "does",
        "would",
        "could",
        "felt",
        "feels",
        "asked",
        "refused",
        "declined",
        "called",
        "visited",
        "attended",
        "moved",
        "became",
        "took",
        "made",
        "wanted",
        "wants",
        "returned",
        "remained",
        "stayed",
        "spoke",
        "explained",
        "reported",
        "described",
        "disclosed",
        "agreed",
        "continued",
        "left",
        "came",
        "needed",
        "received",
    ]
)
STREET_TYPES: dict[str, list[str]] = {
    "road": ["rd"],
    "street": ["st"],
    "avenue": ["ave", "av"],
    "close": ["cl"],
    "drive": ["dr"],
    "lane": ["ln"],
    "crescent": ["cres", "cresc"],
    "court": ["ct"],
    "place": ["pl"],
    "gardens": ["gdns"],
    "grove": ["gr", "gro"],
    "terrace": ["terr", "ter"],
    "square": ["sq"],
    "way": [],
    "walk": [],
    "view": [],
    "rise": [],
    "hill": [],
    "mews": [],
    "row": [],
    "park": ["pk"],
    "green": ["gn"],
    "vale": [],
    "parade": ["pde"],
    "mount": ["mt"],
    "croft": [],
    "fold": [],
    "approach": ["app"],
    "boulevard": ["blvd"],
}

# Letters, with digits only inside a word ("Vq9Heron" is one word), and one apostrophe after one or two
# letters and before two ("O'Connell", "D'Souza"; but "Lo's" is "Lo" and "s").
WORD = re.compile(r"(?:[^\W\d_]{1,2}'(?=[^\W\d_]{2}))?[^\W\d_]+(?:\d+[^\W\d_]+)*")
POSTCODE = re.compile(r"(?<![\w])([A-Z]{1,2}[0-9][0-9A-Z]?)[ \t]*([0-9][A-Z]{2})(?![\w])", re.IGNORECASE)
NHS_LIKE = re.compile(r"(?<![\d+])\d(?:[ \t-]?\d){9}(?![\d])")
PHONE = re.compile(r"(?<![\w+(])(?:\+\s?44[\s-]*(?:\(\s?0\s?\)[\s-]*)?|\(\s?0|0)\d[\d \t\-()]{6,16}\d(?![\d])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@cache
def everyday_words() -> frozenset[str]:
    """Lower-case British English words: a name part that is one is matched only where written as a name."""
    with gzip.open(Path(__file__).with_name("words.txt.gz"), "rt", encoding="ascii") as handle:
        return frozenset(line.strip() for line in handle if line.strip()) | frozenset(MONTHS) | DAYS


# --- Folding --------------------------------------------------------------------------------------------

_DROP = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_APOSTROPHES = {"\u2018", "\u2019", "\u201b", "\u02bc", "\u2032", "`", "\u00b4"}
_HYPHENS = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2212", "\ufe63", "\uff0d"}
# Letters Unicode does not decompose into a base letter and an accent.
_LETTERS = {
    "ł": "l",
    "Ł": "L",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "\u0131": "i",
    "ħ": "h",
}
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2002", "\u2003", "\u2014", "\u2015"}


def fold(text: str) -> tuple[str, list[int]]:
    """The text folded for matching, and for each folded character the index of the original it came from."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char in _DROP:
            continue
        if char in _APOSTROPHES:
            folded = "'"
        elif char in _HYPHENS:
            folded = "-"
        elif char in _SPACES:
            folded = " "
        elif char == "\r":
            folded = "\n"
        elif char.isascii():
            folded = char
        elif char in _LETTERS:
            folded = _LETTERS[char]
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        for piece in folded:
            out.append(piece)
            index.append(position)
    return "".join(out), index


def fold_word(text: str) -> str:
    return fold(text)[0].lower()


def key_of(word: str) -> str:
    """A word's comparison key: folded, lower case, without apostrophes."""
    return fold_word(word).replace("'", "")


# --- Words ----------------------------------------------------------------------------------------------


@dataclass
class Word:
    text: str  # folded
    start: int  # in the folded text
    end: int
    key: str
    initial: bool = False  # starts a sentence
    joined: bool = False  # two halves of a word hyphenated at a line end

    @property
    def lower(self) -> bool:
        return self.text == self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _starts_sentence(folded: str, start: int) -> bool:
    position = start - 1
    newlines = 0
    while position >= 0 and (folded[position].isspace() or folded[position] in "\"'(["):
        newlines += folded[position] == "\n"
        position -= 1
    if position < 0 or newlines >= 2:
        return True
    before = folded[position]
    if before in ".!?:;•*":
        return True
    # A list item: "- Will…" or "1. Will…" at a line's start.
    line_start = folded.rfind("\n", 0, position + 1) + 1
    return bool(re.fullmatch(r"\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s*", folded[line_start:start]))


def words_of(folded: str) -> tuple[list[Word], list[Word]]:
    """The text's words, and the words hyphenated at a line's end read joined ("Marga-⏎ret")."""
    found = [
        Word(m.group(0), m.start(), m.end(), m.group(0).lower().replace("'", ""), _starts_sentence(folded, m.start()))
        for m in WORD.finditer(folded)
    ]
    joined: list[Word] = []
    for first, second in itertools.pairwise(found):
        if re.fullmatch(r"-[ \t]*\n[ \t]*", folded[first.end : second.start]):
            text = first.text + second.text
            joined.append(Word(text, first.start, second.end, text.lower().replace("'", ""), first.initial, True))
    return found, joined


def _gap(folded: str, first: Word, second: Word) -> str:
    return folded[first.end : second.start]


def _beside(gap: str) -> bool:
    """Two words written side by side as parts of one name: spaces, a hyphen, a line break or an initial's dot."""
    return bool(re.fullmatch(r"[ \t]*(?:[.\-'][ \t]*)?\n?[ \t]*", gap)) and len(gap) <= 4


# --- Names ----------------------------------------------------------------------------------------------


@dataclass
class _Person:
    record: RecordPerson
    parts: set[str] = field(default_factory=set)  # keys of every part of every name
    fuzzy: set[str] = field(default_factory=set)  # parts long enough to match misspelt
    initials: set[str] = field(default_factory=set)  # "JO", "JOE", "JE"
    surnames: set[str] = field(default_factory=set)


def _person(record: RecordPerson, excluded: set[str]) -> _Person | None:
    if key_of(record.name) in excluded:
        return None
    person = _Person(record)
    for name in [record.name, *record.known_as]:
        words = [w.group(0) for w in WORD.finditer(fold(name)[0])]
        while words and key_of(words[0]) in TITLES:
            words = words[1:]
        for word in words:
            key = key_of(word)
            if len(key) < 2:
                continue
            person.parts.add(key)
            if "'" in word:  # O'Connell is also looked for as Connell
                tail = key_of(word.split("'", 1)[1])
                if len(tail) >= 4:
                    person.parts.add(tail)
            if len(key) >= 6:
                person.fuzzy.add(key)
    full = [w.group(0) for w in WORD.finditer(fold(record.name)[0])]
    full = [w for w in full if key_of(w) not in TITLES]
    if len(full) >= 2:
        letters = [key_of(w)[0].upper() for w in full]
        person.initials |= {"".join(letters), letters[0] + letters[-1], "".join(letters[:-1])}
        last = re.split(r"[\s]+", fold(record.name)[0].strip())[-1]
        person.surnames = {key_of(w.group(0)) for w in WORD.finditer(last)}
        person.initials = {i for i in person.initials if len(i) >= 2}
    return person if person.parts else None


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by one letter added, dropped or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        i = differ[0]
        return len(differ) == 2 and differ[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _qualifies(folded: str, words: list[Word], i: int, candidates: set[int]) -> bool:
    """Whether candidate word i is written as a name."""
    word = words[i]
    everyday = word.key in everyday_words()
    short = len(word.key) <= 3
    if not everyday and not short:
        return True
    before = words[i - 1] if i > 0 else None
    after = words[i + 1] if i + 1 < len(words) else None
    beside_before = before is not None and _beside(_gap(folded, before, word))
    if (
        beside_before
        and before is not None
        and (before.key in TITLES or (i - 1 in candidates and _named_together(before, word)))
    ):
        return True
    beside_after = after is not None and _beside(_gap(folded, word, after))
    if beside_after and after is not None and i + 1 in candidates and _named_together(word, after):
        return True
    if word.lower:
        return False
    if (
        beside_before
        and before is not None
        and len(before.text) == 1
        and before.text.isupper()
        and before.text not in "AI"  # the words "A" and "I"
        and not word.text.isupper()
    ):
        return True  # after an initial: "L. Fox"
    if word.key in MONTHS and _next_is_number(folded, word):
        return False
    if word.text.isupper() and len(word.text) > 1 and everyday:
        return False  # a heading in capitals: "LONG DELAYS"
    if not everyday:
        return True  # a short name written capitalised: "Ali", "Jo"
    if not word.initial:
        return True
    return after is not None and (
        (after.key == "s" and folded[word.end : after.start] == "'") or after.key in NAME_VERBS
    )


def _named_together(first: Word, second: Word) -> bool:
    """Two parts of a name side by side read as a name, unless both are everyday words in lower case
    ("it will long be remembered")."""
    words = everyday_words()
    return not (first.lower and second.lower and first.key in words and second.key in words)


def _next_is_number(folded: str, word: Word) -> bool:
    return bool(re.match(r"[ \t]*\d", folded[word.end :])) or bool(
        re.search(r"\d(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$", folded[: word.start])
    )


def _initials(folded: str, words: list[Word], prepared: _People) -> Iterator[tuple[int, int, int]]:
    if not prepared.by_initials:
        return
    for match in re.finditer(r"(?<![\w.])((?:[A-Z]\.[ \t]?){2,3})(?![\w])", folded):
        for index in prepared.by_initials.get(re.sub(r"[^A-Z]", "", match.group(1)), ()):
            yield index, match.start(), match.end()
    for i, word in enumerate(words):
        if not (2 <= len(word.text) <= 3 and word.text.isupper()) or word.text not in prepared.by_initials:
            continue
        before = words[i - 1] if i > 0 else None
        after = words[i + 1] if i + 1 < len(words) else None
        titled = before is not None and before.key in TITLES and _beside(_gap(folded, before, word))
        for index in prepared.by_initials[word.text]:
            person = prepared.people[index]
            surnamed = after is not None and after.key in person.surnames and _beside(_gap(folded, word, after))
            if titled or surnamed:
                yield index, word.start, word.end


def _runs(folded: str, words: list[Word], chosen: list[int]) -> Iterator[tuple[int, int]]:
    """Side-by-side parts are one hit."""
    run: list[int] = []
    for i in chosen:
        if run and _beside(_gap(folded, words[run[-1]], words[i])) and i == run[-1] + 1:
            run.append(i)
            continue
        if run:
            yield _with_title(folded, words, run)
        run = [i]
    if run:
        yield _with_title(folded, words, run)


@dataclass
class _People:
    """Everyone on the record, prepared once and indexed, so a text is read once whatever the number of
    people (checking against every review the Board holds means thousands)."""

    people: list[_Person]
    by_part: dict[str, list[int]]
    by_deletion: dict[str, list[tuple[int, str]]]  # a long part with one letter dropped -> (person, part)
    by_initials: dict[str, list[int]]


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _prepare(identifiers: Identifiers) -> _People:
    records = identifiers.everyone()
    fingerprint = (
        tuple((r.name, tuple(r.known_as), r.role, r.detail) for r in records),
        tuple(identifiers.excluded),
    )
    cached = identifiers.__dict__.get("_prepared")
    if cached is not None and cached[0] == fingerprint:
        return cached[1]  # type: ignore[no-any-return]
    excluded = {key_of(name) for name in identifiers.excluded}
    people = [p for p in (_person(r, excluded) for r in records) if p is not None]
    prepared = _People(people, {}, {}, {})
    for index, person in enumerate(people):
        for part in person.parts:
            prepared.by_part.setdefault(part, []).append(index)
        for part in person.fuzzy:
            for variant in _deletions(part):
                prepared.by_deletion.setdefault(variant, []).append((index, part))
        for letters in person.initials:
            prepared.by_initials.setdefault(letters, []).append(index)
    identifiers.__dict__["_prepared"] = (fingerprint, prepared)
    return prepared


def _candidates(word: Word, prepared: _People) -> set[int]:
    """The people one of whose name parts this word is, or is misspelt from."""
    found = set(prepared.by_part.get(word.key, ()))
    if len(word.key) >= 5 and not word.lower and word.key not in everyday_words():
        for variant in _deletions(word.key):
            for index, part in prepared.by_deletion.get(variant, ()):
                if index not in found and part[0] == word.key[0] and _one_edit(word.key, part):
                    found.add(index)
    return found


def _name_spans(
    folded: str, words: list[Word], joined: list[Word], prepared: _People
) -> Iterator[tuple[int, int, int]]:
    """(person index, start, end) of every name of the record written in the text."""
    for word in joined:
        if word.key not in everyday_words() or not word.lower:
            for index in _candidates(word, prepared):
                yield index, word.start, word.end
    by_person: dict[int, set[int]] = {}
    for i, word in enumerate(words):
        for index in _candidates(word, prepared):
            by_person.setdefault(index, set()).add(i)
    for index, candidates in by_person.items():
        chosen = sorted(i for i in candidates if _qualifies(folded, words, i, candidates))
        for start, end in _runs(folded, words, chosen):
            yield index, start, end
    yield from _initials(folded, words, prepared)


def _with_title(folded: str, words: list[Word], run: list[int]) -> tuple[int, int]:
    """A run of name parts (a title before it is in the context, not in the hit, so clearances stay stable)."""
    return words[run[0]].start, words[run[-1]].end


# --- Dates ----------------------------------------------------------------------------------------------


def _month_pattern(month: int) -> str:
    name = MONTHS[month - 1]
    forms = {name, name[:3]}
    if month == 9:
        forms.add("sept")
    return r"(?:" + "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True)) + r")\.?"


@cache
def date_patterns(value: date) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The full date in every written form, and the month and year alone."""
    day = rf"0?{value.day}(?:st|nd|rd|th)?"
    month_name = _month_pattern(value.month)
    month_number = rf"0?{value.month}"
    year = rf"(?:{value.year}|'?{value.year % 100:02d})"
    sep = r"[ \t]*[/.\-][ \t]*"
    full = "|".join(
        [
            rf"{day}[ \t]+(?:of[ \t]+)?{month_name},?[ \t]+(?:{value.year}|'{value.year % 100:02d})",
            rf"{month_name}[ \t]+{day},?[ \t]+{value.year}",
            rf"{value.day:d}{sep}{month_number}{sep}{year}",
            rf"0{value.day:d}{sep}{month_number}{sep}{year}" if value.day < 10 else r"(?!x)x",
            rf"{value.year}{sep}{month_number}{sep}0?{value.day}",
        ]
    )
    month_year = rf"{month_name},?[ \t]+(?:of[ \t]+)?{value.year}|(?<![\d/.])0?{value.month}/{value.year}"
    edge = r"(?<![\w/.\-])(?:{})(?![\w]|[/.\-]\d)"
    return re.compile(edge.format(full), re.IGNORECASE), re.compile(edge.format(month_year), re.IGNORECASE)


# --- Addresses ------------------------------------------------------------------------------------------

_ABBREVIATIONS = {abbr: full for full, abbrs in STREET_TYPES.items() for abbr in abbrs}


def _street(words: list[str]) -> str:
    """The street type a line ends with (abbreviations expanded), or ""."""
    if len(words) < 2:
        return ""
    last = words[-1].lower().rstrip(".")
    last = _ABBREVIATIONS.get(last, last)
    return last if last in STREET_TYPES else ""


@cache
def address_patterns(address: str) -> list[re.Pattern[str]]:
    """The street (with or without its house number, its type written out or abbreviated) and the lines
    before it (a house or building name) as written. The lines after the street are the locality and the
    town, which identify no one; so does a flat number alone."""
    patterns: list[re.Pattern[str]] = []
    lines = [line.split() for line in re.split(r"[,\n]+", fold(address)[0]) if line.strip()]
    numbered = [re.fullmatch(r"\d+[a-zA-Z]?|\d+-\d+", words[0]) is not None for words in lines]
    street_at = next((i for i, words in enumerate(lines) if numbered[i] or _street(words)), None)
    for words in lines[: (street_at + 1) if street_at is not None else 1]:
        while words and re.fullmatch(r"\d+[a-zA-Z]?|\d+-\d+", words[0]):
            words = words[1:]
        street_type = _street(words)
        if street_type:
            core = r"[ \t]+".join(re.escape(w) for w in words[:-1])
            types = "|".join(re.escape(t) for t in [street_type, *STREET_TYPES[street_type]])
            number = r"(?:\d+[a-zA-Z]?(?:-\d+)?,?[ \t]+)?"
            patterns.append(re.compile(rf"(?<![\w]){number}{core}[ \t]+(?:{types})\.?(?![\w])", re.IGNORECASE))
        elif len(words) >= 2 and not re.fullmatch(r"(?i)(?:flat|apartment|apt|unit|room)", words[0]):
            phrase = r"\s+".join(re.escape(w) for w in words)
            patterns.append(re.compile(rf"(?<![\w]){phrase}(?![\w])", re.IGNORECASE))
    return patterns


# --- Numbers --------------------------------------------------------------------------------------------


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def national(number: str) -> str:
    """A UK phone number's digits as dialled at home: +44 (0)1709 … -> 01709…"""
    digits = _digits(number)
    if digits.startswith("440"):
        digits = digits[2:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def _phones(folded: str) -> Iterator[tuple[int, int, str]]:
    for match in PHONE.finditer(folded):
        text = match.group(0)
        # Keep the shortest run of groups that makes a whole number (10 or 11 digits at home).
        end = None
        for group in re.finditer(r"\d+", text):
            count = len(national(text[: group.end()]))
            if count in (10, 11):
                end = group.end()
                if count == 11:
                    break
            elif count > 11:
                break
        if end is None:
            continue
        number = national(text[:end])
        if re.match(r"0[1-35789]", number):
            yield match.start(), match.start() + end, number


# --- Scanning -------------------------------------------------------------------------------------------


@dataclass
class _Span:
    kind: str
    start: int  # folded
    end: int


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return " ".join(
        f"{'…' if start > CONTEXT else ''}{before}[{text[start:end]}]{after}{'…' if end + CONTEXT < len(text) else ''}".split()
    )


def _kind(person: RecordPerson) -> str:
    kind = ROLE_KINDS.get(person.role, "A name from the confidential record")
    return f"{kind} ({person.detail})" if person.detail else kind


def _excluded_spans(folded: str, names: Iterable[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for name in names:
        parts = [re.escape(w.group(0)) for w in WORD.finditer(fold(name)[0])]
        if parts:
            pattern = re.compile(r"(?<![\w])" + r"[\s.\-']+".join(parts) + r"(?![\w])", re.IGNORECASE)
            spans += [(m.start(), m.end()) for m in pattern.finditer(folded)]
    return spans


def find(folded: str, identifiers: Identifiers) -> list[_Span]:
    """Every span of the folded text (`fold(text)[0]`) that the record or a pattern identifies."""
    spans: list[_Span] = []
    words, joined = words_of(folded)
    prepared = _prepare(identifiers)
    spans += [
        _Span(_kind(prepared.people[index].record), start, end)
        for index, start, end in _name_spans(folded, words, joined, prepared)
    ]
    if identifiers.excluded:
        keep = _excluded_spans(folded, identifiers.excluded)
        spans = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in keep)]
    for label, value in (("birth", identifiers.date_of_birth), ("death", identifiers.date_of_death)):
        if value is None:
            continue
        full, month_year = date_patterns(value)
        whole = [_Span(f"The date of {label}", m.start(), m.end()) for m in full.finditer(folded)]
        spans += whole
        spans += [
            _Span(f"The month and year of {label}", m.start(), m.end())
            for m in month_year.finditer(folded)
            if not any(w.start <= m.start() and m.end() <= w.end for w in whole)
        ]
    for address in identifiers.all_addresses():
        for pattern in address_patterns(address):
            spans += [_Span("The address", m.start(), m.end()) for m in pattern.finditer(folded)]
    spans += _patterns(folded, identifiers)
    return spans


def _patterns(folded: str, identifiers: Identifiers) -> list[_Span]:
    spans: list[_Span] = []
    published = {national(c) for c in identifiers.published_contacts if "@" not in c and _digits(c)}
    published_postcodes = {
        re.sub(r"\s", "", c).upper() for c in identifiers.published_contacts if POSTCODE.fullmatch(c.strip())
    }
    published_emails = {c.strip().lower() for c in identifiers.published_contacts if "@" in c}
    record_postcodes = {re.sub(r"\s", "", p).upper() for p in identifiers.all_postcodes()}
    record_nhs = {_digits(n) for n in identifiers.all_nhs_numbers()}
    for match in POSTCODE.finditer(folded):
        code = (match.group(1) + match.group(2)).upper()
        if code in record_postcodes:
            spans.append(_Span("The postcode", match.start(), match.end()))
        elif code not in published_postcodes and (match.group(0).isupper() or " " in match.group(0)):
            spans.append(_Span("A postcode", match.start(), match.end()))
    for match in NHS_LIKE.finditer(folded):
        digits = _digits(match.group(0))
        if digits in record_nhs:
            spans.append(_Span("The NHS number", match.start(), match.end()))
        elif nhs_number_is_valid(digits) and national(digits) not in published:
            spans.append(_Span("An NHS number", match.start(), match.end()))
    for start, end, number in _phones(folded):
        if number not in published:
            spans.append(_Span("A phone number", start, end))
    for match in EMAIL.finditer(folded):
        if match.group(0).lower().rstrip(".") not in published_emails:
            spans.append(_Span("An email address", match.start(), match.end()))
    return spans


def scan_text(text: str, identifiers: Identifiers, where: str = "text") -> list[Hit]:
    """Every identifier and pattern in a text, each with its context, in the order they appear."""
    if not text or not text.strip():
        return []
    folded, index = fold(text)  # once: the spans are found in the folded text and mapped back by `index`
    hits: list[Hit] = []
    for span in _tidy(find(folded, identifiers)):
        start = index[span.start]
        end = index[span.end - 1] + 1
        found = " ".join(text[start:end].split())
        hits.append(Hit(span.kind, found, where, _context(text, start, end), start, end))
    return distinct(hits)


def _tidy(spans: list[_Span]) -> list[_Span]:
    """One span per stretch of text and kind: of overlapping spans of the same kind, the widest."""
    spans.sort(key=lambda s: (s.kind, s.start, -(s.end - s.start)))
    kept: list[_Span] = []
    for span in spans:
        last = kept[-1] if kept else None
        if last is not None and last.kind == span.kind and span.start < last.end:
            last.end = max(last.end, span.end)
            continue
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end, s.kind))


def distinct(hits: Iterable[Hit]) -> list[Hit]:
    """Hits without repeats: the same kind at the same place of the same part counts once."""
    seen: dict[tuple[str, str, int, int, str], Hit] = {}
    for hit in hits:
        seen.setdefault((hit.kind, hit.where, hit.start, hit.end, hit.context if hit.start < 0 else ""), hit)
    return list(seen.values())
