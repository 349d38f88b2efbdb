"""What the de-identification check found, as a person judges it: one finding per place in the words.

The check records a hit per rule (`Gated.hits`), so the same words can be hit twice: a date of birth that
is also a date, a name that is both the adult's known-as name and a practitioner's name. A person should
see those words once, with every reason, and clear them once. So hits are merged into findings:

- hits in the same part (`where`) whose spans overlap are one finding;
- hits with the same key are one finding too, since a clearance is recorded against a key and would clear
  every place the key was found (the same name twice in a summary is one finding, found in two places);
- a hit with no offsets (a file part the reader cannot place) joins others at the same context.

A finding is cleared when every one of its keys has a recorded reason. Every count of "things found"
(the pages, the chair's email, the tasks) counts findings, never raw hits.

`highlighted` draws a checked text with each hit in a `<mark>`, escaping every piece of the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.components import visually_hidden


@dataclass(frozen=True)
class Place:
    where: str
    context: str  # the matcher's context, the match in [brackets]
    start: int = -1
    end: int = -1
    in_file: bool = False


@dataclass
class Finding:
    number: int
    keys: list[str]
    kinds: list[str]  # every rule that hit these words, in the order found
    found: list[str]  # the words as written, each once
    places: list[Place]
    reasons: dict[str, str] = field(default_factory=dict)  # key -> the recorded reason, for cleared keys

    @property
    def key(self) -> str:
        """The key a clear form posts: the service clears every key of the finding that holds it."""
        return self.keys[0]

    @property
    def cleared(self) -> bool:
        return all(key in self.reasons for key in self.keys)

    @property
    def reason_list(self) -> list[str]:
        """The recorded reasons, each once (a merged finding cleared at once has one)."""
        return list(dict.fromkeys(self.reasons[key] for key in self.keys if key in self.reasons))

    @property
    def anchor(self) -> str:
        return f"finding-{self.number}"

    @property
    def label(self) -> str:
        """For a screen reader's button and field: what and where, without the words themselves."""
        wheres = list(dict.fromkeys(place.where for place in self.places))
        return f"{self.kinds[0].lower()} in {', '.join(wheres)}"


def _offset(hit: Mapping[str, Any], name: str) -> int:
    value = hit.get(name, -1)
    return value if isinstance(value, int) else -1


