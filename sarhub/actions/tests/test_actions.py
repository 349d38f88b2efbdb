"""The action plan: SMART actions, progress with evidence, assurance, no lost updates, scoping by agency,
the plan's filters and exports, and bad input that changes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any, cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sarhub.actions import services
from sarhub.actions.models import Action, NotImplemented, ProgressUpdate, Rag, Status, rag_for
from sarhub.audit.models import AuditEvent
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.content import save_finding, save_recommendation
from sarhub.reviews.models import Review
from sarhub.reviews.services import set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import AgencyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def review(personas) -> Review:
    return set_up_review(personas["bu_manager"], [_decided(personas)], route="rapid", data={"pseudonym": "Adult K"})


@pytest.fixture
def recommendation(personas, review):
    finding = save_finding(
        personas["bu_manager"], review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"}
    )
    return save_recommendation(
        personas["bu_manager"], review, {"text": "Share risk at discharge.", "to_board": True, "findings": [finding]}
    )


@pytest.fixture
def hospital() -> Agency:
    return Agency.objects.get(name="Testshire Hospital Trust")


def details(lead, agency, **overrides: Any) -> dict[str, Any]:
    return {
        "what": "Audit discharge summaries for shared risk.",
        "owner_agency": agency,
        "lead": lead,
        "due_on": TODAY + timedelta(days=90),
        "success_measure": "Nine in ten discharge summaries name the risk.",
    } | overrides


@pytest.fixture
def action(personas, review, recommendation, hospital) -> Action:
    return services.create_action(
        personas["bu_manager"], review, {"recommendation": recommendation, **details(personas["agency_lead"], hospital)}
    )


def _evidence(person, action: Action, name: str = "audit.pdf", content: bytes = PDF) -> None:
    from sarhub.documents.services import add_document

    add_document(person, action, title="Audit", classification="confidential", upload=SimpleUploadedFile(name, content))


# --- RAG --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (Status.ASSURED, -10, Rag.COMPLETE),
        (Status.NOT_IMPLEMENTED, -10, Rag.CLOSED),
        (Status.AWAITING_ASSURANCE, -10, Rag.GREEN),
        (Status.ON_TRACK, 10, Rag.GREEN),
        (Status.ON_TRACK, -1, Rag.RED),
        (Status.OFF_TRACK, 100, Rag.RED),
        (Status.AT_RISK, 100, Rag.AMBER),
        (Status.NOT_STARTED, 20, Rag.AMBER),
        (Status.NOT_STARTED, 60, Rag.GREEN),
    ],
)
def test_the_rag_rating_is_derived_from_status_and_dates(status, due, expected, personas, action):
    assert rag_for(status, TODAY + timedelta(days=due), TODAY) == expected
    # and the database condition the plan filters and counts with agrees
    from sarhub.actions.selectors import rag_q

    Action.objects.filter(pk=action.pk).update(status=status, due_on=TODAY + timedelta(days=due))
    assert list(Action.objects.filter(rag_q(expected, TODAY)).values_list("pk", flat=True)) == [action.pk]


# --- Creating ---------------------------------------------------------------------------------------


def test_an_action_is_smart_and_bad_input_changes_nothing(personas, review, recommendation, hospital):
    manager, lead = personas["bu_manager"], personas["agency_lead"]
    with pytest.raises(ValidationError) as caught:
        services.create_action(
            manager, review, details(lead, hospital, what=" ", success_measure="", due_on=TODAY - timedelta(days=1))
        )
    assert set(caught.value.message_dict) == {"what", "success_measure", "due_on", "recommendation"}
    assert "on or after the date the action was created" in caught.value.message_dict["due_on"][0]
    other = set_up_review(manager, [_decided(personas)], route="rapid", data={"pseudonym": "Adult L"})
    with pytest.raises(ValidationError, match="recommendation of this review"):
        services.create_action(manager, other, {"recommendation": recommendation, **details(lead, hospital)})
    with pytest.raises(PermissionDenied):
        services.create_action(lead, review, {"recommendation": recommendation, **details(lead, hospital)})
    assert not Action.objects.exists()


def test_adding_an_action_through_the_page(personas, client_for, review, recommendation, hospital):
    manager = client_for(personas["bu_manager"])
    address = reverse("actions:new", args=[review.pk])
    form = {
        "recommendation": str(recommendation.pk),
        "what": "Audit discharge summaries.",
        "owner_agency": str(hospital.pk),
        "lead_email": "nobody@testshire.example.org",
        "due_on": (TODAY - timedelta(days=3)).strftime("%d/%m/%Y"),
        "success_measure": "Nine in ten name the risk.",
    }
    page = manager.post(address, form).content.decode()
    assert "Enter the email address of someone with a SAR Hub account" in page
    page = manager.post(address, {**form, "lead_email": personas["agency_lead"].email}).content.decode()
    assert "on or after the date the action was created" in page
    page = manager.post(address, {**form, "recommendation": "99999999999999999999999"}).content.decode()
    assert "Choose a recommendation of this review" in page
    assert not Action.objects.exists()
    response = manager.post(
        address,
        {
            **form,
            "lead_email": personas["agency_lead"].email.upper(),
            "due_on": (TODAY + timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and action.lead == personas["agency_lead"] and action.owner_agency == hospital
    assert action.recommendation == recommendation and action.status == Status.NOT_STARTED
    section = manager.get(reverse("actions:for-review", args=[review.pk])).content.decode()
    assert "Audit discharge summaries." in section and "Recommendation 1" in section


# --- Progress, evidence and assurance ---------------------------------------------------------------


def test_agency_leads_update_only_their_own_agencys_actions(personas, review, recommendation, action):
    council = Agency.objects.get(name="Testshire Council")
    other_lead = cast(Person, PersonFactory(email="council.lead@testshire.example.org"))
    MembershipFactory(person=other_lead, role="agency_lead", agency=council)
    with pytest.raises(PermissionDenied):
        services.report_progress(other_lead, action, action.version, {"status": Status.ON_TRACK, "note": "Started."})
    updated = services.report_progress(
        personas["agency_lead"], action, action.version, {"status": Status.ON_TRACK, "note": "Started the audit."}
    )
    assert updated.status == Status.ON_TRACK and updated.version == action.version + 1


@pytest.mark.parametrize("status", [Status.ASSURED, Status.NOT_IMPLEMENTED, "done", ""])
def test_a_status_jump_that_skips_assurance_is_refused(status, personas, action):
    with pytest.raises(ValidationError) as caught:
        services.report_progress(personas["agency_lead"], action, action.version, {"status": status, "note": "Done."})
    assert "status" in caught.value.message_dict
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED and action.version == 1 and not ProgressUpdate.objects.exists()


def test_completion_needs_evidence_then_assurance_accepts_or_returns(personas, client_for, action):
    lead, manager = personas["agency_lead"], personas["bu_manager"]
    with pytest.raises(ValidationError, match="Attach evidence"):
        services.report_progress(lead, action, 1, {"status": Status.AWAITING_ASSURANCE, "note": "Finished."})
    # Evidence of the wrong kind, through the page, is refused with the document check's message: nothing changes.
    page = client_for(lead).post(
        reverse("actions:progress", args=[action.pk]),
        {
            "version": "1",
            "status": Status.AWAITING_ASSURANCE,
            "note": "Finished.",
            "evidence": SimpleUploadedFile("audit.pdf", b"MZ\x90\x00 not really a PDF"),
        },
    )
    assert page.status_code == 400 and "govuk-error-summary" in page.content.decode()
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED and services.evidence_count(action) == 0
    response = client_for(lead).post(
        reverse("actions:progress", args=[action.pk]),
        {
            "version": "1",
            "status": Status.AWAITING_ASSURANCE,
            "note": "Audit done: 92%.",
            "evidence": SimpleUploadedFile("audit.pdf", PDF),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.AWAITING_ASSURANCE and action.completed_on == TODAY
    assert services.evidence_count(action) == 1
    # Returned with reasons, then reported again and accepted with an impact check date.
    with pytest.raises(ValidationError) as caught:
        services.assure(manager, action, action.version, {"decision": "return", "note": ""})
    assert "note" in caught.value.message_dict
    action = services.assure(manager, action, action.version, {"decision": "return", "note": "Add the ward data."})
    assert action.status == Status.ON_TRACK and action.completed_on is None
    action = services.report_progress(
        lead, action, action.version, {"status": Status.AWAITING_ASSURANCE, "note": "Ward data added."}
    )
    with pytest.raises(ValidationError, match="after today"):
        services.assure(
            manager, action, action.version, {"decision": "accept", "note": "Seen.", "impact_check_on": TODAY}
        )
    action = services.assure(
        manager,
        action,
        action.version,
        {"decision": "accept", "note": "Seen.", "impact_check_on": TODAY + timedelta(days=180)},
    )
    assert action.status == Status.ASSURED and action.assured_by == manager
    with pytest.raises(ValidationError, match="can no longer be reported"):
        services.report_progress(lead, action, action.version, {"status": Status.ON_TRACK, "note": "More."})
    action = services.record_impact(manager, action, action.version, "Re-audit: 95%.")
    assert action.impact_outcome == "Re-audit: 95%."
    kinds = list(
        ProgressUpdate.objects.filter(action=action).order_by("created_at", "id").values_list("kind", flat=True)
    )
    assert kinds == ["progress", "returned", "progress", "accepted", "impact"]


# --- No lost updates ---------------------------------------------------------------------------------


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(personas, client_for, action):
    manager = client_for(personas["bu_manager"])
    coordinator = client_for(personas["bu_coordinator"])
    address = reverse("actions:edit", args=[action.pk])
    form = {
        "version": "1",
        "what": "Audit discharge summaries for shared risk.",
        "owner_agency": str(action.owner_agency_id),
        "lead_email": action.lead.email,
        "due_on": (TODAY + timedelta(days=90)).strftime("%d/%m/%Y"),
        "success_measure": "Nine in ten discharge summaries name the risk.",
    }
    # Both loaded version 1. The manager saves first.
    first = manager.post(address, {**form, "what": "Audit every discharge summary."})
    assert first.status_code == 302
    second = coordinator.post(address, {**form, "success_measure": "All of them name the risk."})
    page = second.content.decode()
    assert second.status_code == 409 and "changed by someone else" in page
    assert "Audit every discharge summary." in page  # the current values are shown
    action.refresh_from_db()
    assert action.what == "Audit every discharge summary." and action.success_measure.startswith("Nine in ten")
    assert action.version == 2
    # The same protection for progress: an agency lead working from version 1 is told too.
    response = client_for(personas["agency_lead"]).post(
        reverse("actions:progress", args=[action.pk]), {"version": "1", "status": "on_track", "note": "Started."}
    )
    assert response.status_code == 409 and "changed by someone else" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_concurrent_writers_at_the_database_cannot_both_win(personas, action):
    one = Action.objects.get(pk=action.pk)
    two = Action.objects.get(pk=action.pk)
    services.report_progress(personas["agency_lead"], one, one.version, {"status": Status.ON_TRACK, "note": "A."})
    with pytest.raises(services.Conflict) as caught:
        services.report_progress(personas["agency_lead"], two, two.version, {"status": Status.AT_RISK, "note": "B."})
    assert caught.value.current.status == Status.ON_TRACK
    assert ProgressUpdate.objects.count() == 1


# --- Not implemented ----------------------------------------------------------------------------------


def test_a_decision_not_to_implement_is_recorded_with_reasons(personas, review, recommendation, action):
    manager = personas["bu_manager"]
    with pytest.raises(ValidationError) as caught:
        services.record_not_implemented(
            manager, review, {"recommendation": recommendation, "reasons": " ", "decided_on": TODAY + timedelta(days=1)}
        )
    assert set(caught.value.message_dict) == {"reasons", "decided_on"}
    services.record_not_implemented(
        manager,
        review,
        {"recommendation": recommendation, "reasons": "A national pathway replaces it.", "decided_on": TODAY},
    )
    assert NotImplemented.objects.get().reasons == "A national pathway replaces it."
    closed = services.close_not_implemented(manager, action, action.version, "Superseded by the national pathway.")
    assert closed.status == Status.NOT_IMPLEMENTED and closed.rag() == Rag.CLOSED


# --- The plan, its scoping, filters and exports ------------------------------------------------------


def _second_action(personas, review, recommendation) -> Action:
    council = Agency.objects.get(name="Testshire Council")
    return services.create_action(
        personas["bu_manager"],
        review,
        {
            "recommendation": recommendation,
            **details(personas["bu_manager"], council, what="Council training on risk."),
        },
    )


def test_the_plan_is_scoped_and_its_exports_follow_the_same_filters(
    personas, client_for, review, recommendation, action
):
    council_action = _second_action(personas, review, recommendation)
    manager = client_for(personas["bu_manager"])
    lead = client_for(personas["agency_lead"])
    whole = manager.get(reverse("actions:plan")).content.decode()
    assert "Audit discharge summaries" in whole and "Council training on risk." in whole
    own = lead.get(reverse("actions:plan")).content.decode()
    assert "Audit discharge summaries" in own and "Council training on risk." not in own
    assert lead.get(reverse("actions:detail", args=[council_action.pk])).status_code == 404
    council = Agency.objects.get(name="Testshire Council")
    assert lead.get(reverse("actions:agency", args=[council.pk])).status_code == 404
    # Filters, on the page and in both exports.
    query = {"agency": str(council.pk)}
    assert "Audit discharge summaries" not in manager.get(reverse("actions:plan"), query).content.decode()
    rows = list(csv.reader(io.StringIO(manager.get(reverse("actions:export-csv"), query).content.decode("utf-8-sig"))))
    assert rows[0][0] == "Action" and [r[4] for r in rows[1:]] == ["Council training on risk."]
    sheet = load_workbook(io.BytesIO(manager.get(reverse("actions:export-xlsx"), query).content)).active
    assert [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Council training on risk."]
    # The agency lead's export holds only their agency's action, whatever they ask for.
    rows = list(csv.reader(io.StringIO(lead.get(reverse("actions:export-csv")).content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [str(action.pk)]
    rows = list(csv.reader(io.StringIO(lead.get(reverse("actions:export-csv"), query).content.decode("utf-8-sig"))))
    assert rows[1:] == []
    assert AuditEvent.objects.filter(action="export").count() >= 3


@pytest.mark.parametrize(
    "query",
    [
        {"status": "done"},
        {"agency": "99999999999999999999"},
        {"rag": "purple"},
        {"due_from": "31/2/2026"},
        {"due_from": "1/5/2027", "due_to": "1/4/2027"},
        {"review": "x" * 500},
        {"page": "-1"},
    ],
)
def test_crafted_filters_give_a_message_and_no_error(query, personas, client_for, action):
    manager = client_for(personas["bu_manager"])
    response = manager.get(reverse("actions:plan"), query)
    assert response.status_code == 200
    export = manager.get(reverse("actions:export-csv"), query)
    if export.status_code == 302:  # filters it cannot use: back to the plan, where the messages are
        assert export["Location"].startswith(reverse("actions:plan") + "?")
    else:
        assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")


def test_a_formula_in_an_action_cannot_run_in_a_spreadsheet(personas, client_for, review, recommendation):
    services.create_action(
        personas["bu_manager"],
        review,
        {"recommendation": recommendation, **details(personas["bu_manager"], None, what='=HYPERLINK("http://x","y")')},
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client_for(personas["bu_manager"]).get(reverse("actions:export-csv")).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1][4].startswith("'=")


def test_my_actions_lists_what_i_lead(personas, client_for, review, recommendation, action):
    _second_action(personas, review, recommendation)
    page = client_for(personas["agency_lead"]).get(reverse("actions:mine")).content.decode()
    assert "Audit discharge summaries" in page and "Council training" not in page


def test_the_plans_query_count_does_not_grow_with_the_number_of_actions(personas, client_for, review, recommendation):
    manager = client_for(personas["bu_manager"])

    def queries() -> int:
        manager.get(reverse("actions:plan"))
        with CaptureQueriesContext(connection) as captured:
            manager.get(reverse("actions:plan"), {"status": "not_started"})
        return len(captured.captured_queries)

    services.create_action(
        personas["bu_manager"], review, {"recommendation": recommendation, **details(personas["agency_lead"], None)}
    )
    few = queries()
    for n in range(20):
        agency = AgencyFactory(name=f"Testshire Agency X{n}")
        services.create_action(
            personas["bu_manager"],
            review,
            {"recommendation": recommendation, **details(personas["bu_manager"], agency)},
        )
    assert queries() == few


def test_the_impact_date_and_dates_in_the_past(personas, action):
    with pytest.raises(ValidationError, match="Only an action reported complete"):
        services.assure(
            personas["bu_manager"],
            action,
            action.version,
            {"decision": "accept", "note": "x", "impact_check_on": date(2030, 1, 1)},
        )


def test_the_plans_cached_counts_follow_every_change(personas, client_for, action):
    manager = client_for(personas["bu_manager"])
    assert "Red 0" in manager.get(reverse("actions:plan")).content.decode()
    services.report_progress(personas["agency_lead"], action, action.version, {"status": "off_track", "note": "Stuck."})
    page = manager.get(reverse("actions:plan")).content.decode()
    assert "Red 1" in page and "Green 0" in page


def test_a_learning_event_proposal_for_the_action_plan_is_carried_into_a_new_action(
    personas, client_for, review, recommendation
):
    from sarhub.events.models import LearningEvent, Proposal

    event = LearningEvent.objects.create(
        review=review,
        title="Learning event",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(hours=20),
        created_by=personas["bu_manager"],
    )
    proposal = Proposal.objects.create(
        event=event, kind="action", text="Joint supervision for complex discharges.", created_by=personas["bu_manager"]
    )
    manager = client_for(personas["bu_manager"])
    form = manager.get(reverse("actions:new", args=[review.pk]), {"proposal": proposal.pk}).content.decode()
    assert "Joint supervision for complex discharges." in form
    assert manager.get(reverse("actions:new", args=[review.pk]), {"proposal": "9" * 40}).status_code == 200
    services.create_action(
        personas["bu_manager"],
        review,
        {"recommendation": recommendation, "proposal": proposal, **details(personas["agency_lead"], None)},
    )
    assert Action.objects.get().proposal == proposal
