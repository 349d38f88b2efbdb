"""Theme suggestions for a finding as it is written: practice themes, abuse or neglect types and the learning
domain, at most five, each with the words in the text that led to it.

Two sources, added together so that each can be explained:

- the lexicon (sarhub/insight/lexicon.py): words and phrases written for each theme, type and domain from
  what each means in practice;
- a naive Bayes model (scikit-learn's MultinomialNB over TF-IDF word and two-word features), one yes/no
  model per theme, type and domain, trained on the Board's own coded findings. Its log-odds for a finding
  are the sum of one contribution per word, so the words that push a suggestion up are its explanation.
  A theme's model counts for more the more findings the Board has coded with it.

The model is trained on demand, in this process, and kept until the findings change
(sarhub.insight.corpus.version()); it is rebuilt at most once every STALE_SECONDS while they keep
changing, so a busy afternoon of editing never waits on training. Nothing is downloaded, nothing is
stored in the database. A suggestion is only ever shown: sarhub/reviews/suggesting.py leaves the choice to
the person.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB

from sarhub.insight import corpus, lexicon
from sarhub.reviews.suggesting import ABUSE_TYPE, DOMAIN, PRACTICE_THEME, Suggestion

LIMIT = 5
# How strong a suggestion must be to be shown (0 to 1; the lexicon and the model combined).
THRESHOLD = 0.35
DOMAIN_THRESHOLD = 0.2
# The lexicon's score s becomes 1 - exp(-s / LEXICON_SCALE): one plain term about 0.39, one strong 0.63.
LEXICON_SCALE = 2.0
# A theme's model is trusted n / (n + MODEL_TRUST) where n is the number of findings coded with it, and
# not at all below MIN_POSITIVES.
MODEL_TRUST = 3.0
MIN_POSITIVES = 2
# A word explains a model's suggestion when it adds at least this much to the log-odds.
MIN_CONTRIBUTION = 0.15
MAX_WORDS = 5
# The most recent findings the model learns from (training time stays near a second at 80,000 findings).
MAX_TRAINING = 20_000
STALE_SECONDS = 60.0
ALPHA = 0.1
# Words of two letters or more, no digits.
WORD = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"


@dataclass(frozen=True)
class Label:
    kind: str
    value: str
    name: str

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass
class Model:
    """The labels the Board codes with, their lexicon entries and, once there is coded data, the naive
    Bayes weights: `weights[j, l]` is what feature j adds to label l's log-odds, `bias[l]` its prior."""

    labels: list[Label]
    terms: list[tuple[lexicon.Term, ...]]
    version: int = 0
    built_at: float = 0.0
    seconds: float = 0.0
    trained_on: int = 0
    vectorizer: TfidfVectorizer | None = None
    features: np.ndarray | None = None
    weights: np.ndarray | None = None
    bias: np.ndarray | None = None
    trust: np.ndarray | None = None
    positives: np.ndarray | None = None
    domains: list[int] = field(default_factory=list)

    def scores(self, text: str) -> list[tuple[float, Label, list[str]]]:
        """Every label's combined score for `text`, with the words that led to it."""
        model_p, model_words = self._model(text)
        found = []
        for index, (label, terms) in enumerate(zip(self.labels, self.terms, strict=True)):
            lex_score, lex_words = lexicon.matches(terms, text) if terms else (0.0, [])
            lex_p = 1.0 - math.exp(-lex_score / LEXICON_SCALE)
            learned = model_p[index]
            score = 1.0 - (1.0 - lex_p) * (1.0 - learned)
            words = list(lex_words)
            lowered = " ".join(w.lower() for w in words)
            for word in model_words[index]:
                if word not in lowered:
                    words.append(word)
                    lowered += " " + word
            if score > 0 and words:
                found.append((score, label, words[:MAX_WORDS]))
        return found

    def _model(self, text: str) -> tuple[list[float], list[list[str]]]:
        count = len(self.labels)
        if self.vectorizer is None or self.weights is None or self.bias is None or self.trust is None:
            return [0.0] * count, [[] for _ in range(count)]
        x = self.vectorizer.transform([text])
        if not x.nnz:
            return [0.0] * count, [[] for _ in range(count)]
        columns, values = x.indices, x.data
        contributions = values[:, None] * self.weights[columns, :]  # (words in the text) x labels
        log_odds = self.bias + contributions.sum(axis=0)
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(log_odds, -30, 30)))
        assert self.features is not None
        chances: list[float] = []
        words: list[list[str]] = []
        for index in range(count):
            column = contributions[:, index]
            order = np.argsort(-column)
            top = [str(self.features[columns[j]]) for j in order[:MAX_WORDS] if column[j] >= MIN_CONTRIBUTION]
            words.append(top)
            chances.append(float(probabilities[index] * self.trust[index]) if top else 0.0)
        return chances, words

    def suggest(self, text: str, exclude: Iterable[str] = (), limit: int = LIMIT) -> list[Suggestion]:
        """At most `limit` suggestions: the likeliest learning domain, then the strongest themes and types."""
        if not text.strip():
            return []
        skip = set(exclude)
        scored = [each for each in self.scores(text) if each[1].token not in skip]
        domains = sorted((e for e in scored if e[1].kind == DOMAIN), key=lambda e: -e[0])
        others = sorted((e for e in scored if e[1].kind != DOMAIN and e[0] >= THRESHOLD), key=lambda e: -e[0])
        chosen = []
        if domains and domains[0][0] >= DOMAIN_THRESHOLD:
            chosen.append(domains[0])
        chosen += others[: limit - len(chosen)]
        chosen.sort(key=lambda e: -e[0])
        return [
            Suggestion(label.kind, label.value, label.name, tuple(words), round(score, 3))
            for score, label, words in chosen[:limit]
        ]


