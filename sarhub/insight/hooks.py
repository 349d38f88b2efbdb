"""What insight offers the lower apps, kept light (no numpy until a check runs): the review's pages' notes
on repeated learning, and the check of each finding once it is saved (registered in the app's ready())."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.safestring import SafeString

from sarhub.core.components import concat, link
from sarhub.insight import permissions
from sarhub.insight.models import RepeatFlag, RepeatView
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Finding

VIEW_LABELS = {value: str(label) for value, label in RepeatView.choices}


def _check(finding_id: int) -> None:
    from sarhub.insight.repeats import check_finding

    check_finding(finding_id)


def _after_save(sender: Any, instance: Finding, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    finding_id = instance.pk
    transaction.on_commit(lambda: _check(finding_id), robust=True)


def connect() -> None:
    """Check each finding for repeated learning once it is saved and committed."""
    post_save.connect(_after_save, sender=Finding, dispatch_uid="insight-repeats-save")


def daily() -> str:
    from sarhub.insight.repeats import daily as run

    return run()


def notes_for_review(review_id: int) -> list[tuple[int, int, int, str, str]]:
    """The flags on a review's findings: (finding id, earlier review id, earlier finding number, earlier
    review reference, the Board's view)."""
    return list(
        RepeatFlag.objects.filter(finding__review_id=review_id)
        .order_by("finding_id", "-score")
        .values_list("finding_id", "earlier__review_id", "earlier__number", "earlier__review__reference", "view")
    )


def review_notes(person: Any, review: Any) -> tuple[str, dict[int, str]]:
    """The flags on a review's findings, for whoever reads the review's pages: on each flagged finding, and
    a line on the review's overview. The earlier review is named only to those who may read it; the link to
    the Board's page only for its readers."""
    rows = notes_for_review(review.pk)
    if not rows:
        return "", {}
    readable = None if review_permissions.sees_all_reviews(person) else review_permissions.team_review_ids(person)
    board = permissions.can_read_repeats(person)
    by_finding: dict[int, list[tuple[int, int, str, str]]] = {}
    for finding_id, earlier_review, earlier_number, reference, view in rows:
        by_finding.setdefault(finding_id, []).append((earlier_review, earlier_number, reference, view))
    findings: dict[int, str] = {}
    for finding_id, earlier in by_finding.items():
        named = [
            f"finding {number} of {reference}"
            for earlier_review, number, reference, _ in earlier
            if readable is None or earlier_review in readable
        ]
        what = (
            "It resembles " + ", ".join(named)
            if named
            else f"It resembles {len(earlier)} finding{'s' if len(earlier) != 1 else ''} of an earlier review"
        )
        views = {view for *_, view in earlier if view}
        seen = f" The Board's view: {', '.join(sorted(VIEW_LABELS[v].lower() for v in views))}." if views else ""
        findings[finding_id] = _warning(
            concat(
                "Repeated learning? ",
                f"{what}, whose actions were all assured complete.{seen}",
            )
        )
    count = len(by_finding)
    overview = concat(
        f"{count} finding{'s' if count != 1 else ''} of this review resemble{'s' if count == 1 else ''} "
        "learning from an earlier review whose actions were all assured complete. ",
        link(reverse("insight:repeats"), "See repeated learning") if board else "",
    )
    return SafeString(_warning(overview)), {pk: SafeString(markup) for pk, markup in findings.items()}


def _warning(content: str) -> str:
    """A GOV.UK warning text (content already escaped)."""
    return (
        '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
        f'<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> {content}'
        "</strong></div>"
    )
