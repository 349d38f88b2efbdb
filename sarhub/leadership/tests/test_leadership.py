"""The senior leadership log through its pages: who may use it, bad input, the pack, freezing, follow-ups."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from sarhub.audit.models import Action, AuditEvent
from sarhub.leadership import pack, services
from sarhub.leadership.models import FollowUp, MeetingKind, Presentation
from sarhub.reviews.models import Review
from sarhub.reviews.services.content import respond, save_finding, save_recommendation
from sarhub.taxonomy.models import PracticeTheme
from tests.builders import review_at, signed_off_review
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import banner, browse_as, error_summary, field_error, press

pytestmark = pytest.mark.django_db

FINDING = "Her husband's ability to care was assumed, never assessed."
RECOMMENDATION = "Offer a carer's assessment whenever a relative provides personal care."
REASONS = "The council will do this within existing staffing."


def _review(personas: dict[str, Any], pseudonym: str) -> Review:
    """A review the Board has signed off, reached through the services."""
    return signed_off_review(personas, pseudonym=pseudonym)


@pytest.fixture
def review(personas) -> Review:
    """A signed-off review (its referral names the adult) with a themed finding and an answered recommendation."""
    manager = personas["bu_manager"]
    review = _review(personas, "Adult Q")
    carers = PracticeTheme.objects.get(name="Carers")
    finding = save_finding(
        manager,
        review,
        {"text": FINDING, "domain": "direct_work", "kind": "barrier", "practice_themes": [carers]},
        review.findings.get(),
    )
    recommendation = save_recommendation(
        manager,
        review,
        {
            "text": RECOMMENDATION,
            "to_board": True,
            "agencies": [personas["practitioner"].agencies[0]],
            "findings": [finding],
        },
    )
    respond(manager, recommendation, response="accepted_in_part", reasons=REASONS)
    return review


def _kind(name: str = "Place Board") -> MeetingKind:
    return MeetingKind.objects.get(name=name)


def _form(review: Review, **overrides: Any) -> dict[str, Any]:
    """The fields as a crafted post sends them (for the deliberately hostile tests only)."""
    return {
        "meeting_kind": str(_kind().pk),
        "presented_on": timezone.localdate().strftime("%d/%m/%Y"),
        "title": "Carers: thematic findings",
        "reviews": [str(review.pk)],
        "notes": "",
        **overrides,
    }


def _presentation(personas, review: Review, **overrides: Any) -> Presentation:
    return services.record_presentation(
        personas["bu_manager"],
        {
            "meeting_kind": _kind(),
            "presented_on": timezone.localdate(),
            "title": "Carers: thematic findings",
            "reviews": [review],
            **overrides,
        },
    )


def _fields(review: Review, **overrides: Any) -> dict[str, Any]:
    """What the business unit fills in on the presentation form."""
    return {
        "meeting_kind": _kind().pk,
        "presented_on": timezone.localdate(),
        "title": "Carers: thematic findings",
        "reviews": [review.pk],
        **overrides,
    }


def _new_page(personas: dict[str, Any]) -> Any:
    return browse_as(personas["bu_manager"]).get(reverse("leadership:log")).click("Record a presentation")


def _detail(person: Any, presentation: Presentation) -> Any:
    return browse_as(person).get(reverse("leadership:detail", args=[presentation.pk]))


def _audited(action: str, presentation: Presentation, person: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, object_type="leadership.presentation", object_id=str(presentation.pk), person=person
        )
    )


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# --- Meetings ----------------------------------------------------------------------------------------


def test_the_usual_meetings_are_seeded_in_order():
    assert list(MeetingKind.objects.filter(is_active=True).values_list("name", flat=True)) == [
        "Safeguarding Adults Board",
        "Executive Group",
        "Place Board",
    ]


# --- Recording and reading ----------------------------------------------------------------------------


def test_the_business_unit_records_a_presentation_and_board_members_read_it(personas, client_for, review):
    carers, risk = PracticeTheme.objects.get(name="Carers"), PracticeTheme.objects.get(name="Risk management")
    second = _review(personas, "Adult R")
    form_page = _new_page(personas)
    assert f"{review.reference}: Adult Q" in form_page.text and f"{second.reference}: Adult R" in form_page.text
    done = press(
        form_page,
        "Add to the log",
        **_fields(review, reviews=[review.pk, second.pk], practice_themes=[carers.pk, risk.pk]),
        notes="Asked for a briefing.",
    )
    presentation = Presentation.objects.get()
    assert done["Location"] == reverse("leadership:detail", args=[presentation.pk])
    assert banner(done.follow()) == "The presentation has been added to the log."
    assert presentation.meeting_kind == _kind() and presentation.recorded_by == personas["bu_manager"]
    assert presentation.presented_on == timezone.localdate() and presentation.notes == "Asked for a briefing."
    # Every ticked review and theme is kept.
    assert set(presentation.reviews.all()) == {review, second}
    assert set(presentation.practice_themes.all()) == {carers, risk}
    assert _audited(Action.CREATE, presentation, personas["bu_manager"])

    for key in ("board_member", "chair"):
        page = _detail(personas[key], presentation)
        assert "Carers: thematic findings" in page.text
        assert f"{review.reference}: Adult Q" in page.text and f"{second.reference}: Adult R" in page.text
        assert "Risk management, Carers" in page.text
        assert SAMPLE_ADULT_NAME not in page.text
        assert "Mark as presented" not in page.text and "Add a follow-up" not in page.text  # reading only
        assert len(_audited(Action.VIEW, presentation, personas[key])) == 1
    log = browse_as(personas["board_member"]).get(reverse("leadership:log"))
    assert "Carers: thematic findings" in log.text and "Record a presentation" not in log.text


def test_only_the_business_unit_chair_and_board_members_reach_the_log(personas, client_for):
    for key in ("bu_manager", "bu_coordinator", "chair", "board_member"):
        assert client_for(personas[key]).get(reverse("leadership:log")).status_code == 200, key
    for key in ("subgroup_member", "reviewer", "agency_lead", "practitioner", "line_manager", "sysadmin", "no_roles"):
        assert client_for(personas[key]).get(reverse("leadership:log")).status_code == 403, key
        assert client_for(personas[key]).get(reverse("leadership:new")).status_code == 403, key
    for key in ("chair", "board_member"):
        assert client_for(personas[key]).get(reverse("leadership:new")).status_code == 403, key


def test_the_area_is_in_the_navigation_of_those_who_read_the_log(personas, client_for):
    for key, shown in (("board_member", True), ("chair", True), ("bu_manager", True), ("practitioner", False)):
        home = client_for(personas[key]).get(reverse("workspace:home")).content.decode()
        assert (reverse("leadership:log") in home) is shown, key


def test_presentations_are_404_for_outsiders_and_crafted_ids(personas, client_for, review):
    presentation = _presentation(personas, review)
    other = _presentation(personas, review, title="Another")
    follow_up = services.add_follow_up(
        personas["bu_manager"], other, {"text": "Report.", "owner_text": "Manager", "due_on": timezone.localdate()}
    )
    detail = reverse("leadership:detail", args=[presentation.pk])
    for key in ("practitioner", "agency_lead", "reviewer", "subgroup_member", "sysadmin"):
        client = client_for(personas[key])
        assert client.get(detail).status_code == 404, key
        assert client.get(reverse("leadership:pack-pdf", args=[presentation.pk])).status_code == 404, key
    for key in ("board_member", "chair"):  # readers, not recorders
        client = client_for(personas[key])
        assert client.get(reverse("leadership:edit", args=[presentation.pk])).status_code == 404, key
        assert client.post(reverse("leadership:presented", args=[presentation.pk])).status_code == 404, key
        assert client.get(reverse("leadership:follow-up-new", args=[presentation.pk])).status_code == 404, key
    manager = client_for(personas["bu_manager"])
    assert manager.get(reverse("leadership:detail", args=[presentation.pk + 100])).status_code == 404
    assert manager.get("/leadership/99999999999999999999999/").status_code == 404
    # Another presentation's follow-up cannot be reached through this one.
    crossed = manager.post(reverse("leadership:follow-up-done", args=[presentation.pk, follow_up.pk]), {"done": "yes"})
    assert crossed.status_code == 404
    assert manager.get(reverse("leadership:follow-up-edit", args=[presentation.pk, follow_up.pk])).status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.done_at is None
    presentation.refresh_from_db()
    assert presentation.presented_at is None


def test_services_refuse_anyone_but_the_business_unit(personas, review):
    for key in ("board_member", "chair", "sysadmin"):
        with pytest.raises(PermissionDenied):
            _presentation({"bu_manager": personas[key]}, review)
    assert not Presentation.objects.exists()


# --- Bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "   "}, "title", "Enter a title"),
        ({"presented_on": None}, "presented_on", "Enter the date of the meeting"),
        ({"presented_on": "31/2/2026"}, "presented_on", "Date of the meeting must be a real date"),
        ({"presented_on": ("next", "Tuesday", "")}, "presented_on", "Date of the meeting must"),
        ({"presented_on": "1/1/1999"}, "presented_on", "The date of the meeting must be on or after 1 April 2015"),
        ({"presented_on": "1/1/3000"}, "presented_on", "The date of the meeting must be within the next year"),
        ({"reviews": []}, "reviews", "Select at least one review the Board has signed off"),
    ],
)
def test_bad_input_is_answered_beside_the_field_and_in_the_summary_and_changes_nothing(
    personas, review, overrides, field, message
):
    response = press(_new_page(personas), "Add to the log", **{**_fields(review), **overrides})
    assert response.status_code == 200
    assert field_error(response, field).startswith(message)
    assert any(line.startswith(message) for line in error_summary(response))
    assert not Presentation.objects.exists()


def test_a_meeting_must_be_chosen(personas, review):
    fields = _fields(review)
    del fields["meeting_kind"]  # no meeting ticked
    response = press(_new_page(personas), "Add to the log", **fields)
    assert field_error(response, "meeting_kind") == "Select the meeting"
    assert not Presentation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"meeting_kind": "99999999"}, "Select a meeting from the list"),
        ({"meeting_kind": "99999999999999999999999999"}, "Select a meeting from the list"),
        ({"meeting_kind": "abc"}, "Select a meeting from the list"),
        ({"reviews": ["99999999"]}, "Select reviews the Board has signed off"),
        ({"reviews": ["99999999999999999999999999"]}, "Select reviews the Board has signed off"),
        ({"practice_themes": ["99999999"]}, "Select practice themes from the list"),
    ],
)
def test_crafted_choices_are_answered_with_an_error_summary_and_change_nothing(
    personas, client_for, review, overrides, message
):
    # Deliberately hostile: values the page never offers, posted without it.
    response = client_for(personas["bu_manager"]).post(reverse("leadership:new"), _form(review, **overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and message in body
    assert not Presentation.objects.exists()


def test_a_review_the_board_has_not_signed_off_cannot_be_chosen(personas, client_for, review):
    unsigned = review_at(personas, "set_up", pseudonym="Adult U")
    assert f"{unsigned.reference}: Adult U" not in _new_page(personas).text
    # Deliberately hostile: its id posted without the page.
    manager = client_for(personas["bu_manager"])
    response = manager.post(reverse("leadership:new"), _form(review, reviews=[str(review.pk), str(unsigned.pk)]))
    assert response.status_code == 200
    assert "Select reviews the Board has signed off" in response.content.decode()
    assert not Presentation.objects.exists()
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError):
        _presentation(personas, unsigned)
    assert not Presentation.objects.exists()


def test_a_retired_meeting_cannot_be_chosen_for_a_new_presentation(personas, client_for, review):
    MeetingKind.objects.filter(name="Executive Group").update(is_active=False)
    retired = _kind("Executive Group")
    soup = _new_page(personas).html
    assert soup.select_one(f'input[name="meeting_kind"][value="{retired.pk}"]') is None
    # Deliberately hostile: the retired meeting's id posted without the page.
    manager = client_for(personas["bu_manager"])
    response = manager.post(reverse("leadership:new"), _form(review, meeting_kind=str(retired.pk)))
    assert "Select a meeting from the list" in response.content.decode()
    assert not Presentation.objects.exists()


def test_changing_a_presentation_records_the_changed_fields(personas, review):
    presentation = _presentation(personas, review)
    form_page = _detail(personas["bu_manager"], presentation).click("Change the presentation")
    assert form_page.forms[1]["title"].value == "Carers: thematic findings"  # the current details, to change
    bad = press(form_page, "Save changes", title="")
    assert bad.status_code == 200 and field_error(bad, "title") == "Enter a title"
    presentation.refresh_from_db()
    assert presentation.title == "Carers: thematic findings"
    good = press(bad, "Save changes", title="Carers and risk", meeting_kind=_kind("Executive Group").pk)
    assert banner(good.follow()) == "The presentation has been saved."
    presentation.refresh_from_db()
    assert presentation.title == "Carers and risk" and presentation.meeting_kind.name == "Executive Group"
    [event] = _audited(Action.UPDATE, presentation, personas["bu_manager"])
    assert event.detail == "changed: meeting_kind, title"

    # More reviews and themes ticked on the same form are all kept.
    second = _review(personas, "Adult R")
    themes = list(PracticeTheme.objects.filter(name__in=["Carers", "Self-neglect and hoarding", "Risk management"]))
    form_page = _detail(personas["bu_manager"], presentation).click("Change the presentation")
    press(form_page, "Save changes", reviews=[review.pk, second.pk], practice_themes=[t.pk for t in themes])
    assert set(presentation.reviews.all()) == {review, second}
    assert set(presentation.practice_themes.all()) == set(themes) and len(themes) == 3


# --- The pack ----------------------------------------------------------------------------------------


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_pack_in_pdf_has_the_findings_and_recommendations_and_never_the_adults_name(personas, client_for, review):
    presentation = _presentation(personas, review)
    response = client_for(personas["board_member"]).get(reverse("leadership:pack-pdf", args=[presentation.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(_pdf_text(response.content).split())
    assert FINDING in text and RECOMMENDATION in text
    assert f"{review.reference}: Adult Q" in text
    assert "the Board, Testshire Council" in text  # whom it is addressed to
    assert "Accepted in part" in text and REASONS in text  # the response and the status of its actions
    assert "Carers 1 1" in text  # the themes across the reviews
    assert SAMPLE_ADULT_NAME not in text
    catalogue: Any = PdfReader(BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalogue and catalogue["/Lang"] == "en-GB"  # tagged, in English
    metadata = PdfReader(BytesIO(response.content)).metadata
    assert metadata is not None and SAMPLE_ADULT_NAME not in str(metadata)
    assert _audited(Action.DOWNLOAD, presentation, personas["board_member"])[0].detail == "pack pdf, generated"


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_pack_in_docx_has_the_findings_and_recommendations_and_never_the_adults_name(personas, client_for, review):
    presentation = _presentation(personas, review)
    response = client_for(personas["chair"]).get(reverse("leadership:pack-docx", args=[presentation.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert FINDING in text and RECOMMENDATION in text
    assert f"{review.reference}: Adult Q" in text
    assert "Addressed to: the Board, Testshire Council" in text
    assert (
        f"Response: Accepted in part. {REASONS}" in text
        and "Status of actions: Accepted in part; no action agreed yet" in text
    )
    assert SAMPLE_ADULT_NAME not in text
    assert SAMPLE_ADULT_NAME not in str(Document(BytesIO(response.content)).core_properties.title)
    assert _audited(Action.DOWNLOAD, presentation, personas["chair"])[0].detail == "pack docx, generated"


def test_the_status_of_a_recommendations_actions_summarises_their_rag(personas, review):
    from datetime import timedelta

    from sarhub.actions.models import Action
    from sarhub.actions.services import create_action

    recommendation = review.recommendations.get()
    assert pack.recommendation_status(recommendation) == "Accepted in part; no action agreed yet"
    manager = personas["bu_manager"]
    today = timezone.localdate()
    for days in (90, 200):
        create_action(
            manager,
            review,
            {
                "recommendation": recommendation,
                "what": "Train staff.",
                "owner_agency": None,
                "lead": manager,
                "due_on": today + timedelta(days=days),
                "success_measure": "Trained.",
            },
        )
    Action.objects.filter(due_on=today + timedelta(days=200)).update(status="assured")
    assert pack.recommendation_status(recommendation, today) == "2 actions: 1 green, 1 complete"
    Action.objects.filter(due_on=today + timedelta(days=90)).update(status="off_track")
    assert pack.recommendation_status(recommendation, today) == "2 actions: 1 red, 1 complete"


def test_the_themes_across_reviews_count_findings_per_theme(personas, review):
    carers, risk = PracticeTheme.objects.get(name="Carers"), PracticeTheme.objects.get(name="Risk management")
    second = _review(personas, "Adult R")
    for text, themes in (("Risk was held alone.", [carers, risk]), ("No one led.", [risk])):
        save_finding(
            personas["bu_manager"],
            second,
            {"text": text, "domain": "inter_agency", "kind": "barrier", "practice_themes": themes},
        )
    presentation = _presentation(personas, review, reviews=[review, second])
    assert pack.context(presentation)["theme_counts"] == [
        {"name": "Carers", "findings": 2, "reviews": 2},
        {"name": "Risk management", "findings": 2, "reviews": 1},
    ]


# --- Freezing the pack -------------------------------------------------------------------------------


def test_marking_presented_freezes_the_pack_and_the_details(personas, client_for, review):
    presentation = _presentation(personas, review)
    manager = client_for(personas["bu_manager"])
    confirm = _detail(personas["bu_manager"], presentation).click("Mark as presented")
    done = press(confirm, "Mark as presented and keep the pack").follow()
    assert banner(done) == "Marked as presented. The pack is kept as the meeting saw it."
    assert "Change the presentation" not in done.text
    presentation.refresh_from_db()
    assert presentation.is_presented and presentation.presented_by == personas["bu_manager"]
    assert presentation.pack_pdf and presentation.pack_docx
    assert _audited(Action.STATE_CHANGE, presentation, personas["bu_manager"])

    # The review's finding changes later: the frozen pack still shows what the meeting saw.
    finding = review.findings.get(text=FINDING)
    save_finding(
        personas["bu_manager"],
        review,
        {"text": "A rewritten finding.", "domain": "direct_work", "kind": "barrier"},
        finding,
    )
    board = client_for(personas["board_member"])
    pdf = board.get(reverse("leadership:pack-pdf", args=[presentation.pk]))
    docx = board.get(reverse("leadership:pack-docx", args=[presentation.pk]))
    assert FINDING in " ".join(_pdf_text(pdf.content).split()) and FINDING in _docx_text(docx.content)
    assert "A rewritten finding." not in _docx_text(docx.content)
    assert "A rewritten finding." in _docx_text(pack.as_docx(presentation))  # a fresh one would differ
    assert [e.detail for e in _audited(Action.DOWNLOAD, presentation, personas["board_member"])] == [
        "pack docx, frozen",
        "pack pdf, frozen",
    ]

    # Its details can no longer be changed, and it cannot be marked presented twice.
    edit = manager.get(reverse("leadership:edit", args=[presentation.pk]))
    assert edit.status_code == 302
    # Deliberately hostile: a change posted without the page, which no longer offers it.
    manager.post(reverse("leadership:edit", args=[presentation.pk]), _form(review, title="Changed"))
    presentation.refresh_from_db()
    assert presentation.title == "Carers: thematic findings"
    with pytest.raises(ValidationError):
        services.change_presentation(personas["bu_manager"], presentation, {**_form(review), "title": "Changed"})
    with pytest.raises(ValidationError):
        services.mark_presented(personas["bu_manager"], presentation)


def test_a_meeting_still_to_come_cannot_be_marked_presented(personas, client_for, review):
    presentation = _presentation(personas, review, presented_on=timezone.localdate() + timedelta(days=10))
    manager = client_for(personas["bu_manager"])
    confirm = _detail(personas["bu_manager"], presentation).click("Mark as presented")
    assert "Mark as presented and keep the pack" not in confirm.text
    assert "You can mark the presentation as presented on or after that date." in confirm.text
    # Deliberately hostile: the post the page does not offer yet.
    response = manager.post(reverse("leadership:presented", args=[presentation.pk]), follow=True)
    assert "mark it as presented on or after that date" in response.content.decode()
    presentation.refresh_from_db()
    assert not presentation.is_presented and not presentation.pack_pdf


# --- Follow-ups --------------------------------------------------------------------------------------


def _follow_up_page(personas: dict[str, Any], presentation: Presentation) -> Any:
    return _detail(personas["bu_manager"], presentation).click("Add a follow-up")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "Enter what was agreed"),
        ({"owner_text": ""}, "owner_text", "Say who owns it: select an agency, enter an owner, or both"),
        ({"due_on": None}, "due_on", "Enter the due date"),
        ({"due_on": "32/13/2026"}, "due_on", "Due date must be a real date"),
        ({"due_on": "1/1/2016"}, "due_on", "The due date must be on or after the meeting"),
    ],
)
def test_follow_up_bad_input_is_answered_and_changes_nothing(personas, review, data, field, message):
    presentation = _presentation(personas, review)
    form = {"text": "Report back.", "owner_text": "Manager", "due_on": timezone.localdate(), **data}
    response = press(_follow_up_page(personas, presentation), "Add the follow-up", **form)
    assert response.status_code == 200
    assert field_error(response, field).startswith(message)
    assert any(line.startswith(message) for line in error_summary(response))
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("agency", ["99999999", "99999999999999999999999999"])
def test_a_crafted_owner_agency_is_answered(personas, client_for, review, agency):
    presentation = _presentation(personas, review)
    # Deliberately hostile: an agency the page never offers.
    response = client_for(personas["bu_manager"]).post(
        reverse("leadership:follow-up-new", args=[presentation.pk]),
        {"text": "Report.", "owner_agency": agency, "owner_text": "", "due_on": f"{timezone.localdate():%d/%m/%Y}"},
    )
    assert response.status_code == 200 and "Select an agency from the list" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_follow_ups_are_added_done_and_undone(personas, client_for, review):
    presentation = _presentation(personas, review)
    agency = personas["practitioner"].agencies[0]
    due = timezone.localdate() + timedelta(days=30)
    added = press(
        _follow_up_page(personas, presentation),
        "Add the follow-up",
        text="Brief every team.",
        owner_agency=agency.pk,
        due_on=due,
    ).follow()
    assert banner(added) == "The follow-up has been added."
    follow_up = FollowUp.objects.get()
    assert (follow_up.text, follow_up.owner_agency, follow_up.owner_text, follow_up.due_on) == (
        "Brief every team.",
        agency,
        "",
        due,
    )
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="leadership.followup").exists()

    done = press(added, "Mark as done").follow()
    assert banner(done) == "Marked as done."
    follow_up.refresh_from_db()
    assert follow_up.is_done and follow_up.done_by == personas["bu_manager"]
    page = _detail(personas["board_member"], presentation)
    assert "Done" in page.text and "Brief every team." in page.text

    # Deliberately hostile: an answer the page never sends.
    done_url = reverse("leadership:follow-up-done", args=[presentation.pk, follow_up.pk])
    crafted = client_for(personas["bu_manager"]).post(done_url, {"done": "maybe"}, follow=True)
    assert "Choose whether the follow-up is done" in crafted.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.is_done

    undone = press(done, "Mark as not done").follow()
    assert banner(undone) == "Marked as not done."
    follow_up.refresh_from_db()
    assert not follow_up.is_done and follow_up.done_by is None
    details = list(
        AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="leadership.followup")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["done", "not done"]


def test_a_follow_up_can_be_changed_and_shows_overdue(personas, review):
    presentation = _presentation(personas, review, presented_on=timezone.localdate() - timedelta(days=60))
    follow_up = services.add_follow_up(
        personas["bu_manager"],
        presentation,
        {"text": "Report back.", "owner_text": "Manager", "due_on": timezone.localdate() - timedelta(days=1)},
    )
    assert follow_up.is_overdue
    log = browse_as(personas["chair"]).get(reverse("leadership:log"))
    assert "1 overdue" in log.text
    form_page = _detail(personas["bu_manager"], presentation).click("Change", href="follow-ups")
    too_late = press(form_page, "Save changes", text="Report back in full.", owner_text="Chair", due_on="1/1/2099")
    assert field_error(too_late, "due_on") == "The due date must be within 3 years of the meeting"
    due = timezone.localdate() + timedelta(days=7)
    changed = press(too_late, "Save changes", due_on=due).follow()
    assert banner(changed) == "The follow-up has been saved."
    follow_up.refresh_from_db()
    assert (follow_up.text, follow_up.owner_text, follow_up.due_on) == ("Report back in full.", "Chair", due)
    assert not follow_up.is_overdue
    assert AuditEvent.objects.get(action=Action.UPDATE, object_type="leadership.followup").detail == (
        "changed: due_on, owner_text, text"
    )


# --- Demo data ---------------------------------------------------------------------------------------


def test_the_demo_presents_every_signed_off_review_with_several_themes_to_the_place_board_once(personas):
    from sarhub.demo.leadership import seed_leadership

    first = _review(personas, "Adult O")
    second = _review(personas, "Adult P")
    fire = PracticeTheme.objects.get(name="Fire risk")
    save_finding(
        personas["bu_manager"],
        second,
        {"text": "Fire risk was not shared.", "domain": "inter_agency", "kind": "barrier", "practice_themes": [fire]},
        second.findings.get(),
    )
    people = {"bu-manager": personas["bu_manager"], "chair": personas["chair"]}
    seed_leadership(people)
    presentation = Presentation.objects.get()
    assert presentation.meeting_kind.name == "Place Board"
    assert set(presentation.reviews.all()) == {first, second}
    assert set(presentation.practice_themes.values_list("name", flat=True)) == {
        "Carers",
        "Multi-agency working",
        "Fire risk",
    }
    assert presentation.is_presented and presentation.pack_pdf and presentation.pack_docx
    assert sorted(f.is_done for f in presentation.follow_ups.all()) == [False, True]
    seed_leadership(people)
    assert Presentation.objects.count() == 1 and FollowUp.objects.count() == 2
