"""Similar findings: a lexical ranking (BM25) over each finding's text and the names of its codes (practice
themes, abuse types, learning domain), kept in the process and rebuilt only when the findings change
(`sarhub.insight.corpus.version()`, one indexed read per request).

Every function takes the acting person and returns findings only from the reviews that person may read
(a review's team sees its own reviews; the business unit, the chair and the SAR subgroup every review), so
neither a result nor a count discloses a review they may not read. Similar findings come only from the
Board's OTHER reviews; the search covers the Board's whole history.

Words are compared by a light stem (lower case, common endings taken off: "shared", "sharing" and "share"
are one word), common English words left out. The words a result shares with its source are marked with
<mark>; everything else is escaped.

The same index also gives a bounded similarity (the cosine of TF-IDF vectors, 0 to 1) for "did the
learning stick?" (sarhub.insight.repeats), whose threshold is calibrated there.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from django.db.models import Max, Subquery
from django.utils.safestring import SafeString
from scipy import sparse

from sarhub.core.html import esc
from sarhub.insight import corpus
from sarhub.insight.models import Snapshot
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Finding, FindingKind, Review
from sarhub.taxonomy.models import LearningDomain

# BM25's usual constants: how quickly a word's repeats stop counting, and how much a long text is damped.
K1 = 1.2
B = 0.75
SIMILAR_COUNT = 10
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]")
# Words too common to tell one finding from another: English's commonest (written here rather than
# imported, which would load a large library into every process) and the demo data's marker.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either else ever every few for from
    further had has have having he her here hers herself him himself his how however i if in into is it its
    itself just least less let many may me might more most much must my myself neither no nor not now of
    off often on once one only or other others our ours ourselves out over own per rather same shall she
    should since so some such than that the their theirs them themselves then there these they this those
    though through thus to too under until up upon us very via was we were what whatever when where whether
    which while who whom whose why will with within without would yet you your yours yourself yourselves
    fictional""".split()  # noqa: SIM905 (a list of words reads best as words)
)
KIND_LABELS = {value: str(label) for value, label in FindingKind.choices}
DOMAIN_LABELS = {value: str(label) for value, label in LearningDomain.choices}


# --- Words -------------------------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light stem: lower case, possessive and common endings off ("agencies" -> "agency", "shared" and
    "sharing" -> "shar", "assessment" -> "assess"). Short words are left as they are."""
    w = word.lower().replace("\u2019", "'")
    w = w.removesuffix("'s").removesuffix("'").replace("'", "")
    if len(w) <= 3:
        return w
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ments", ""), ("ment", ""), ("ness", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + replacement
    for suffix in ("ing", "ed", "es", "s", "e", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith(("ss", "us", "is")):
            w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


@lru_cache(maxsize=50_000)
def _term(word: str) -> str:
    """A word's stem, or "" for a common word (either way)."""
    lower = word.lower()
    if lower in STOP_WORDS:
        return ""
    stemmed = stem(lower)
    return "" if stemmed in STOP_WORDS else stemmed


def words(text: str) -> list[str]:
    """The stems of a text's words, common words left out, in order (repeats kept)."""
    return [term for term in map(_term, WORD.findall(text)) if term]


def highlight(text: str, shared: Iterable[str]) -> SafeString:
    """The text escaped, each word whose stem is in `shared` wrapped in <mark>."""
    wanted = set(shared)
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        word = match.group()
        term = _term(word)
        if not term or term not in wanted:
            continue
        out.append(esc(text[last : match.start()]))
        out.append(f"<mark>{esc(word)}</mark>")
        last = match.end()
    out.append(esc(text[last:]))
    return SafeString("".join(out))


# --- The index ----------------------------------------------------------------------------------------