# --- Building it ----------------------------------------------------------------------------------------


def labels_and_terms() -> tuple[list[Label], list[tuple[lexicon.Term, ...]]]:
    """The five domains and the Board's active abuse types and practice themes, each with its lexicon entry
    (none for a term the Board added itself)."""
    from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme

    labels: list[Label] = []
    terms: list[tuple[lexicon.Term, ...]] = []
    for value, name in LearningDomain.choices:
        labels.append(Label(DOMAIN, str(value), str(name)))
        terms.append(_COMPILED_DOMAINS.get(str(value), ()))
    for model, kind, entries in (
        (AbuseType, ABUSE_TYPE, _COMPILED_ABUSE),
        (PracticeTheme, PRACTICE_THEME, _COMPILED_THEMES),
    ):
        for pk, name in model.objects.active().values_list("pk", "name"):  # type: ignore[attr-defined]
            labels.append(Label(kind, str(pk), name))
            terms.append(entries.get(name, ()))
    return labels, terms


_COMPILED_DOMAINS = lexicon.compiled(lexicon.DOMAINS)
_COMPILED_ABUSE = lexicon.compiled(lexicon.ABUSE_TYPES)
_COMPILED_THEMES = lexicon.compiled(lexicon.PRACTICE_THEMES)


@dataclass(frozen=True)
class Example:
    """A coded finding to learn from: its text and its codes as label tokens."""

    text: str
    tokens: frozenset[str]


def board_examples(limit: int = MAX_TRAINING) -> list[Example]:
    """The Board's most recent coded findings (their text, domain, abuse types and practice themes)."""
    from sarhub.reviews.models import Finding

    rows = list(Finding.objects.order_by("-pk").values_list("pk", "text", "domain")[:limit])
    if not rows:
        return []
    lowest = rows[-1][0]
    codes: dict[int, set[str]] = {pk: {f"{DOMAIN}:{domain}"} for pk, _, domain in rows}
    for through, kind, column in (
        (Finding.abuse_types.through, ABUSE_TYPE, "abusetype_id"),
        (Finding.practice_themes.through, PRACTICE_THEME, "practicetheme_id"),
    ):
        for finding_id, code in through.objects.filter(finding_id__gte=lowest).values_list("finding_id", column):
            if finding_id in codes:
                codes[finding_id].add(f"{kind}:{code}")
    return [Example(text, frozenset(codes[pk])) for pk, text, _ in rows]


