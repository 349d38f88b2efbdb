"""The action plan: SMART actions, a named lead of the owner agency, progress with evidence, assurance, no lost
updates, scoping by agency, the plan's filters and exports, and bad input that changes nothing.

Every test standing for a person filling a form fetches the page and presses its button (tests/pages.py);
the few raw or tampered requests are hostile on purpose and say so."""

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
from sarhub.reviews.models import Review
from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_finding, save_recommendation
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_PDF, AgencyFactory, MembershipFactory, PersonFactory
from tests.pages import Upload, banner, browse_as, error_summary, field_error, fill, form_with, press, submit, text_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PDF = SAMPLE_PDF
ADD = "Add the action"


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


@pytest.fixture
def council() -> Agency:
    return Agency.objects.get(name="Testshire Council")


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


def _form_values(recommendation, lead, agency, **overrides: Any) -> dict[str, Any]:
    """What a person types and chooses on the action form."""
    return {
        "recommendation": recommendation,
        "what": "Audit discharge summaries.",
        "owner_agency": agency,
        "lead": lead,
        "due_on": TODAY + timedelta(days=30),
        "success_measure": "Nine in ten name the risk.",
    } | overrides


def _detail(person, action: Action) -> Any:
    return browse_as(person).get(reverse("actions:detail", args=[action.pk]))


def _report(page: Any, *, expect: int | None = None, **values: Any) -> Any:
    """Fill and press "Save progress" (its `status` field is the action's status; `expect` the HTTP status)."""
    form = fill(form_with(page, "Save progress"), **values)
    return submit(form, "Save progress", **({"status": expect} if expect else {}))


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
    # The service itself refuses a lead from another agency (whatever calls it, not only the page).
    with pytest.raises(ValidationError, match="is not at Testshire Hospital Trust"):
        services.create_action(
            manager, review, {"recommendation": recommendation, **details(personas["practitioner"], hospital)}
        )
    assert not Action.objects.exists()


def test_adding_an_action_through_the_page(personas, review, recommendation, hospital):
    lead = personas["agency_lead"]
    browser = browse_as(personas["bu_manager"])
    form_page = browser.get(reverse("actions:for-review", args=[review.pk])).click("Add an action")

    nothing = press(form_page, ADD)
    assert nothing.status_code == 200
    assert error_summary(nothing) == [
        "Choose the recommendation or finding the action answers",
        "Say what will be done",
        "Choose the named lead from the list",
        "Enter the due date",
        "Say how success will be measured, or the evidence of impact expected",
    ]
    assert field_error(nothing, "lead") == "Choose the named lead from the list"
    assert text_of(nothing.html.title).startswith("Error: ")

    late = press(nothing, ADD, **_form_values(recommendation, lead, hospital, due_on=TODAY - timedelta(days=3)))
    assert field_error(late, "due_on") == "The due date must be on or after the date the action was created"
    assert error_summary(late) == [field_error(late, "due_on")]
    no_month = press(late, ADD, due_on=("3", "", "2027"))
    assert field_error(no_month, "due_on") == "Due date must include a month"
    assert not Action.objects.exists()

    done = press(no_month, ADD, due_on=TODAY + timedelta(days=30))
    action = Action.objects.get()
    assert banner(done.follow()) == f"Action {action.pk} added to the plan, led by Persona agency_lead."
    assert (action.lead, action.owner_agency, action.recommendation) == (lead, hospital, recommendation)
    assert (action.status, action.due_on, action.what) == (
        Status.NOT_STARTED,
        TODAY + timedelta(days=30),
        "Audit discharge summaries.",
    )
    section = browser.get(reverse("actions:for-review", args=[review.pk])).text
    assert "Audit discharge summaries." in section and "Recommendation 1" in section


# --- The named lead ----------------------------------------------------------------------------------


