"""seed_volume's publications (fictional): a publication history for every review the Board has signed off.

Most signed-off reviews are published (executive summary or full report), each after an earlier refused
or replaced proposal for some; a share are embargoed until a future date, not published (with a
dissemination plan), or were published and then taken down. Rows are built from the real `public_content`
and `library_fields`, so the public library, its filters and its search index see what real approvals
would leave. Written with bulk_create; the search index fills itself through its triggers (SQLite) or
index (PostgreSQL).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from sarhub.demo.volume.referrals import Staff, save_all
from sarhub.publication.models import DisseminationPlan, Form, PublicationProposal, Status, library_fields
from sarhub.publication.services import public_content
from sarhub.reviews.models import Review

OPENINGS = [
    "Fictional: an older man living alone who declined care",
    "Fictional: a woman with a learning disability in supported living",
    "Fictional: a man who misused alcohol and was often homeless",
    "Fictional: an older woman cared for at home by her son",
    "Fictional: a young adult leaving care with mental health needs",
    "Fictional: a woman whose partner controlled her money",
]
THREADS = [
    "agencies did not share what they knew about the risk",
    "mental capacity was assumed rather than assessed",
    "hoarding was treated as a housing matter rather than a safeguarding risk",
    "hospital discharge happened without a plan shared with community services",
    "no one assessed the carer's ability to care",
    "concerns were escalated in writing but nobody owned the risk",
    "the adult's own wishes were not recorded or explored",
]


def _summary(review: Review, rng: random.Random) -> str:
    return (
        f"{rng.choice(OPENINGS)}, known here as {review.pseudonym}. The review found that "
        f"{rng.choice(THREADS)}, and that {rng.choice(THREADS)}. It makes recommendations to the Board and "
        "to partner agencies."
    )


def make_publications(*, rng: random.Random, now: datetime, staff: Staff) -> dict[str, int]:
    reviews = Review.objects.filter(signed_off_on__isnull=False).order_by("signed_off_on", "pk")
    proposals: list[PublicationProposal] = []
    plans: list[DisseminationPlan] = []
    for review in reviews.iterator(chunk_size=500):
        signed = timezone.make_aware(datetime.combine(review.signed_off_on, datetime.min.time()))  # type: ignore[arg-type]
        proposed_at = min(signed + timedelta(days=rng.randint(5, 40)), now - timedelta(hours=2))
        summary = _summary(review, rng)
        content = public_content(review, summary)
        fields = library_fields(content)
        manager, chair = rng.choice(staff.managers), rng.choice(staff.chairs)
        if rng.random() < 0.2:  # an earlier proposal, refused or replaced
            proposals.append(
                PublicationProposal(
                    review=review,
                    form=Form.FULL_REPORT,
                    summary=summary,
                    content=content,
                    status=rng.choice([Status.REFUSED, Status.SUPERSEDED]),
                    proposed_by_id=manager,
                    proposed_at=proposed_at - timedelta(days=3),
                    decided_by_id=chair,
                    decided_at=proposed_at - timedelta(days=2),
                    decision_note="Fictional: shorten the summary.",
                    **fields,
                )
            )
        roll = rng.random()
        decided_at = proposed_at + timedelta(hours=rng.randint(1, 48))
        base: dict[str, Any] = {
            "review": review,
            "proposed_by_id": manager,
            "proposed_at": proposed_at,
            "decided_by_id": chair,
            "decided_at": min(decided_at, now - timedelta(hours=1)),
            "status": Status.APPROVED,
        }
        if roll < 0.04:
            plans.append(
                DisseminationPlan(review=review, plan="Fictional: a briefing to every agency.", agreed_by_id=manager)
            )
            proposals.append(
                PublicationProposal(form=Form.NOT_PUBLISHED, reason="Fictional: the family's wishes.", **base)
            )
            continue
        public = {"summary": summary, "content": content, **fields}
        if roll < 0.08:
            until = timezone.localdate(now) + timedelta(days=rng.randint(10, 200))
            proposals.append(PublicationProposal(form=Form.EMBARGOED, embargo_until=until, **public, **base))
        elif roll < 0.10:
            proposals.append(
                PublicationProposal(
                    form=Form.EXECUTIVE_SUMMARY,
                    unpublished_at=base["decided_at"] + timedelta(days=1),
                    unpublished_by_id=manager,
                    **public,
                    **base,
                )
            )
        else:
            form = Form.EXECUTIVE_SUMMARY if rng.random() < 0.7 else Form.FULL_REPORT
            proposals.append(PublicationProposal(form=form, **public, **base))
    return {
        "publication proposals": save_all(PublicationProposal, proposals),
        "dissemination plans": save_all(DisseminationPlan, plans),
    }
