"""Fictional demo briefings: one from the published SAR-2026-008 (Adult O), published in the public library
and sent to every agency, with the hospital trust's cascade recorded; and, when the Board has signed off
two or more reviews, a thematic briefing across them, proposed for publication and waiting for the chair."""

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
    "title": "When concerns repeat: who owns the risk?",
    "background": (
        "Fictional: in each review this briefing draws on, practitioners raised the same concerns again and "
        "again, in writing and at visits, while the adult's situation got worse."
    ),
    "why_it_matters": (
        "Repeated concerns that nobody owns are a warning sign in most of the Board's reviews. Each agency "
        "assumed another was acting."
    ),
    "finding_1": "Concerns were escalated within agencies but not shared across them.",
    "finding_2": "Missed contacts led to cases being closed rather than to outreach.",
    "finding_3": "No one called a multi-agency meeting, so no one agreed who held the risk.",
    "remember": "If you have raised the same concern twice, the system is not working: escalate across agencies.",
    "what_to_do": "Call a multi-agency meeting when concerns repeat, agree who owns the risk, and record it.",
    "question_1": "When did your team last raise the same concern twice?",
    "question_2": "Who would you call to agree who owns a shared risk?",
}
THEMATIC_REVIEWS = 3  # at most: the briefing draws on the most recently signed-off reviews


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
    # Thematic learning across signed-off reviews, proposed for publication: waiting for the chair.
    others = list(
        Review.objects.filter(signed_off_on__isnull=False)
        .exclude(pk=review.pk)
        .order_by("-signed_off_on", "reference")[: THEMATIC_REVIEWS - 1]
    )
    if others:
        thematic = services.create(manager, {**THEMATIC, "reviews": [review, *others], "thematic": True})
        services.propose(manager, thematic.versions.get())