def findings(hits: Sequence[Mapping[str, Any]], overrides: Mapping[str, str] | None = None) -> list[Finding]:
    """The hits merged into findings (see the module's docstring), in the order they were found."""
    overrides = overrides or {}
    parent = list(range(len(hits)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of: dict[Any, int] = {}
    placed: dict[tuple[str, bool], list[int]] = {}  # the hits with offsets in each part, so far
    for i, hit in enumerate(hits):
        start, end = _offset(hit, "start"), _offset(hit, "end")
        marks: list[Any] = [("key", hit["key"])]
        if start < 0:
            marks.append(("context", hit.get("where"), hit.get("file", False), hit.get("context")))
        for mark in marks:
            if mark in first_of:
                join(first_of[mark], i)
            else:
                first_of[mark] = i
        if start >= 0:
            part = placed.setdefault((str(hit.get("where", "")), bool(hit.get("file", False))), [])
            for j in part:
                if _offset(hits[j], "start") < end and start < _offset(hits[j], "end"):
                    join(j, i)
            part.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(hits)):
        groups.setdefault(root(i), []).append(i)
    result: list[Finding] = []
    for number, members in enumerate(groups.values(), start=1):
        chosen = [hits[i] for i in members]
        keys = list(dict.fromkeys(str(hit["key"]) for hit in chosen))
        places: list[Place] = []
        for hit in chosen:
            place = Place(
                str(hit.get("where", "")),
                str(hit.get("context", "")),
                _offset(hit, "start"),
                _offset(hit, "end"),
                bool(hit.get("file", False)),
            )
            same = next((p for p in places if _same_place(p, place)), None)
            if same is None:
                places.append(place)
            elif place.start >= 0 and same.start >= 0:  # overlapping words: one place, spanning both
                wider = place if (place.end - place.start) > (same.end - same.start) else same
                places[places.index(same)] = Place(
                    same.where, wider.context, min(same.start, place.start), max(same.end, place.end), same.in_file
                )
        result.append(
            Finding(
                number=number,
                keys=keys,
                kinds=list(dict.fromkeys(str(hit["kind"]) for hit in chosen)),
                found=list(dict.fromkeys(str(hit["found"]) for hit in chosen)),
                places=places,
                reasons={key: overrides[key] for key in keys if key in overrides},
            )
        )
    return result


def _same_place(a: Place, b: Place) -> bool:
    if a.where != b.where or a.in_file != b.in_file:
        return False
    if a.start >= 0 and b.start >= 0:
        return a.start < b.end and b.start < a.end
    return a.context == b.context


def finding_with(hits: Sequence[Mapping[str, Any]], key: str) -> Finding | None:
    """The finding that holds `key`, or None."""
    return next((f for f in findings(hits) if key in f.keys), None)


def open_count(hits: Sequence[Mapping[str, Any]], overrides: Mapping[str, str]) -> int:
    return sum(1 for f in findings(hits, overrides) if not f.cleared)


def things(count: int) -> str:
    return f"{count} thing{'s' if count != 1 else ''}"


def _escaped(text: str) -> str:
    """A piece of the text, escaped, its line breaks kept."""
    return str(conditional_escape(text)).replace("\r\n", "\n").replace("\n", "<br>")


def highlighted(text: str, where: str, found: Iterable[Finding]) -> SafeString:
    """`text` escaped, with every place a finding was found in it (by its offsets) in a `<mark>`, followed
    for a screen reader by which finding it is. Overlapping spans are drawn as one mark."""
    spans: list[tuple[int, int, int]] = []
    for finding in found:
        for place in finding.places:
            if place.where == where and not place.in_file and 0 <= place.start < place.end <= len(text):
                spans.append((place.start, place.end, finding.number))
    spans.sort()
    merged: list[list[Any]] = []
    for start, end, number in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if number not in merged[-1][2]:
                merged[-1][2].append(number)
        else:
            merged.append([start, end, [number]])
    pieces: list[str] = []
    at = 0
    for start, end, numbers in merged:
        pieces.append(_escaped(text[at:start]))
        which = " and ".join(str(n) for n in numbers)
        pieces.append(
            str(
                format_html(
                    '<mark class="sarhub-hit">{}</mark>{}',
                    mark_safe(_escaped(text[start:end])),  # noqa: S308 - escaped just above
                    visually_hidden(f" (match {which})"),
                )
            )
        )
        at = end
    pieces.append(_escaped(text[at:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def in_context(finding: Finding, place: Place, texts: Mapping[str, str]) -> SafeString:
    """A place in context, the words in a `<mark>`: from the checked text when it was kept, else from the
    matcher's context (its [brackets] turned into the mark)."""
    text = texts.get(place.where) if not place.in_file else None
    if text is not None and 0 <= place.start < place.end <= len(text):
        before = text[max(0, place.start - CONTEXT) : place.start]
        after = text[place.end : place.end + CONTEXT]
        return format_html(
            '{}{}<mark class="sarhub-hit">{}</mark>{}{}',
            "…" if place.start > CONTEXT else "",
            before,
            text[place.start : place.end],
            after,
            "…" if place.end + CONTEXT < len(text) else "",
        )
    context = place.context
    opening, closing = context.find("["), context.rfind("]")
    if 0 <= opening < closing:
        return format_html(
            '{}<mark class="sarhub-hit">{}</mark>{}',
            context[:opening],
            context[opening + 1 : closing],
            context[closing + 1 :],
        )
    return format_html("{}", context)


CONTEXT = 40  # characters either side, as the matcher shows them