def test_the_named_lead_is_chosen_from_the_people_who_may_lead(personas, review):
    """A searchable choice (not an email typed blind) of active people of an agency, or of the Board's roles,
    each shown with their agency or role."""
    gone = cast(Person, PersonFactory(email="gone@testshire.example.org", full_name="Gone Person"))
    MembershipFactory(person=gone, role="practitioner", agency=Agency.objects.get(name="Testshire Council"))
    Person.objects.filter(pk=gone.pk).update(is_active=False)
    page = browse_as(personas["bu_manager"]).get(reverse("actions:new", args=[review.pk]))
    select = page.html.select_one("select[name=lead]")
    assert select.get("data-module") == "sarhub-autocomplete"
    offered = {text_of(option) for option in select.select("option")}
    for key, where in [
        ("agency_lead", "Testshire Hospital Trust"),
        ("practitioner", "Testshire Council"),
        ("line_manager", "Testshire Council"),
        ("subgroup_member", "Testshire ICB"),
        ("board_member", "Testshire Police"),
        ("bu_manager", "Business unit manager"),
        ("chair", "Independent chair"),
    ]:
        person = personas[key]
        assert f"{person.full_name} ({person.email}, {where})" in offered, key
    names = " ".join(offered)
    for key in ("reviewer", "sysadmin", "no_roles"):
        assert personas[key].email not in names, key
    assert "Gone Person" not in names
    assert text_of(page.html.select_one("label[for=id_lead]")) == "Named lead"


@pytest.mark.parametrize(
    ("owner", "lead", "message"),
    [
        (
            "hospital",
            "practitioner",
            "Persona practitioner is not at Testshire Hospital Trust, which owns the action. "
            "Choose someone from Testshire Hospital Trust, or change the owner",
        ),
        (
            "council",
            "agency_lead",
            "Persona agency_lead is not at Testshire Council, which owns the action. "
            "Choose someone from Testshire Council, or change the owner",
        ),
        (
            None,
            "practitioner",
            "Persona practitioner cannot lead an action the Board owns. Choose someone from the business unit, "
            "the independent chair, a SAR subgroup or Board member, or an agency's safeguarding lead",
        ),
    ],
)
def test_a_lead_who_cannot_lead_for_the_owner_is_refused(
    personas, review, recommendation, hospital, council, owner, lead, message
):
    agency = {"hospital": hospital, "council": council, None: None}[owner]
    page = browse_as(personas["bu_manager"]).get(reverse("actions:new", args=[review.pk]))
    refused = press(page, ADD, **_form_values(recommendation, personas[lead], agency))
    assert field_error(refused, "lead") == message
    assert error_summary(refused) == [message]
    assert not Action.objects.exists()
    # The same people are accepted for an owner they belong to.
    fits = {"practitioner": council, "agency_lead": hospital}[lead]
    press(refused, ADD, owner_agency=fits).follow()
    assert Action.objects.get().lead == personas[lead]


def test_a_board_action_is_led_by_the_business_unit_or_another_board_role(personas, review, recommendation):
    page = browse_as(personas["bu_manager"]).get(reverse("actions:new", args=[review.pk]))
    press(page, ADD, **_form_values(recommendation, personas["chair"], None)).follow()
    action = Action.objects.get()
    assert action.owner_agency is None and action.lead == personas["chair"]


@pytest.mark.parametrize("tampered", ["no_roles", "reviewer", "deactivated", str(2**70), "someone"])
def test_a_tampered_lead_is_refused(personas, review, recommendation, hospital, tampered):
    """Hostile: a lead the page does not offer, forced into the form's post."""
    if tampered == "deactivated":
        Person.objects.filter(pk=personas["agency_lead"].pk).update(is_active=False)
    value = str(personas[tampered].pk) if tampered in personas else str(personas["agency_lead"].pk)
    value = tampered if tampered in (str(2**70), "someone") else value
    form = fill(
        form_with(browse_as(personas["bu_manager"]).get(reverse("actions:new", args=[review.pk])), ADD),
        **_form_values(recommendation, personas["bu_manager"], hospital),
    )
    form["lead"].force_value(value)
    refused = submit(form, ADD)
    assert refused.status_code == 200
    assert field_error(refused, "lead") == "Choose the named lead from the list"
    assert not Action.objects.exists()


def test_a_tampered_post_naming_a_lead_of_another_agency_is_refused(personas, review, recommendation, hospital):
    """Hostile: the owner changed in the post after the lead was chosen for another agency."""
    form = fill(
        form_with(browse_as(personas["bu_manager"]).get(reverse("actions:new", args=[review.pk])), ADD),
        **_form_values(recommendation, personas["practitioner"], None),
    )
    form["owner_agency"].force_value(str(hospital.pk))
    refused = submit(form, ADD)
    assert field_error(refused, "lead").startswith("Persona practitioner is not at Testshire Hospital Trust")
    assert not Action.objects.exists()


