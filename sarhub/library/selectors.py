"""What joins a review's publication with its 7-minute briefings, read for the staff pages: the proposals
of both kinds waiting for the independent chair's decision, and the briefings sent to the partnership
about a review (a part of the review's publication page, registered in apps.py).

These live here, above publication and briefings, because each reads both apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse

from sarhub.briefings.models import BriefingProposal, Circulation
from sarhub.briefings.permissions import reads_every_briefing
from sarhub.briefings.services import reach
from sarhub.partnership.models import Person
from sarhub.publication.models import PublicationProposal, Status
from sarhub.publication.permissions import can_approve
from sarhub.publication.services import proposal_name
from sarhub.reviews.models import Review


@dataclass(frozen=True)
class Awaiting:
    """One proposal waiting for this person's decision: a review's publication or a 7-minute briefing."""

    kind: str  # "review" or "briefing"
    title: str  # "SAR-2026-001 (Adult Q): publication" or "7-minute briefing: <title>, version 2"
    url: str  # the page where it is decided
    proposed_at: datetime
    open_hits: int  # the check's findings still to clear (hits of the same words count once): none to approve


def awaiting_approval(user: Any) -> list[Awaiting]:
    """Proposals waiting for the independent chair's decision that `user` may decide: reviews'
    publication and 7-minute briefings, oldest first. Never the person's own proposals (nobody approves
    their own), and nothing for anyone who may not approve. The chair reads every review and briefing,
    so every such proposal is theirs to see."""
    if not can_approve(user):
        return []
    found: list[Awaiting] = []
    reviews = (
        PublicationProposal.objects.filter(status=Status.PROPOSED)
        .exclude(proposed_by=user)
        .select_related("review")
        .only("proposed_at", "hits", "overrides", "content", "review__reference", "review__pseudonym")
    )
    for proposal in reviews:
        found.append(
            Awaiting(
                kind="review",
                title=f"{proposal_name(proposal)}: publication",
                url=reverse("publication:for-review", args=[proposal.review_id]),
                proposed_at=proposal.proposed_at,
                open_hits=proposal.open_findings,
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
                open_hits=briefing.open_findings,
            )
        )
    return sorted(found, key=lambda item: item.proposed_at)


def sent_briefings(review: Review) -> list[dict[str, object]]:
    """Briefings about this review sent to the partnership, with how far each reached: part of tracking
    the learning of a review, published or not."""
    rows = []
    for circulation in Circulation.objects.filter(briefing__reviews=review).select_related("version"):
        agencies = reach(circulation)
        rows.append(
            {
                "circulation": circulation,
                "responded": sum(1 for a in agencies if a["responded"]),
                "agencies": len(agencies),
                "staff": sum(a["staff"] for a in agencies),
            }
        )
    return rows


def sent_briefings_part(person: Person, review: Review) -> dict[str, Any]:
    """The review's publication page's part on briefings (`publication.views.add_page_part`): the briefings
    sent about it, each linked to its circulation for those who read every briefing."""
    return {"sent_briefings": sent_briefings(review), "briefing_oversight": reads_every_briefing(person)}
