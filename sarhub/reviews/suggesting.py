"""Theme suggestions on the finding form: the hook the reviews app offers, and the form's side of it.

An app above (the insight app) registers a `Suggester` in its AppConfig.ready(): what to suggest for a
finding's text, and how to keep the person's choices when the finding is saved. The reviews app never
imports it. Without a suggester the form is the plain form.

A suggestion never applies itself: it is shown with the words that led to it, and the person accepts it
(which ticks the matching box, or chooses the domain) or rejects it. Their choices travel with the form as
hidden `suggestion_choice` fields until the finding is saved; only then are they kept, and only the
choices made: nothing is kept for a suggestion nobody chose.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# The kinds of suggestion, and the finding form's field each one fills.
PRACTICE_THEME = "practice_theme"
ABUSE_TYPE = "abuse_type"
DOMAIN = "domain"
FIELDS = {PRACTICE_THEME: "practice_themes", ABUSE_TYPE: "abuse_types", DOMAIN: "domain"}
KIND_LABELS = {PRACTICE_THEME: "Practice theme", ABUSE_TYPE: "Abuse or neglect type", DOMAIN: "Learning domain"}
CHOICE_FIELD = "suggestion_choice"
MAX_WORDS = 8
MAX_WORD_LENGTH = 100
MAX_CHOICES = 60


@dataclass(frozen=True)
class Suggestion:
    kind: str  # PRACTICE_THEME, ABUSE_TYPE or DOMAIN
    value: str  # the term's id, or the domain's value
    label: str
    words: tuple[str, ...]  # the words in the finding that led to it
    score: float = 0.0

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class Choice:
    """A person's choice about one suggestion."""

    kind: str
    value: str
    words: tuple[str, ...]
    accepted: bool

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.value}"

    def as_json(self) -> str:
        return json.dumps(
            {"kind": self.kind, "value": self.value, "words": list(self.words), "accepted": self.accepted}
        )


@dataclass(frozen=True)
class Suggester:
    """`suggest(text, exclude)` returns at most five suggestions, none of them in `exclude` (tokens);
    `record(actor, finding, choices)` keeps the choices, inside the transaction that saves the finding;
    `endpoint(review)` is the URL the form's script asks as the person types (or "" for none)."""

    suggest: Callable[[str, frozenset[str]], list[Suggestion]]
    record: Callable[[Any, Any, Sequence[Choice]], object]
    endpoint: Callable[[Any], str]


_suggesters: list[Suggester] = []


def register(suggester: Suggester) -> None:
    """Register (or replace) the finding form's suggester."""
    _suggesters[:] = [suggester]


def suggester() -> Suggester | None:
    return _suggesters[0] if _suggesters else None


# --- The form's side ----------------------------------------------------------------------------------


@dataclass
class Item:
    """One suggestion on the form, with the person's choice so far ("", "accepted" or "rejected") and the
    id of the box or radio it fills."""

    suggestion: Suggestion
    state: str = ""
    input_id: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.suggestion.kind]

    @property
    def words_json(self) -> str:
        return json.dumps(list(self.suggestion.words))

    def as_dict(self) -> dict[str, Any]:
        s = self.suggestion
        return {
            "kind": s.kind,
            "value": s.value,
            "label": s.label,
            "kind_label": self.kind_label,
            "words": list(s.words),
            "state": self.state,
            "input_id": self.input_id,
            "token": s.token,
        }


@dataclass
class Panel:
    items: list[Item] = field(default_factory=list)
    asked: bool = False  # whether suggestions were asked for (the panel is drawn once they were)
    has_text: bool = False

    @property
    def message(self) -> str:
        """What the live region says when the panel changes."""
        if not self.has_text:
            return "Write the finding to see suggested themes."
        if not self.items:
            return "No themes suggested for this finding."
        n = len(self.items)
        return f"{n} suggested theme{'s' if n != 1 else ''} for this finding."


def _choices_of(form: Any, name: str) -> set[str]:
    """The values a form field offers (active terms' ids, or the domains)."""
    if name not in form.fields:
        return set()
    return {str(value) for value, _ in form.fields[name].choices if str(value)}


def read_choices(data: Mapping[str, Any], form: Any) -> dict[str, Choice]:
    """The choices carried by the form, by token: each parsed and checked (a kind the form knows, a value its
    field offers, at most MAX_WORDS short words); anything else is dropped, never an error."""
    getlist = getattr(data, "getlist", None)
    raw: Iterable[Any] = getlist(CHOICE_FIELD) if getlist else []
    offered = {kind: _choices_of(form, name) for kind, name in FIELDS.items()}
    choices: dict[str, Choice] = {}
    for each in list(raw)[:MAX_CHOICES]:
        try:
            parsed = json.loads(each)
        except (TypeError, ValueError):
            continue
        if not isinstance(parsed, dict):
            continue
        kind, value, accepted = parsed.get("kind"), str(parsed.get("value", "")), parsed.get("accepted")
        words = parsed.get("words")
        if kind not in FIELDS or value not in offered[kind] or not isinstance(accepted, bool):
            continue
        if not isinstance(words, list):
            words = []
        clean = tuple(str(w)[:MAX_WORD_LENGTH] for w in words[:MAX_WORDS] if isinstance(w, str) and w.strip())
        choice = Choice(kind, value, clean, accepted)
        choices[choice.token] = choice
    return choices


