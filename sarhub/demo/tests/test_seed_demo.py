"""The demo data: built through the real services, fictional, covering every stage, and idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sarhub.events.models import LearningEvent
from sarhub.partnership.models import Person
from sarhub.referrals.models import Referral, Status
from sarhub.reviews.models import AccuracyComment, AgencyRequest, Review, Route, Stage
from tests.personas import sign_in

pytestmark = pytest.mark.django_db

# The reviews under way this year (SAR-2026-001 to 008 in the README), as sarhub/demo/reviews.py names them.
CURRENT = [
    "Adult E",
    "Adult F",
    "Theme: hoarding and fire",
    "Adult J",
    "Adult K",
    "Adult L",
    "Adult N",
    "Adult O",
    "Adult P",
]


@override_settings(DEBUG=True, DEMO_MODE=True)
def test_seed_demo_covers_every_stage_and_runs_twice_without_change(client):
    call_command("seed_demo", stdout=StringIO())
    assert set(Referral.objects.values_list("status", flat=True)) >= {
        Status.RECEIVED,
        Status.SCREENING,
        Status.AWAITING_DECISION,
        Status.DECIDED,
    }
    assert set(Review.objects.values_list("stage", flat=True)) == set(Stage.values)
    # This year's reviews (the Board's earlier years are sarhub/demo/history.py's: see test_history.py).
    current = Review.objects.filter(pseudonym__in=CURRENT)
    assert current.count() == len(CURRENT) == 9
    assert current.filter(route=Route.THEMATIC, referrals__isnull=False).distinct().count() == 1
    assert Review.objects.filter(converted_from_rapid_at__isnull=False).exists()
    assert Referral.objects.filter(decision__outcome="no_further_action", outcome_letter__status="posted").exists()
    assert set(AgencyRequest.objects.values_list("kind", flat=True)) == {"chronology", "imr", "factual_accuracy"}
    assert AccuracyComment.objects.filter(disputed_at__isnull=False).exists()
    assert Review.objects.filter(stage=Stage.COMPLETE, signed_off_on__isnull=False).exists()
    # A learning event held, with reflections, themes and an evaluation of three; one coming, with invitations.
    held = LearningEvent.objects.get(review__pseudonym="Adult E", starts_at__lt=timezone.now())
    assert held.reflections.count() == 3 and held.themes.count() == 3 and held.evaluations.count() == 3
    coming = LearningEvent.objects.get(starts_at__gt=timezone.now())
    assert coming.invitations.filter(reply="awaiting").exists() and coming.invitations.filter(reply="accepted").exists()
    # The signed-off review is approved for publication as an executive summary.
    from sarhub.publication.services import published_review_ids

    assert published_review_ids() == [Review.objects.get(pseudonym="Adult O").pk]
    # What was approved is clean: the check found nothing in it, so nothing had to be cleared.
    from sarhub.demo.publication import SLIPPED_FIRST_NAME
    from sarhub.publication.models import PublicationProposal

    approved = PublicationProposal.objects.get(status="approved")
    assert approved.hits == [] and approved.overrides == {}
    # Adult P's summary, proposed by the business unit manager and waiting for the chair, slips the adult's
    # first name once: the check has caught it, and the hit is open.
    slipped = PublicationProposal.objects.get(review__pseudonym="Adult P", status="proposed")
    assert slipped.proposed_by.email == "bu-manager@rsab-demo.invalid"
    assert SLIPPED_FIRST_NAME in Referral.objects.get(reviews=slipped.review).adult_name.split()
    assert [h["found"] for h in slipped.open_hits if h["found"].lower() == SLIPPED_FIRST_NAME.lower()]
    # The people around the demo adults and the practitioners named are on the record; one is excluded.
    from sarhub.reviews.models import PersonInRecord

    assert PersonInRecord.objects.filter(group="around").count() >= 4
    assert PersonInRecord.objects.filter(group="practitioner", request__isnull=False).exists()
    assert PersonInRecord.objects.filter(excluded_at__isnull=False).exclude(excluded_reason="").count() == 1
    # Two agencies have no safeguarding lead, so the agencies list shows the flag; the others have one each.
    from sarhub.demo import partnership as demo
    from sarhub.partnership.models import Agency, Invitation
    from sarhub.partnership.notify import lead_counts

    agencies = dict(Agency.objects.values_list("short_name", "pk"))
    leads = lead_counts(agencies.values())
    assert sorted(name for name, pk in agencies.items() if not leads[pk]) == sorted(demo.NO_LEAD)
    manager = Person.objects.get(email="bu-manager@rsab-demo.invalid")
    listing = sign_in(client, manager).get(reverse("partnership:agency-list")).content.decode()
    assert listing.count("No safeguarding lead</strong>") == 2
    # A pending invitation with more than one role.
    invitation = Invitation.objects.get(email=demo.invitation_email())
    assert invitation.status == "pending" and sorted(invitation.roles) == ["board_member", "subgroup_member"]
    # Every demo action is led by someone who may lead it.
    from sarhub.actions.models import Action
    from sarhub.actions.permissions import may_lead

    actions = list(Action.objects.select_related("lead", "owner_agency"))
    assert actions and all(may_lead(a.lead, a.owner_agency) for a in actions)
    # Two of this year's reviews signed off: a thematic briefing draws on both (waiting for the chair), and
    # the Place Board presentation covers both, with several themes.
    from sarhub.briefings.models import Briefing
    from sarhub.leadership.models import Presentation

    completed = set(current.filter(stage=Stage.COMPLETE, signed_off_on__isnull=False))
    assert {r.pseudonym for r in completed} == {"Adult O", "Adult P"}
    thematic = Briefing.objects.get(thematic=True)
    assert set(thematic.reviews.all()) == completed
    assert thematic.proposals.filter(status="proposed").exists()
    presentation = Presentation.objects.get()
    assert set(presentation.reviews.all()) == completed and presentation.practice_themes.count() >= 2
    counts = (
        Referral.objects.count(),
        Review.objects.count(),
        AgencyRequest.objects.count(),
        Invitation.objects.count(),
        Person.objects.count(),
        PersonInRecord.objects.count(),
        PublicationProposal.objects.count(),
    )

    call_command("seed_demo", stdout=StringIO())
    assert (
        Referral.objects.count(),
        Review.objects.count(),
        AgencyRequest.objects.count(),
        Invitation.objects.count(),
        Person.objects.count(),
        PersonInRecord.objects.count(),
        PublicationProposal.objects.count(),
    ) == counts

    # The demo Board member reads the signed-off review's summary; the agency lead their requests.
    board = Person.objects.get(email="board-member@rsab-demo.invalid")
    signed_off = Review.objects.get(pseudonym="Adult O")
    page = sign_in(client, board).get(reverse("reviews:summary", args=[signed_off.pk]))
    assert page.status_code == 200 and signed_off.pseudonym in page.content.decode()
