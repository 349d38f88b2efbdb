"""Measuring the de-identification check against the fictional corpus: recall per slip class and overall, and
false positives per 1,000 words on the clean summaries.

- **Text**: every slip of every class is planted in a copy of its case's clean summary, at a sentence
  boundary, and the copy is scanned with `scan_text`. A slip is caught if a hit's span (`Hit.start`/`end`)
  overlaps the planted span. Each copy holds at most one slip of a person's name (so that no other slip of
  a name can help the check find it) and, to keep the run short, a few slips of other kinds (a date, a
  postcode, a number) at other sentence boundaries; the pseudonym slip is scanned as a text of its own, as
  the pseudonym field is.
- **DOCX** and **PDF** (built by `tests/deid_files.py`): one file per case. The body (DOCX) or the pages
  (PDF) hold the clean summary with every slip of every class planted in it; every other part of the file
  holds a representative set of slips (names, dates, address, postcode, NHS number, phone, email), or a
  name alone where the part holds a name (an author). The file is read with `file_parts` (every part, no
  refusal: a Word file with comments or tracked changes is refused for publication by `scan_file`, but
  what is in those parts is still measured) and each part is scanned with `scan_text`, as `scan_file` does.
  A slip is caught if a hit overlaps the planted span where it is found in the text read from the file
  (spaces and line breaks as the reader returns them). A slip not found in any part read is a miss: the
  reader did not return it.
- **False positives**: every hit on a clean summary, per 1,000 words.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sarhub.publication.deid.record import Hit, Identifiers
from sarhub.publication.gate.scanning import scan_text
from tests.deid.corpus import BOARD, BOARD_PHONE, CASES, Case
from tests.deid.slips import NAMES_ONLY, REPRESENTATIVE, SLIP_CLASSES, Slip, boundaries, slip_of, slips_for

RECALL_TARGET_CLASS = 0.90
RECALL_TARGET_OVERALL = 0.98
FALSE_POSITIVES_TARGET = 1.0  # per 1,000 words of clean text

NAME_GROUPS = ("name.", "family.", "practitioner.", "common_word_name")
NEAR = 60  # characters either side of a missed span within which hits are listed for debugging

# Parts of a file, and what each holds: "sentences" (a few representative slips as sentences), "one" (one
# representative slip as a sentence), "name" (a name alone), "email" (a mailto: link).
DOCX_PART_KINDS: dict[str, str] = {
    "header": "sentences",
    "footer": "sentences",
    "footnote": "sentences",
    "endnote": "sentences",
    "text box": "sentences",
    "comment": "sentences",
    "tracked change": "sentences",
    "alt text": "sentences",
    "field code": "one",
    "custom property": "one",
    "document variable": "one",
    "app property": "one",
    "bookmark": "one",
    "comment author": "name",
    "tracked change author": "name",
    "formatting change author": "name",
    "core property": "name",
    "last modified by": "name",
    "manager": "name",
    "people": "name",
    "hyperlink": "email",
}
PDF_PART_KINDS: dict[str, str] = {
    "annotation": "sentences",
    "free text": "sentences",
    "form field": "sentences",
    "alt text": "sentences",
    "actual text": "sentences",
    "bookmark": "one",
    "form field name": "one",
    "xmp attribute": "one",
    "attachment": "one",
    "annotation author": "name",
    "info": "name",
    "xmp": "name",
    "link": "email",
}
SENTENCES_PER_PART = 3


@dataclass
class Instance:
    cls: str
    case: str
    medium: str  # "text", "docx" or "pdf"
    part: str  # where it was planted: "summary", "pseudonym", "body", "page", "header"...
    sentence: str
    span: str
    caught: bool
    near: list[str] = field(default_factory=list)  # hits near a missed span, for debugging
    note: str = ""


@dataclass
class Results:
    instances: list[Instance] = field(default_factory=list)
    clean_words: int = 0
    clean_hits: list[tuple[str, str, Hit]] = field(default_factory=list)  # (case, medium, hit)
    seconds: float = 0.0
    media: list[str] = field(default_factory=list)

    def recall_by_class(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = {c.id: [0, 0] for c in SLIP_CLASSES}
        for i in self.instances:
            counts[i.cls][1] += 1
            counts[i.cls][0] += i.caught
        return {k: (v[0], v[1]) for k, v in counts.items()}

    def by(self, key: Callable[[Instance], str]) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for i in self.instances:
            counts[key(i)][1] += 1
            counts[key(i)][0] += i.caught
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    @property
    def overall(self) -> float:
        return sum(i.caught for i in self.instances) / max(1, len(self.instances))

    @property
    def false_positives_per_1000(self) -> float:
        return 1000 * len(self.clean_hits) / max(1, self.clean_words)

    @property
    def misses(self) -> list[Instance]:
        return [i for i in self.instances if not i.caught]

    def classes_below_target(self) -> list[str]:
        return [k for k, (caught, n) in self.recall_by_class().items() if n and caught / n < RECALL_TARGET_CLASS]

    def table(self, misses: int = 200) -> str:
        lines = [
            f"De-identification check: recall on {len(CASES)} fictional cases ({', '.join(self.media)})",
            "",
            f"{'class':32} {'text':>9} {'docx':>9} {'pdf':>9} {'all':>9} {'recall':>7}",
        ]
        cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for i in self.instances:
            for key in ((i.cls, i.medium), (i.cls, "all")):
                cells[key][1] += 1
                cells[key][0] += i.caught
        for slip_class in SLIP_CLASSES:

            def cell(medium: str, cls: str = slip_class.id) -> str:
                caught, n = cells[(cls, medium)]
                return f"{caught}/{n}" if n else "-"

            caught, n = cells[(slip_class.id, "all")]
            recall = f"{100 * caught / n:.1f}%" if n else "-"
            flag = "  BELOW TARGET" if n and caught / n < RECALL_TARGET_CLASS else ""
            lines.append(
                f"{slip_class.id:32} {cell('text'):>9} {cell('docx'):>9} {cell('pdf'):>9} {cell('all'):>9} {recall:>7}{flag}"
            )
        lines += ["", "By part of a file:"]
        for where, (caught, n) in self.by(lambda i: f"{i.medium} {i.part}").items():
            lines.append(f"  {where:34} {caught:>5}/{n:<5} {100 * caught / n:5.1f}%")
        total = len(self.instances)
        caught_all = sum(i.caught for i in self.instances)
        lines += [
            "",
            f"Overall recall: {100 * self.overall:.2f}% ({caught_all}/{total} slips; target {100 * RECALL_TARGET_OVERALL:.0f}%, "
            f"every class {100 * RECALL_TARGET_CLASS:.0f}%)",
            f"False positives on the clean texts: {len(self.clean_hits)} in {self.clean_words:,} words = "
            f"{self.false_positives_per_1000:.2f} per 1,000 words (target at most {FALSE_POSITIVES_TARGET:g})",
            f"Time: {self.seconds:.1f} s",
        ]
        if self.clean_hits:
            lines += ["", "False positives:"]
            lines += [f"  {case} {medium} {hit.kind}: {hit.context}" for case, medium, hit in self.clean_hits]
        if self.misses:
            lines += ["", f"Misses ({len(self.misses)}):"]
            for i in self.misses[:misses]:
                near = "; ".join(i.near) or "no hit near"
                note = f" [{i.note}]" if i.note else ""
                lines.append(
                    f"  {i.cls} {i.case} {i.medium} {i.part}{note}: {i.span!r} in {i.sentence!r} -- hits near: {near}"
                )
        return "\n".join(lines)


# --- Planting --------------------------------------------------------------------------------------------


def plant(summary: str, slips: list[Slip], seed: int) -> tuple[str, list[tuple[int, int]]]:
    """The summary with each slip's sentence inserted at a sentence boundary (several slips may share one), and
    each slip's span in the result."""
    places = boundaries(summary)
    chosen = [places[(seed * 7 + j * 11) % len(places)] for j in range(len(slips))]
    order = sorted(range(len(slips)), key=lambda j: (chosen[j], j))
    out: list[str] = []
    spans: list[tuple[int, int]] = [(0, 0)] * len(slips)
    previous = 0
    length = 0
    for j in order:
        piece = summary[previous : chosen[j]]
        out.append(piece)
        length += len(piece)
        previous = chosen[j]
        slip = slips[j]
        spans[j] = (length + slip.start, length + slip.end)
        out.append(slip.sentence + " ")
        length += len(slip.sentence) + 1
    out.append(summary[previous:])
    return "".join(out), spans


