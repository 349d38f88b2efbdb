"""Publication through the pages, as the business unit and the chair use them: propose (the choice revealing
what it needs), see the check's findings and clear them, the chair emailed and approving or not, every
state worded truly, taking down, and the dissemination plan of a review that is not published."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sarhub.core.roles import Role
from sarhub.partnership.models import Membership, Person
from sarhub.publication import gate_views, services
from sarhub.publication.models import DisseminationPlan, Form, PublicationProposal, Status
from sarhub.reviews.models import Review
from sarhub.reviews.services.running import add_parallel_process
from tests.builders import signed_off_review
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory
from tests.pages import (
    approve_anyway,
    banner,
    browse_as,
    error_summary,
    field_error,
    fill,
    form_with,
    press,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db

SURNAME = SAMPLE_ADULT_NAME.split()[-1]


@pytest.fixture
def review(personas) -> Review:
    return signed_off_review(personas, pseudonym="Adult Q")


def _page(person: Any, review: Review) -> Any:
    return browse_as(person).get(reverse("publication:for-review", args=[review.pk]))


def _rows(page: Any) -> dict[str, str]:
    """The publication summary list, key to value, as a person reads it."""
    soup = BeautifulSoup(page.text, "html.parser")
    return {
        text_of(row.select_one(".govuk-summary-list__key")): text_of(row.select_one(".govuk-summary-list__value"))
        for row in soup.select(".govuk-summary-list__row")
    }


def _propose(page: Any, how: str, **values: Any) -> Any:
    """Choose how the review is published, fill the rest and press "Check and propose" (press(form=...)
    cannot be used: `form` is the name of fill's own first parameter)."""
    form = fill(form_with(page, "Check and propose"), **values)
    form["form"] = how
    return submit(form, "Check and propose")


def _day(value: Any) -> str:
    return f"{timezone.localdate(value) if hasattr(value, 'tzinfo') else value:%-d %B %Y}"


def test_propose_clear_and_approve_through_the_pages(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    form_page = _page(manager, review).click("Propose how it is published")
    bad = _propose(form_page, "full_report", summary="")
    assert bad.status_code == 200
    assert (
        error_summary(bad) == ["Write the public summary"] and field_error(bad, "summary") == "Write the public summary"
    )
    assert not PublicationProposal.objects.exists()

    mail.outbox.clear()
    done = _propose(bad, "executive_summary", summary=f"Mrs {SURNAME} knew four agencies.")
    assert done.status_code == 302
    page = done.follow()
    assert banner(page) == (
        "The proposal has been recorded. The de-identification check found 1 thing to clear before it can be "
        "approved. The independent chair has been emailed and asked to approve it."
    )
    proposal = PublicationProposal.objects.get()
    assert proposal.form == Form.EXECUTIVE_SUMMARY and proposal.proposed_by == manager
    # The chair is told: one email, to the chair alone, naming the review by reference and pseudonym only.
    [email] = mail.outbox
    assert email.to == [chair.email] and not email.cc and not email.bcc
    assert email.subject == f"Publication to approve: {review.reference} (Adult Q)"
    assert reverse("publication:for-review", args=[review.pk]) in email.body
    assert "executive summary only" in email.body and "found 1 thing" in email.body
    assert SAMPLE_ADULT_NAME not in email.body and SURNAME not in f"{email.subject} {email.body}"
    rows = _rows(page)
    assert rows["Public now"] == "No" and rows["Status"] == "Waiting for the independent chair's decision"
    assert "The adult's name" in text_of(BeautifulSoup(page.text, "html.parser"))
    assert f'<mark class="sarhub-hit">{SURNAME}</mark>' in page.text

    # The chair cannot approve while the check's finding is open.
    chair_page = _page(chair, review)
    refused = approve_anyway(chair_page).follow()
    assert error_summary(refused) == ["The de-identification check found 1 thing still to clear"]
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED

    # Clearing needs a reason: the page comes back with the error beside the reason.
    unexplained = press(page, "Clear", reason="")
    assert unexplained.status_code == 200
    assert error_summary(unexplained) == ["Give the reason this can be published"]
    assert field_error(unexplained, "reason") == "Give the reason this can be published"
    proposal.refresh_from_db()
    assert proposal.overrides == {}
    cleared = press(unexplained, "Clear", reason="The family agreed.").follow()
    assert banner(cleared) == "Cleared, with your reason recorded."
    proposal.refresh_from_db()
    assert list(proposal.overrides.values()) == ["The family agreed."]

    approved = press(_page(chair, review), "Approve", note="Agreed with the family.").follow()
    assert banner(approved) == "Approved."
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED and proposal.decided_by == chair and proposal.is_public()
    assert _rows(approved)["Public now"] == "Yes, the executive summary"

    down = press(_page(manager, review), "Take it off the public site").follow()
    assert banner(down) == "Taken off the public site."
    proposal.refresh_from_db()
    assert proposal.unpublished_at is not None and not proposal.is_public()
    assert _rows(down)["Public now"] == f"No: taken off the public site on {_day(proposal.unpublished_at)}"


def test_not_approving_needs_a_note_which_the_business_unit_then_sees(personas, review):
    services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "Adult Q's review."})
    page = _page(personas["chair"], review)
    bad = press(page, "Do not approve", note="  ")
    assert bad.status_code == 200
    assert (
        error_summary(bad) == ["Say why it is not approved"]
        and field_error(bad, "note") == "Say why it is not approved"
    )
    assert PublicationProposal.objects.get().status == Status.PROPOSED
    done = press(bad, "Do not approve", note="Use the pseudonym throughout.").follow()
    assert banner(done) == gate_views.NOT_APPROVED
    rows = _rows(_page(personas["bu_manager"], review))
    assert rows["Status"] == "Not approved" and rows["Public now"] == "No"
    assert rows["The chair's note"] == "Use the pseudonym throughout."


