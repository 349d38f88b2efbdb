"""Findings, recommendations and their responses, and the Quality Markers self-assessment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.partnership.models import Person
from sarhub.reviews import permissions, suggesting
from sarhub.reviews.models import (
    QUALITY_MARKERS,
    Finding,
    QualityMarkerAssessment,
    Rating,
    ResponseStatus,
    Review,
    ReviewRecommendation,
)


def _editor(actor: Person, review: Review) -> None:
    if not permissions.can_edit_content(actor, review):
        raise PermissionDenied


@transaction.atomic
def save_finding(
    actor: Person,
    review: Review,
    data: dict[str, Any],
    finding: Finding | None = None,
    choices: Sequence[suggesting.Choice] = (),
) -> Finding:
    """Write the finding and its codes; with `choices`, the person's choices about theme suggestions are
    kept too, in the same transaction (sarhub/reviews/suggesting.py)."""
    _editor(actor, review)
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if finding is None:
        number = (Finding.objects.filter(review=locked).aggregate(n=Max("number"))["n"] or 0) + 1
        finding = Finding(review=locked, number=number, created_by=actor)
    for field in ("text", "domain", "kind"):
        setattr(finding, field, data[field])
    finding.full_clean(exclude=["review", "created_by"])
    created = finding.pk is None
    finding.save()
    finding.abuse_types.set(data.get("abuse_types") or [])
    finding.practice_themes.set(data.get("practice_themes") or [])
    record(Action.CREATE if created else Action.UPDATE, person=actor, obj=finding, detail=f"review {review.pk}")
    suggesting.record(actor, finding, choices)
    return finding


@transaction.atomic
def save_recommendation(
    actor: Person, review: Review, data: dict[str, Any], recommendation: ReviewRecommendation | None = None
) -> ReviewRecommendation:
    _editor(actor, review)
    if not data.get("to_board") and not data.get("agencies"):
        raise ValidationError({"agencies": "Address the recommendation to the Board, to agencies, or both"})
    findings = list(data.get("findings") or [])
    if any(f.review_id != review.pk for f in findings):
        raise ValidationError({"findings": "Select findings of this review"})
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if recommendation is None:
        number = (ReviewRecommendation.objects.filter(review=locked).aggregate(n=Max("number"))["n"] or 0) + 1
        recommendation = ReviewRecommendation(review=locked, number=number, created_by=actor)
    recommendation.text = data["text"]
    recommendation.to_board = bool(data.get("to_board"))
    created = recommendation.pk is None
    recommendation.save()
    recommendation.agencies.set(data.get("agencies") or [])
    recommendation.findings.set(findings)
    record(Action.CREATE if created else Action.UPDATE, person=actor, obj=recommendation, detail=f"review {review.pk}")
    return recommendation


@transaction.atomic
def respond(
    actor: Person, recommendation: ReviewRecommendation, *, response: str, reasons: str
) -> ReviewRecommendation:
    """The Board's (or agency's) response: accepted, accepted in part, or not accepted with reasons."""
    if not permissions.can_manage_reviews(actor):
        raise PermissionDenied
    if response not in (ResponseStatus.ACCEPTED, ResponseStatus.ACCEPTED_IN_PART, ResponseStatus.NOT_ACCEPTED):
        raise ValidationError({"response": "Select the response"})
    if response != ResponseStatus.ACCEPTED and not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons it was not accepted in full"})
    locked = ReviewRecommendation.objects.select_for_update().get(pk=recommendation.pk)
    locked.response = response
    locked.response_reasons = reasons
    locked.responded_by = actor
    locked.responded_at = timezone.now()
    locked.save(update_fields=["response", "response_reasons", "responded_by", "responded_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=f"response {response}")
    return locked


@transaction.atomic
def save_quality_markers(actor: Person, review: Review, ratings: dict[int, tuple[str, str]]) -> None:
    _editor(actor, review)
    for number, _name, _group in QUALITY_MARKERS:
        rating, note = ratings.get(number, ("", ""))
        if rating not in Rating.values:
            raise ValidationError(f"Select a rating for Quality Marker {number}")
        QualityMarkerAssessment.objects.update_or_create(
            review=review, marker=number, defaults={"rating": rating, "note": note, "updated_by": actor}
        )
    record(Action.UPDATE, person=actor, obj=review, detail="quality markers assessed")


def quality_marker_rows(review: Review) -> list[dict[str, Any]]:
    saved = {q.marker: q for q in QualityMarkerAssessment.objects.filter(review=review)}
    rows = []
    for number, name, group in QUALITY_MARKERS:
        assessment = saved.get(number)
        rows.append(
            {
                "number": number,
                "name": name,
                "group": group,
                "rating": assessment.rating if assessment else "",
                "rating_label": assessment.get_rating_display() if assessment and assessment.rating else "Not assessed",
                "note": assessment.note if assessment else "",
            }
        )
    return rows
