"""Setting up a review from a decided referral, its team scoped to the review, and its timeline: the
original plan, agreed revisions beside it, and slippage measured against the original."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent
from sarhub.core.roles import Role
from sarhub.reviews.models import Review, Route, Stage, StagePlan, TimelineRevision
from sarhub.reviews.services import appoint, set_up_review
from sarhub.reviews.services.running import refresh_stage_due
from tests.builders import decided_referral, review_at, signed_off
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory
from tests.pages import banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db


def _new(browser, referral, **values):
    page = browser.get(reverse("reviews:new", args=[referral.pk]))
    return press(page, "Set up review", **{"route": "rapid", "pseudonym": "Adult A", **values})


def _options(page, button: str, field: str) -> set[str]:
    return {str(value) for value, *_ in form_with(page, button)[field].options if value}


def test_the_business_unit_sets_up_a_review_with_a_planned_timeline(personas):
    referral = decided_referral(personas)
    manager = browse_as(personas["bu_manager"])
    response = _new(manager, referral, lines_of_enquiry="How was fire risk shared?", period_from=date(2025, 4, 1))
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reviews:detail", args=[review.pk])
    assert review.reference == f"SAR-{timezone.localdate().year}-{review.pk:03d}"
    assert list(review.referrals.all()) == [referral] and review.period_from == date(2025, 4, 1)
    plans = sorted(review.stage_plans.all(), key=lambda p: p.order)
    assert [p.stage for p in plans] == list(Stage.values)
    assert plans[0].actual_start == timezone.localdate()
    # A SAR in Rapid Time is planned to finish in about three months.
    end, start = plans[-1].planned_end, plans[0].planned_start
    assert end is not None and start is not None
    assert 84 <= (end - start).days <= 100
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="reviews.review").exists()
    page = response.follow()
    assert banner(page) == f"Review {review.reference} (Adult A) has been set up."
    assert "Adult A" in page.text and "How was fire risk shared?" in page.text
    assert SAMPLE_ADULT_NAME not in page.text  # the pseudonym, never the adult's name


@pytest.mark.parametrize("outcome", ["no_further_action", "single_agency"])
def test_no_review_without_a_decision_for_one(outcome, personas):
    referral = decided_referral(personas, outcome=outcome)
    response = _new(browse_as(personas["bu_manager"]), referral)
    assert response.status_code == 200
    assert any("has not decided on a review" in line for line in error_summary(response))
    assert not Review.objects.exists()


def test_bad_terms_change_nothing(personas):
    referral = decided_referral(personas)
    manager = browse_as(personas["bu_manager"])
    blank = _new(manager, referral, pseudonym="")
    assert field_error(blank, "pseudonym") == "Enter a pseudonym for the adult, like Adult A"
    assert "Enter a pseudonym for the adult, like Adult A" in error_summary(blank)
    backwards = _new(manager, referral, period_from=date(2026, 4, 1), period_to=date(2026, 3, 1))
    assert field_error(backwards, "period_to") == "The end of the period must be the same as or after its start"
    assert not Review.objects.exists()


def test_a_reviewer_sees_only_their_review_and_loses_it_at_once(personas):
    manager = browse_as(personas["bu_manager"])
    first, second = decided_referral(personas), decided_referral(personas)
    _new(manager, first, pseudonym="Adult A")
    _new(manager, second, pseudonym="Adult B")
    review_a, review_b = Review.objects.get(pseudonym="Adult A"), Review.objects.get(pseudonym="Adult B")
    reviewer = personas["reviewer"]
    page = manager.get(reverse("reviews:appoint", args=[review_a.pk]))
    done = press(page, "Appoint", role="lead_reviewer", lead_reviewer=reviewer.pk)
    assert done.status_code == 302

    browser = browse_as(reviewer)
    listing = browser.get(reverse("reviews:list")).text
    assert "Adult A" in listing and "Adult B" not in listing
    for section in ("reviews:detail", "reviews:findings", "reviews:quality", "reviews:family", "reviews:documents"):
        assert browser.get(reverse(section, args=[review_a.pk])).status_code == 200, section
        assert browser.get(reverse(section, args=[review_b.pk]), status=404).status_code == 404, section
        assert browser.get(reverse(section, args=[999_999]), status=404).status_code == 404, section
    assert browser.get(reverse("referrals:detail", args=[first.pk]), status=403).status_code == 403

    team = manager.get(reverse("reviews:documents", args=[review_a.pk]))
    ended = press(team, "End").follow()
    assert banner(ended) == f"{reviewer.full_name} is no longer on {review_a.reference}. It takes effect at once."
    assert browser.get(reverse("reviews:detail", args=[review_a.pk]), status=403).status_code == 403  # at once


def test_another_independent_reviewer_sees_nothing(personas):
    _new(browse_as(personas["bu_manager"]), decided_referral(personas))
    outsider = PersonFactory(email="other.reviewer@testshire.example.org")
    MembershipFactory(person=outsider, role=Role.INDEPENDENT_REVIEWER, agency=None)
    browser = browse_as(outsider)
    assert browser.get(reverse("reviews:list"), status=403).status_code == 403
    assert browser.get(reverse("reviews:detail", args=[Review.objects.get().pk]), status=403).status_code == 403


def test_appointing_chooses_among_the_people_who_may_hold_the_part_and_tells_them(personas):
    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas)], route="rapid", data={"pseudonym": "Adult A"}
    )
    no_roles, reviewer, lead = personas["no_roles"], personas["reviewer"], personas["agency_lead"]
    manager = browse_as(personas["bu_manager"])
    url = reverse("reviews:appoint", args=[review.pk])
    page = manager.get(url)
    # A lead reviewer is an independent reviewer; a panel member is at a partner agency or independent.
    lead_choices, panel_choices = _options(page, "Appoint", "lead_reviewer"), _options(page, "Appoint", "panel_member")
    assert str(reviewer.pk) in lead_choices and str(lead.pk) not in lead_choices
    assert {str(lead.pk), str(reviewer.pk), str(personas["practitioner"].pk)} <= panel_choices
    assert str(no_roles.pk) not in lead_choices | panel_choices
    assert str(personas["bu_manager"].pk) not in lead_choices | panel_choices
    # The person is chosen under the role (a conditional reveal) from a searchable list.
    soup = BeautifulSoup(page.text, "html.parser")
    lead_option: Any = soup.find("input", attrs={"name": "role", "value": "lead_reviewer"})
    reveal: Any = soup.find(id=lead_option["data-aria-controls"])
    assert reveal.find("select", attrs={"name": "lead_reviewer", "data-module": "sarhub-autocomplete"})

    missing = press(page, "Appoint", role="panel_member")
    assert field_error(missing, "panel_member") == "Select the panel member from the list"
    mail.outbox.clear()
    done = press(page, "Appoint", role="panel_member", panel_member=lead.pk)
    assert banner(done.follow()) == (
        f"{lead.full_name} has been appointed review panel member on {review.reference}, and told by email."
    )
    assert [m.to for m in mail.outbox] == [[lead.email]]
    message = mail.outbox[0]
    assert not message.cc and not message.bcc
    assert review.reference in message.subject and "Adult A" in message.subject
    assert "panel member" in message.body and SAMPLE_ADULT_NAME not in f"{message.subject} {message.body}"

    again = press(manager.get(url), "Appoint", role="panel_member", panel_member=lead.pk)
    assert field_error(again, "panel_member") == f"{lead.full_name} already has this role on the review"
    assert review.memberships.count() == 1 and len(mail.outbox) == 1


def test_the_service_refuses_a_lead_reviewer_who_is_not_an_independent_reviewer(personas):
    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas)], route="rapid", data={"pseudonym": "Adult A"}
    )
    with pytest.raises(ValidationError, match="must be an independent reviewer"):
        appoint(personas["bu_manager"], review, personas["agency_lead"], Role.LEAD_REVIEWER)
    with pytest.raises(ValidationError, match="partner agency"):
        appoint(personas["bu_manager"], review, personas["no_roles"], Role.PANEL_MEMBER)
    assert not review.memberships.exists()


def test_a_tampered_appointment_is_refused(personas, client_for):
    """Hostile: a person the page did not offer, posted by hand."""
    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas)], route="rapid", data={"pseudonym": "Adult A"}
    )
    response = client_for(personas["bu_manager"]).post(
        reverse("reviews:appoint", args=[review.pk]),
        {"role": "lead_reviewer", "lead_reviewer": personas["agency_lead"].pk},
    )
    assert response.status_code == 200 and "Select the lead reviewer from the list" in response.content.decode()
    assert not review.memberships.exists()


def test_a_rapid_review_converted_into_a_sar_is_recorded(personas):
    manager = browse_as(personas["bu_manager"])
    _new(manager, decided_referral(personas), route="rapid")
    review = Review.objects.get()
    page = manager.get(reverse("reviews:detail", args=[review.pk]))
    converted = press(page, "Convert into an independent SAR").follow()
    assert banner(converted) == f"{review.reference} is now an independent SAR."
    review.refresh_from_db()
    assert review.route == Route.INDEPENDENT_SAR and review.converted_from_rapid_at is not None
    assert "Converted from a SAR in Rapid Time" in converted.text
    assert "Convert into an independent SAR" not in converted.text  # no second time
    assert AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="reviews.review").count() == 1


def test_a_thematic_review_covers_several_adults_and_others_do_not(personas):
    referrals = [decided_referral(personas), decided_referral(personas)]
    thematic = set_up_review(personas["bu_manager"], referrals, route="thematic", data={"pseudonym": "Theme: fire"})
    assert thematic.referrals.count() == 2
    with pytest.raises(ValidationError, match="Only a thematic review"):
        set_up_review(personas["bu_manager"], referrals, route="independent_sar", data={"pseudonym": "X"})


def _late(review: Review, days: int) -> None:
    """Time passing: the stage under way was planned to end `days` ago."""
    StagePlan.objects.filter(review=review, stage=review.stage).update(
        planned_end=timezone.localdate() - timedelta(days=days)
    )
    refresh_stage_due(Review.objects.filter(pk=review.pk))


def test_slippage_is_flagged(personas):
    review = review_at(personas)
    _late(review, 4)
    plan = StagePlan.objects.get(review=review, stage=Stage.SET_UP)
    assert plan.is_slipping and plan.slip_days() == 4
    assert "4 days late" in browse_as(personas["bu_manager"]).get(reverse("reviews:detail", args=[review.pk])).text


def test_the_stage_services_keep_the_due_date_of_the_stage_under_way(personas):
    """The "running late" filter reads Review.stage_due_on: set up, each move on and completion keep it
    equal to the planned end of the stage under way (empty once complete)."""
    review = review_at(personas)
    assert review.stage_due_on == StagePlan.objects.get(review=review, stage=Stage.SET_UP).planned_end
    review = review_at(personas, "factual_accuracy", pseudonym="Adult F")
    assert review.stage_due_on == StagePlan.objects.get(review=review, stage=Stage.FACTUAL_ACCURACY).planned_end
    assert Review.objects.get(pk=review.pk).stage_due_on == review.stage_due_on
    done = signed_off(personas, review)
    assert done.stage == Stage.COMPLETE and Review.objects.get(pk=done.pk).stage_due_on is None
    # Read afresh from the plans, every review's stored date is unchanged.
    stored = dict(Review.objects.values_list("pk", "stage_due_on"))
    refresh_stage_due()
    assert dict(Review.objects.values_list("pk", "stage_due_on")) == stored


def test_the_list_can_show_only_reviews_running_late(personas):
    late = review_at(personas, pseudonym="Adult Late")
    review_at(personas, pseudonym="Adult On Time")
    _late(late, 1)
    manager = browse_as(personas["bu_manager"])
    listing = manager.get(reverse("reviews:list"))
    page = press(listing, "Show", late=True).text
    assert "Adult Late" in page and "Adult On Time" not in page
    assert "Adult On Time" in press(listing, "Show", late=False).text
    # Combined with the other filters; and the same for a reviewer, whose list is filtered in the database.
    assert "Adult Late" in press(listing, "Show", late=True, stage="set_up").text
    assert "Adult Late" not in press(listing, "Show", late=True, stage="draft").text
    assert "Adult Late" not in press(listing, "Show", late=True, route="thematic").text
    reviewer_list = browse_as(personas["reviewer"]).get(reverse("reviews:list"))
    reviewer_page = press(reviewer_list, "Show", late=True).text
    assert "Adult Late" in reviewer_page and "Adult On Time" not in reviewer_page


def test_the_people_list_counts_review_roles_rather_than_repeating_them(personas, client_for):
    review_at(personas, pseudonym="Adult A")
    review_at(personas, pseudonym="Adult B")
    page = client_for(personas["bu_manager"]).get(reverse("partnership:person-list"), {"q": "reviewer"})
    body = page.content.decode()
    assert "Lead reviewer (2 reviews)" in body
    assert "Lead reviewer<br>Lead reviewer" not in body


# --- Re-planning: an agreed revision beside the original plan -----------------------------------------


def test_an_agreed_change_to_the_plan_is_kept_beside_the_original(personas):
    review = review_at(personas, stage=Stage.INFORMATION_GATHERING)
    original = {p.stage: (p.planned_start, p.planned_end) for p in review.stage_plans.all()}
    manager = browse_as(personas["bu_manager"])
    page = manager.get(reverse("reviews:detail", args=[review.pk]))
    form_page = manager.get(reverse("reviews:replan", args=[review.pk]))
    assert "Record an agreed change to the plan" in page.text
    # Who may agree it: the business unit, the chair, the SAR subgroup; not an agency lead.
    agreers = _options(form_page, "Save the revised plan", "agreed_by")
    assert {str(personas[k].pk) for k in ("bu_manager", "chair", "subgroup_member")} <= agreers
    assert str(personas["agency_lead"].pk) not in agreers and str(personas["reviewer"].pk) not in agreers
    # Only the stage under way and the ones still to come can move.
    stages = _options(form_page, "Save the revised plan", "stage")
    assert "set_up" not in stages and "information_gathering" in stages and "complete" not in stages

    gathering_end = original[Stage.INFORMATION_GATHERING][1]
    assert gathering_end is not None
    new_end = gathering_end + timedelta(days=14)
    blank = press(form_page, "Save the revised plan", stage="information_gathering", new_end=new_end, reason="")
    assert field_error(blank, "reason") == "Say why the plan changed"
    assert field_error(blank, "agreed_by") == "Select who agreed it from the list"
    too_early = press(
        form_page,
        "Save the revised plan",
        stage="information_gathering",
        new_end=date(2000, 1, 1),
        reason="Chronologies are late.",
        agreed_by=personas["chair"].pk,
        agreed_on=timezone.localdate(),
    )
    assert field_error(too_early, "new_end").startswith("The new end must be on or after the stage's start")
    assert not TimelineRevision.objects.exists()

    done = press(
        form_page,
        "Save the revised plan",
        stage="information_gathering",
        new_end=new_end,
        reason="Two agencies need more time for their chronologies.",
        agreed_by=personas["chair"].pk,
        agreed_on=timezone.localdate(),
    )
    overview = done.follow()
    assert banner(overview).startswith("The plan has been revised: information gathering now ends on")
    plans = {p.stage: p for p in review.stage_plans.all()}
    # The original plan is untouched; this stage and every later one moved by 14 days.
    assert {stage: (p.planned_start, p.planned_end) for stage, p in plans.items()} == original
    assert plans[Stage.INFORMATION_GATHERING].revised_end == new_end
    for stage in (Stage.LEARNING_EVENT, Stage.ANALYSIS, Stage.COMPLETE):
        start, end = original[stage]
        assert start is not None and end is not None
        assert (plans[stage].revised_start, plans[stage].revised_end) == (
            start + timedelta(days=14),
            end + timedelta(days=14),
        )
    assert plans[Stage.SET_UP].revised_end is None
    revision = TimelineRevision.objects.get()
    assert revision.agreed_by == personas["chair"] and revision.recorded_by == personas["bu_manager"]
    assert revision.previous_end == gathering_end and revision.days == 14
    assert "Two agencies need more time" in overview.text and personas["chair"].full_name in overview.text
    assert AuditEvent.objects.filter(detail__startswith="plan revised: information_gathering").exists()

    # Slippage is still measured against the original plan: past the original end, within the revision.
    StagePlan.objects.filter(pk=plans[Stage.INFORMATION_GATHERING].pk).update(
        planned_end=timezone.localdate() - timedelta(days=3), revised_end=timezone.localdate() + timedelta(days=11)
    )
    row = next(
        tr
        for tr in BeautifulSoup(manager.get(reverse("reviews:detail", args=[review.pk])).text, "html.parser").select(
            "#timeline ~ table tr"
        )
        if "Information gathering" in text_of(tr)
    )
    assert "3 days late" in text_of(row) and "Within the agreed revision" in text_of(row)


def test_only_the_business_unit_changes_the_plan(personas, client_for):
    """Hostile: people who are not offered the page post to it by hand."""
    review = review_at(personas)
    for persona in ("reviewer", "chair", "agency_lead"):
        response = client_for(personas[persona]).post(
            reverse("reviews:replan", args=[review.pk]),
            {"stage": "set_up", "new_end": "1/1/2030", "reason": "x", "agreed_by": personas["chair"].pk},
        )
        assert response.status_code == 403, persona
    assert not TimelineRevision.objects.exists()