def test_each_chair_is_emailed_but_never_the_proposer_and_the_message_says_who_was_asked(personas, review):
    second: Person = PersonFactory(email="second.chair@testshire.example.org")  # type: ignore[assignment]
    MembershipFactory(person=second, role=Role.INDEPENDENT_CHAIR, agency=None)
    both: Person = PersonFactory(email="both.roles@testshire.example.org")  # type: ignore[assignment]
    MembershipFactory(person=both, role=Role.BUSINESS_UNIT_MANAGER, agency=None)
    MembershipFactory(person=both, role=Role.INDEPENDENT_CHAIR, agency=None)
    mail.outbox.clear()
    form_page = browse_as(both).get(reverse("publication:propose", args=[review.pk]))
    page = _propose(form_page, "full_report", summary="Adult Q's review.").follow()
    assert banner(page).endswith(
        "The 2 people who hold the independent chair's role have been emailed and asked to approve it."
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas["chair"].email, second.email])
    assert all(len(m.to) == 1 for m in mail.outbox)

    # With no one else holding the role, nobody is asked, and the page says so.
    Membership.objects.filter(person__in=[personas["chair"], second]).update(ended_at=timezone.now())
    mail.outbox.clear()
    page = _propose(form_page, "full_report", summary="Adult Q's review.").follow()
    assert banner(page).endswith("No one has been asked to approve it: no one else holds the independent chair's role.")
    assert mail.outbox == []


def test_the_choice_of_form_reveals_what_it_needs(personas, review):
    page = browse_as(personas["bu_manager"]).get(reverse("publication:propose", args=[review.pk]))
    soup = BeautifulSoup(page.text, "html.parser")

    def revealed_by(value: str) -> set[str]:
        option = soup.select_one(f'input[name="form"][value="{value}"]')
        assert option is not None and option.get("data-aria-controls"), value
        panel = soup.select_one(f"#{option['data-aria-controls']}")
        return {str(tag["name"]) for tag in panel.select("[name]")} if panel else set()

    assert revealed_by("embargoed") == {
        "embargo_until-day",
        "embargo_until-month",
        "embargo_until-year",
        "embargo_process",
    }
    assert revealed_by("not_published") == {"reason", "dissemination_plan"}
    for value in ("full_report", "executive_summary"):
        option: Any = soup.select_one(f'input[name="form"][value="{value}"]')
        assert option.get("data-aria-controls") is None

    # An embargo needs its end: after today, or a parallel process.
    for when, message in (
        (None, "Give the date the embargo ends, or the process it waits for"),
        (timezone.localdate(), "The embargo must end after today"),
    ):
        bad = _propose(page, "embargoed", summary="S.", embargo_until=when)
        assert bad.status_code == 200 and field_error(bad, "embargo_until") == message
        assert message in error_summary(bad)
    later = timezone.localdate() + timedelta(days=40)
    _propose(page, "embargoed", summary="S.", embargo_until=later)
    proposal = PublicationProposal.objects.get(status=Status.PROPOSED)
    assert (proposal.form, proposal.embargo_until, proposal.embargo_process) == (Form.EMBARGOED, later, None)

    process = add_parallel_process(personas["bu_manager"], review, {"kind": "coroner", "holds_publication": True})
    page = browse_as(personas["bu_manager"]).get(reverse("publication:propose", args=[review.pk]))
    _propose(page, "embargoed", summary="S.", embargo_process=process.pk)
    proposal = PublicationProposal.objects.get(status=Status.PROPOSED)
    assert (proposal.embargo_until, proposal.embargo_process) == (None, process)

    # Not published: the reason and the plan are both needed.
    bad = _propose(page, "not_published", reason="The family's wishes.")
    assert field_error(bad, "dissemination_plan") == "Say how the learning will be disseminated and acted on"
    _propose(bad, "not_published", reason="The family's wishes.", dissemination_plan="Briefings.")
    proposal = PublicationProposal.objects.get(status=Status.PROPOSED)
    assert (proposal.form, proposal.reason, proposal.summary) == (Form.NOT_PUBLISHED, "The family's wishes.", "")
    assert DisseminationPlan.objects.get(review=review).plan == "Briefings."