def ticked(data: Mapping[str, Any], form: Any) -> set[str]:
    """The codes the form holds now, as tokens."""
    getlist = getattr(data, "getlist", None)
    found: set[str] = set()
    for kind, name in FIELDS.items():
        offered = _choices_of(form, name)
        values = getlist(name) if getlist and kind != DOMAIN else [data.get(name, "")]
        found |= {f"{kind}:{v}" for v in values if str(v) in offered}
    return found


def build_panel(text: str, data: Mapping[str, Any], form: Any, choices: Mapping[str, Choice]) -> Panel:
    """The suggestions for `text` (at most five), each with the person's choice so far. Codes the person
    ticked themselves are not suggested again; those they accepted from a suggestion stay, marked."""
    panel = Panel(asked=True, has_text=bool(text.strip()))
    registered = suggester()
    if registered is None or not panel.has_text:
        return panel
    exclude = frozenset(ticked(data, form) - {t for t, c in choices.items() if c.accepted})
    offered = {kind: _choices_of(form, name) for kind, name in FIELDS.items()}
    for suggestion in registered.suggest(text, exclude)[:5]:
        if suggestion.value not in offered.get(suggestion.kind, set()):
            continue  # a term retired since the model learned it
        choice = choices.get(suggestion.token)
        state = "" if choice is None else "accepted" if choice.accepted else "rejected"
        panel.items.append(Item(suggestion, state, input_id=input_id(form, suggestion)))
    return panel


def input_id(form: Any, suggestion: Suggestion) -> str:
    """The id of the checkbox or radio the suggestion fills, as the form draws it."""
    name = FIELDS[suggestion.kind]
    bound = form[name]
    for option in bound.subwidgets:
        if str(option.data["value"]) == suggestion.value:
            return str(option.id_for_label)
    return ""


def choose(action: str, panel: Panel, choices: dict[str, Choice], values: dict[str, Any]) -> str:
    """Apply a pressed Accept or Reject ("accept:<token>" or "reject:<token>") to the choices and to the
    form's values: accepting ticks the box (or chooses the domain); rejecting one accepted before
    unticks it. Returns what happened, for the page to say."""
    verb, _, token = action.partition(":")
    item = next((i for i in panel.items if i.suggestion.token == token), None)
    if verb not in ("accept", "reject") or item is None:
        return ""
    s = item.suggestion
    accepted = verb == "accept"
    before = choices.get(token)
    choices[token] = Choice(s.kind, s.value, s.words, accepted)
    item.state = "accepted" if accepted else "rejected"
    name = FIELDS[s.kind]
    if s.kind == DOMAIN:
        if accepted:
            values[name] = s.value
        elif before is not None and before.accepted and values.get(name) == s.value:
            values[name] = ""
    else:
        current = [str(v) for v in values.get(name, [])]
        if accepted and s.value not in current:
            current.append(s.value)
        elif not accepted and before is not None and before.accepted:
            current = [v for v in current if v != s.value]
        values[name] = current
    where = KIND_LABELS[s.kind].lower()
    if accepted:
        return (
            f"Accepted: {s.label}. It is now chosen under {where}s."
            if s.kind != DOMAIN
            else (f"Accepted: {s.label}. It is now the learning domain.")
        )
    return f"Rejected: {s.label}."


def kept(choices: Mapping[str, Choice], cleaned: Mapping[str, Any]) -> list[Choice]:
    """The choices to keep with the saved finding: every rejection, and each acceptance whose code the
    finding still has (a box accepted and then unticked again is no longer the person's choice)."""
    coded: set[str] = {f"{DOMAIN}:{cleaned.get('domain', '')}"}
    coded |= {f"{ABUSE_TYPE}:{t.pk}" for t in cleaned.get("abuse_types") or []}
    coded |= {f"{PRACTICE_THEME}:{t.pk}" for t in cleaned.get("practice_themes") or []}
    return [c for c in choices.values() if not c.accepted or c.token in coded]


def record(actor: Any, finding: Any, choices: Sequence[Choice]) -> None:
    """Keep the choices (called by the service that saves the finding, inside its transaction)."""
    registered = suggester()
    if registered is not None and choices:
        registered.record(actor, finding, choices)
