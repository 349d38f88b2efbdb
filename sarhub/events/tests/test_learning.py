"""Reflecting safely, collating without attribution, the event report, and the evaluation (k >= 3): through
the pages, as participants and the event's team use them."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from sarhub.events import report, services
from sarhub.events.models import EventTheme, Reflection, Reply
from sarhub.events.services import reflecting
from sarhub.events.tests.support import event_data, invite, start
from sarhub.partnership.models import Person
from sarhub.reviews.models import ReviewRecommendation
from sarhub.reviews.services.requests import request_information
from sarhub.taxonomy.models import PracticeTheme
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import banner, browse_as, error_summary, field_error, form_with, press, text_of

pytestmark = pytest.mark.django_db

ANSWERS: dict[str, Any] = {
    "involvement": "I visited twice and arranged a care assessment.",
    "helped": "A shared record.",
    "hindered": "No joint meeting was ever called.",
    "context": "Caseloads doubled that winter.",
    "good_practice": "",
    "change": "A named coordinator for complex cases.",
}
THEME: dict[str, Any] = {
    "title": "No joint meeting",
    "kind": "barrier",
    "domain": "inter_agency",
    "summary": "Agencies did not meet.",
}


@pytest.fixture
def setting(personas, event, make_person):
    """The event has started, with the practitioner, their line manager and two more colleagues coming."""
    agency = personas["practitioner"].agencies[0]
    others = [make_person("Quinn Example", agency), make_person("Rowan Example", agency)]
    people = [personas["practitioner"], personas["line_manager"], *others]
    invite(personas["bu_manager"], event, *people)
    for person in people:
        services.reply_signed_in(person, event, Reply.ACCEPTED)
    return start(event), people


def _reflect(person: Person, event: Any, **answers: str) -> Reflection:
    return reflecting.save_reflection(person, event, {**ANSWERS, **answers}, read_ground_rules=True)


def test_a_reflection_is_written_after_the_ground_rules_and_numbered_within_its_event(personas, setting):
    event, people = setting
    browser = browse_as(personas["practitioner"])
    page = browser.get(reverse("events:detail", args=[event.pk])).click("Write your reflection")
    assert "Learning, not blame." in page  # the ground rules, again
    unread = press(page, "Save my reflection", **ANSWERS)
    assert field_error(unread, "read_ground_rules") == "Confirm you have read the ground rules"
    empty = press(browser.get(reverse("events:reflect", args=[event.pk])), "Save my reflection", read_ground_rules=True)
    assert error_summary(empty) == ["Write something in at least one part of your reflection"]
    assert not Reflection.objects.exists()
    done = press(page, "Save my reflection", read_ground_rules=True, **ANSWERS).follow()
    assert banner(done) == "Your reflection has been saved. Only you and the review team can read it."
    mine = Reflection.objects.get()
    assert mine.number == 1 and mine.attribution == f"Practitioner, {people[0].agencies[0].name}"
    # Changing it keeps its number; the next person's is 2.
    page = browser.get(reverse("events:detail", args=[event.pk])).click("Change your reflection")
    press(page, "Save my reflection", read_ground_rules=True, helped="A shared record, kept up to date.")
    second = browse_as(people[1]).get(reverse("events:reflect", args=[event.pk]))
    press(second, "Save my reflection", read_ground_rules=True, hindered="No time to meet.")
    assert list(Reflection.objects.values_list("author", "number")) == [(people[0].pk, 1), (people[1].pk, 2)]
    assert Reflection.objects.get(number=1).helped == "A shared record, kept up to date."

    # Another event's reflections are numbered from 1 again.
    other = services.plan_event(personas["bu_manager"], event.review, event_data(days=20), [])
    invite(personas["bu_manager"], other, people[0])
    services.reply_signed_in(people[0], other, Reply.ACCEPTED)
    assert _reflect(people[0], other).number == 1


def test_only_the_author_and_the_review_team_read_a_reflection(personas, setting):
    event, people = setting
    _reflect(people[0], event)
    for key in ("bu_manager", "reviewer"):
        page = browse_as(personas[key]).get(reverse("events:reflections", args=[event.pk]))
        assert "No joint meeting was ever called." in page
        card = text_of(page.html.select_one(".govuk-summary-card__title"))
        assert card == f"Reflection 1: Practitioner, {people[0].agencies[0].name}"
    request_information(personas["bu_manager"], event.review, [personas["agency_lead"].agencies[0]], "chronology")
    # The line manager and another practitioner at the event, the agency lead, a Board member: none of them.
    for key in ("line_manager", "agency_lead", "board_member", "chair"):
        other = browse_as(personas[key])
        other.get(reverse("events:reflections", args=[event.pk]), status=404)
        other.get(reverse("events:collation", args=[event.pk]), status=404)
        assert "No joint meeting" not in other.get(reverse("events:detail", args=[event.pk]), status=(200, 404))
    assert "No joint meeting" not in browse_as(people[2]).get(reverse("events:reflect", args=[event.pk]))


def test_withdrawing_erases_the_words_keeps_the_number_until_collation_closes(personas, setting):
    event, people = setting
    reflection = _reflect(people[0], event)
    _reflect(people[1], event)
    theme = reflecting.save_theme(personas["reviewer"], event, {**THEME, "reflections": [reflection]})
    browser = browse_as(people[0])
    page = browser.get(reverse("events:reflect", args=[event.pk]))
    done = press(page, "Withdraw my reflection").follow()
    assert banner(done) == (
        "Your reflection has been withdrawn: its words are erased and no theme draws on it any more."
    )
    reflection.refresh_from_db()
    assert reflection.is_withdrawn and not any(getattr(reflection, f) for f in ANSWERS)
    assert not theme.reflections.exists()
    # Written again, it is still reflection 1; a new one is 3 (a number is never reused).
    press(
        browser.get(reverse("events:reflect", args=[event.pk])), "Save my reflection", read_ground_rules=True, **ANSWERS
    )
    assert _reflect(people[2], event).number == 3
    assert Reflection.objects.get(author=people[0]).number == 1

    team = browse_as(personas["reviewer"])
    closed = press(team.get(reverse("events:collation", args=[event.pk])), "Close collation").follow()
    assert banner(closed) == "Collation has closed: reflections can no longer be changed or withdrawn."
    event.refresh_from_db()
    assert "Write your reflection" not in browser.get(reverse("events:detail", args=[event.pk]))
    browser.get(reverse("events:reflect", args=[event.pk]), status=404)
    with pytest.raises(ValidationError, match="Collation has closed"):
        reflecting.withdraw_reflection(people[0], event)


def test_a_theme_draws_on_several_reflections_and_practice_themes_and_names_no_one(personas, setting):
    event, people = setting
    first, second, third = (_reflect(person, event) for person in people[:3])
    sharing, risk = PracticeTheme.objects.active()[:2]
    browser = browse_as(personas["reviewer"])
    page = browser.get(reverse("events:collation", args=[event.pk])).click("Add a theme")
    # The reflections are offered by their numbers within the event, never their ids.
    labels = [text_of(label) for label in form_with(page, "Save").html.select("label[for^=id_reflections_]")]
    council = people[0].agencies[0].name
    assert labels == [
        f"Reflection 1: Practitioner, {council}",
        f"Reflection 2: Line manager, {council}",
        f"Reflection 3: Practitioner, {council}",
    ]

    named = press(page, "Save", **{**THEME, "summary": f"{people[2].full_name} said no one met."})
    assert field_error(named, "summary") == f"Write it without naming anyone: remove {people[2].full_name}"
    done = press(
        page,
        "Save",
        **THEME,
        practice_themes=[sharing, risk],
        reflections=[first, third],
    ).follow()
    assert banner(done) == "The theme has been saved: No joint meeting. It draws on reflections 1 and 3."
    theme = EventTheme.objects.get()
    assert set(theme.practice_themes.all()) == {sharing, risk}
    assert set(theme.reflections.all()) == {first, third}
    card = text_of(done.html.select_one(".govuk-summary-card"))
    assert "Reflections drawn on 1 and 3" in card and sharing.name in card and risk.name in card

    # Changing it: all three reflections now, one practice theme.
    page = done.click("Change", href=reverse("events:theme-edit", args=[event.pk, theme.pk]))
    changed = press(page, "Save", practice_themes=[risk], reflections=[first, second, third]).follow()
    assert banner(changed) == "The theme has been saved: No joint meeting. It draws on reflections 1, 2 and 3."
    assert list(theme.practice_themes.all()) == [risk] and theme.reflections.count() == 3


def test_a_reflection_from_another_event_cannot_be_drawn_on(personas, client_for, setting):
    event, people = setting
    other = services.plan_event(personas["bu_manager"], event.review, event_data(days=20), [])
    invite(personas["bu_manager"], other, people[0])
    services.reply_signed_in(people[0], other, Reply.ACCEPTED)
    foreign = _reflect(people[0], other)
    page = browse_as(personas["reviewer"]).get(reverse("events:theme-new", args=[event.pk]))
    assert str(foreign.pk) not in {f._value for f in form_with(page, "Save").fields.get("reflections", [])}
    # Hostile (a raw post, not the page): another event's reflection is refused beside the question.
    response = client_for(personas["reviewer"]).post(
        reverse("events:theme-new", args=[event.pk]), {**THEME, "reflections": [foreign.pk]}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_reflections-error"' in html
    assert "Choose reflections from this event" in html
    assert not event.themes.exists()
    # A reflection's words never appear on another event's pages.
    assert "No joint meeting" not in browse_as(personas["reviewer"]).get(reverse("events:reflections", args=[event.pk]))


def test_a_proposed_recommendation_lands_in_the_review_without_names(personas, setting):
    event, people = setting
    reflecting.save_theme(personas["reviewer"], event, THEME)
    browser = browse_as(personas["reviewer"])
    collation = browser.get(reverse("events:collation", args=[event.pk]))
    page = collation.click("Propose an action or recommendation")
    named = press(page, "Save", kind="action", text=f"Train {people[0].full_name}.")
    assert field_error(named, "text") == f"Write it without naming anyone: remove {people[0].full_name}"
    theme = EventTheme.objects.get()
    done = press(page, "Save", kind="recommendation", text="Agree a joint risk meeting route.", theme=theme).follow()
    assert banner(done) == "The proposal has been recorded."
    landed = press(done, "Add to the review").follow()
    assert banner(landed) == "Added to the review as recommendation 1."
    assert ReviewRecommendation.objects.get(review=event.review).text == "Agree a joint risk meeting route."
    assert "In the review as recommendation 1" in landed


def test_an_impossible_id_gets_a_clear_message_not_a_500(personas, client_for, setting):
    event, _ = setting
    # Hostile (a raw post, not the page): an id no database column could hold.
    response = client_for(personas["reviewer"]).post(
        reverse("events:proposal-new", args=[event.pk]),
        {"kind": "action", "text": "Audit.", "agency": "99999999999999999999999999"},
    )
    assert response.status_code == 200 and "Select an agency from the list" in response.content.decode()


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_report_in_pdf_and_docx_has_no_names_and_suppresses_small_counts(personas, setting):
    event, people = setting
    reflection = _reflect(people[0], event)
    reflecting.save_theme(personas["reviewer"], event, {**THEME, "reflections": [reflection]})
    reflecting.save_theme(
        personas["reviewer"],
        event,
        {"title": "Persistent home visits", "kind": "good_practice", "domain": "direct_work", "summary": "Visits."},
    )
    reflecting.save_proposal(
        personas["reviewer"], event, {"kind": "action", "text": "Audit joint meetings.", "agency": None}
    )
    # Two people attended: too few to count.
    invitations = {i.person_id: i.pk for i in event.invitations.all()}
    services.record_attendance(personas["reviewer"], event, {invitations[people[0].pk], invitations[people[1].pk]})

    browser = browse_as(personas["reviewer"])
    pdf = browser.get(reverse("events:collation", args=[event.pk])).click(
        "Download the report", href=reverse("events:report-pdf", args=[event.pk])
    )
    assert pdf.content_type == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    text = _pdf_text(pdf.body)
    assert "Adult W" in text and "No joint meeting" in text and "Persistent home visits" in text
    assert "Fewer than 3 people attended" in text
    for person in people:
        assert person.full_name not in text
    assert SAMPLE_ADULT_NAME not in text
    catalogue: Any = PdfReader(BytesIO(pdf.body)).trailer["/Root"]
    assert "/StructTreeRoot" in catalogue and catalogue["/Lang"] == "en-GB"  # a tagged PDF, in English
    metadata = PdfReader(BytesIO(pdf.body)).metadata
    assert metadata is not None and all(p.full_name not in str(metadata) for p in people)

    docx = browse_as(personas["bu_manager"]).get(reverse("events:report-docx", args=[event.pk]))
    document = Document(BytesIO(docx.body))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "No joint meeting" in body and "Audit joint meetings." in body and "Fewer than 3 people attended" in body
    assert all(p.full_name not in body for p in people) and SAMPLE_ADULT_NAME not in body
    assert document.core_properties.author == str(report.context(event)["board"].name)

    # Three attended: now the count shows.
    services.record_attendance(personas["reviewer"], event, set(list(invitations.values())[:3]))
    assert "3 people attended" in _pdf_text(report.as_pdf(event))


def test_evaluation_is_reported_only_from_three_people(personas, setting):
    event, people = setting
    for n, person in enumerate(people[:2]):
        page = browse_as(person).get(reverse("events:detail", args=[event.pk])).click("Tell us how it went")
        if n == 0:
            unanswered = press(page, "Save")
            assert field_error(unanswered, "felt_safe").startswith("Select how far you agree")
        done = press(page, "Save", felt_safe=5 - n, useful=4, improve=f"Longer breaks {n}.").follow()
        assert banner(done) == "Thank you. Your evaluation is reported only together with others'."
        assert "Tell us how it went" not in done
    with pytest.raises(ValidationError, match="already sent"):
        reflecting.evaluate(people[0], event, {"felt_safe": 1, "useful": 1})
    results = reflecting.evaluation_results(event)
    assert results["responses"] == 2 and not results["enough"] and results["improvements"] == []
    assert not results["felt_safe"].shown and results["felt_safe"].counts == []
    team = browse_as(personas["reviewer"])
    page = team.get(reverse("events:collation", args=[event.pk]))
    assert "Fewer than 3 people have responded" in page and "Longer breaks" not in page
    reflecting.evaluate(people[2], event, {"felt_safe": 4, "useful": 2, "improve": ""})
    results = reflecting.evaluation_results(event)
    assert results["enough"] and results["felt_safe"].agreeing == 3 and results["useful"].agreeing == 2
    page = team.get(reverse("events:collation", args=[event.pk]))
    assert "Longer breaks 0." in page and "3 responses" in page
    # Someone who did not take part cannot evaluate.
    browse_as(personas["agency_lead"]).get(reverse("events:evaluate", args=[event.pk]), status=404)


def test_tasks_lead_each_person_to_their_next_step(personas, setting):
    event, _ = setting
    practitioner = browse_as(personas["practitioner"])
    tasks = practitioner.get(reverse("workspace:tasks"))
    assert "Write your reflection" in tasks and "Adult W" in tasks
    _reflect(personas["practitioner"], event)
    tasks = practitioner.get(reverse("workspace:tasks"))
    assert "Write your reflection" not in tasks and "Tell us how the learning event went" in tasks
    team = browse_as(personas["reviewer"]).get(reverse("workspace:tasks"))
    assert "Learning events to collate" in team and reverse("events:collation", args=[event.pk]) in team
    # Someone not at the event has no such task.
    assert "Adult W" not in browse_as(personas["board_member"]).get(reverse("workspace:tasks"))


def test_reflections_written_before_numbering_are_numbered_in_the_order_written(personas, setting):
    import importlib

    from django.apps import apps
    from django.db.models import F

    event, people = setting
    other = services.plan_event(personas["bu_manager"], event.review, event_data(days=20), [])
    invite(personas["bu_manager"], other, people[0])
    services.reply_signed_in(people[0], other, Reply.ACCEPTED)
    written = [_reflect(people[1], event), _reflect(people[0], other), _reflect(people[0], event)]
    Reflection.objects.update(number=F("id") + 100)  # as they were before they had numbers
    migration = importlib.import_module("sarhub.events.migrations.0003_reflection_number")
    migration.number_reflections(apps, None)
    assert [Reflection.objects.get(pk=r.pk).number for r in written] == [1, 1, 2]
