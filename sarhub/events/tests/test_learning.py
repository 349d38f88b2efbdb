"""Reflecting safely, collating without attribution, the event report, and the evaluation (k >= 3)."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from sarhub.core import notify
from sarhub.events import reflecting, report, services
from sarhub.events.models import EventInvitation, LearningEvent, Reflection, Reply
from sarhub.events.services import Invitee
from sarhub.partnership.models import Person
from sarhub.partnership.roles import Role
from sarhub.reviews.models import ReviewRecommendation
from sarhub.reviews.requests import request_information
from sarhub.reviews.services import appoint, set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "involvement": "I visited twice and arranged a care assessment.",
    "helped": "A shared record.",
    "hindered": "No joint meeting was ever called.",
    "context": "Caseloads doubled that winter.",
    "good_practice": "",
    "change": "A named coordinator for complex cases.",
}


@pytest.fixture(autouse=True)
def _send_at_once(monkeypatch):
    monkeypatch.setattr(notify.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def _person(email: str, name: str, role: str, agency: Any) -> Person:
    person: Person = PersonFactory(email=email, full_name=name)  # type: ignore[assignment]
    MembershipFactory(person=person, role=role, agency=agency)
    return Person.objects.get(pk=person.pk)


@pytest.fixture
def setting(personas):
    """An event that has started, with the practitioner, their line manager and two more colleagues coming."""
    manager = personas["bu_manager"]
    review = set_up_review(manager, [_decided(personas)], route="rapid", data={"pseudonym": "Adult X"})
    appoint(manager, review, personas["reviewer"], Role.LEAD_REVIEWER)
    agency = personas["practitioner"].agencies[0]
    start = timezone.now() + timedelta(days=5)
    event = services.plan_event(
        manager, review, {"starts_at": start, "ends_at": start + timedelta(hours=3), "venue": "Room 1"}, []
    )
    others = [
        _person("quinn.example@testshire.example.org", "Quinn Example", Role.PRACTITIONER, agency),
        _person("rowan.example@testshire.example.org", "Rowan Example", Role.PRACTITIONER, agency),
    ]
    people = [personas["practitioner"], personas["line_manager"], *others]
    services.invite(
        manager,
        event,
        [
            Invitee(
                p.full_name, p.email, agency, "line_manager" if p == personas["line_manager"] else "practitioner", p
            )
            for p in people
        ],
    )
    EventInvitation.objects.filter(event=event).update(reply=Reply.ACCEPTED)
    LearningEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=2)
    )
    event.refresh_from_db()
    return event, people


def test_a_reflection_needs_the_ground_rules_and_some_words(personas, setting):
    event, _ = setting
    with pytest.raises(ValidationError, match="ground rules"):
        reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=False)
    with pytest.raises(ValidationError, match="at least one part"):
        reflecting.save_reflection(personas["practitioner"], event, dict.fromkeys(ANSWERS, " "), read_ground_rules=True)
    assert not Reflection.objects.exists()
    reflection = reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=True)
    assert reflection.attribution == f"Practitioner, {personas['practitioner'].agencies[0].name}"


def test_only_the_author_and_the_review_team_read_a_reflection(personas, client_for, setting, review_lead_agency):
    event, _ = setting
    client = client_for(personas["practitioner"])
    page = client.get(reverse("events:reflect", args=[event.pk])).content.decode()
    assert "Learning, not blame" in page or "safe space" in page  # the ground rules, again
    client.post(reverse("events:reflect", args=[event.pk]), {**ANSWERS, "read_ground_rules": "on"})
    assert client.get(reverse("events:reflect", args=[event.pk])).content.decode().count("No joint meeting") == 1
    for key in ("bu_manager", "reviewer"):
        team = client_for(personas[key]).get(reverse("events:reflections", args=[event.pk])).content.decode()
        assert "No joint meeting was ever called." in team
    # The line manager and another practitioner at the event, the agency lead, a Board member: none of them.
    for key in ("line_manager", "agency_lead", "board_member", "chair"):
        other = client_for(personas[key])
        assert other.get(reverse("events:reflections", args=[event.pk])).status_code == 404, key
        assert other.get(reverse("events:collation", args=[event.pk])).status_code == 404, key
        detail = other.get(reverse("events:detail", args=[event.pk]))
        assert "No joint meeting" not in detail.content.decode(), key
    colleague = Person.objects.get(email="quinn.example@testshire.example.org")
    assert (
        "No joint meeting" not in client_for(colleague).get(reverse("events:reflect", args=[event.pk])).content.decode()
    )


def test_withdrawing_erases_the_words_until_collation_closes(personas, client_for, setting):
    event, _ = setting
    reflection = reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=True)
    theme = reflecting.save_theme(
        personas["reviewer"],
        event,
        {
            "title": "No joint meeting",
            "kind": "barrier",
            "domain": "inter_agency",
            "summary": "Agencies did not meet.",
            "reflections": [reflection],
        },
    )
    client_for(personas["practitioner"]).post(reverse("events:reflection-withdraw", args=[event.pk]))
    reflection.refresh_from_db()
    assert reflection.is_withdrawn and not any(getattr(reflection, f) for f in ANSWERS)
    assert not theme.reflections.exists()
    reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=True)
    reflecting.close_collation(personas["reviewer"], event)
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="Collation has closed"):
        reflecting.withdraw_reflection(personas["practitioner"], event)
    with pytest.raises(ValidationError):
        reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=True)


def test_themes_and_proposals_never_name_anyone_and_proposals_land_in_the_review(personas, setting):
    event, people = setting
    with pytest.raises(ValidationError, match="without naming anyone"):
        reflecting.save_theme(
            personas["reviewer"],
            event,
            {
                "title": "Risk",
                "kind": "barrier",
                "domain": "inter_agency",
                "summary": f"{people[2].full_name} said no one met.",
            },
        )
    with pytest.raises(ValidationError, match="without naming anyone"):
        reflecting.save_proposal(
            personas["reviewer"], event, {"kind": "action", "text": f"Train {people[0].full_name}."}
        )
    proposal = reflecting.save_proposal(
        personas["reviewer"],
        event,
        {"kind": "recommendation", "text": "Agree a joint risk meeting route.", "agency": None},
    )
    landed = reflecting.land_in_review(personas["reviewer"], proposal)
    assert landed.recommendation is not None
    assert ReviewRecommendation.objects.get(review=event.review).text == "Agree a joint risk meeting route."
    with pytest.raises(ValidationError, match="already in the review"):
        reflecting.land_in_review(personas["reviewer"], landed)


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_report_in_pdf_and_docx_has_no_names_and_suppresses_small_counts(personas, setting, client_for):
    event, people = setting
    reflection = reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=True)
    reflecting.save_theme(
        personas["reviewer"],
        event,
        {
            "title": "No joint meeting",
            "kind": "barrier",
            "domain": "inter_agency",
            "summary": "Agencies did not meet.",
            "reflections": [reflection],
        },
    )
    reflecting.save_theme(
        personas["reviewer"],
        event,
        {
            "title": "Persistent home visits",
            "kind": "good_practice",
            "domain": "direct_work",
            "summary": "Visits kept going.",
        },
    )
    reflecting.save_proposal(
        personas["reviewer"], event, {"kind": "action", "text": "Audit joint meetings.", "agency": None}
    )
    # Two people attended: too few to count.
    EventInvitation.objects.filter(event=event, email__in=[people[0].email, people[1].email]).update(attended=True)

    pdf = client_for(personas["reviewer"]).get(reverse("events:report-pdf", args=[event.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")
    text = _pdf_text(pdf.content)
    assert "Adult X" in text and "No joint meeting" in text and "Persistent home visits" in text
    assert "Fewer than 3 people attended" in text
    for person in people:
        assert person.full_name not in text
    assert SAMPLE_ADULT_NAME not in text
    catalogue: Any = PdfReader(BytesIO(pdf.content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalogue and catalogue["/Lang"] == "en-GB"  # a tagged PDF, in English
    metadata = PdfReader(BytesIO(pdf.content)).metadata
    assert metadata is not None and all(p.full_name not in str(metadata) for p in people)

    docx = client_for(personas["bu_manager"]).get(reverse("events:report-docx", args=[event.pk]))
    document = Document(BytesIO(docx.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "No joint meeting" in body and "Audit joint meetings." in body and "Fewer than 3 people attended" in body
    assert all(p.full_name not in body for p in people) and SAMPLE_ADULT_NAME not in body
    assert document.core_properties.author == str(report.context(event)["board"].name)

    # Three attended: now the count shows.
    EventInvitation.objects.filter(event=event, email=people[2].email).update(attended=True)
    assert "3 people attended" in _pdf_text(report.as_pdf(event))


def test_evaluation_is_reported_only_from_three_people(personas, client_for, setting):
    event, people = setting
    for n, person in enumerate(people[:2]):
        reflecting.evaluate(person, event, {"felt_safe": 5 - n, "useful": 4, "improve": f"Longer breaks {n}."})
    with pytest.raises(ValidationError, match="already sent"):
        reflecting.evaluate(people[0], event, {"felt_safe": 1, "useful": 1})
    results = reflecting.evaluation_results(event)
    assert results["responses"] == 2 and not results["enough"] and results["improvements"] == []
    assert not results["felt_safe"].shown and results["felt_safe"].counts == []
    page = client_for(personas["reviewer"]).get(reverse("events:collation", args=[event.pk])).content.decode()
    assert "Fewer than 3 people have responded" in page and "Longer breaks" not in page
    reflecting.evaluate(people[2], event, {"felt_safe": 4, "useful": 2, "improve": ""})
    results = reflecting.evaluation_results(event)
    assert results["enough"] and results["felt_safe"].agreeing == 3 and results["useful"].agreeing == 2
    page = client_for(personas["reviewer"]).get(reverse("events:collation", args=[event.pk])).content.decode()
    assert "Longer breaks 0." in page and "3 responses" in page
    # Someone who did not take part cannot evaluate.
    assert client_for(personas["agency_lead"]).get(reverse("events:evaluate", args=[event.pk])).status_code == 404


@pytest.fixture
def review_lead_agency(personas, setting):
    """The agency lead's agency is involved in the review, so the lead can see the event (not reflections)."""
    event, _ = setting
    request_information(personas["bu_manager"], event.review, [personas["agency_lead"].agencies[0]], "chronology")


