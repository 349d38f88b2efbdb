"""What a briefing's "What went well" can start from: a review's good-practice finding, or the positive
practice a learning event's team collated (a theme written without attribution). The insight page of good
practice links here with the item's key (`?good_practice=finding-12` or `?good_practice=event-theme-3`).

The text is offered only to someone who writes briefings and may read the review it comes from, and only
from a review the Board has signed off (a briefing draws only on those). Continuing a briefing, only from
one of the reviews it already covers, so the reviews it names stay the ones it draws on. The person edits
the offered text before saving; it then passes the same one-page check and publication gate as every
point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sarhub.briefings.models import POINT_LIMIT
from sarhub.briefings.permissions import can_write_briefings
from sarhub.events.models import EventStatus, EventTheme, ThemeKind
from sarhub.reviews.models import Finding, FindingKind, Review
from sarhub.reviews.permissions import can_read_review

PARAMETER = "good_practice"
_KEY = re.compile(r"(finding|event-theme)-([0-9]{1,12})")


@dataclass(frozen=True)
class Offer:
    key: str
    text: str
    source: str  # "finding 2 of SAR-2026-001 (Adult B)": by reference and pseudonym only
    review: Review
    shortened: bool


def fit(text: str, limit: int = POINT_LIMIT) -> tuple[str, bool]:
    """The text on one line, cut at a word to fit a point (with "…") if it is longer; and whether it was cut."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words, False
    cut = words[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…", True


def _item(key: str) -> tuple[str, Review] | None:
    """The item's text and review, for a key naming a good-practice finding or collated positive practice."""
    match = _KEY.fullmatch(key.strip())
    if match is None:
        return None
    kind, pk = match.group(1), int(match.group(2))
    if kind == "finding":
        finding = Finding.objects.select_related("review").filter(pk=pk, kind=FindingKind.GOOD_PRACTICE).first()
        if finding is None:
            return None
        return finding.text, finding.review
    theme = (
        EventTheme.objects.select_related("event__review")
        .filter(pk=pk, kind=ThemeKind.GOOD_PRACTICE)
        .exclude(event__status=EventStatus.CANCELLED)
        .first()
    )
    if theme is None:
        return None
    return theme.summary, theme.event.review


def _source(key: str, review: Review) -> str:
    kind, pk = key.rsplit("-", 1)
    if kind == "finding":
        number = Finding.objects.filter(pk=int(pk)).values_list("number", flat=True).first()
        return f"finding {number} of {review.reference} ({review.pseudonym})"
    return f"the positive practice collated at a learning event of {review.reference} ({review.pseudonym})"


def offered(user: Any, key: Any, *, reviews: list[Review] | None = None) -> Offer | None:
    """The text offered for "What went well" from the item `key` names, or None if there is none this person
    may have: not someone who writes briefings, an unknown or other kind of item, a review they may not
    read or not yet signed off, or (continuing a briefing) a review the briefing does not cover."""
    if not isinstance(key, str) or not key or not can_write_briefings(user):
        return None
    found = _item(key)
    if found is None:
        return None
    text, review = found
    if review.signed_off_on is None or not can_read_review(user, review):
        return None
    if reviews is not None and review.pk not in {r.pk for r in reviews}:
        return None
    fitted, shortened = fit(text)
    return Offer(key=key.strip(), text=fitted, source=_source(key.strip(), review), review=review, shortened=shortened)
