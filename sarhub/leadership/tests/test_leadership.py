"""The senior leadership log through its pages: who may use it, bad input, the pack, freezing, follow-ups."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from sarhub.audit.models import Action, AuditEvent
from sarhub.leadership import pack, services
from sarhub.leadership.models import FollowUp, MeetingKind, Presentation
from sarhub.reviews.content import respond, save_finding, save_recommendation
from sarhub.reviews.models import Review, Stage
from sarhub.reviews.services import set_up_review
from sarhub.taxonomy.models import PracticeTheme
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME

pytestmark = pytest.mark.django_db

FINDING = "Her husband's ability to care was assumed, never assessed."
RECOMMENDATION = "Offer a carer's assessment whenever a relative provides personal care."
REASONS = "The council will do this within existing staffing."


def _review(personas: dict[str, Any], pseudonym: str, *, signed_off: bool = True) -> Review:
    manager = personas["bu_manager"]
    review = set_up_review(manager, [_decided(personas)], route="rapid", data={"pseudonym": pseudonym})
    if signed_off:
        Review.objects.filter(pk=review.pk).update(stage=Stage.COMPLETE, signed_off_on=timezone.localdate())
    return Review.objects.get(pk=review.pk)


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
    carers = PracticeTheme.objects.get(name="Carers")
    manager = client_for(personas["bu_manager"])
    form_page = manager.get(reverse("leadership:new")).content.decode()
    assert f"{review.reference}: Adult Q" in form_page
    response = manager.post(
        reverse("leadership:new"), _form(review, practice_themes=[str(carers.pk)], notes="Asked for a briefing.")
    )
    presentation = Presentation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("leadership:detail", args=[presentation.pk])
    assert presentation.meeting_kind == _kind() and presentation.recorded_by == personas["bu_manager"]
    assert list(presentation.reviews.all()) == [review]
    assert list(presentation.practice_themes.all()) == [carers]
    assert _audited(Action.CREATE, presentation, personas["bu_manager"])

    for key in ("board_member", "chair"):
        page = client_for(personas[key]).get(reverse("leadership:detail", args=[presentation.pk]))
        body = page.content.decode()
        assert page.status_code == 200
        assert "Carers: thematic findings" in body and f"{review.reference}: Adult Q" in body
        assert SAMPLE_ADULT_NAME not in body
        assert "Mark as presented" not in body and "Add a follow-up" not in body  # reading only
        assert len(_audited(Action.VIEW, presentation, personas[key])) == 1
    log = client_for(personas["board_member"]).get(reverse("leadership:log")).content.decode()
    assert "Carers: thematic findings" in log and "Record a presentation" not in log


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
        home = client_for(personas[key]).get(reverse("core:home")).content.decode()
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
    ("overrides", "message"),
    [
        ({"title": "   "}, "Enter a title"),
        ({"presented_on": ""}, "Enter the date of the meeting"),
        ({"presented_on": "31/2/2026"}, "Enter a real date, like 17/3/2026"),
        ({"presented_on": "next Tuesday"}, "Enter a real date, like 17/3/2026"),
        ({"presented_on": "1/1/1999"}, "The date of the meeting must be on or after 1 April 2015"),
        ({"presented_on": "1/1/3000"}, "The date of the meeting must be within the next year"),
        ({"meeting_kind": ""}, "Select the meeting"),
        ({"meeting_kind": "99999999"}, "Select a meeting from the list"),
        ({"meeting_kind": "99999999999999999999999999"}, "Select a meeting from the list"),
        ({"meeting_kind": "abc"}, "Select a meeting from the list"),
        ({"reviews": []}, "Select at least one review the Board has signed off"),
        ({"reviews": ["99999999"]}, "Select reviews the Board has signed off"),
        ({"reviews": ["99999999999999999999999999"]}, "Select reviews the Board has signed off"),
        ({"practice_themes": ["99999999"]}, "Select practice themes from the list"),
    ],
)
def test_bad_input_is_answered_with_an_error_summary_and_changes_nothing(
    personas, client_for, review, overrides, message
):
    response = client_for(personas["bu_manager"]).post(reverse("leadership:new"), _form(review, **overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and message in body
    assert not Presentation.objects.exists()


def test_a_review_the_board_has_not_signed_off_cannot_be_chosen(personas, client_for, review):
    unsigned = _review(personas, "Adult U", signed_off=False)
    manager = client_for(personas["bu_manager"])
    assert f"{unsigned.reference}: Adult U" not in manager.get(reverse("leadership:new")).content.decode()
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
    manager = client_for(personas["bu_manager"])
    response = manager.post(reverse("leadership:new"), _form(review, meeting_kind=str(_kind("Executive Group").pk)))
    assert "Select a meeting from the list" in response.content.decode()
    assert not Presentation.objects.exists()


def test_changing_a_presentation_records_the_changed_fields(personas, client_for, review):
    presentation = _presentation(personas, review)
    manager = client_for(personas["bu_manager"])
    bad = manager.post(reverse("leadership:edit", args=[presentation.pk]), _form(review, title=""))
    assert "Enter a title" in bad.content.decode()
    presentation.refresh_from_db()
    assert presentation.title == "Carers: thematic findings"
    good = manager.post(
        reverse("leadership:edit", args=[presentation.pk]),
        _form(review, title="Carers and risk", meeting_kind=str(_kind("Executive Group").pk)),
    )
    assert good.status_code == 302
    presentation.refresh_from_db()
    assert presentation.title == "Carers and risk" and presentation.meeting_kind.name == "Executive Group"
    [event] = _audited(Action.UPDATE, presentation, personas["bu_manager"])
    assert event.detail == "changed: meeting_kind, title"


# --- The pack ----------------------------------------------------------------------------------------


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
    confirm = manager.get(reverse("leadership:presented", args=[presentation.pk]))
    assert "Mark as presented and keep the pack" in confirm.content.decode()
    response = manager.post(reverse("leadership:presented", args=[presentation.pk]))
    assert response.status_code == 302
    presentation.refresh_from_db()
    assert presentation.is_presented and presentation.presented_by == personas["bu_manager"]
    assert presentation.pack_pdf and presentation.pack_docx
    assert _audited(Action.STATE_CHANGE, presentation, personas["bu_manager"])

    # The review's finding changes later: the frozen pack still shows what the meeting saw.
    finding = review.findings.get()
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
    confirm = manager.get(reverse("leadership:presented", args=[presentation.pk])).content.decode()
    assert "Mark as presented and keep the pack" not in confirm
    response = manager.post(reverse("leadership:presented", args=[presentation.pk]), follow=True)
    assert "mark it as presented on or after that date" in response.content.decode()
    presentation.refresh_from_db()
    assert not presentation.is_presented and not presentation.pack_pdf


# --- Follow-ups --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Enter what was agreed"),
        ({"owner_text": "", "owner_agency": ""}, "Say who owns it: select an agency, enter an owner, or both"),
        ({"owner_agency": "99999999"}, "Select an agency from the list"),
        ({"owner_agency": "99999999999999999999999999"}, "Select an agency from the list"),
        ({"due_on": ""}, "Enter the due date"),
        ({"due_on": "32/13/2026"}, "Enter a real date, like 30/6/2026"),
        ({"due_on": "1/1/2016"}, "The due date must be on or after the meeting"),
    ],
)
def test_follow_up_bad_input_is_answered_and_changes_nothing(personas, client_for, review, data, message):
    presentation = _presentation(personas, review)
    today = timezone.localdate().strftime("%d/%m/%Y")
    form = {"text": "Report back.", "owner_agency": "", "owner_text": "Manager", "due_on": today, **data}
    response = client_for(personas["bu_manager"]).post(
        reverse("leadership:follow-up-new", args=[presentation.pk]), form
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert not FollowUp.objects.exists()


def test_follow_ups_are_added_done_and_undone(personas, client_for, review):
    presentation = _presentation(personas, review)
    agency = personas["practitioner"].agencies[0]
    manager = client_for(personas["bu_manager"])
    due = timezone.localdate() + timedelta(days=30)
    response = manager.post(
        reverse("leadership:follow-up-new", args=[presentation.pk]),
        {"text": "Brief every team.", "owner_agency": str(agency.pk), "owner_text": "", "due_on": f"{due:%d/%m/%Y}"},
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.text, follow_up.owner_agency, follow_up.due_on) == ("Brief every team.", agency, due)
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="leadership.followup").exists()

    done_url = reverse("leadership:follow-up-done", args=[presentation.pk, follow_up.pk])
    manager.post(done_url, {"done": "yes"})
    follow_up.refresh_from_db()
    assert follow_up.is_done and follow_up.done_by == personas["bu_manager"]
    page = client_for(personas["board_member"]).get(reverse("leadership:detail", args=[presentation.pk]))
    assert "Done" in page.content.decode() and "Brief every team." in page.content.decode()

    crafted = manager.post(done_url, {"done": "maybe"}, follow=True)
    assert "Choose whether the follow-up is done" in crafted.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.is_done

    manager.post(done_url, {"done": "no"})
    follow_up.refresh_from_db()
    assert not follow_up.is_done and follow_up.done_by is None
    details = list(
        AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="leadership.followup")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["done", "not done"]


def test_a_follow_up_can_be_changed_and_shows_overdue(personas, client_for, review):
    presentation = _presentation(personas, review, presented_on=timezone.localdate() - timedelta(days=60))
    follow_up = services.add_follow_up(
        personas["bu_manager"],
        presentation,
        {"text": "Report back.", "owner_text": "Manager", "due_on": timezone.localdate() - timedelta(days=1)},
    )
    assert follow_up.is_overdue
    log = client_for(personas["chair"]).get(reverse("leadership:log")).content.decode()
    assert "1 overdue" in log
    manager = client_for(personas["bu_manager"])
    response = manager.post(
        reverse("leadership:follow-up-edit", args=[presentation.pk, follow_up.pk]),
        {"text": "Report back in full.", "owner_agency": "", "owner_text": "Chair", "due_on": "1/1/2099"},
    )
    assert "The due date must be within 3 years of the meeting" in response.content.decode()
    due = timezone.localdate() + timedelta(days=7)
    manager.post(
        reverse("leadership:follow-up-edit", args=[presentation.pk, follow_up.pk]),
        {"text": "Report back in full.", "owner_agency": "", "owner_text": "Chair", "due_on": f"{due:%d/%m/%Y}"},
    )
    follow_up.refresh_from_db()
    assert (follow_up.text, follow_up.owner_text, follow_up.due_on) == ("Report back in full.", "Chair", due)
    assert not follow_up.is_overdue
    assert AuditEvent.objects.get(action=Action.UPDATE, object_type="leadership.followup").detail == (
        "changed: due_on, owner_text, text"
    )


# --- Demo data ---------------------------------------------------------------------------------------


@override_settings(DEBUG=True, DEMO_MODE=True)
def test_the_demo_presents_the_signed_off_review_to_the_place_board_once():
    call_command("seed_demo", stdout=StringIO())
    presentation = Presentation.objects.get()
    assert presentation.meeting_kind.name == "Place Board"
    assert list(presentation.reviews.values_list("pseudonym", flat=True)) == ["Adult O"]
    assert presentation.is_presented and presentation.pack_pdf and presentation.pack_docx
    assert sorted(f.is_done for f in presentation.follow_ups.all()) == [False, True]
    call_command("seed_demo", stdout=StringIO())
    assert Presentation.objects.count() == 1 and FollowUp.objects.count() == 2
