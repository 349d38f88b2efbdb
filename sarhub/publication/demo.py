"""Fictional demo publication: the signed-off SAR-2026-008 (Adult O) approved as an executive summary."""

from __future__ import annotations

from django.db import transaction

from sarhub.partnership.models import Person
from sarhub.publication import services
from sarhub.publication.models import PublicationProposal
from sarhub.reviews.models import Review

SUMMARY = (
    "Fictional: Adult O was an older woman cared for at home by her son, who died with severe pressure "
    "ulcers. District nurses and the GP practice each held part of the risk, and no one assessed her "
    "son's ability to care. The review found that a carer's ability to care was assumed rather than "
    "assessed, and that district nurses escalated their concerns every week in writing. It recommends "
    "a carer's assessment whenever a relative provides personal care."
)


@transaction.atomic
def seed_publication(people: dict[str, Person]) -> None:
    if PublicationProposal.objects.exists():
        return
    review = Review.objects.filter(pseudonym="Adult O", signed_off_on__isnull=False).first()
    if review is None:
        return
    proposal = services.propose(people["bu-manager"], review, {"form": "executive_summary", "summary": SUMMARY})
    for hit in proposal.hits:
        proposal = services.clear_hit(people["bu-manager"], proposal, hit["key"], "Fictional demo: checked.")
    services.approve(people["chair"], proposal, note="Fictional demo approval.")