def test_changing_the_details_through_the_page(personas, action, council):
    browser = browse_as(personas["bu_manager"])
    edit = browser.get(reverse("actions:detail", args=[action.pk])).click("Change the details")
    form = form_with(edit, "Save the details")
    assert form["lead"].value == str(personas["agency_lead"].pk)  # the current lead is chosen already
    # Moving the action to the council keeps a lead who is not at the council: refused, nothing saved.
    refused = press(edit, "Save the details", owner_agency=council)
    assert field_error(refused, "lead").startswith("Persona agency_lead is not at Testshire Council")
    action.refresh_from_db()
    assert action.owner_agency.name == "Testshire Hospital Trust" and action.version == 1
    done = press(refused, "Save the details", lead=personas["line_manager"], due_on=TODAY + timedelta(days=45))
    assert banner(done.follow()) == "The action's details are saved."
    action.refresh_from_db()
    assert (action.owner_agency, action.lead, action.due_on) == (
        council,
        personas["line_manager"],
        TODAY + timedelta(days=45),
    )
    assert action.version == 2 and action.updates.get().kind == ProgressUpdate.Kind.CHANGED


# --- Progress, evidence and assurance ---------------------------------------------------------------


def test_agency_leads_update_only_their_own_agencys_actions(personas, review, recommendation, action):
    council = Agency.objects.get(name="Testshire Council")
    other_lead = cast(Person, PersonFactory(email="council.lead@testshire.example.org"))
    MembershipFactory(person=other_lead, role="agency_lead", agency=council)
    with pytest.raises(PermissionDenied):
        services.report_progress(other_lead, action, action.version, {"status": Status.ON_TRACK, "note": "Started."})
    assert browse_as(other_lead).get(reverse("actions:detail", args=[action.pk]), status=404)
    page = _detail(personas["agency_lead"], action)
    done = _report(page, status=Status.AT_RISK, note="The auditor is off sick.")
    assert banner(done.follow()) == "Progress recorded. The action's status is now at risk."
    action.refresh_from_db()
    assert action.status == Status.AT_RISK and action.version == 2
    assert action.updates.get().note == "The auditor is off sick."


def test_reporting_progress_needs_a_note_shown_beside_the_field(personas, action):
    refused = _report(_detail(personas["agency_lead"], action), expect=400, status=Status.ON_TRACK, note="")
    assert error_summary(refused) == ["Describe the progress made, and the evidence for it"]
    assert field_error(refused, "note") == "Describe the progress made, and the evidence for it"
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED and not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("status", [Status.ASSURED, Status.NOT_IMPLEMENTED, "done", ""])
def test_a_status_jump_that_skips_assurance_is_refused(status, personas, action):
    with pytest.raises(ValidationError) as caught:
        services.report_progress(personas["agency_lead"], action, action.version, {"status": status, "note": "Done."})
    assert "status" in caught.value.message_dict
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED and action.version == 1 and not ProgressUpdate.objects.exists()