def _overlaps(hit: Hit, start: int, end: int) -> bool:
    return hit.start >= 0 and hit.start < end and hit.end > start


def _near(hits: list[Hit], start: int, end: int) -> list[str]:
    return [f"{h.kind}: {h.found!r}" for h in hits if h.start >= 0 and h.start < end + NEAR and h.end > start - NEAR]


def _is_name(slip: Slip) -> bool:
    return slip.cls.startswith(NAME_GROUPS)


def text_groups(slips: list[Slip]) -> list[list[Slip]]:
    """Slips grouped into texts: at most one name slip to a text, other kinds spread among them; emails (which
    hold names) only in texts without a name slip; the pseudonym on its own."""
    names = [s for s in slips if _is_name(s)]
    others = [s for s in slips if not _is_name(s) and s.cls not in ("email", "pseudonym")]
    groups: list[list[Slip]] = [[s] for s in names]
    for j, slip in enumerate(others):
        if groups:
            groups[j % len(groups)].append(slip)
        else:
            groups.append([slip])
    groups += [[s] for s in slips if s.cls == "email"]
    return groups


def measure_text(case: Case, index: int, identifiers: Identifiers, results: Results) -> None:
    slips = slips_for(case, index)
    for g, group in enumerate(text_groups([s for s in slips if s.cls != "pseudonym"])):
        text, spans = plant(case.summary, group, index * 31 + g)
        hits = scan_text(text, identifiers, "summary")
        for slip, (start, end) in zip(group, spans, strict=True):
            caught = any(_overlaps(h, start, end) for h in hits)
            results.instances.append(
                Instance(
                    slip.cls,
                    case.key,
                    "text",
                    "summary",
                    slip.sentence,
                    slip.span,
                    caught,
                    [] if caught else _near(hits, start, end),
                )
            )
    for slip in (s for s in slips if s.cls == "pseudonym"):
        hits = scan_text(slip.sentence, identifiers, "pseudonym")
        caught = any(_overlaps(h, slip.start, slip.end) for h in hits)
        results.instances.append(
            Instance(
                slip.cls,
                case.key,
                "text",
                "pseudonym",
                slip.sentence,
                slip.span,
                caught,
                [] if caught else _near(hits, slip.start, slip.end),
            )
        )


