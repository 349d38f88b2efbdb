"""Reading what waits for the second person of the two-person gate (sarhub/publication/gate.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from sarhub.publication.findings import Finding, highlighted, in_context, things
from sarhub.publication.models import Gated, PublicationProposal, Status
from sarhub.publication.permissions import can_approve


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
    from sarhub.briefings.models import BriefingProposal
    from sarhub.publication.services import proposal_name

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


@dataclass(frozen=True)
class PublicText:
    where: str  # "Summary", "Finding 2", "Question 1"...
    html: SafeString  # the text, escaped, each finding's words in a <mark>


@dataclass(frozen=True)
class Shown:
    """A finding as the approval page lists it: each place it was found, in context, the words marked."""

    finding: Finding
    places: list[tuple[str, SafeString]]
    in_file: bool


@dataclass(frozen=True)
class GoingPublic:
    """Everything approving a proposal makes public, as the check read it, with what it found."""

    texts: list[PublicText]
    file_name: str  # "" when there is no file
    findings: list[Shown]
    live_actions: bool  # the actions' words are among the texts: frozen, and shown only while unchanged
    summary: str

    @property
    def file_findings(self) -> list[Shown]:
        return [shown for shown in self.findings if shown.in_file]


def going_public(proposal: Gated, *, file_name: str = "", proposed: bool = True) -> GoingPublic:
    """Every text (exactly the words checked, `Gated.scanned`) and the file that approving `proposal`
    makes public, each finding marked in place, and the count a person reads first. Only for those who
    may read the confidential record: a finding says whose name it is."""
    found = proposal.findings
    texts = {str(item["where"]): str(item["text"]) for item in proposal.scanned}
    shown = [
        Shown(
            finding,
            [(capfirst(place.where), in_context(finding, place, texts)) for place in finding.places],
            in_file=any(place.in_file for place in finding.places),
        )
        for finding in found
    ]
    count = len(texts)
    parts = f"{count} text{'s' if count != 1 else ''}" + (" and 1 file" if file_name else "")
    verb = "will be made public" if proposed else "were checked"
    if not texts:  # proposed before the checked texts were kept with the proposal
        parts, verb = ("The file", "was checked") if file_name else ("The texts", "were checked")
        verb += " (the texts themselves were not kept with this proposal)"
    cleared = sum(1 for finding in found if finding.cleared)
    if found:
        check = f"The check found {things(len(found))}; {cleared} {'is' if cleared == 1 else 'are'} cleared."
    else:
        check = "The check found nothing that could identify anyone."
    return GoingPublic(
        texts=[PublicText(capfirst(where), highlighted(text, where, found)) for where, text in texts.items()],
        file_name=file_name,
        findings=shown,
        live_actions=any(where.startswith("action ") for where in texts),
        summary=f"{parts} {verb}. {check}",
    )
