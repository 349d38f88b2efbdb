"""Fictional demo publication: the signed-off Adult O approved as an executive summary, and Adult P's
executive summary proposed by the business unit manager and waiting for the chair, its public summary
slipping the adult's first name once, so the de-identification check has something to catch.

The texts that are approved are clean: no name, date, place or number from the confidential record."""

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

# Adult P's referral names her "Patricia Madeup-Quill": the summary below says "Patricia" once (a slip the
# check must catch before the chair can approve it).
SLIPPED_FIRST_NAME = "Patricia"
SLIPPED_SUMMARY = (
    "Fictional: Adult P was an older woman who lived alone with severe hoarding and died in a house fire. "
    "Care workers, community nurses and council officers each noted the hoarding at their visits, and "
    f"{SLIPPED_FIRST_NAME} told one of them she was frightened of fire, but no one asked the fire service "
    "for a home safety visit. The review found that each service saw only its own part of the risk. It "
    "recommends that every person who hoards is referred to the fire service for a home safety visit."
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
    slipped = Review.objects.filter(pseudonym="Adult P", signed_off_on__isnull=False).first()
    if slipped is not None:
        services.propose(people["bu-manager"], slipped, {"form": "executive_summary", "summary": SLIPPED_SUMMARY})