# --- Files -----------------------------------------------------------------------------------------------


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text with every run of white space as one space, and where each character came from."""
    out: list[str] = []
    where: list[int] = []
    previous_space = False
    for i, c in enumerate(text):
        if c.isspace():
            if previous_space:
                continue
            out.append(" ")
            previous_space = True
        else:
            out.append(c)
            previous_space = False
        where.append(i)
    return "".join(out), where


def locate(text: str, sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a planted span is in a text read from a file: found through its sentence (white space as the reader
    returned it, a line-end hyphen joined or not), else through the span alone."""
    folded, where = _normalised(text)
    found: list[tuple[int, int]] = []
    variants = [(sentence, start, end)]
    if "-\n" in sentence:
        cut = sentence.index("-\n")
        joined = sentence[:cut] + sentence[cut + 2 :]
        variants.append((joined, start, end - 2 if end > cut else end))
    for text_variant, s, e in variants:
        before, _ = _normalised(text_variant[:s])
        middle, _ = _normalised(text_variant[s:e])
        whole, _ = _normalised(text_variant)
        # The sentence's span, in the normalised sentence.
        offset = len(before) - (1 if before.endswith(" ") and middle.startswith(" ") else 0)
        for m in re.finditer(re.escape(whole.strip()), folded):
            lead = len(whole) - len(whole.lstrip())
            a = m.start() + offset - lead
            b = a + len(middle)
            if 0 <= a < b <= len(where):
                found.append((where[a], where[b - 1] + 1))
        if found:
            return found
    for text_variant, s, e in variants:
        middle, _ = _normalised(text_variant[s:e])
        if not middle.strip():
            continue
        for m in re.finditer(re.escape(middle.strip()), folded):
            found.append((where[m.start()], where[m.end() - 1] + 1))
        if found:
            return found
    return found


@dataclass
class Planted:
    slip: Slip
    part: str
    sentence: str  # the slip as planted (its sentence, or the whole value of a short part)
    start: int
    end: int


def _representative(case: Case, index: int, count: int, kinds: list[str]) -> list[Slip]:
    found: list[Slip] = []
    j = 0
    while len(found) < count and j < 3 * len(kinds):
        slip = slip_of(kinds[(index + j) % len(kinds)], case, index + j)
        if slip is not None:
            found.append(slip)
        j += 1
    return found


def _as_planted(slips: list[Slip], part: str) -> list[Planted]:
    return [Planted(s, part, s.sentence, s.start, s.end) for s in slips]


def file_plan(
    case: Case, index: int, part_kinds: dict[str, str], body_part: str
) -> tuple[dict[str, str], list[Planted]]:
    """The text for each part of a case's file, and every slip planted in it."""
    parts: dict[str, str] = {}
    planted: list[Planted] = []
    body_slips = slips_for(case, index)
    parts[body_part], _spans = plant(case.summary, body_slips, index * 17)
    planted += _as_planted(body_slips, body_part)
    for p, (part, holds) in enumerate(part_kinds.items()):
        seed = index * 5 + p + 1000
        if holds == "sentences":
            slips = _representative(case, seed, SENTENCES_PER_PART, REPRESENTATIVE)
            parts[part] = " ".join(s.sentence for s in slips)
            planted += _as_planted(slips, part)
            continue
        if holds == "one":
            slip = _representative(case, seed, 1, REPRESENTATIVE)[0]
            value = slip.sentence if part not in ("bookmark", "attachment") else slip.bare
            if part == "attachment":
                value = f"Chronology {value}.docx"
        elif holds == "name":
            slip = _representative(case, seed, 1, NAMES_ONLY)[0]
            value = slip.bare
        else:  # a mailto: link
            slip = _representative(case, seed, 1, ["email"])[0]
            value = f"mailto:{slip.span}"
        start = slip.start if value == slip.sentence else value.index(slip.span)
        parts[part] = value
        planted.append(Planted(slip, part, value, start, start + len(slip.span)))
    return parts, planted