def test_an_impossible_id_gets_a_clear_message_not_a_500(personas, client_for, setting):
    event, _ = setting
    response = client_for(personas["reviewer"]).post(
        reverse("events:proposal-new", args=[event.pk]),
        {"kind": "action", "text": "Audit.", "agency": "99999999999999999999999999"},
    )
    assert response.status_code == 200 and "Select an agency from the list" in response.content.decode()


def test_tasks_lead_each_person_to_their_next_step(personas, client_for, setting):
    event, _ = setting
    tasks = client_for(personas["practitioner"]).get(reverse("core:tasks")).content.decode()
    assert "Write your reflection" in tasks and "Adult X" in tasks
    reflecting.save_reflection(personas["practitioner"], event, ANSWERS, read_ground_rules=True)
    tasks = client_for(personas["practitioner"]).get(reverse("core:tasks")).content.decode()
    assert "Write your reflection" not in tasks and "Tell us how the learning event went" in tasks
    team = client_for(personas["reviewer"]).get(reverse("core:tasks")).content.decode()
    assert "Learning events to collate" in team and reverse("events:collation", args=[event.pk]) in team
    # Someone not at the event has no such task.
    assert "Adult X" not in client_for(personas["board_member"]).get(reverse("core:tasks")).content.decode()


def test_a_reflection_from_another_event_cannot_be_drawn_on(personas, client_for, setting):
    event, people = setting
    start = timezone.now() + timedelta(days=20)
    other = services.plan_event(
        personas["bu_manager"],
        event.review,
        {"starts_at": start, "ends_at": start + timedelta(hours=1), "venue": "R"},
        [],
    )
    services.invite(
        personas["bu_manager"],
        other,
        [Invitee(people[0].full_name, people[0].email, people[0].agencies[0], "practitioner", people[0])],
    )
    EventInvitation.objects.filter(event=other).update(reply=Reply.ACCEPTED)
    foreign = reflecting.save_reflection(personas["practitioner"], other, ANSWERS, read_ground_rules=True)
    response = client_for(personas["reviewer"]).post(
        reverse("events:theme-new", args=[event.pk]),
        {"title": "T", "kind": "barrier", "domain": "inter_agency", "summary": "S.", "reflections": [foreign.pk]},
    )
    assert response.status_code == 200 and "Choose reflections from this event" in response.content.decode()
    assert not event.themes.exists()
    # A reflection's words never appear on another event's pages.
    page = client_for(personas["reviewer"]).get(reverse("events:reflections", args=[event.pk])).content.decode()
    assert "No joint meeting" not in page
