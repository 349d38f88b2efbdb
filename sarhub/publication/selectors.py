"""What approving a proposal makes public, as the second person of the two-person gate reads it
(sarhub/publication/gate/). The list of what waits for them, reviews and briefings together, is
`sarhub.library.selectors.awaiting_approval`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.text import capfirst

from sarhub.publication.findings import Finding, highlighted, in_context, things
from sarhub.publication.models import Gated


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