@dataclass
class Index:
    """Every finding of the Board, as rows of sparse matrices over the stems of its text and codes."""

    stamp: tuple[int, int]
    ids: np.ndarray  # finding pk per row
    reviews: np.ndarray  # review pk per row
    review_created: np.ndarray  # the review's creation, seconds since the epoch, per row
    good_practice: np.ndarray  # whether the row's finding is of good practice (not a barrier or a risk)
    counts: sparse.csr_matrix  # rows x stems: how often each stem occurs
    bm25: sparse.csc_matrix  # rows x stems: each stem's BM25 weight in the row
    unit: sparse.csr_matrix  # rows x stems: TF-IDF (sublinear), each row of length 1 (for the cosine)
    vocabulary: dict[str, int]
    stems: list[str]
    row_of: dict[int, int] = field(default_factory=dict)

    def row(self, finding_id: int) -> int | None:
        return self.row_of.get(finding_id)

    def rows_of_review(self, review_id: int) -> np.ndarray:
        return np.flatnonzero(self.reviews == review_id)

    def terms(self, rows: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The stems (columns) of these rows together and their weights as a query (1 + log of the count)."""
        summed = np.asarray(self.counts[np.asarray(rows)].sum(axis=0)).ravel()
        columns = np.flatnonzero(summed)
        return columns, (1.0 + np.log(summed[columns])).astype(np.float32)

    def query(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        found: dict[int, int] = {}
        for word in words(text):
            column = self.vocabulary.get(word)
            if column is not None:
                found[column] = found.get(column, 0) + 1
        columns = np.array(sorted(found), dtype=np.int64)
        weights = np.array([1.0 + np.log(found[c]) for c in columns], dtype=np.float32)
        return columns, weights

    def scores(self, columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """BM25 score of every row for the query (columns, weights)."""
        if len(columns) == 0:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.bm25[:, columns] @ weights).ravel()

    def shared(self, row: int, columns: np.ndarray) -> list[str]:
        mine = self.counts.indices[self.counts.indptr[row] : self.counts.indptr[row + 1]]
        return [self.stems[c] for c in np.intersect1d(mine, columns)]


_lock = threading.Lock()
_index: Index | None = None


def _stamp() -> tuple[int, int]:
    """The findings' version with the newest finding's id, in one indexed read (the id guards a process that
    outlives a rolled-back database, as a test run's does)."""
    newest = Finding.objects.order_by("-pk").values("pk")[:1]
    row = (
        Snapshot.objects.filter(key=corpus.KEY)
        .annotate(newest=Subquery(newest))
        .values_list("version", "newest")
        .first()
    )
    if row is None:
        return 0, int(Finding.objects.aggregate(n=Max("pk"))["n"] or 0)
    return int(row[0]), int(row[1] or 0)


def documents() -> tuple[list[int], list[int], list[float], list[tuple[str, ...]], list[bool]]:
    """Each finding's id, review, review's creation and its parts (text, domain, abuse types, themes), and
    whether it is of good practice."""
    through_abuse = Finding.abuse_types.through.objects.values_list("finding_id", "abusetype__name")
    through_themes = Finding.practice_themes.through.objects.values_list("finding_id", "practicetheme__name")
    codes: dict[int, list[str]] = {}
    for finding_id, name in (*through_abuse, *through_themes):
        codes.setdefault(finding_id, []).append(str(name))
    created = {pk: moment.timestamp() for pk, moment in Review.objects.values_list("pk", "created_at")}
    ids, reviews, review_created, parts, good = [], [], [], [], []
    for pk, review_id, text, domain, kind in Finding.objects.order_by("pk").values_list(
        "pk", "review_id", "text", "domain", "kind"
    ):
        ids.append(pk)
        good.append(kind == FindingKind.GOOD_PRACTICE)
        reviews.append(review_id)
        review_created.append(created.get(review_id, 0.0))
        parts.append((text, DOMAIN_LABELS.get(domain, ""), *codes.get(pk, ())))
    return ids, reviews, review_created, parts, good


def build(stamp: tuple[int, int] = (0, 0), given: Any = None) -> Index:
    """The index of every finding (or of `given`, as documents() returns it, for measuring on texts that are
    not in the database)."""
    ids, reviews, review_created, documents_parts, good = given if given is not None else documents()
    vocabulary: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    split: dict[str, list[int]] = {}  # each text and code name is split once, however many findings share it
    for parts in documents_parts:
        counted: dict[int, int] = {}
        for part in parts:
            columns = split.get(part)
            if columns is None:
                columns = split[part] = [vocabulary.setdefault(word, len(vocabulary)) for word in words(part)]
            for column in columns:
                counted[column] = counted.get(column, 0) + 1
        indices.extend(counted)
        data.extend(counted.values())
        indptr.append(len(indices))
    n, v = len(ids), max(1, len(vocabulary))
    counts = sparse.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(n, v),
    )
    counts.sort_indices()
    counts.sum_duplicates()
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    average = float(lengths.mean()) if n else 1.0
    document_frequency = np.bincount(counts.indices, minlength=v).astype(np.float32)
    idf = np.log(1.0 + (n - document_frequency + 0.5) / (document_frequency + 0.5)).astype(np.float32)
    # BM25: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average)), for each stored (row, stem).
    row_of_entry = np.repeat(np.arange(n), np.diff(counts.indptr))
    tf = counts.data
    norm = K1 * (1.0 - B + B * lengths[row_of_entry] / (average or 1.0))
    weights = idf[counts.indices] * tf * (K1 + 1.0) / (tf + norm)
    bm25 = sparse.csr_matrix((weights.astype(np.float32), counts.indices, counts.indptr), shape=(n, v)).tocsc()
    # TF-IDF with sublinear counts, each row scaled to length 1: the cosine of two rows is their dot product.
    tfidf_idf = (np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0).astype(np.float32)
    tfidf = (1.0 + np.log(tf)) * tfidf_idf[counts.indices]
    row_norms = np.sqrt(np.bincount(row_of_entry, weights=tfidf**2, minlength=n))
    unit_data = tfidf / np.where(row_norms[row_of_entry] > 0, row_norms[row_of_entry], 1.0)
    unit = sparse.csr_matrix((unit_data.astype(np.float32), counts.indices, counts.indptr), shape=(n, v))
    stems = [""] * len(vocabulary)
    for word, column in vocabulary.items():
        stems[column] = word
    id_array = np.array(ids, dtype=np.int64)
    return Index(
        stamp=stamp,
        ids=id_array,
        reviews=np.array(reviews, dtype=np.int64),
        review_created=np.array(review_created, dtype=np.float64),
        good_practice=np.array(good, dtype=bool),
        counts=counts,
        bm25=bm25,
        unit=unit,
        vocabulary=vocabulary,
        stems=stems,
        row_of={int(pk): i for i, pk in enumerate(ids)},
    )


def index() -> Index:
    """The index for the findings as they stand (rebuilt only when their version has moved)."""
    global _index
    stamp = _stamp()
    current = _index
    if current is not None and current.stamp == stamp:
        return current
    with _lock:
        if _index is None or _index.stamp != stamp:
            _index = build(stamp)
        return _index


def forget() -> None:
    """Drop the process's index (the next request rebuilds it)."""
    global _index
    with _lock:
        _index = None


# --- Who may read what ----------------------------------------------------------------------------------


def readable_review_ids(person: Any) -> set[int] | None:
    """The reviews whose findings this person may read: None for every review (the business unit, the
    chair, the SAR subgroup), else their own team's reviews (reviews.permissions)."""
    if review_permissions.sees_all_reviews(person):
        return None
    return set(review_permissions.team_review_ids(person))


def _allowed(idx: Index, person: Any, *, excluding_review: int | None = None) -> np.ndarray:
    """A mask of the rows this person may see, without the source's own review."""
    readable = readable_review_ids(person)
    if readable is None:
        allowed = np.ones(len(idx.ids), dtype=bool)
    elif readable:
        allowed = np.isin(idx.reviews, np.fromiter(readable, dtype=np.int64, count=len(readable)))
    else:
        allowed = np.zeros(len(idx.ids), dtype=bool)
    if excluding_review is not None:
        allowed &= idx.reviews != excluding_review
    return allowed


def _top(scores: np.ndarray, allowed: np.ndarray, count: int) -> np.ndarray:
    """The rows of the `count` highest positive scores among the allowed, best first (ties by finding id)."""
    masked = np.where(allowed & (scores > 0), scores, 0.0)
    candidates = np.flatnonzero(masked)
    if len(candidates) > count:
        # Keep every row tied with the last place, so the order is stable whatever argpartition picks.
        cut = np.partition(masked[candidates], len(candidates) - count)[len(candidates) - count]
        candidates = candidates[masked[candidates] >= cut]
    order = np.lexsort((candidates, -masked[candidates]))
    return candidates[order][:count]


# --- Results -------------------------------------------------------------------------------------------


@dataclass
class Match:
    finding_id: int
    review_id: int
    reference: str
    pseudonym: str
    number: int
    kind: str
    domain: str
    score: float
    shared: list[str]
    text_html: SafeString
    codes: list[tuple[str, bool]]  # (name, shared with the source)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def domain_label(self) -> str:
        return DOMAIN_LABELS.get(self.domain, self.domain)


def matches(idx: Index, rows: Sequence[int] | np.ndarray, scores: np.ndarray, columns: np.ndarray) -> list[Match]:
    """The findings of these rows (in this order), each with the words it shares with the query marked."""
    wanted = [int(idx.ids[r]) for r in rows]
    if not wanted:
        return []
    found = {
        pk: (review_id, reference, pseudonym, number, text, kind, domain)
        for pk, review_id, reference, pseudonym, number, text, kind, domain in Finding.objects.filter(
            pk__in=wanted
        ).values_list("pk", "review_id", "review__reference", "review__pseudonym", "number", "text", "kind", "domain")
    }
    codes: dict[int, list[str]] = {}
    for finding_id, name in (
        *Finding.abuse_types.through.objects.filter(finding_id__in=wanted)
        .order_by("abusetype__name")
        .values_list("finding_id", "abusetype__name"),
        *Finding.practice_themes.through.objects.filter(finding_id__in=wanted)
        .order_by("practicetheme__name")
        .values_list("finding_id", "practicetheme__name"),
    ):
        codes.setdefault(finding_id, []).append(str(name))
    out = []
    for r, pk in zip(rows, wanted, strict=True):
        if pk not in found:
            continue  # deleted since the index was built
        review_id, reference, pseudonym, number, text, kind, domain = found[pk]
        shared = idx.shared(int(r), columns)
        shared_set = set(shared)
        out.append(
            Match(
                finding_id=pk,
                review_id=review_id,
                reference=reference,
                pseudonym=pseudonym,
                number=number,
                kind=kind,
                domain=domain,
                score=float(scores[r]),
                shared=shared,
                text_html=highlight(text, shared_set),
                codes=[(name, bool(set(words(name)) & shared_set)) for name in codes.get(pk, [])],
            )
        )
    return out


@dataclass
class SimilarReview:
    review_id: int
    reference: str
    pseudonym: str
    score: float
    findings: int


@dataclass
class Similar:
    matches: list[Match]
    reviews: list[SimilarReview] = field(default_factory=list)
    source_words: list[str] = field(default_factory=list)


def similar_to_finding(person: Any, finding: Finding, count: int = SIMILAR_COUNT) -> Similar:
    """The findings of the Board's other reviews most like this one, from reviews the person may read."""
    idx = index()
    row = idx.row(finding.pk)
    if row is None:
        columns, weights = idx.query(finding.text)
    else:
        columns, weights = idx.terms([row])
    scores = idx.scores(columns, weights)
    allowed = _allowed(idx, person, excluding_review=finding.review_id)
    return Similar(matches(idx, _top(scores, allowed, count), scores, columns), source_words=_stems(idx, columns))


def similar_to_review(person: Any, review: Review, count: int = SIMILAR_COUNT) -> Similar:
    """The findings of the Board's other reviews most like this review's findings together, and the
    other reviews most alike (the sum of their findings' scores), from reviews the person may read."""
    idx = index()
    rows = idx.rows_of_review(review.pk)
    if len(rows) == 0:
        return Similar([])
    columns, weights = idx.terms(rows)
    scores = idx.scores(columns, weights)
    allowed = _allowed(idx, person, excluding_review=review.pk)
    found = matches(idx, _top(scores, allowed, count), scores, columns)
    # The other reviews most alike: each review's findings' scores summed (its best five).
    masked = np.where(allowed, scores, 0.0)
    hit = np.flatnonzero(masked > 0)
    order = hit[np.lexsort((-masked[hit], idx.reviews[hit]))]  # by review, best first within each
    groups = idx.reviews[order]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]) if len(order) else np.array([], dtype=np.int64)
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    kept = order[rank < 5]
    unique, inverse = np.unique(idx.reviews[kept], return_inverse=True)
    totals = np.bincount(inverse, weights=masked[kept], minlength=len(unique))
    sizes = np.bincount(inverse, minlength=len(unique))
    top = np.lexsort((unique, -totals))[:5]
    best = [(int(unique[i]), float(totals[i]), int(sizes[i])) for i in top]
    labels = {
        pk: (reference, pseudonym)
        for pk, reference, pseudonym in Review.objects.filter(pk__in=[pk for pk, _, _ in best]).values_list(
            "pk", "reference", "pseudonym"
        )
    }
    alike = [SimilarReview(pk, labels[pk][0], labels[pk][1], total, size) for pk, total, size in best if pk in labels]
    return Similar(found, alike, source_words=_stems(idx, columns))