def test_the_page_offers_no_status_that_skips_assurance(personas, action):
    form = form_with(_detail(personas["agency_lead"], action), "Save progress")
    offered = {str(value) for value, _, _ in form["status"].options}
    assert offered == {"not_started", "on_track", "at_risk", "off_track", "awaiting_assurance"}
    # Hostile: a forged status in the post is refused with the field's message.
    form["status"].force_value(Status.ASSURED)
    form["note"] = "Done."
    refused = submit(form, "Save progress", status=400)
    assert field_error(refused, "status") == (
        "Choose a status from the list. Only the business unit can assure an action complete"
    )
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_completion_needs_evidence_then_assurance_accepts_or_returns(personas, action):
    lead, manager = personas["agency_lead"], personas["bu_manager"]
    complete = {"status": Status.AWAITING_ASSURANCE, "note": "Finished."}
    no_evidence = _report(_detail(lead, action), expect=400, **complete)
    assert (
        field_error(no_evidence, "status") == "Attach evidence of completion to the action before reporting it complete"
    )
    # Evidence of the wrong kind is refused with the document check's message: nothing changes.
    wrong = _report(no_evidence, expect=400, evidence=Upload("audit.pdf", b"MZ\x90\x00 not really a PDF"), **complete)
    assert error_summary(wrong) and field_error(wrong, "evidence")
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED and services.evidence_count(action) == 0

    done = _report(wrong, evidence=Upload("audit.pdf", PDF), status=Status.AWAITING_ASSURANCE, note="Audit done: 92%.")
    assert banner(done.follow()) == (
        "Progress recorded. The action's status is now completed, awaiting assurance. Evidence attached: audit.pdf."
    )
    action.refresh_from_db()
    assert action.status == Status.AWAITING_ASSURANCE and action.completed_on == TODAY
    assert services.evidence_count(action) == 1

    # The business unit returns it with reasons (a reason is needed)...
    page = _detail(manager, action)
    no_reason = press(page, "Save the decision", status=400, decision="return", note="")
    assert field_error(no_reason, "note") == "Say why it is accepted (the evidence seen) or why it is returned"
    returned = press(no_reason, "Save the decision", decision="return", note="Add the ward data.")
    assert banner(returned.follow()) == (
        "Returned with your reasons. The action's status is on track again, and your reasons are in its history."
    )
    action.refresh_from_db()
    assert action.status == Status.ON_TRACK and action.completed_on is None

    # ...the lead reports it complete again, and it is accepted with a date to check its impact.
    _report(_detail(lead, action), status=Status.AWAITING_ASSURANCE, note="Ward data added.").follow()
    page = _detail(manager, action)
    no_date = press(page, "Save the decision", status=400, decision="accept", note="Seen.")
    assert field_error(no_date, "impact_check_on") == "Enter the date to check the action's impact"
    today = press(no_date, "Save the decision", status=400, impact_check_on=TODAY)
    assert field_error(today, "impact_check_on") == "The impact check must be after today"
    check = TODAY + timedelta(days=180)
    accepted = press(today, "Save the decision", impact_check_on=check)
    assert banner(accepted.follow()) == f"Assured complete. Its impact check is due on {check:%-d %B %Y}."
    action.refresh_from_db()
    assert action.status == Status.ASSURED and action.assured_by == manager and action.impact_check_on == check
    with pytest.raises(ValidationError, match="can no longer be reported"):
        services.report_progress(lead, action, action.version, {"status": Status.ON_TRACK, "note": "More."})
    assert "Save progress" not in _detail(lead, action).text

    page = _detail(manager, action)
    empty = press(page, "Save the impact check", status=400, outcome="")
    assert field_error(empty, "outcome") == "Describe what the impact check found"
    recorded = press(empty, "Save the impact check", outcome="Re-audit: 95%.")
    assert banner(recorded.follow()) == "Impact check recorded."
    action.refresh_from_db()
    assert action.impact_outcome == "Re-audit: 95%."
    kinds = list(
        ProgressUpdate.objects.filter(action=action).order_by("created_at", "id").values_list("kind", flat=True)
    )
    assert kinds == ["progress", "returned", "progress", "accepted", "impact"]


def test_the_impact_date_is_revealed_only_for_an_accepted_action(personas, action):
    _evidence(personas["agency_lead"], action)
    services.report_progress(
        personas["agency_lead"], action, 1, {"status": Status.AWAITING_ASSURANCE, "note": "Finished."}
    )
    page = _detail(personas["bu_manager"], action)
    accept = page.html.select_one("input[name=decision][value=accept]")
    reveal = page.html.select_one(f"#{accept['data-aria-controls']}")
    assert reveal is not None and reveal.select_one("[name=impact_check_on-day]") is not None


def _evidence(person, action: Action, name: str = "audit.pdf", content: bytes = PDF) -> None:
    from sarhub.documents.services import add_document

    add_document(person, action, title="Audit", classification="confidential", upload=SimpleUploadedFile(name, content))


