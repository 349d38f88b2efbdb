"""Did the learning stick? A new finding that closely resembles an earlier review's finding whose actions were
all assured complete is flagged (a RepeatFlag, with the words they share), so the Board can ask why.

When it is checked
- After a finding is saved (once the transaction commits: `connect()` listens to the findings' post_save,
  so reviews never imports insight), that finding against every earlier finding.
- Every day (the daily job, `check_all`), every finding against every earlier finding: an earlier review's
  actions are often assured long after a later review's finding was written.

What counts
- "Earlier": a finding of another review set up before the new finding's review.
- "Assured complete": every action that answers the earlier finding (an action naming the finding, or an
  action answering a recommendation linked to it; sarhub.actions) has the status "assured complete" with
  the date of assurance recorded (`actions.services.assure`), and there is at least one. An action still
  open, awaiting assurance, or closed as not implemented keeps the finding from counting: its learning
  was not assured.
- Neither finding is of good practice: a repeat is of a barrier to good practice or a systemic risk.
- "Closely resembles": the cosine of the two findings' TF-IDF vectors (their text and the names of their
  codes; sarhub.insight.similarity) is at least THRESHOLD, and their own texts (not their codes) share at
  least MIN_TEXT_WORDS words. At most MAX_FLAGS the most similar earlier findings are flagged for one
  finding. The second rule came from the demo's history: two findings coded alike ("the inter-agency team
  around the adult", "Information sharing", "Mental health and suicide risk") but about different things
  scored over 0.40 on their codes' names alone; sharing only "two" and "shared" in their texts, they are
  not the same learning.

The threshold (0.40) was calibrated on a hand-written fictional set of pairs (sarhub/insight/tests/
calibration.py: 12 pairs a person would call the same learning, 15 that are not, three of them "hard":
the same subject in nearly the same words, one a failing and one good practice). Every repeat scores
at least 0.445 and every easy non-repeat at most 0.234, so any threshold from 0.25 to 0.40 gives precision
1.0 and recall 1.0 (12 of 12) with the good-practice rule; 0.45 loses one repeat (recall 0.92). On the
words alone the three hard pairs (0.47 to 0.80) pass at any of these thresholds: precision 0.80, recall
1.0 at 0.40; the good-practice rule is what keeps them out. 0.40, the top of the safe range, leans
towards precision: a missed repeat is still found through "Similar findings", while a false flag costs
the Board a question. A fictional set this small is a sanity check, not a measurement of the Board's own
findings; the Board's views of the flags (true repeat or not) are the data to recalibrate on.

A flag is kept in step with its findings: when a finding is checked again, flags it still earns are
updated (score, shared words), new ones made, and those it no longer earns removed, unless the Board has
recorded its view of them (kept, with that view).

The Board's view (`record_view`): a true repeat, or not a repeat with a reason (then required). A view can
be changed: the Board may think again once it has asked the agencies why. The flag holds the view now,
with who recorded it and when; each recording is audited (`record(Action.UPDATE, ..., "view: ...")`), and
the flag's page lists that history from the audit log (who, when, which view; the reasons are not copied
into the log, which holds no content).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sarhub.actions.models import Action as PlanAction
from sarhub.actions.models import Status
from sarhub.audit.models import Action, AuditEvent
from sarhub.audit.services import record
from sarhub.insight import permissions, similarity
from sarhub.insight.models import RepeatFlag, RepeatView
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Finding, ReviewRecommendation

THRESHOLD = 0.40
MIN_TEXT_WORDS = 4  # distinct words (stems, common words left out) the two findings' own texts share
MAX_FLAGS = 3
CHUNK_CELLS = 5_000_000  # source rows x earlier findings compared at once by the daily job


# --- Which earlier findings were assured complete ---------------------------------------------------------


def assured_findings(finding_ids: list[int] | None = None) -> set[int]:
    """Of these findings (every finding when None), those with at least one action and every action assured
    complete: status "assured complete" with `assured_at` set. An action answers a finding when it names the
    finding or answers a recommendation linked to it."""
    links = ReviewRecommendation.findings.through.objects.all()
    if finding_ids is not None:
        links = links.filter(finding_id__in=finding_ids)
    by_recommendation: dict[int, list[int]] = {}
    for finding_id, recommendation_id in links.values_list("finding_id", "reviewrecommendation_id"):
        by_recommendation.setdefault(recommendation_id, []).append(finding_id)
    actions = PlanAction.objects.all()
    if finding_ids is not None:
        actions = actions.filter(Q(finding_id__in=finding_ids) | Q(recommendation_id__in=list(by_recommendation)))
    wanted = set(finding_ids) if finding_ids is not None else None
    answered: set[int] = set()
    open_: set[int] = set()
    for finding_id, recommendation_id, status, assured_at in actions.values_list(
        "finding_id", "recommendation_id", "status", "assured_at"
    ):
        answers = set(by_recommendation.get(recommendation_id, ())) if recommendation_id else set()
        if finding_id:
            answers.add(finding_id)
        if wanted is not None:
            answers &= wanted
        answered |= answers
        if status != Status.ASSURED or assured_at is None:
            open_ |= answers
    return answered - open_


# --- Checking ----------------------------------------------------------------------------------------------


@dataclass
class Pair:
    finding_id: int
    earlier_id: int
    score: float
    shared: list[str]


def _earlier_mask(idx: similarity.Index, row: int) -> np.ndarray:
    """Findings of other reviews set up before this finding's review, not of good practice."""
    return (idx.reviews != idx.reviews[row]) & (idx.review_created < idx.review_created[row]) & ~idx.good_practice