def _stems(idx: Index, columns: np.ndarray) -> list[str]:
    return [idx.stems[c] for c in columns]


@dataclass
class SearchResult:
    total: int
    rows: np.ndarray
    scores: np.ndarray
    columns: np.ndarray
    idx: Index


def search(person: Any, phrase: str) -> SearchResult:
    """Every finding of the Board's whole history that shares a word with the phrase, best first, from the
    reviews the person may read. Page through `page_of`."""
    idx = index()
    columns, weights = idx.query(phrase)
    scores = idx.scores(columns, weights)
    allowed = _allowed(idx, person)
    masked = np.where(allowed, scores, 0.0)
    hit = np.flatnonzero(masked > 0)
    order = hit[np.lexsort((hit, -masked[hit]))]
    return SearchResult(len(order), order, scores, columns, idx)


class RankedPage(Sequence[Match]):
    """The search's rows as a sequence Django's Paginator can page: only the page asked for is read."""

    def __init__(self, result: SearchResult) -> None:
        self.result = result

    def __len__(self) -> int:
        return self.result.total

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            rows = self.result.rows[key]
            return matches(self.result.idx, rows, self.result.scores, self.result.columns)
        return matches(self.result.idx, [self.result.rows[key]], self.result.scores, self.result.columns)[0]
