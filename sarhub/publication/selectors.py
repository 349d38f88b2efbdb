"""Reading what waits for the second person of the two-person gate (sarhub/publication/gate.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse

from sarhub.publication.models import PublicationProposal, Status
from sarhub.publication.permissions import can_approve


@dataclass(frozen=True)
class Awaiting:
    """One proposal waiting for this person's decision: a review's publication or a 7-minute briefing."""

    kind: str  # "review" or "briefing"
    title: str  # "SAR-2026-001 (Adult Q): publication" or "7-minute briefing: <title>, version 2"
    url: str  # the page where it is decided
    proposed_at: datetime
    open_hits: int  # the check's findings still to clear: it cannot be approved until there are none


def awaiting_approval(user: Any) -> list[Awaiting]:
    """Proposals waiting for the independent chair's decision that `user` may decide: reviews'
    publication and 7-minute briefings, oldest first. Never the person's own proposals (nobody approves
    their own), and nothing for anyone who may not approve. The chair reads every review and briefing,
    so every such proposal is theirs to see."""
    from sarhub.briefings.models import BriefingProposal

    if not can_approve(user):
        return []
    found: list[Awaiting] = []
    reviews = (
        PublicationProposal.objects.filter(status=Status.PROPOSED)
        .exclude(proposed_by=user)
        .select_related("review")
        .only("proposed_at", "hits", "overrides", "review__reference", "review__pseudonym")
    )
    for proposal in reviews:
        found.append(
            Awaiting(
                kind="review",
                title=f"{proposal.review.reference} ({proposal.review.pseudonym}): publication",
                url=reverse("publication:for-review", args=[proposal.review_id]),
                proposed_at=proposal.proposed_at,
                open_hits=len(proposal.open_hits),
            )
        )
    briefings = (
        BriefingProposal.objects.filter(status=Status.PROPOSED)
        .exclude(proposed_by=user)
        .select_related("version")
        .only("proposed_at", "hits", "overrides", "briefing_id", "version__title", "version__number")
    )
    for briefing in briefings:
        found.append(
            Awaiting(
                kind="briefing",
                title=f"7-minute briefing: {briefing.version.title}, version {briefing.version.number}",
                url=reverse("briefings:detail", args=[briefing.briefing_id]),
                proposed_at=briefing.proposed_at,
                open_hits=len(briefing.open_hits),
            )
        )
    return sorted(found, key=lambda item: item.proposed_at)