def train(examples: Sequence[Example], labels: list[Label], terms: list[tuple[lexicon.Term, ...]]) -> Model:
    """A model for `labels` learned from `examples` (the lexicon alone when there are too few)."""
    started = time.perf_counter()
    model = Model(labels, terms, trained_on=len(examples))
    if len(examples) >= 4:
        vectorizer = TfidfVectorizer(
            ngram_range=(1, 2),
            min_df=2,
            max_features=30_000,
            stop_words="english",
            sublinear_tf=True,
            token_pattern=WORD,
            dtype=np.float32,
        )
        try:
            x = vectorizer.fit_transform([e.text for e in examples])
        except ValueError:  # no word seen twice
            x = None
        if x is not None and x.shape[1]:
            y = _indicators(examples, labels)
            weights = np.zeros((x.shape[1], len(labels)), dtype=np.float64)
            bias = np.full(len(labels), -30.0)
            positives = np.asarray(y.sum(axis=0)).ravel()
            for index in range(len(labels)):
                n = positives[index]
                if n == 0 or n == len(examples):
                    continue
                nb = MultinomialNB(alpha=ALPHA).fit(x, y[:, index])
                weights[:, index] = nb.feature_log_prob_[1] - nb.feature_log_prob_[0]
                bias[index] = nb.class_log_prior_[1] - nb.class_log_prior_[0]
            model.vectorizer = vectorizer
            model.features = vectorizer.get_feature_names_out()
            model.weights = weights
            model.bias = bias
            model.positives = positives
            model.trust = np.where(positives >= MIN_POSITIVES, positives / (positives + MODEL_TRUST), 0.0)
    model.seconds = time.perf_counter() - started
    return model


def _indicators(examples: Sequence[Example], labels: list[Label]) -> np.ndarray:
    index = {label.token: i for i, label in enumerate(labels)}
    rows, columns = [], []
    for row, example in enumerate(examples):
        for token in example.tokens:
            if token in index:
                rows.append(row)
                columns.append(index[token])
    matrix = sparse.coo_matrix(
        (np.ones(len(rows), dtype=np.int8), (rows, columns)), shape=(len(examples), len(labels))
    ).toarray()
    return (matrix > 0).astype(np.int8)


def build(version: int) -> Model:
    labels, terms = labels_and_terms()
    model = train(board_examples(), labels, terms)
    model.version = version
    model.built_at = time.monotonic()
    return model


# --- The process's model ----------------------------------------------------------------------------------

_lock = threading.Lock()
_current: list[Model] = []


def current() -> Model:
    """The model for the findings as they are now: rebuilt when they changed, at most every STALE_SECONDS."""
    version = corpus.version()
    model = _current[0] if _current else None
    if model is not None and (model.version == version or time.monotonic() - model.built_at < STALE_SECONDS):
        return model
    with _lock:
        model = _current[0] if _current else None
        if model is not None and (model.version == version or time.monotonic() - model.built_at < STALE_SECONDS):
            return model
        model = build(version)
        _current[:] = [model]
        return model


def refresh() -> Model:
    """Retrain now, whatever the version (the business unit's "retrain now", and the tests)."""
    with _lock:
        model = build(corpus.version())
        _current[:] = [model]
        return model


def forget() -> None:
    _current.clear()


def suggest(text: str, exclude: Iterable[str] = (), limit: int = LIMIT) -> list[Suggestion]:
    """At most five suggestions for a finding's text, each with the words that led to it."""
    return current().suggest(text[:10_000], exclude, limit)


def for_form(text: str, exclude: frozenset[str]) -> list[Suggestion]:
    """The finding form's suggester (registered in the app's ready())."""
    return suggest(text, exclude)


def describe(model: Any = None) -> dict[str, Any]:
    """What the model is, for the benchmark and the page that offers retraining."""
    model = model or current()
    return {
        "version": model.version,
        "trained_on": model.trained_on,
        "features": 0 if model.features is None else len(model.features),
        "seconds": round(model.seconds, 3),
    }
