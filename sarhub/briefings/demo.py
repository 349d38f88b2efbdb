"""Fictional demo briefings: one from the published SAR-2026-008 (Adult O), published in the public library
and sent to every agency, with the hospital trust's cascade recorded; and a thematic draft."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sarhub.briefings import services
from sarhub.briefings.models import Briefing, Circulation
from sarhub.partnership.models import Person
from sarhub.reviews.models import Review

ADULT_O = {
    "title": "Carers who provide personal care: assess, do not assume",
    "background": (
        "Fictional: Adult O was an older woman cared for at home by her son. She died with severe pressure "
        "ulcers. District nurses, the GP practice and adult social care each knew part of the picture."
    ),
    "why_it_matters": (
        "Many adults are cared for by relatives who love them but cannot manage the care they need. When we "
        "assume a carer can cope, risks grow unseen until harm is serious."
    ),
    "finding_1": "A relative's ability to provide personal care was assumed, never assessed.",
    "finding_2": (
        "District nurses escalated their concerns in writing every week, but no one owned the risk across agencies."
    ),
    "finding_3": "The son was not offered a carer's assessment, though he asked for help twice.",
    "remember": (
        "Love is not the same as capacity to care. Ask the carer what they can manage, and listen to what "
        "they say they cannot."
    ),
    "what_to_do": (
        "Offer a carer's assessment whenever a relative provides personal care. If concerns repeat, call a "
        "multi-agency meeting and agree who owns the risk."
    ),
    "question_1": "When did you last ask a carer what they find hard?",
    "question_2": "Who in your team would you call if written concerns got no answer?",
    "question_3": "How do we know a carer's assessment was offered?",
}

THEMATIC = {
    "title": "Self-neglect across our reviews",
    "background": "Fictional: three reviews this year involved adults who declined care and lived alone.",
    "why_it_matters": "Self-neglect is the most common theme in the Board's reviews.",
    "finding_1": "Capacity was assumed when people declined care, not assessed for the specific decision.",
    "finding_2": "Agencies closed cases after missed visits without telling each other.",
    "finding_3": "Hoarding was seen as a housing problem rather than a safeguarding risk.",
    "remember": "A refusal is the start of a conversation, not the end of one.",
    "what_to_do": "Use the self-neglect pathway and share concerns before closing a case.",
    "question_1": "What would make you keep a case open after a refusal?",
    "question_2": "Who do you tell when someone stops answering the door?",
}


@transaction.atomic
def seed_briefings(people: dict[str, Person]) -> None:
    if Briefing.objects.exists():
        return
    review = Review.objects.filter(pseudonym="Adult O", signed_off_on__isnull=False).first()
    if review is None:
        return
    manager, chair, lead = people["bu-manager"], people["chair"], people["agency-lead"]
    briefing = services.create(manager, {**ADULT_O, "reviews": [review]})
    version = briefing.versions.get()
    proposal = services.propose(manager, version)
    for hit in proposal.hits:
        proposal = services.clear_hit(manager, proposal, hit["key"], "Fictional demo: checked.")
    services.approve(chair, proposal, note="Fictional demo approval.")
    circulation = services.circulate(manager, version, message="Fictional demo: please share with your teams.")
    # Sent a fortnight ago, so the demo shows teams already briefed.
    Circulation.objects.filter(pk=circulation.pk).update(sent_at=timezone.now() - timedelta(days=14))
    circulation.refresh_from_db()
    cascade = circulation.agencies.get(agency__in=lead.agencies)
    for team, staff, days_ago in (("District nursing, north", 18, 3), ("Ward 7 (older people)", 26, 1)):
        services.record_cascade(
            lead,
            cascade,
            {
                "team": team,
                "briefed_on": timezone.localdate() - timedelta(days=days_ago),
                "staff_reached": staff,
                "discussed": "Fictional: how we ask carers what they can manage, and who we tell when they cannot.",
                "will_change": "Fictional: we will offer a carer's assessment at first contact and record it.",
            },
        )
    others = list(Review.objects.filter(signed_off_on__isnull=False).exclude(pk=review.pk)[:1])
    if others:
        services.create(manager, {**THEMATIC, "reviews": [review, *others], "thematic": True})