def _shared_words(idx: similarity.Index, row: int, other: int, texts: dict[int, str]) -> list[str]:
    """The words the two findings share, as the new finding (or its codes) writes them, in its order."""
    mine = idx.counts.indices[idx.counts.indptr[row] : idx.counts.indptr[row + 1]]
    stems = set(idx.shared(other, mine))
    seen: dict[str, None] = {}
    for match in similarity.WORD.finditer(texts.get(int(idx.ids[row]), "")):
        word = match.group().lower()
        if word not in similarity.STOP_WORDS and similarity.stem(word) in stems:
            seen.setdefault(word, None)
    for leftover in sorted(stems - {similarity.stem(w) for w in seen}):
        seen.setdefault(leftover, None)
    return list(seen)


def _own_texts(finding_ids: list[int]) -> dict[int, set[str]]:
    """Each finding's own words (stems, common words left out), without its codes."""
    out: dict[int, set[str]] = {}
    for start in range(0, len(finding_ids), 500):
        chunk = finding_ids[start : start + 500]
        for pk, text in Finding.objects.filter(pk__in=chunk).values_list("pk", "text"):
            out[pk] = set(similarity.words(text))
    return out


def _same_words(pairs: list[Pair]) -> list[Pair]:
    """The pairs whose own texts share at least MIN_TEXT_WORDS words."""
    own = _own_texts(sorted({p.finding_id for p in pairs} | {p.earlier_id for p in pairs}))
    return [p for p in pairs if len(own.get(p.finding_id, set()) & own.get(p.earlier_id, set())) >= MIN_TEXT_WORDS]


def _texts(finding_ids: list[int]) -> dict[int, str]:
    """Each finding's text with the names of its codes (what the index compared), read 500 at a time."""
    out: dict[int, str] = {}
    for start in range(0, len(finding_ids), 500):
        out |= _texts_of(finding_ids[start : start + 500])
    return out


def _texts_of(finding_ids: list[int]) -> dict[int, str]:
    out = {
        pk: " ".join([text, similarity.DOMAIN_LABELS.get(domain, "")])
        for pk, text, domain in Finding.objects.filter(pk__in=finding_ids).values_list("pk", "text", "domain")
    }
    for finding_id, name in (
        *Finding.abuse_types.through.objects.filter(finding_id__in=finding_ids).values_list(
            "finding_id", "abusetype__name"
        ),
        *Finding.practice_themes.through.objects.filter(finding_id__in=finding_ids).values_list(
            "finding_id", "practicetheme__name"
        ),
    ):
        out[finding_id] = f"{out.get(finding_id, '')} {name}"
    return out


def pairs_for(finding_id: int) -> list[Pair]:
    """The earlier, assured-complete findings this finding closely resembles (at most MAX_FLAGS, best first)."""
    idx = similarity.index()
    row = idx.row(finding_id)
    if row is None or idx.good_practice[row]:
        return []
    cosine = np.asarray((idx.unit @ idx.unit[row].T).todense()).ravel()
    cosine[~_earlier_mask(idx, row)] = 0.0
    candidates = np.flatnonzero(cosine >= THRESHOLD)
    if len(candidates) == 0:
        return []
    candidates = candidates[np.lexsort((idx.ids[candidates], -cosine[candidates]))]
    assured = assured_findings([int(idx.ids[r]) for r in candidates])
    chosen = [int(r) for r in candidates if int(idx.ids[r]) in assured]
    texts = _texts([finding_id])
    pairs = [Pair(finding_id, int(idx.ids[r]), float(cosine[r]), []) for r in chosen]
    kept = {p.earlier_id for p in _same_words(pairs)}
    rows = [r for r in chosen if int(idx.ids[r]) in kept][:MAX_FLAGS]
    return [Pair(finding_id, int(idx.ids[r]), float(cosine[r]), _shared_words(idx, row, r, texts)) for r in rows]


