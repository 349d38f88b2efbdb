"""Findings, recommendations and responses, and the Quality Markers self-assessment."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency
from sarhub.reviews.models import Finding, QualityMarkerAssessment, ResponseStatus, Review, ReviewRecommendation
from sarhub.reviews.services import appoint
from sarhub.reviews.services.content import save_finding
from sarhub.taxonomy.models import AbuseType, PracticeTheme
from tests.builders import review_at
from tests.pages import banner, browse_as, error_summary, field_error, form_with, press

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas) -> Review:
    return review_at(personas, pseudonym="Adult A")


def _revealed_under(page, field: str, value: str) -> list[str]:
    """The names of the fields drawn inside the conditional reveal under one option of `field`."""
    soup = BeautifulSoup(page.text, "html.parser")
    option = soup.find("input", attrs={"name": field, "value": value})
    reveal = soup.find(id=option["data-aria-controls"]) if option and option.has_attr("data-aria-controls") else None
    return [str(tag["name"]) for tag in reveal.find_all(["input", "textarea", "select"])] if reveal else []


def test_a_lead_reviewer_records_findings_with_several_themes_and_abuse_types(personas, review):
    browser = browse_as(personas["reviewer"])
    self_neglect = AbuseType.objects.get(name="Self-neglect")
    financial = AbuseType.objects.exclude(pk=self_neglect.pk).order_by("name").first()
    hoarding = PracticeTheme.objects.get(name="Self-neglect and hoarding")
    fire = PracticeTheme.objects.get(name="Fire risk")
    sharing = PracticeTheme.objects.get(name="Information sharing")
    page = browser.get(reverse("reviews:finding-new", args=[review.pk]))
    done = press(
        page,
        "Save finding",
        text="Fire risk was known to one agency but not shared.",
        domain="inter_agency",
        kind="systemic_risk",
        abuse_types=[self_neglect, financial],
        practice_themes=[hoarding, fire, sharing],
    )
    assert banner(done.follow()) == "Finding 1 has been saved."
    finding = Finding.objects.get()
    assert finding.number == 1 and finding.created_by == personas["reviewer"]
    assert set(finding.abuse_types.all()) == {self_neglect, financial}
    assert set(finding.practice_themes.all()) == {hoarding, fire, sharing}

    # Changing it: the page shows every answer ticked; unticking one keeps the others.
    edit = browser.get(reverse("reviews:finding-edit", args=[review.pk, finding.pk]))
    ticked = {f._value for f in form_with(edit, "Save finding").fields["practice_themes"] if f.checked}
    assert ticked == {str(hoarding.pk), str(fire.pk), str(sharing.pk)}
    press(edit, "Save finding", practice_themes=[fire, sharing])
    assert set(finding.practice_themes.all()) == {fire, sharing}
    assert set(finding.abuse_types.all()) == {self_neglect, financial}

    second = press(
        browser.get(reverse("reviews:finding-new", args=[review.pk])),
        "Save finding",
        text="The GP practice followed up missed appointments.",
        domain="direct_work",
        kind="good_practice",
    )
    assert second.status_code == 302 and Finding.objects.get(number=2).kind == "good_practice"
    section = browser.get(reverse("reviews:findings", args=[review.pk])).text
    assert "Finding 1: Systemic risk" in section and "Fire risk, Information sharing" in section


def test_bad_findings_change_nothing(personas, review):
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:finding-new", args=[review.pk]))
    response = press(page, "Save finding", text="")
    assert response.status_code == 200
    assert error_summary(response) == ["Write the finding", "Select the learning domain", "Select the kind of finding"]
    assert field_error(response, "text") == "Write the finding"
    assert field_error(response, "domain") == "Select the learning domain"
    assert not Finding.objects.exists()


def test_a_finding_with_an_answer_the_page_did_not_offer_is_refused(personas, client_for, review):
    """Hostile: a domain that is not among the options, posted by hand."""
    response = client_for(personas["bu_manager"]).post(
        reverse("reviews:finding-new", args=[review.pk]), {"text": "x", "domain": "nowhere", "kind": "barrier"}
    )
    assert response.status_code == 200 and "Select a learning domain from the list" in response.content.decode()
    assert not Finding.objects.exists()


@pytest.mark.parametrize("persona", ["subgroup_member", "chair", "agency_lead", "practitioner"])
def test_only_the_business_unit_and_lead_reviewers_edit_content(persona, personas, client_for, review):
    """Hostile: people not offered the form post it by hand."""
    response = client_for(personas[persona]).post(
        reverse("reviews:finding-new", args=[review.pk]),
        {"text": "Not allowed.", "domain": "direct_work", "kind": "barrier"},
    )
    assert response.status_code == 404
    assert not Finding.objects.exists()


def test_a_panel_member_reads_but_cannot_edit(personas, review):
    panel = personas["agency_lead"]
    appoint(personas["bu_manager"], review, panel, "panel_member")
    browser = browse_as(panel)
    assert browser.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    assert browser.get(reverse("reviews:finding-new", args=[review.pk]), status=404).status_code == 404
    assert browser.get(reverse("reviews:quality-markers", args=[review.pk]), status=404).status_code == 404


def test_recommendations_go_to_several_agencies_answer_several_findings_and_are_answered_with_reasons(personas, review):
    manager = browse_as(personas["bu_manager"])
    first = save_finding(
        personas["bu_manager"], review, {"text": "No joint plan.", "domain": "inter_agency", "kind": "barrier"}
    )
    second = save_finding(
        personas["bu_manager"], review, {"text": "No escalation.", "domain": "organisational", "kind": "barrier"}
    )
    council, hospital, police = (
        Agency.objects.get(name=f"Testshire {n}") for n in ("Council", "Hospital Trust", "Police")
    )
    page = manager.get(reverse("reviews:recommendation-new", args=[review.pk]))
    nowhere = press(page, "Save recommendation", text="Do better.")
    assert field_error(nowhere, "agencies") == "Address the recommendation to the Board, to agencies, or both"
    done = press(
        page,
        "Save recommendation",
        text="Agree a joint plan for hoarding cases.",
        agencies=[council, hospital, police],
        findings=[first, second],
    )
    assert banner(done.follow()) == "Recommendation 1 has been saved."
    recommendation = ReviewRecommendation.objects.get()
    assert set(recommendation.agencies.all()) == {council, hospital, police}
    assert set(recommendation.findings.all()) == {first, second}
    assert recommendation.response == ResponseStatus.AWAITING
    section = manager.get(reverse("reviews:findings", args=[review.pk])).text
    assert "Testshire Council, Testshire Hospital Trust, Testshire Police" in section
    assert "Finding 1, Finding 2" in section

    url = reverse("reviews:recommendation-response", args=[review.pk, recommendation.pk])
    form_page = manager.get(url)
    # The reasons are asked for under the answers that need them (conditional reveals).
    assert _revealed_under(form_page, "response", "not_accepted") == ["not_accepted_reasons"]
    assert _revealed_under(form_page, "response", "accepted_in_part") == ["in_part_reasons"]
    assert _revealed_under(form_page, "response", "accepted") == []
    missing = press(form_page, "Save response", response="not_accepted")
    assert field_error(missing, "not_accepted_reasons") == "Give the reasons it was not accepted in full"
    assert "Give the reasons it was not accepted in full" in error_summary(missing)
    recommendation.refresh_from_db()
    assert recommendation.response == ResponseStatus.AWAITING
    # Reasons typed under another answer are not taken for this one.
    stray = press(form_page, "Save response", response="not_accepted", in_part_reasons="Part of it.")
    assert field_error(stray, "not_accepted_reasons")
    saved = press(form_page, "Save response", response="not_accepted", not_accepted_reasons="Covered by the protocol.")
    assert banner(saved.follow()) == "The response to recommendation 1 has been recorded."
    recommendation.refresh_from_db()
    assert recommendation.response == ResponseStatus.NOT_ACCEPTED
    assert recommendation.response_reasons == "Covered by the protocol."
    assert recommendation.responded_by == personas["bu_manager"]
    assert AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="reviews.reviewrecommendation").exists()
    # Changing it later shows the reasons under the answer given.
    again = manager.get(url)
    assert form_with(again, "Save response")["not_accepted_reasons"].value == "Covered by the protocol."


def test_a_finding_of_another_review_is_not_offered_and_cannot_be_linked(personas, client_for, review):
    other = review_at(personas, pseudonym="Adult B")
    foreign = save_finding(
        personas["bu_manager"], other, {"text": "Elsewhere.", "domain": "governance", "kind": "barrier"}
    )
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:recommendation-new", args=[review.pk]))
    assert str(foreign.pk) not in {f._value for f in form_with(page, "Save recommendation").fields.get("findings", [])}
    # Hostile: the other review's finding posted by hand.
    client = client_for(personas["bu_manager"])
    response = client.post(
        reverse("reviews:recommendation-new", args=[review.pk]),
        {"text": "Link.", "to_board": "on", "findings": [foreign.pk]},
    )
    assert response.status_code == 200 and "Select findings of this review" in response.content.decode()
    assert not ReviewRecommendation.objects.filter(review=review).exists()
    assert client.get(reverse("reviews:finding-edit", args=[review.pk, foreign.pk])).status_code == 404


def test_the_quality_markers_self_assessment(personas, review):
    browser = browse_as(personas["bu_manager"])
    page = browser.get(reverse("reviews:quality-markers", args=[review.pk]))
    answers: dict[str, Any] = {f"rating-{n}": "green" for n in range(1, 16)}
    answers |= {"rating-8": "amber", "note-8": "The inquest delayed us."}
    done = press(page, "Save self-assessment", **answers)
    assert banner(done.follow()) == "The Quality Markers self-assessment has been saved."
    assert QualityMarkerAssessment.objects.filter(review=review).count() == 15
    assert QualityMarkerAssessment.objects.get(marker=8).note == "The inquest delayed us."
    section = browser.get(reverse("reviews:quality", args=[review.pk])).text
    assert "8. Parallel processes" in section and "Amber: partly met" in section


def test_a_rating_the_page_did_not_offer_is_refused(personas, client_for, review):
    """Hostile: a rating that is not among the options, posted by hand."""
    data = {f"rating-{n}": "green" for n in range(1, 16)} | {"rating-3": "purple"}
    bad = client_for(personas["bu_manager"]).post(reverse("reviews:quality-markers", args=[review.pk]), data)
    assert bad.status_code == 400 and "Select a rating for Quality Marker 3" in bad.content.decode()
    assert not QualityMarkerAssessment.objects.filter(review=review, rating="purple").exists()