def _winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def measure_file(
    case: Case,
    index: int,
    identifiers: Identifiers,
    results: Results,
    medium: str,
    build: Callable[[dict[str, str]], bytes],
) -> None:
    from sarhub.publication.deid.files import file_parts

    part_kinds = DOCX_PART_KINDS if medium == "docx" else PDF_PART_KINDS
    body = "body" if medium == "docx" else "page"
    parts, planted = file_plan(case, index, part_kinds, body)
    if medium == "pdf" and not _winansi(parts["page"]):
        # Slips WinAnsi cannot draw (a non-breaking hyphen, a Polish "ł") go on a second page, drawn by
        # WeasyPrint, so that the first page stays quick to make.
        page_slips = [i.slip for i in planted if i.part == "page" and _winansi(i.slip.sentence)]
        moved = [i.slip for i in planted if i.part == "page" and not _winansi(i.slip.sentence)]
        parts["page"], _spans = plant(case.summary, page_slips, index * 17)
        parts["page 2"] = " ".join(s.sentence for s in moved)
        planted = (
            [i for i in planted if i.part != "page"] + _as_planted(page_slips, "page") + _as_planted(moved, "page 2")
        )
    data = build(parts)
    read = file_parts(data, medium)
    scanned = [(where, text, scan_text(text, identifiers, where)) for where, text in read]
    normalised = [_normalised(text)[0] for _where, text, _hits in scanned]
    # Which reading(s) each planted part came back as: a slip is looked for there only.
    part_where = {
        part: {scanned[k][0] for k, text in enumerate(normalised) if _normalised(value)[0].strip() in text}
        for part, value in parts.items()
    }
    for item in planted:
        candidates = [s for s in scanned if s[0] in part_where[item.part]]
        note = ""
        if not candidates:
            candidates, note = scanned, "part not read back whole; looked for in every part"
        caught = False
        located = False
        near: list[str] = []
        for _where, text, hits in candidates:
            for start, end in locate(text, item.sentence, item.start, item.end):
                located = True
                if any(_overlaps(h, start, end) for h in hits):
                    caught = True
                    break
                near += _near(hits, start, end)
            if caught:
                break
        if not located:
            note = "not in any part the reader returned"
        results.instances.append(
            Instance(
                item.slip.cls,
                case.key,
                medium,
                item.part,
                item.sentence,
                item.slip.span,
                caught,
                [] if caught else near,
                note,
            )
        )


def file_builders() -> dict[str, Callable[[dict[str, str]], bytes]]:
    """The file makers of tests/deid_files.py, or none if it is not there."""
    try:
        from tests.deid_files import docx_with, pdf_with
    except ImportError:
        return {}
    return {"docx": docx_with, "pdf": pdf_with}


def measure(media: tuple[str, ...] = ("text", "docx", "pdf")) -> Results:
    started = time.perf_counter()
    builders = file_builders()
    results = Results(media=[m for m in media if m == "text" or m in builders])
    for index, case in enumerate(CASES):
        identifiers = case.identifiers()
        results.clean_words += len(case.summary.split())
        results.clean_hits += [(case.key, "text", h) for h in scan_text(case.summary, identifiers, "summary")]
        if "text" in results.media:
            measure_text(case, index, identifiers, results)
        for medium in ("docx", "pdf"):
            if medium in results.media:
                measure_file(case, index, identifiers, results, medium, builders[medium])
    results.seconds = time.perf_counter() - started
    return results


def board_hits(results: Results) -> list[tuple[str, str, Hit]]:
    """False positives on the Board's name, its phone number or a town."""
    from tests.deid.corpus import CASES as cases

    towns = {c.town.lower() for c in cases} | {"rotherham"}
    return [
        (case, medium, hit)
        for case, medium, hit in results.clean_hits
        if (
            BOARD.lower() in hit.context.lower().replace("[", "").replace("]", "")
            and any(word in hit.found.lower() for word in ("rotherham", "safeguarding", "board", "adults"))
        )
        or re.sub(r"\D", "", hit.found) == re.sub(r"\D", "", BOARD_PHONE)
        or hit.found.lower().strip(" .,") in towns
    ]


if __name__ == "__main__":  # pragma: no cover
    import django

    django.setup()
    print(measure().table())
