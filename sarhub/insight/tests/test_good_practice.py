"""Good practice, shared: who sees which items (the review summaries' rule), the filters by agency, practice
theme and financial year against hand-counted data, no one who reflected ever named, and a briefing's
"What went well" started or continued from an item, submitted as served. All data fictional."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from sarhub.actions.annual import current_year
from sarhub.audit.models import AuditEvent
from sarhub.briefings.models import BriefingVersion
from sarhub.core.roles import Role
from sarhub.events import services as event_services
from sarhub.events.models import LearningEvent, Reply
from sarhub.events.services import reflecting
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.models import Finding
from sarhub.reviews.services.content import save_finding
from sarhub.taxonomy.models import PracticeTheme
from tests.builders import review_at, signed_off, written_briefing
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory
from tests.pages import browse_as, fill, form_with, text_of

pytestmark = pytest.mark.django_db

URL = reverse("insight:good-practice")
REFLECTION_WORDS = "Fictional reflection: the crew went back the next morning"
INVITEES = ("Morgan Fictional", "Quinn Example", "Persona practitioner", "Persona line_manager")


def _person(name: str, agency: Agency, role: str) -> Person:
    person: Any = PersonFactory(email=name.lower().replace(" ", ".") + "@testshire.example.org", full_name=name)
    MembershipFactory(person=person, role=role, agency=agency)
    return Person.objects.get(pk=person.pk)


def _recorded_on(finding: Finding, day: datetime) -> None:
    """The clock: when the finding was recorded (no service sets a past date)."""
    Finding.objects.filter(pk=finding.pk).update(created_at=day)


def _good(personas: dict[str, Any], review: Any, text: str, theme: str) -> Finding:
    return save_finding(
        personas["bu_manager"],
        review,
        {
            "text": text,
            "domain": "direct_work",
            "kind": "good_practice",
            "practice_themes": [PracticeTheme.objects.get(name=theme)],
        },
    )


@pytest.fixture
def board(personas) -> dict[str, Any]:
    """Hand-counted good practice:

    - Adult B (signed off; the agency lead's Testshire Hospital Trust answered its factual-accuracy round):
      F1 names the Trust, Hospital discharge, recorded in 2024/25; F2 names no agency, Professional
      curiosity, this year; its barrier finding never shows. Its learning event (held this year): T1,
      positive practice, Professional curiosity, drawn from a Council practitioner's reflection (4 Council
      people took part, so named) and a Police practitioner's (1 took part, so not named); T2, a barrier.
    - Adult R (not signed off): F3 names Testshire Police, Professional curiosity, this year.
    """
    trust = Agency.objects.get(name="Testshire Hospital Trust")
    council = Agency.objects.get(name="Testshire Council")
    police = Agency.objects.get(name="Testshire Police")
    signed = review_at(personas, pseudonym="Adult B")  # signed off below, once its event was held
    f1 = _good(
        personas,
        signed,
        "The Testshire Hospital Trust ward referred to safeguarding the same day.",
        "Hospital discharge",
    )
    _recorded_on(f1, datetime(2024, 6, 3, 10, tzinfo=timezone.get_current_timezone()))
    f2 = _good(
        personas,
        signed,
        "The community nurse followed up every missed appointment in person.",
        "Professional curiosity",
    )
    save_finding(
        personas["bu_manager"], signed, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"}
    )
    unsigned = review_at(personas, pseudonym="Adult R")
    f3 = _good(
        personas, unsigned, "Testshire Police officers checked on her welfare every week.", "Professional curiosity"
    )

    day = timezone.localdate() - timedelta(days=1)
    start = datetime.combine(day, time(9, 30), tzinfo=timezone.get_current_timezone())
    if current_year(day) != current_year():  # 1 April: the event is held today instead
        start = timezone.now() - timedelta(hours=1)
    event = event_services.plan_event(
        personas["bu_manager"],
        signed,
        {
            "title": "Learning event",
            "starts_at": timezone.now() + timedelta(days=3),
            "ends_at": timezone.now() + timedelta(days=3, hours=3),
            "venue": "Room 2",
            "joining_details": "",
            "agenda": "Reflections.",
            "ground_rules": "Learning, not blame.",
        },
        [personas["bu_manager"]],
    )
    council_people = [
        personas["practitioner"],
        personas["line_manager"],
        _person("Quinn Example", council, Role.PRACTITIONER),
        _person("Rowan Example", council, Role.PRACTITIONER),
    ]
    officer = _person("Morgan Fictional", police, Role.PRACTITIONER)
    people = [*council_people, officer]
    event_services.invite(personas["bu_manager"], event, [event_services.invitee_for(p, p.agencies[0]) for p in people])
    for person in people:
        event_services.reply_signed_in(person, event, Reply.ACCEPTED)
    LearningEvent.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + timedelta(hours=3))  # the clock
    event.refresh_from_db()
    answers = dict.fromkeys(("involvement", "helped", "hindered", "context", "change"), "")
    mine = reflecting.save_reflection(
        personas["practitioner"], event, {**answers, "good_practice": REFLECTION_WORDS}, read_ground_rules=True
    )
    theirs = reflecting.save_reflection(
        officer, event, {**answers, "good_practice": "Fictional: we went back."}, read_ground_rules=True
    )
    curiosity = PracticeTheme.objects.get(name="Professional curiosity")
    t1 = reflecting.save_theme(
        personas["bu_manager"],
        event,
        {
            "title": "Going back to check",
            "kind": "good_practice",
            "domain": "direct_work",
            "summary": "Practitioners went back in person to check that help had worked.",
            "practice_themes": [curiosity],
            "reflections": [mine, theirs],
        },
    )
    reflecting.save_theme(
        personas["bu_manager"],
        event,
        {
            "title": "No joint meeting",
            "kind": "barrier",
            "domain": "inter_agency",
            "summary": "Agencies did not meet.",
            "practice_themes": [curiosity],
            "reflections": [mine],
        },
    )
    signed = signed_off(personas, signed)
    return {
        "signed": signed,
        "unsigned": unsigned,
        "f1": f1,
        "f2": f2,
        "f3": f3,
        "t1": t1,
        "trust": trust,
        "council": council,
        "police": police,
        "curiosity": curiosity,
        "discharge": PracticeTheme.objects.get(name="Hospital discharge"),
    }


def _keys(page: Any) -> list[str]:
    soup = BeautifulSoup(page.text, "html.parser")
    return [str(card["id"]) for card in soup.select(".govuk-summary-card")]


def _key(item: Any) -> str:
    return f"finding-{item.pk}" if isinstance(item, Finding) else f"event-theme-{item.pk}"


def _expect(board: dict[str, Any], *names: str) -> set[str]:
    return {_key(board[name]) for name in names}


def test_who_sees_which_good_practice(personas, board):
    """The business unit, chair and subgroup: every review. Board members: signed-off reviews only (never
    Adult R's). An agency lead: the signed-off reviews their agency is involved in; a lead of an agency
    involved in none sees nothing. Reviewers and practitioners: not the page."""
    everything = _expect(board, "f1", "f2", "f3", "t1")
    for key in ("bu_manager", "bu_coordinator", "chair", "subgroup_member"):
        assert set(_keys(browse_as(personas[key]).get(URL))) == everything, key
    signed_only = _expect(board, "f1", "f2", "t1")
    board_page = browse_as(personas["board_member"]).get(URL)
    assert set(_keys(board_page)) == signed_only
    assert "Adult R" not in board_page.text and board["f3"].text not in board_page.text
    assert set(_keys(browse_as(personas["agency_lead"]).get(URL))) == signed_only
    other_lead = _person("Fictional Lead", board["police"], Role.AGENCY_SAFEGUARDING_LEAD)
    assert _keys(browse_as(other_lead).get(URL)) == []
    for key in ("reviewer", "practitioner", "line_manager", "sysadmin", "no_roles"):
        assert browse_as(personas[key]).get(URL, expect_errors=True).status_code in (403, 404), key
    assert AuditEvent.objects.filter(person=personas["board_member"], action="view", detail__contains="page 1").exists()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"f1", "f2", "f3", "t1"}),
        ({"agency": "trust"}, {"f1"}),  # F1 names the Trust; nothing else does
        ({"agency": "council"}, {"t1"}),  # T1's Council reflection: 4 Council people took part
        ({"agency": "police"}, {"f3"}),  # F3 names the Police; T1's Police reflection: only 1 took part
        ({"theme": "curiosity"}, {"f2", "f3", "t1"}),
        ({"theme": "discharge"}, {"f1"}),
        ({"year": 2024}, {"f1"}),
        ({"year": "now"}, {"f2", "f3", "t1"}),
        ({"agency": "council", "theme": "curiosity", "year": "now"}, {"t1"}),
        ({"agency": "trust", "year": "now"}, set()),
    ],
)
def test_the_filters_match_the_hand_count(personas, board, filters, expected):
    page = browse_as(personas["bu_manager"]).get(URL)
    form = form_with(page, "Apply filters")
    values = {}
    for name, value in filters.items():
        if name == "year":
            values[name] = str(current_year() if value == "now" else value)
        else:
            values[name] = str(board[value].pk)
    for name, value in values.items():
        form[name] = value
    shown = form.submit()
    assert set(_keys(shown)) == _expect(board, *expected)
    total = len(expected)
    assert text_of(BeautifulSoup(shown.text, "html.parser").select_one("#good-practice-count")) == (
        f"{total} item{'s' if total != 1 else ''} of good practice"
    )


def test_a_filter_not_offered_is_a_message_not_a_500(personas, board):
    page = browse_as(personas["bu_manager"]).get(URL, {"agency": "999999", "year": "1999", "theme": "x"})
    assert page.status_code == 200
    assert "Choose an agency from the list" in page.text and "Choose a financial year from the list" in page.text
    assert _keys(page) == []
    assert browse_as(personas["bu_manager"]).get(URL, {"page": "99"}).status_code == 200


def test_agencies_are_named_only_with_three_people_and_no_one_who_reflected_is_ever_named(personas, board):
    for key in ("bu_manager", "board_member", "agency_lead"):
        page = browse_as(personas[key]).get(URL)
        soup = BeautifulSoup(page.text, "html.parser")
        card = soup.select_one(f"#{_key(board['t1'])}")
        assert card is not None
        agencies = text_of(card).split("Agencies")[1].strip()
        assert agencies.startswith("Reflections from Testshire Council, and from agencies fewer than 3")
        assert "Testshire Police" not in agencies
        for name in INVITEES:
            assert name not in page.text
        assert REFLECTION_WORDS not in page.text and "we went back" not in page.text
        assert SAMPLE_ADULT_NAME not in page.text and SAMPLE_ADULT_NAME.split()[-1] not in page.text
        assert "Practitioner" not in agencies and "Line manager" not in agencies


def test_the_page_is_paginated(personas, board):
    for number in range(21):
        save_finding(
            personas["bu_manager"],
            board["signed"],
            {"text": f"Fictional good practice {number}.", "domain": "direct_work", "kind": "good_practice"},
        )
    client = browse_as(personas["bu_manager"])
    first, second = client.get(URL), client.get(URL, {"page": "2"})
    assert len(_keys(first)) == 20 and len(_keys(second)) == 5
    assert not set(_keys(first)) & set(_keys(second))
    assert "25 items of good practice" in first.text


def test_a_briefing_is_started_from_an_item_with_its_text_as_what_went_well(personas, board):
    """The business unit follows "Start a new briefing with it" from F2: the form comes with "What went
    well" filled in and the review chosen; written and submitted as served, the version keeps it."""
    manager = personas["bu_manager"]
    page = browse_as(manager).get(URL)
    soup = BeautifulSoup(page.text, "html.parser")
    unsigned_card = soup.select_one(f"#{_key(board['f3'])}")
    assert unsigned_card is not None and not unsigned_card.select("a[href*=briefings]")  # not signed off
    link = soup.select_one(f"#{_key(board['f2'])} a[href*='good_practice=']")
    assert link is not None and text_of(link).startswith("Start a new briefing with it")
    editor = page.goto(link["href"])
    assert "filled in from finding 2 of" in editor.text
    form = form_with(editor, "Save as a new version")
    assert form["what_went_well"].value == board["f2"].text
    assert form["about"].value == "one" and form["review"].value == str(board["signed"].pk)
    fill(
        form,
        title="Following up in person",
        background="Background.",
        why_it_matters="Why.",
        finding_1="One.",
        finding_2="Two.",
        finding_3="Three.",
        remember="Remember.",
        what_to_do="Do.",
        question_1="What would you do?",
        question_2="Who would you tell?",
    )
    form.submit().follow()
    version = BriefingVersion.objects.get()
    assert version.what_went_well == board["f2"].text
    assert ("What went well", board["f2"].text) in version.points
    assert list(version.briefing.reviews.all()) == [board["signed"]]


def test_a_briefing_is_continued_from_an_item_of_a_review_it_covers_only(personas, board):
    manager = personas["bu_manager"]
    briefing = written_briefing(personas, board["signed"])
    page = browse_as(manager).get(URL)
    link = BeautifulSoup(page.text, "html.parser").select_one(
        f"#{_key(board['t1'])} a[href*='/briefings/{briefing.pk}/edit/']"
    )
    assert link is not None
    editor = page.goto(link["href"])
    form = form_with(editor, "Save as a new version")
    assert form["what_went_well"].value == board["t1"].summary
    assert form["background"].value.startswith("Background")  # the rest is the latest version's
    form.submit().follow()
    assert briefing.versions.get(number=2).what_went_well == board["t1"].summary

    # Good practice of a review the briefing does not cover, or not signed off, is not offered.
    other = browse_as(manager).get(reverse("briefings:edit", args=[briefing.pk]), {"good_practice": _key(board["f3"])})
    assert form_with(other, "Save as a new version")["what_went_well"].value == board["t1"].summary
    assert "cannot be offered here" in other.text
    fresh = browse_as(manager).get(reverse("briefings:new"), {"good_practice": _key(board["f3"])})
    assert form_with(fresh, "Save as a new version")["what_went_well"].value == ""
    for junk in ("finding-", "finding-99999999", "event-theme-x", "../1", _key(board["f2"]).replace("finding", "x")):
        assert browse_as(manager).get(reverse("briefings:new"), {"good_practice": junk}).status_code == 200


def test_only_those_who_may_read_the_item_are_offered_its_text(personas, board):
    """The offer is the briefings' own rule: a briefing writer who may read the review, signed off."""
    from sarhub.briefings import went_well

    key = _key(board["f2"])
    assert went_well.offered(personas["bu_manager"], key) is not None
    for persona in ("chair", "board_member", "agency_lead", "reviewer"):
        assert went_well.offered(personas[persona], key) is None, persona
    assert went_well.offered(personas["bu_manager"], _key(board["f3"])) is None  # not signed off
    barrier = board["signed"].findings.get(kind="barrier")
    assert went_well.offered(personas["bu_manager"], f"finding-{barrier.pk}") is None


def test_a_long_finding_is_cut_to_fit_a_point_at_a_word():
    from sarhub.briefings.went_well import fit

    text, cut = fit("Practitioners went back in person to check. " * 20)
    assert cut and len(text) <= 600 and text.endswith("…") and not text.endswith(" …")
    assert fit("  Short   and\nsweet. ") == ("Short and sweet.", False)