@transaction.atomic
def sync(finding_ids: list[int] | None, pairs: list[Pair]) -> int:
    """Make the flags of these findings (every finding's when None) what `pairs` says: new ones made, kept
    ones updated, and those no longer earned removed unless the Board has recorded its view. Returns how
    many flags were made."""
    wanted = {(p.finding_id, p.earlier_id): p for p in pairs}
    current = RepeatFlag.objects.all() if finding_ids is None else RepeatFlag.objects.filter(finding_id__in=finding_ids)
    existing = {
        (flag.finding_id, flag.earlier_id): flag
        for flag in current.only("pk", "finding_id", "earlier_id", "view", "score", "shared_words")
    }
    stale = [flag.pk for key, flag in existing.items() if key not in wanted and not flag.view]
    for start in range(0, len(stale), 500):
        RepeatFlag.objects.filter(pk__in=stale[start : start + 500]).delete()
    changed = []
    for key, flag in existing.items():
        pair = wanted.get(key)
        if pair is not None and (abs(flag.score - pair.score) > 1e-6 or flag.shared_words != pair.shared):
            flag.score, flag.shared_words = pair.score, pair.shared
            changed.append(flag)
    if changed:
        RepeatFlag.objects.bulk_update(changed, ["score", "shared_words"], batch_size=500)
    new = [
        RepeatFlag(finding_id=p.finding_id, earlier_id=p.earlier_id, score=p.score, shared_words=p.shared)
        for key, p in wanted.items()
        if key not in existing
    ]
    RepeatFlag.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return len(new)


def check_finding(finding_id: int) -> int:
    """Flag this finding against the earlier findings (after it is saved). Returns the flags made."""
    return sync([finding_id], pairs_for(finding_id))