def test_every_state_says_truly_whether_the_review_is_public(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]

    def rows() -> dict[str, str]:
        return _rows(_page(manager, review))

    assert "Publication has not been proposed yet." in _page(manager, review).text
    first = services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."})
    assert (rows()["Public now"], rows()["Status"]) == ("No", "Waiting for the independent chair's decision")
    services.refuse(chair, first, note="Not yet.")
    assert (rows()["Public now"], rows()["Status"]) == ("No", "Not approved")
    services.approve(chair, services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."}))
    assert (rows()["Public now"], rows()["Status"]) == ("Yes, the executive summary", "Approved")
    # A newer proposal waits while the earlier approval stays public.
    services.propose(manager, review, {"form": Form.FULL_REPORT, "summary": "S."})
    page = _page(manager, review)
    assert _rows(page)["Public now"] == "Yes, the executive summary"
    assert _rows(page)["Status"] == "Waiting for the independent chair's decision"
    assert "Until the chair decides, the earlier approval stands: executive summary only" in text_of(
        BeautifulSoup(page.text, "html.parser")
    )
    services.approve(chair, PublicationProposal.objects.get(status=Status.PROPOSED))
    assert rows()["Public now"] == "Yes, the full report"

    later = timezone.localdate() + timedelta(days=9)
    services.approve(
        chair, services.propose(manager, review, {"form": Form.EMBARGOED, "summary": "S.", "embargo_until": later})
    )
    page = _page(manager, review)
    assert _rows(page)["Public now"] == f"No: embargoed until {_day(later)}"
    withdrawn = press(page, "Withdraw it, so it is not published when the embargo ends").follow()
    assert banner(withdrawn) == "Withdrawn: it will not be published."
    assert _rows(withdrawn)["Public now"].startswith("No: taken off the public site on")

    process = add_parallel_process(manager, review, {"kind": "coroner", "holds_publication": True})
    services.approve(
        chair, services.propose(manager, review, {"form": Form.EMBARGOED, "summary": "S.", "embargo_process": process})
    )
    assert rows()["Public now"] == f"No: embargoed until this concludes: {process.get_kind_display().lower()}"
    services.approve(
        chair,
        services.propose(
            manager, review, {"form": Form.NOT_PUBLISHED, "reason": "Family.", "dissemination_plan": "Briefings."}
        ),
    )
    page = _page(manager, review)
    assert _rows(page)["Public now"] == "No: the decision is not to publish it"
    assert "Nothing would be made public, so there was nothing to check." in page.text
    assert "Take it off the public site" not in page.text and "Withdraw it" not in page.text


@pytest.mark.parametrize("persona", ["agency_lead", "practitioner", "board_member"])
def test_others_cannot_see_or_act(persona, personas, client_for, review):
    client = client_for(personas[persona])
    assert client.get(reverse("publication:for-review", args=[review.pk])).status_code == 403
    # Deliberately hostile: a crafted post from someone the proposal page is never shown to.
    crafted = client.post(
        reverse("publication:propose", args=[review.pk]), {"form": "executive_summary", "summary": "S."}
    )
    assert crafted.status_code == 403
    assert not PublicationProposal.objects.exists()


def test_a_review_that_is_not_published_has_its_dissemination_tracked_to_completion(personas, client_for, review):
    manager = personas["bu_manager"]
    form_page = browse_as(manager).get(reverse("publication:propose", args=[review.pk]))
    _propose(
        form_page,
        "not_published",
        reason="The family's wishes.",
        dissemination_plan="A briefing to agencies.",
    )
    page = _page(manager, review)
    assert "A briefing to agencies." in page.text and "In progress" in page.text
    bad = press(page, "Record the plan as complete", completion_note="  ")
    assert bad.status_code == 200
    assert error_summary(bad) == ["Say how the learning was disseminated"]
    assert field_error(bad, "completion_note") == "Say how the learning was disseminated"
    assert DisseminationPlan.objects.get().completed_at is None
    done = press(bad, "Record the plan as complete", completion_note="Sent to every agency; discussed at the Board.")
    page = done.follow()
    assert banner(page) == "The dissemination plan is recorded as complete."
    plan = DisseminationPlan.objects.get()
    assert plan.completed_at is not None and plan.completed_by == manager
    assert "Complete" in page.text and "discussed at the Board" in page.text
    assert "Record the plan as complete" not in page.text  # nothing left to record
    # Deliberately hostile: the chair (who may not record it) and a second post of a finished plan.
    address = reverse("publication:plan-done", args=[review.pk])
    assert client_for(personas["chair"]).post(address, {"completion_note": "Done."}).status_code == 403
    again = client_for(manager).post(address, {"completion_note": "Again."}, follow=True)
    assert "already recorded as complete" in again.content.decode()
