"""'Your tasks' shows each person what waits for them, and nothing they could not open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sarhub.referrals.models import ScopingRequest
from sarhub.referrals.services.decisions import recommend
from sarhub.referrals.services.screening import request_scoping
from sarhub.referrals.services.workflow import move
from sarhub.reviews.models import StagePlan
from sarhub.reviews.services import appoint
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

pytestmark = pytest.mark.django_db


def _tasks(client_for, person) -> str:
    response = client_for(person).get(reverse("workspace:tasks"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_role_sees_its_own_tasks(personas, client_for):
    new = make_sample_referral()
    screening = make_sample_referral()
    scoping = request_scoping(personas["bu_manager"], screening, [personas["agency_lead"].agencies[0]])[0]
    ScopingRequest.objects.filter(pk=scoping.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    awaiting = make_sample_referral()
    move(personas["bu_manager"], awaiting, "awaiting_decision")
    recommend(personas["subgroup_member"], awaiting, outcome="discretionary", other_process="", reasons="Learning.")

    lead = _tasks(client_for, personas["agency_lead"])
    assert screening.reference in lead and "Overdue" in lead
    assert new.reference not in lead and awaiting.reference not in lead

    chair = _tasks(client_for, personas["chair"])
    assert awaiting.reference in chair and new.reference not in chair

    subgroup = _tasks(client_for, personas["subgroup_member"])
    assert screening.reference in subgroup  # still needs a recommendation
    assert awaiting.reference not in subgroup.split("needing the subgroup")[1]

    manager = _tasks(client_for, personas["bu_manager"])
    assert new.reference in manager and "Overdue scoping summaries" in manager

    practitioner = _tasks(client_for, personas["practitioner"])
    assert new.reference not in practitioner and "You have no tasks" in practitioner
    for page in (lead, chair, subgroup, manager, practitioner):
        assert SAMPLE_ADULT_NAME not in page


def test_a_reviewer_sees_their_late_review_only(personas, client_for):
    from sarhub.reviews.services import set_up_review

    mine = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult A"})
    other = set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult B"})
    appoint(personas["bu_manager"], mine, personas["reviewer"], "lead_reviewer")
    StagePlan.objects.filter(review__in=[mine, other], stage="set_up").update(
        planned_end=timezone.localdate() - timedelta(days=3)
    )
    page = _tasks(client_for, personas["reviewer"])
    assert "Adult A" in page and "Adult B" not in page
    assert "Reviews running late" in page
    assert "Adult B" in _tasks(client_for, personas["bu_manager"])


def test_a_long_group_shows_the_oldest_ten_and_links_to_the_rest(personas, client_for):
    made = [make_sample_referral() for _ in range(12)]
    page = _tasks(client_for, personas["bu_manager"])
    # The ten received first are shown; the last two are not, and the page says there are more.
    shown = [r.reference for r in made if f">{r.reference}<" in page]
    assert shown == [r.reference for r in made[:10]]
    assert "There are more than 10." in page
    assert f'href="{reverse("referrals:list")}?status=received"' in page


def test_overdue_is_decided_from_the_dates(personas, client_for):
    referral = make_sample_referral()
    scoping = request_scoping(personas["bu_manager"], referral, [personas["agency_lead"].agencies[0]])[0]
    page = _tasks(client_for, personas["bu_manager"])
    assert "Overdue scoping summaries" in page and f"{referral.reference}: " not in page  # due in 15 working days
    ScopingRequest.objects.filter(pk=scoping.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    page = _tasks(client_for, personas["bu_manager"])
    assert f"{referral.reference}: Testshire Hospital Trust" in page


# --- Approvals for the chair; the action plan and the cascade for the business unit -----------------


def test_the_chair_is_asked_to_approve_what_was_proposed_and_the_proposer_is_not(personas, client_for):
    from sarhub.publication.services import propose
    from tests.builders import signed_off_review

    review = signed_off_review(personas, pseudonym="Adult Tasked")
    propose(personas["bu_manager"], review, {"form": "executive_summary", "summary": "Agencies did not share risk."})

    chair = _tasks(client_for, personas["chair"])
    assert "Waiting for your approval to publish" in chair
    assert f"{review.reference} (Adult Tasked): publication" in chair
    assert reverse("publication:for-review", args=[review.pk]) in chair
    for key in ("bu_manager", "agency_lead", "board_member"):
        assert "Waiting for your approval" not in _tasks(client_for, personas[key])

    from sarhub.publication.models import PublicationProposal
    from sarhub.publication.services import approve

    approve(personas["chair"], PublicationProposal.objects.get())
    assert f"{review.reference} (Adult Tasked): publication" not in _tasks(client_for, personas["chair"])


def test_the_business_unit_sees_actions_to_assure_overdue_actions_and_silent_agencies(
    personas, client_for, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sarhub.actions import services as actions
    from sarhub.actions.models import Status as ActionStatus
    from sarhub.briefings import services as briefings
    from sarhub.briefings.models import POINTS
    from sarhub.documents.services import add_document
    from sarhub.partnership.models import Agency
    from tests.builders import signed_off_review
    from tests.factories import SAMPLE_PDF

    manager, lead = personas["bu_manager"], personas["agency_lead"]
    review = signed_off_review(personas, pseudonym="Adult Planned")
    hospital = lead.agencies[0]
    today = timezone.localdate()
    finding = review.findings.get()
    details = {"what": "Audit discharge.", "finding": finding, "owner_agency": hospital, "lead": lead}
    details["success_measure"] = "Audited."
    done = actions.create_action(manager, review, {**details, "due_on": today + timedelta(days=30)})
    late = actions.create_action(manager, review, {**details, "due_on": today})
    add_document(
        lead, done, title="Audit", classification="confidential", upload=SimpleUploadedFile("a.pdf", SAMPLE_PDF)
    )
    actions.report_progress(lead, done, 1, {"status": ActionStatus.AWAITING_ASSURANCE, "note": "Finished."})

    points = {name: f"{heading}: what teams should know." for name, heading, _ in POINTS}
    briefing = briefings.create(
        manager, {**points, "title": "Sharing risk", "question_1": "What?", "question_2": "Who?", "reviews": [review]}
    )
    version = briefing.versions.get()
    circulation = briefings.circulate(manager, version)
    silent = Agency.objects.filter(is_active=True).exclude(pk=hospital.pk).order_by("name").first()
    briefings.record_cascade(
        lead,
        circulation.agencies.get(agency=hospital),
        {"team": "Ward 4", "briefed_on": today, "staff_reached": 9, "discussed": "Risk.", "will_change": "Ask."},
    )

    # Time passes: the late action's date and the briefing's cascade date are behind us.
    later = circulation.due_on + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    page = _tasks(client_for, manager)
    assert "Actions waiting for assurance" in page
    assert reverse("actions:detail", args=[done.pk]) in page
    overdue = page.split("Overdue actions")[1].split("<h2")[0]
    assert reverse("actions:detail", args=[late.pk]) in overdue
    assert reverse("actions:detail", args=[done.pk]) not in overdue
    cascade = page.split("7-minute briefings agencies have not reported sharing")[1].split("<h2")[0]
    assert silent is not None and silent.name in cascade
    assert hospital.name not in cascade  # its lead recorded a team
    assert SAMPLE_ADULT_NAME not in page

    for key in ("chair", "agency_lead", "board_member"):
        assert "Actions waiting for assurance" not in _tasks(client_for, personas[key])


def test_a_public_referral_asks_the_business_unit_for_its_judgement_of_section_44(personas, client_for):
    from sarhub.referrals.models import Referral
    from tests.pages import browse_as, press

    page = browse_as(None).get(reverse("referrals:public-form"))
    press(
        page,
        "Send",
        adult_name="Canary Adult Tk2Owl",
        what_happened="A fictional fall at home.",
        working_together_concern="The services did not talk to each other.",
        family_knows="yes",
        referrer_name="A Neighbour",
        referrer_relationship="Neighbour",
    )
    referral = Referral.objects.get()
    manager = _tasks(client_for, personas["bu_manager"])
    waiting = manager.split("Referrals needing your judgement of section 44")[1].split("<h2")[0]
    assert referral.reference in waiting and reverse("referrals:judgement", args=[referral.pk]) in waiting
    assert "judgement of section 44" not in _tasks(client_for, personas["chair"])

    professional = make_sample_referral()  # a professional answers the s44 question themselves
    assert (
        professional.reference
        not in _tasks(client_for, personas["bu_manager"]).split("judgement of section 44")[1].split("<h2")[0]
    )


def test_returns_to_check_and_moves_asked_for_reach_the_team(personas, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sarhub.documents.services import add_document
    from sarhub.reviews.services import requests as review_requests
    from sarhub.reviews.services.running import ask_to_move_on
    from tests.builders import review_at
    from tests.factories import SAMPLE_PDF

    review = review_at(personas, "information_gathering", pseudonym="Adult Asked")
    lead = personas["agency_lead"]
    request = review_requests.request_information(personas["bu_manager"], review, [lead.agencies[0]], "chronology")[0]
    add_document(
        lead, request, title="Chronology", classification="confidential", upload=SimpleUploadedFile("c.pdf", SAMPLE_PDF)
    )
    review_requests.submit(lead, request)
    ask_to_move_on(personas["reviewer"], review, note="Every return is in.")

    reviewer = _tasks(client_for, personas["reviewer"])
    check = reviewer.split("Chronologies and IMRs to accept or return")[1].split("<h2")[0]
    assert reverse("reviews:request", args=[request.pk]) in check and "Adult Asked" in check
    assert "asks to move on" not in reviewer  # the lead reviewer asked; the business unit confirms

    manager = _tasks(client_for, personas["bu_manager"])
    assert reverse("reviews:request", args=[request.pk]) in manager
    moves = manager.split("Reviews whose lead reviewer asks to move on")[1].split("<h2")[0]
    assert "Adult Asked" in moves and reverse("reviews:detail", args=[review.pk]) in moves
    assert "Chronologies and IMRs" not in _tasks(client_for, personas["agency_lead"])
