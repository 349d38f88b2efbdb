"""The de-identification check of a proposal: every text that would become public (and the file), against
the record of the review or reviews it comes from and against every other record the Board holds
(identifiers.py), each hit kept as the proposal stores it (`hit_record`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from sarhub.publication.gate import scanning
from sarhub.publication.gate.identifiers import all_identifiers, identifiers_for
from sarhub.reviews.models import Review

Texts = list[tuple[str, str]]  # (where, text): "summary", "finding 2", "background"...


def hit_record(hit: scanning.Hit, *, in_file: bool = False) -> dict[str, Any]:
    """A hit as the proposal keeps it: its offsets in the checked text (or file part), and whether it is in
    the file, so the approval page can mark it in place and merge hits of the same words (findings.py)."""
    found: dict[str, Any] = {
        "key": hit.key,
        "kind": hit.kind,
        "found": hit.found,
        "where": hit.where,
        "context": hit.context,
        "start": hit.start,
        "end": hit.end,
    }
    if in_file:
        found["file"] = True
    return found


def scan_review(review: Review, texts: Texts, file: Any = None) -> list[dict[str, Any]]:
    """What the check finds in one review's public `texts`, text by text, and in the file (a
    `DocumentVersion`, or None): against the review's own record, and against every other review's and
    referral's (`all_identifiers`), whose hits say so in their kind ("The adult's name (another review)")
    without saying which. A file that cannot be read, or holds active content, is a form error."""
    identifiers = identifiers_for(review)
    elsewhere = all_identifiers([review], [identifiers])
    hits: list[scanning.Hit] = []
    for where, text in texts:
        hits += scanning.scan_text(text, identifiers, where)
        hits += elsewhere.scan(text, where)
    in_texts = len(hits)
    if file is not None:
        with file.file.open("rb") as handle:
            data = handle.read()
        try:
            hits += scanning.scan_file(data, file.kind, identifiers)
            hits += elsewhere.scan_file(data, file.kind)
        except scanning.ActiveContent as refusal:
            raise ValidationError({"file": f"{refusal}: it cannot be published"}) from None
        except (scanning.Unreadable, scanning.NotClean) as refusal:
            raise ValidationError({"file": str(refusal)}) from None
        except ValueError as refusal:
            raise ValidationError({"file": str(refusal)}) from None
    return [hit_record(h, in_file=i >= in_texts) for i, h in enumerate(hits)]


def scan_reviews(reviews: list[Review], texts: Texts) -> list[dict[str, Any]]:
    """What the check finds in `texts` drawn from several reviews (a 7-minute briefing): against the record
    of every review in `reviews` (a hit found through two reviews' records is kept once), and against every
    other review's and referral's record the Board holds (`all_identifiers`: an item about one review may
    not name the adults of others; those hits say "another review", never which)."""
    hits: list[scanning.Hit] = []
    own = [identifiers_for(review) for review in reviews]
    for identifiers in own:
        for where, text in texts:
            hits += scanning.scan_text(text, identifiers, where)
    elsewhere = all_identifiers(reviews, own)
    for where, text in texts:
        hits += elsewhere.scan(text, where)
    unique = {(h.key, h.start, h.end, h.context): h for h in hits}
    return [hit_record(h) for h in unique.values()]