# --- No lost updates ---------------------------------------------------------------------------------


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(personas, action):
    address = reverse("actions:edit", args=[action.pk])
    # Both load version 1; the agency lead has the action's page open too.
    first = browse_as(personas["bu_manager"]).get(address)
    second = browse_as(personas["bu_coordinator"]).get(address)
    reporting = _detail(personas["agency_lead"], action)
    press(first, "Save the details", what="Audit every discharge summary.").follow()
    told = press(second, "Save the details", status=409, success_measure="All of them name the risk.")
    assert "changed by someone else" in told.text
    assert "Audit every discharge summary." in told.text  # the current values are shown
    action.refresh_from_db()
    assert action.what == "Audit every discharge summary." and action.success_measure.startswith("Nine in ten")
    assert action.version == 2
    # The same protection for progress: the agency lead working from version 1 is told too.
    conflict = _report(reporting, expect=409, status=Status.ON_TRACK, note="Started.")
    assert "changed by someone else" in conflict.text
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    # Sending their change again, from the current version shown, saves it.
    press(told, "Save the details").follow()
    action.refresh_from_db()
    assert action.success_measure == "All of them name the risk." and action.version == 3


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
    browser = browse_as(personas["bu_manager"])
    page = browser.get(reverse("actions:for-review", args=[review.pk])).click("Record a decision not to implement")
    refused = press(
        page, "Record the decision", recommendation=recommendation, reasons=" ", decided_on=TODAY + timedelta(days=1)
    )
    assert error_summary(refused) == [
        "Give the reasons it will not be implemented",
        "The date the Board decided must be today or in the past",
    ]
    assert field_error(refused, "decided_on") == "The date the Board decided must be today or in the past"
    assert not NotImplemented.objects.exists()
    done = press(refused, "Record the decision", reasons="A national pathway replaces it.", decided_on=TODAY)
    assert (
        banner(done.follow()) == "The Board's decision not to implement recommendation 1 is recorded, with its reasons."
    )
    decision = NotImplemented.objects.get()
    assert (decision.recommendation, decision.reasons, decision.decided_on) == (
        recommendation,
        "A national pathway replaces it.",
        TODAY,
    )

    page = _detail(personas["bu_manager"], action)
    no_reason = press(page, "Record as not implemented", status=400, reason="")
    assert field_error(no_reason, "reason") == "Give the reasons it will not be implemented"
    closed = press(no_reason, "Record as not implemented", reason="Superseded by the national pathway.")
    assert banner(closed.follow()) == "Recorded as not implemented, with the Board's reasons."
    action.refresh_from_db()
    assert action.status == Status.NOT_IMPLEMENTED and action.rag() == Rag.CLOSED


# --- The plan, its scoping, filters and exports ------------------------------------------------------


def _second_action(personas, review, recommendation) -> Action:
    council = Agency.objects.get(name="Testshire Council")
    return services.create_action(
        personas["bu_manager"],
        review,
        {
            "recommendation": recommendation,
            **details(personas["practitioner"], council, what="Council training on risk."),
        },
    )


def _csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))