def check_all() -> int:
    """Every finding against every earlier finding whose actions were all assured complete (the daily job).
    Returns the flags made."""
    idx = similarity.index()
    assured = [idx.row(pk) for pk in sorted(assured_findings())]
    earlier_rows = np.array([r for r in assured if r is not None and not idx.good_practice[r]], dtype=np.int64)
    if len(earlier_rows) == 0 or len(idx.ids) == 0:
        return sync(None, [])
    earlier = idx.unit[earlier_rows]
    earlier_t = earlier.T.tocsc()
    chunk = max(1, CHUNK_CELLS // len(earlier_rows))
    best: dict[int, list[tuple[int, int, float]]] = {}
    keep = min(MAX_FLAGS, len(earlier_rows))
    for start in range(0, len(idx.ids), chunk):
        rows = np.arange(start, min(start + chunk, len(idx.ids)))
        cosine = (idx.unit[rows] @ earlier_t).toarray()
        mask = (idx.review_created[earlier_rows][None, :] < idx.review_created[rows][:, None]) & (
            idx.reviews[earlier_rows][None, :] != idx.reviews[rows][:, None]
        )
        cosine[~mask] = 0.0
        cosine[idx.good_practice[rows]] = 0.0
        # Each row's best few (not every pair above the threshold: near-identical texts would be millions),
        # ties to the earliest finding (columns are in the findings' order), as `pairs_for` breaks them.
        ranked = cosine.astype(np.float64) - np.arange(cosine.shape[1]) * 1e-12
        top = np.argpartition(-ranked, keep - 1, axis=1)[:, :keep]
        for i, columns in enumerate(top):
            chosen = sorted(
                ((float(cosine[i, j]), int(j)) for j in columns if cosine[i, j] >= THRESHOLD),
                key=lambda t: (-t[0], int(idx.ids[earlier_rows[t[1]]])),
            )
            if chosen:
                best[int(rows[i])] = [(int(rows[i]), int(earlier_rows[j]), score) for score, j in chosen]
    candidates = [
        Pair(int(idx.ids[row]), int(idx.ids[other]), score, []) for kept in best.values() for row, other, score in kept
    ]
    same = {(p.finding_id, p.earlier_id) for p in _same_words(candidates)}
    texts = _texts(sorted({finding for finding, _ in same}))
    pairs = [
        Pair(int(idx.ids[row]), int(idx.ids[other]), score, _shared_words(idx, row, other, texts))
        for kept in best.values()
        for row, other, score in kept
        if (int(idx.ids[row]), int(idx.ids[other])) in same
    ]
    return sync(None, pairs)


def daily() -> str:
    made = check_all()
    return f"Repeated learning checked: {made} new flag{'s' if made != 1 else ''}."


# --- Reading ------------------------------------------------------------------------------------------------


def _readable(person: Any, prefix: str) -> Q:
    """Findings (through `prefix`) of reviews this person may read: every review for the business unit, the
    chair and the SAR subgroup; a team's own reviews; for Board members, the reviews the Board signed off
    (whose findings their summaries show)."""
    if review_permissions.sees_all_reviews(person):
        return Q()
    condition = Q(**{f"{prefix}__review_id__in": review_permissions.team_review_ids(person)})
    if review_permissions.is_board_reader(person):
        condition |= Q(**{f"{prefix}__review__signed_off_on__isnull": False})
    return condition


def flags(person: Any, *, view: str | None = None) -> QuerySet[RepeatFlag]:
    """The flags this person may read (both findings' reviews readable by them), newest first."""
    if not permissions.can_read_repeats(person):
        return RepeatFlag.objects.none()
    qs = RepeatFlag.objects.filter(_readable(person, "finding"), _readable(person, "earlier"))
    if view is not None:
        qs = qs.filter(view=view)
    return qs.select_related("finding__review", "earlier__review", "viewed_by").order_by("-flagged_at", "-pk")


def access_flag(person: Any, flag_id: Any) -> RepeatFlag:
    """One flag for its readers; 404 for missing and forbidden alike."""
    try:
        return flags(person).get(pk=int(flag_id))
    except (RepeatFlag.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


@dataclass
class EarlierAction:
    action: PlanAction
    updates: list[Any]
    evidence: list[Any]


def earlier_actions(flag: RepeatFlag) -> list[EarlierAction]:
    """The earlier finding's actions (naming it, or answering a recommendation linked to it), each with its
    progress updates and evidence documents, as the actions app keeps them."""
    from sarhub.actions.selectors import evidence, history

    recommendations = ReviewRecommendation.findings.through.objects.filter(finding_id=flag.earlier_id).values(
        "reviewrecommendation_id"
    )
    actions = (
        PlanAction.objects.filter(Q(finding_id=flag.earlier_id) | Q(recommendation_id__in=recommendations))
        .select_related("owner_agency", "assured_by", "recommendation")
        .order_by("due_on", "pk")
    )
    return [EarlierAction(action, list(history(action)), evidence(action)) for action in actions]


# --- The Board's view ---------------------------------------------------------------------------------------

VIEW_LABELS = {value: str(label) for value, label in RepeatView.choices}


@transaction.atomic
def record_view(actor: Any, flag: RepeatFlag, data: dict[str, Any]) -> RepeatFlag:
    """The Board's view of a flag: a true repeat, or not a repeat with the reason (then required). A view
    may be changed; each one is audited."""
    if not permissions.can_record_repeat_view(actor):
        raise PermissionDenied
    view = str(data.get("view") or "")
    reason = str(data.get("reason") or "").strip()
    errors: dict[str, str] = {}
    if view not in (RepeatView.REPEAT, RepeatView.NOT_REPEAT):
        errors["view"] = "Select whether this is a true repeat"
    elif view == RepeatView.NOT_REPEAT and not reason:
        errors["reason"] = "Enter why this is not a repeat"
    if len(reason) > 5_000:
        errors["reason"] = "The reason must be 5,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    locked = RepeatFlag.objects.select_for_update().get(pk=flag.pk)
    before = locked.view
    locked.view, locked.reason = view, reason
    locked.viewed_by, locked.viewed_at = actor, timezone.now()
    locked.save(update_fields=["view", "reason", "viewed_by", "viewed_at"])
    record(Action.UPDATE, person=actor, obj=locked, detail=f"view: {view}" + (f" (was {before})" if before else ""))
    return locked


@dataclass
class ViewRecorded:
    at: Any
    by: str
    view: str


def view_history(flag: RepeatFlag) -> list[ViewRecorded]:
    """Every view recorded of this flag, newest first, from the audit log."""
    events = (
        AuditEvent.objects.filter(
            object_type=RepeatFlag._meta.label_lower, object_id=str(flag.pk), action=Action.UPDATE
        )
        .filter(detail__startswith="view: ")
        .select_related("person")
        .order_by("-at", "-pk")
    )
    out = []
    for event in events:
        value = event.detail.removeprefix("view: ").split(" ", 1)[0]
        who = event.person.full_name if event.person else "Unknown"
        out.append(ViewRecorded(event.at, who, VIEW_LABELS.get(value, value)))
    return out
