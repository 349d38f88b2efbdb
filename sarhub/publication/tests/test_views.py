"""Publication through the pages: propose, see the check's findings, clear them, approve after a fresh code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sarhub.accounts.middleware import SECOND_FACTOR_AT
from sarhub.publication.models import PublicationProposal, Status
from sarhub.reviews.content import save_finding
from sarhub.reviews.models import Review, Stage
from sarhub.reviews.services import set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas) -> Review:
    review = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult Q"})
    save_finding(
        personas["bu_manager"], review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"}
    )
    Review.objects.filter(pk=review.pk).update(stage=Stage.COMPLETE, signed_off_on=timezone.localdate())
    return Review.objects.get(pk=review.pk)


def _stale(client) -> None:
    session = client.session
    session[SECOND_FACTOR_AT] = (timezone.now() - timedelta(minutes=10)).isoformat()
    session.save()


def test_propose_clear_and_approve_through_the_pages(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    bad = manager.post(reverse("publication:propose", args=[review.pk]), {"form": "full_report", "summary": ""})
    assert bad.status_code == 200 and "Write the public summary" in bad.content.decode()
    assert not PublicationProposal.objects.exists()
    surname = SAMPLE_ADULT_NAME.split()[-1]
    manager.post(
        reverse("publication:propose", args=[review.pk]),
        {"form": "executive_summary", "summary": f"Mrs {surname} was known to four agencies."},
    )
    proposal = PublicationProposal.objects.get()
    page = manager.get(reverse("publication:for-review", args=[review.pk])).content.decode()
    assert "A name from the confidential record" in page and f"[{surname}]" in page

    chair = client_for(personas["chair"])
    chair.post(reverse("publication:decide", args=[proposal.pk]), {"decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED  # the check's finding is not cleared yet
    key = proposal.hits[0]["key"]
    manager.post(reverse("publication:clear", args=[proposal.pk]), {"key": key, "reason": ""})
    proposal.refresh_from_db()
    assert proposal.overrides == {}
    manager.post(reverse("publication:clear", args=[proposal.pk]), {"key": key, "reason": "The family agreed."})
    proposal.refresh_from_db()
    assert proposal.overrides == {key: "The family agreed."}

    # Approving needs a security code entered in the last 5 minutes.
    _stale(chair)
    response = chair.post(reverse("publication:decide", args=[proposal.pk]), {"decision": "approve"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:step-up"))
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
    fresh = client_for(personas["chair"])
    fresh.post(reverse("publication:decide", args=[proposal.pk]), {"decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED and proposal.decided_by == personas["chair"]
    manager.post(reverse("publication:unpublish", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.unpublished_at is not None


@pytest.mark.parametrize("persona", ["agency_lead", "practitioner", "board_member"])
def test_others_cannot_see_or_act(persona, personas, client_for, review):
    client = client_for(personas[persona])
    assert client.get(reverse("publication:for-review", args=[review.pk])).status_code in (403, 404)
    assert (
        client.post(
            reverse("publication:propose", args=[review.pk]), {"form": "executive_summary", "summary": "S."}
        ).status_code
        == 403
    )
    assert not PublicationProposal.objects.exists()


def test_a_review_that_is_not_published_has_its_dissemination_tracked_to_completion(personas, client_for, review):
    from sarhub.publication.models import DisseminationPlan

    manager = client_for(personas["bu_manager"])
    manager.post(
        reverse("publication:propose", args=[review.pk]),
        {"form": "not_published", "reason": "The family's wishes.", "dissemination_plan": "A briefing to agencies."},
    )
    page = manager.get(reverse("publication:for-review", args=[review.pk])).content.decode()
    assert "A briefing to agencies." in page and "In progress" in page
    done = reverse("publication:plan-done", args=[review.pk])
    response = manager.post(done, {"note": "  "}, follow=True)
    assert "Say how the learning was disseminated" in response.content.decode()
    assert DisseminationPlan.objects.get().completed_at is None
    assert client_for(personas["chair"]).post(done, {"note": "Done."}).status_code == 403
    manager.post(done, {"note": "Sent to every agency; discussed at the Board."})
    plan = DisseminationPlan.objects.get()
    assert plan.completed_at is not None and plan.completed_by == personas["bu_manager"]
    page = manager.get(reverse("publication:for-review", args=[review.pk])).content.decode()
    assert "Complete" in page and "discussed at the Board" in page
    response = manager.post(done, {"note": "Again."}, follow=True)
    assert "already recorded as complete" in response.content.decode()