def test_the_plan_is_scoped_and_its_exports_follow_the_same_filters(personas, review, recommendation, action):
    council_action = _second_action(personas, review, recommendation)
    council = Agency.objects.get(name="Testshire Council")
    manager = browse_as(personas["bu_manager"])
    lead = browse_as(personas["agency_lead"])
    whole = manager.get(reverse("actions:plan"))
    assert "Audit discharge summaries" in whole.text and "Council training on risk." in whole.text
    own = lead.get(reverse("actions:plan"))
    assert "Audit discharge summaries" in own.text and "Council training on risk." not in own.text
    lead.get(reverse("actions:detail", args=[council_action.pk]), status=404)
    lead.get(reverse("actions:agency", args=[council.pk]), status=404)
    # Filters, through the filter form, on the page and in both exports.
    filtered = press(whole, "Apply filters", agency=council.pk)
    assert "Audit discharge summaries" not in filtered.text and "Council training on risk." in filtered.text
    assert "1 action" in filtered.text
    rows = _csv(filtered.click(description="CSV"))
    assert rows[0][0] == "Action" and [r[4] for r in rows[1:]] == ["Council training on risk."]
    sheet = load_workbook(io.BytesIO(filtered.click(description="Excel").body)).active
    assert [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Council training on risk."]
    # The agency lead's export holds only their agency's action, whatever they ask for.
    assert [r[0] for r in _csv(own.click(description="CSV"))[1:]] == [str(action.pk)]
    # Hostile: another agency's filter typed into the address.
    assert _csv(lead.get(reverse("actions:export-csv"), {"agency": str(council.pk)}))[1:] == []
    assert AuditEvent.objects.filter(action="export").count() >= 4


def test_filtering_by_status_rag_and_dates(personas, review, recommendation, action):
    other = _second_action(personas, review, recommendation)
    services.report_progress(personas["practitioner"], other, other.version, {"status": "off_track", "note": "Stuck."})
    browser = browse_as(personas["bu_manager"])
    plan = browser.get(reverse("actions:plan"))
    red = press(plan, "Apply filters", rag="red")
    plan = browser.get(reverse("actions:plan"))
    assert "Council training on risk." in red.text and "Audit discharge summaries" not in red.text
    # (The filter form's own field is called status: filled, then pressed.)
    form = fill(
        form_with(plan, "Apply filters"), status="not_started", due_from=TODAY, due_to=TODAY + timedelta(days=90)
    )
    started = submit(form, "Apply filters")
    plan = browser.get(reverse("actions:plan"))
    assert "Audit discharge summaries" in started.text and "Council training" not in started.text
    backwards = press(plan, "Apply filters", due_from=TODAY + timedelta(days=9), due_to=TODAY)
    assert field_error(backwards, "due_to") == "The second date must be the same as or after the first"
    assert error_summary(backwards) == ["The second date must be the same as or after the first"]
    assert "No actions match." in backwards.text


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
    """Hostile: addresses no filter form would make."""
    manager = client_for(personas["bu_manager"])
    response = manager.get(reverse("actions:plan"), query)
    assert response.status_code == 200
    export = manager.get(reverse("actions:export-csv"), query)
    if export.status_code == 302:  # filters it cannot use: back to the plan, where the messages are
        assert export["Location"].startswith(reverse("actions:plan") + "?")
    else:
        assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")


def test_a_formula_in_an_action_cannot_run_in_a_spreadsheet(personas, review, recommendation):
    services.create_action(
        personas["bu_manager"],
        review,
        {"recommendation": recommendation, **details(personas["bu_manager"], None, what='=HYPERLINK("http://x","y")')},
    )
    plan = browse_as(personas["bu_manager"]).get(reverse("actions:plan"))
    assert _csv(plan.click(description="CSV"))[1][4].startswith("'=")


def test_my_actions_lists_what_i_lead(personas, review, recommendation, action):
    _second_action(personas, review, recommendation)
    page = browse_as(personas["agency_lead"]).get(reverse("actions:plan")).click("Actions you lead")
    assert "Audit discharge summaries" in page.text and "Council training" not in page.text


def test_the_plans_query_count_does_not_grow_with_the_number_of_actions(personas, client_for, review, recommendation):
    manager = client_for(personas["bu_manager"])

    def queries() -> int:
        manager.get(reverse("actions:plan"))
        with CaptureQueriesContext(connection) as captured:
            manager.get(reverse("actions:plan"), {"status": "not_started"})
        return len(captured.captured_queries)

    services.create_action(
        personas["bu_manager"], review, {"recommendation": recommendation, **details(personas["bu_manager"], None)}
    )
    few = queries()
    for n in range(20):
        agency = AgencyFactory(name=f"Testshire Agency X{n}")
        lead = PersonFactory(email=f"lead.x{n}@testshire.example.org")
        MembershipFactory(person=lead, role="agency_lead", agency=agency)
        services.create_action(
            personas["bu_manager"], review, {"recommendation": recommendation, **details(lead, agency)}
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


def test_the_plans_cached_counts_follow_every_change(personas, action):
    manager = browse_as(personas["bu_manager"])
    assert "Red 0" in manager.get(reverse("actions:plan")).text
    _report(_detail(personas["agency_lead"], action), status="off_track", note="Stuck.").follow()
    page = manager.get(reverse("actions:plan")).text
    assert "Red 1" in page and "Green 0" in page


def test_a_learning_event_proposal_for_the_action_plan_is_carried_into_a_new_action(
    personas, review, recommendation, hospital
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
    browser = browse_as(personas["bu_manager"])
    page = browser.get(reverse("actions:new", args=[review.pk]), {"proposal": proposal.pk})
    form = form_with(page, ADD)
    assert form["what"].value == "Joint supervision for complex discharges."
    assert form["proposal"].value == str(proposal.pk)
    browser.get(reverse("actions:new", args=[review.pk]), {"proposal": "9" * 40})  # hostile: no such proposal
    values = _form_values(recommendation, personas["agency_lead"], hospital)
    values.pop("what")
    press(page, ADD, **values).follow()
    action = Action.objects.get()
    assert action.proposal == proposal and action.what == "Joint supervision for complex discharges."
