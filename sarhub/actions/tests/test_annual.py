"""The SAR section of the annual report, checked against a year seeded on purpose (2025/26: 1 April 2025 to
31 March 2026), with reviews and decisions on both sides of each boundary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from sarhub.actions import annual, services
from sarhub.actions.models import Action, NotImplemented, ProgressUpdate, Status
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.models import AuditEvent
from sarhub.reviews.models import Review
from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_finding, save_recommendation
from tests.builders import decided_referral as _decided
from tests.builders import signed_off
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import browse_as, press

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)  # the day the report is made, for RAG ratings
FINDING_A = "Risk of fire was known to three agencies but never shared."
FINDING_C1 = "Hospital discharge went ahead without a carer's assessment."
FINDING_C2 = "Self-neglect was treated as a lifestyle choice."
FINDING_B = "Missed appointments were not followed up."
REASON_B = "The police already run a national scheme for this."
REASON_A = "Superseded by the new joint protocol agreed in March."
REASON_OLD = "Decided before the year began."
REASON_LATER = "Decided after the year ended."
REASON_ACTION = "The service was decommissioned, so training is no longer needed."
REASON_EARLY_ACTION = "Closed in an earlier year."


def _at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


@dataclass
class Seed:
    a: Review
    b: Review
    c: Review
    d: Review
    e: Review
    f: Review
    actions: dict[str, Action]


def _review(personas: dict[str, Any], pseudonym: str, created: datetime) -> Review:
    review = set_up_review(
        personas["bu_manager"], [_decided(personas)], route="independent_sar", data={"pseudonym": pseudonym}
    )
    Review.objects.filter(pk=review.pk).update(created_at=created)
    return Review.objects.get(pk=review.pk)


def _sign_off(personas: dict[str, Any], review: Review, on: date, *, complete: bool = False) -> None:
    """Through the services: a review whose recommendations await their response stays at Board sign-off."""
    signed_off(personas, review, on=on, complete=complete)


def _finding(personas: dict[str, Any], review: Review, text: str, kind: str = "barrier") -> Any:
    return save_finding(personas["bu_manager"], review, {"text": text, "domain": "inter_agency", "kind": kind})


def _recommendation(personas: dict[str, Any], review: Review, text: str, findings: list[Any]) -> Any:
    council = personas["practitioner"].agencies[0]
    return save_recommendation(
        personas["bu_manager"], review, {"text": text, "to_board": True, "agencies": [council], "findings": findings}
    )


def _action(personas: dict[str, Any], review: Review, what: str, *, agency: bool = True, **source: Any) -> Action:
    return services.create_action(
        personas["bu_manager"],
        review,
        {
            **source,
            "what": what,
            "success_measure": "Audit shows it is done.",
            "due_on": timezone.localdate(),
            # Someone of the owner (the council's practitioner), or a lead from an agency for the Board's own.
            "lead": personas["practitioner"] if agency else personas["agency_lead"],
            "owner_agency": personas["practitioner"].agencies[0] if agency else None,
        },
    )


def _set(action: Action, **fields: Any) -> None:
    Action.objects.filter(pk=action.pk).update(**fields)


@pytest.fixture
def seed(personas) -> Seed:
    manager = personas["bu_manager"]
    # A: started in 2024/25, signed off on the first day of 2025/26: concluded in the year.
    a = _review(personas, "Adult A", _at(2024, 10, 1))
    finding_a = _finding(personas, a, FINDING_A)
    rec_a1 = _recommendation(personas, a, "Share fire risk at every referral.", [finding_a])
    rec_a2 = _recommendation(personas, a, "Write a new fire-risk protocol.", [finding_a])
    # B: signed off on the last day of 2024/25: not concluded in 2025/26.
    b = _review(personas, "Adult B", _at(2024, 6, 1))
    finding_b = _finding(personas, b, FINDING_B)
    rec_b = _recommendation(personas, b, "Follow up missed appointments.", [finding_b])
    # C: signed off on the last day of 2025/26: concluded in the year.
    c = _review(personas, "Adult C", _at(2025, 9, 1))
    finding_c1 = _finding(personas, c, FINDING_C1)
    finding_c2 = _finding(personas, c, FINDING_C2, kind="systemic_risk")
    rec_c = _recommendation(personas, c, "Assess carers before discharge.", [finding_c1])
    # D: started in the last minutes of the year and still going: ongoing at the year end.
    d = _review(personas, "Adult D", _at(2026, 3, 31, 23, 30))
    # E: signed off on the first day after the year: ongoing at the year end.
    e = _review(personas, "Adult E", _at(2026, 1, 10))
    # F: started in the first minutes after the year: not part of it.
    f = _review(personas, "Adult F", _at(2026, 4, 1, 0, 30))

    actions = {
        # A's actions: one assured, one on track but overdue (red).
        "a1": _action(personas, a, "Add fire risk to the referral form.", recommendation=rec_a1),
        "a2": _action(personas, a, "Brief the Board on fire safety.", agency=False, finding=finding_a),
        # B's (an earlier review): assured in the year (reported), and assured or closed before it (not).
        "b1": _action(personas, b, "Text reminders for appointments.", recommendation=rec_b),
        "b2": _action(personas, b, "Audit missed appointments.", recommendation=rec_b),
        "b3": _action(personas, b, "Buy a new appointments system.", recommendation=rec_b),
        # C's: not started (green), at risk (amber), and closed as not implemented in the year.
        "c1": _action(personas, c, "Carers' assessment checklist on wards.", recommendation=rec_c),
        "c2": _action(personas, c, "Discharge training for ward staff.", recommendation=rec_c),
        "c3": _action(personas, c, "Self-neglect training for the day service.", finding=finding_c2),
        # D's (ongoing): completed, awaiting assurance.
        "d1": _action(personas, d, "Early learning shared with GPs.", agency=False, finding=_finding(personas, d, "X")),
        # F's, set after the year: not part of it.
        "f1": _action(personas, f, "Something for next year.", finding=_finding(personas, f, "Y")),
    }
    services.close_not_implemented(manager, actions["c3"], actions["c3"].version, REASON_ACTION)
    ProgressUpdate.objects.filter(action=actions["c3"], kind="not_implemented").update(created_at=_at(2026, 2, 20))
    _set(
        actions["a1"],
        status=Status.ASSURED,
        due_on=date(2026, 6, 30),
        completed_on=date(2026, 2, 1),
        assured_at=_at(2026, 2, 10),
        created_at=_at(2025, 5, 1),
    )
    _set(actions["a2"], status=Status.ON_TRACK, due_on=date(2026, 1, 31), created_at=_at(2025, 5, 1))
    _set(
        actions["b1"],
        status=Status.ASSURED,
        due_on=date(2025, 5, 31),
        completed_on=date(2025, 5, 20),
        assured_at=_at(2025, 6, 10),
        created_at=_at(2025, 2, 1),
    )
    _set(
        actions["b2"],
        status=Status.ASSURED,
        due_on=date(2025, 1, 31),
        completed_on=date(2025, 1, 5),
        assured_at=_at(2025, 1, 15),
        created_at=_at(2024, 12, 1),
    )
    _set(
        actions["b3"],
        status=Status.NOT_IMPLEMENTED,
        due_on=date(2025, 6, 30),
        not_implemented_reason=REASON_EARLY_ACTION,
        created_at=_at(2025, 1, 1),
        updated_at=_at(2025, 3, 20),
    )
    _set(actions["c1"], status=Status.NOT_STARTED, due_on=date(2026, 9, 30), created_at=_at(2026, 3, 1))
    _set(actions["c2"], status=Status.AT_RISK, due_on=date(2026, 12, 31), created_at=_at(2026, 3, 1))
    _set(actions["c3"], due_on=date(2026, 5, 1), created_at=_at(2026, 3, 1))
    _set(
        actions["d1"],
        status=Status.AWAITING_ASSURANCE,
        due_on=date(2026, 4, 30),
        completed_on=date(2026, 3, 20),
        created_at=_at(2026, 3, 1),
    )
    _set(actions["f1"], due_on=date(2026, 9, 1))

    def decision(review: Review, reasons: str, on: date, **what: Any) -> None:
        NotImplemented.objects.create(review=review, reasons=reasons, decided_on=on, recorded_by=manager, **what)

    decision(b, REASON_OLD, date(2025, 3, 31), finding=finding_b)  # the day before the year
    decision(b, REASON_B, date(2025, 4, 1), recommendation=rec_b)  # the year's first day
    decision(a, REASON_A, date(2026, 3, 31), recommendation=rec_a2)  # the year's last day
    decision(c, REASON_LATER, date(2026, 4, 1), finding=finding_c1)  # the day after

    _sign_off(personas, a, date(2025, 4, 1))
    _sign_off(personas, b, date(2025, 3, 31))
    _sign_off(personas, c, date(2026, 3, 31))
    _sign_off(personas, e, date(2026, 4, 1), complete=True)
    refreshed = {r.pk: r for r in Review.objects.all()}
    return Seed(
        a=refreshed[a.pk],
        b=refreshed[b.pk],
        c=refreshed[c.pk],
        d=refreshed[d.pk],
        e=refreshed[e.pk],
        f=refreshed[f.pk],
        actions={k: Action.objects.get(pk=v.pk) for k, v in actions.items()},
    )


def _refs(*reviews: Review) -> list[str]:
    return [r.reference for r in reviews]


def _counts(counts: tuple[annual.Count, ...]) -> dict[str, int]:
    return {c.key: c.count for c in counts}


# --- The report's content -------------------------------------------------------------------------------


def test_the_reviews_concluded_in_the_year_with_their_findings(seed):
    report = annual.build(2025, today=TODAY)
    assert report.year.label == "2025/26" and report.year.dates == "1 April 2025 to 31 March 2026"
    assert [r.reference for r in report.concluded] == _refs(seed.a, seed.c)  # not B (31 March 2025)
    a, c = report.concluded
    assert a.signed_off_on == date(2025, 4, 1) and c.signed_off_on == date(2026, 3, 31)
    assert (a.pseudonym, a.route) == ("Adult A", "Independent SAR")
    assert [(f.number, f.text, f.kind) for f in a.findings] == [(1, FINDING_A, "Barrier to good practice")]
    assert [(f.number, f.text, f.kind) for f in c.findings] == [
        (1, FINDING_C1, "Barrier to good practice"),
        (2, FINDING_C2, "Systemic risk"),
    ]
    assert c.findings[0].domain == "The inter-agency team around the adult"
    assert [(r.number, r.addressed_to, r.response) for r in a.recommendations] == [
        (1, "the Board, Testshire Council", "Awaiting a response"),
        (2, "the Board, Testshire Council", "Awaiting a response"),
    ]
    assert (report.findings_count, report.recommendations_count) == (3, 3)


def test_the_reviews_ongoing_at_the_year_end(seed):
    report = annual.build(2025, today=TODAY)
    # E was signed off the day after the year ended; D began in the year's last half hour; F just after it.
    assert [r.reference for r in report.ongoing] == _refs(seed.e, seed.d)
    e, d = report.ongoing
    assert e.concluded_after_year_on == date(2026, 4, 1) and e.stage_now == "Complete"
    assert d.concluded_after_year_on is None and d.stage_now == "Set-up" and d.started_on == date(2026, 3, 31)


def test_the_actions_reported_and_their_status_and_rag_counts(seed):
    report = annual.build(2025, today=TODAY)
    by_review = {g.reference: [a.what for a in g.actions] for g in report.action_groups}
    assert by_review == {
        # Due-date order within each review.
        seed.a.reference: ["Brief the Board on fire safety.", "Add fire risk to the referral form."],
        # An earlier review's action assured in the year; the one assured and the one closed before it are not.
        seed.b.reference: ["Text reminders for appointments."],
        seed.c.reference: [
            "Self-neglect training for the day service.",
            "Carers' assessment checklist on wards.",
            "Discharge training for ward staff.",
        ],
        # An ongoing review's action, live at the year end. F's, set after the year, is not reported.
        seed.d.reference: ["Early learning shared with GPs."],
    }
    assert [g.reference for g in report.action_groups] == _refs(seed.a, seed.b, seed.c, seed.d)
    assert [g.standing for g in report.action_groups] == [
        "Concluded in the year (signed off 1 April 2025)",
        "Concluded in an earlier year (signed off 31 March 2025)",
        "Concluded in the year (signed off 31 March 2026)",
        "Not concluded yet",
    ]
    assert report.actions_count == 7
    assert _counts(report.status_counts) == {
        "not_started": 1,
        "on_track": 1,
        "at_risk": 1,
        "off_track": 0,
        "awaiting_assurance": 1,
        "assured": 2,
        "not_implemented": 1,
    }
    assert _counts(report.rag_counts) == {"red": 1, "amber": 1, "green": 2, "complete": 2, "closed": 1}
    first = report.action_groups[0].actions
    assert (first[0].answers, first[0].owner, first[0].rag_label) == ("Finding 1", "The Board", "Red")
    assert (first[1].answers, first[1].owner, first[1].status_label) == (
        "Recommendation 1",
        "Testshire Council",
        "Assured complete",
    )


def test_what_was_not_implemented_and_why(seed):
    report = annual.build(2025, today=TODAY)
    assert [(r.reference, r.kind, r.subject, r.reasons, r.decided_on) for r in report.not_implemented] == [
        (seed.b.reference, "Decision not to implement", "Recommendation 1", REASON_B, date(2025, 4, 1)),
        (
            seed.c.reference,
            "Action closed as not implemented",
            "Action answering finding 2",
            REASON_ACTION,
            date(2026, 2, 20),
        ),
        (seed.a.reference, "Decision not to implement", "Recommendation 2", REASON_A, date(2026, 3, 31)),
    ]
    assert report.not_implemented[2].text == "Write a new fire-risk protocol."
    assert report.not_implemented[1].text == "Self-neglect training for the day service."


def test_the_year_before_takes_what_falls_on_its_side_of_each_boundary(seed):
    report = annual.build(2024, today=TODAY)
    assert [r.reference for r in report.concluded] == _refs(seed.b)  # signed off 31 March 2025
    # A was signed off on 1 April 2025, so it was still ongoing at the end of 2024/25.
    assert [r.reference for r in report.ongoing] == _refs(seed.a)
    assert report.ongoing[0].concluded_after_year_on == date(2025, 4, 1)
    assert {g.reference: len(g.actions) for g in report.action_groups} == {seed.b.reference: 3}
    assert [(r.reasons, r.decided_on) for r in report.not_implemented] == [
        (REASON_EARLY_ACTION, date(2025, 3, 20)),
        (REASON_OLD, date(2025, 3, 31)),
    ]
    assert report.year_ended


def test_the_year_after(seed):
    report = annual.build(2026, today=date(2026, 11, 27))
    assert [r.reference for r in report.concluded] == _refs(seed.e)
    assert [r.reference for r in report.ongoing] == _refs(seed.d, seed.f)
    assert [r.reasons for r in report.not_implemented] == [REASON_LATER]
    assert not report.year_ended and report.notes[0].startswith("The year has not ended")


def test_the_report_is_built_in_a_handful_of_queries(seed, django_assert_max_num_queries):
    # The Board, the actions, the concluded reviews with their findings (themes, abuse types) and
    # recommendations (agencies), the ongoing reviews and the decisions: however many rows there are.
    with django_assert_max_num_queries(10):
        report = annual.build(2025, today=TODAY)
    assert report.actions_count == 7


# --- Financial years ------------------------------------------------------------------------------------


def test_financial_years():
    year = annual.FinancialYear(2025)
    assert (year.start, year.end, year.label, year.slug) == (date(2025, 4, 1), date(2026, 3, 31), "2025/26", "2025-26")
    assert date(2026, 3, 31) in year and date(2026, 4, 1) not in year and date(2025, 3, 31) not in year
    assert annual.FinancialYear(2099).label == "2099/00"
    assert annual.year_of(date(2026, 3, 31)) == 2025 and annual.year_of(date(2026, 4, 1)) == 2026


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025", 2025),
        (" 2025 ", 2025),
        ("2015", 2015),
        ("2026", 2026),
        ("2014", None),  # before the Care Act's duty
        ("2027", None),  # not begun
        ("2025/26", None),
        ("20251", None),
        ("-2025", None),
        ("\uff12\uff10\uff12\uff15", None),  # full-width digits
        ("²⁰²⁵", None),
        ("2025\x00", None),
        ("1e3", None),
        ("", None),
        (None, None),
        (["2025"], None),
        ("9" * 5000, None),
    ],
)
def test_parse_year_accepts_only_a_year_that_can_be_reported(raw, expected):
    assert annual.parse_year(raw, date(2026, 11, 27)) == expected


def test_the_years_offered_and_the_default(seed):
    years = annual.years_with_data(date(2026, 11, 27))
    assert years == [2026, 2025, 2024]  # B began in June 2024
    assert annual.default_year(years, date(2026, 11, 27)) == 2025  # the last year to have ended
    assert annual.default_year([2026], date(2026, 11, 27)) == 2026  # everything is from this year
    assert annual.years_with_data(date(2024, 5, 1)) == [2024]


def test_no_years_without_reviews(db):
    assert annual.years_with_data(date(2026, 11, 27)) == []
    assert annual.default_year([], date(2026, 11, 27)) == 2025


# --- The files ------------------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def _docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _names(personas: dict[str, Any]) -> list[str]:
    return [SAMPLE_ADULT_NAME, *(p.full_name for p in personas.values())]


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_pdf_has_the_findings_and_reasons_and_names_no_one(seed, personas):
    content = annual.as_pdf(annual.build(2025, today=TODAY))
    text = _pdf_text(content)
    for expected in (FINDING_A, FINDING_C1, FINDING_C2, REASON_A, REASON_B, REASON_ACTION, "Adult A", "2025/26"):
        assert expected in text
    for absent in (REASON_OLD, REASON_LATER, FINDING_B, *_names(personas)):
        assert absent not in text
    reader = PdfReader(BytesIO(content))
    catalogue: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue and catalogue["/Lang"] == "en-GB"  # tagged, in English
    assert reader.metadata is not None and reader.metadata.title == "Safeguarding Adult Reviews: annual report 2025/26"


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_docx_has_the_findings_and_reasons_and_names_no_one(seed, personas):
    content = annual.as_docx(annual.build(2025, today=TODAY))
    text = _docx_text(content)
    for expected in (FINDING_A, FINDING_C1, FINDING_C2, REASON_A, REASON_B, REASON_ACTION, "Adult C"):
        assert expected in text
    for absent in (REASON_OLD, REASON_LATER, FINDING_B, *_names(personas)):
        assert absent not in text
    properties = Document(BytesIO(content)).core_properties
    assert properties.author == "Testshire Safeguarding Adults Board"
    assert properties.last_modified_by == "Testshire Safeguarding Adults Board"
    assert properties.title == "Safeguarding Adult Reviews: annual report 2025/26"


def test_an_empty_year_still_makes_a_report(personas):
    report = annual.build(2019, today=TODAY)
    assert report.concluded == () and report.ongoing == () and report.action_groups == ()
    assert "No review was concluded in the year." in _pdf_text(annual.as_pdf(report))
    assert "No review was ongoing at the year end." in _docx_text(annual.as_docx(report))


# --- The pages ------------------------------------------------------------------------------------------


def _audited(action: str, year: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_type="annual_report", object_id=str(year)))


@pytest.mark.parametrize("key", ["bu_manager", "bu_coordinator", "chair", "subgroup_member", "board_member"])
def test_the_plan_readers_preview_and_download_it(key, seed, personas):
    opened = browse_as(personas[key]).get(reverse("actions:plan")).click(description="annual report.s SAR section")
    page = press(opened, "Show the report", year="2025")
    html = page.text
    assert FINDING_A in html and REASON_B in html and "2025/26" in html
    assert SAMPLE_ADULT_NAME not in html
    assert personas["agency_lead"].full_name not in html and personas["practitioner"].full_name not in html
    pdf = page.click(description=r"Download the report \(PDF\)")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="sar-annual-report-2025-26.pdf"'
    docx = page.click(description=r"Download the report \(Word document\)")
    assert docx.status_code == 200 and docx.headers["Content-Disposition"].startswith("attachment;")
    assert docx.headers["Content-Disposition"].endswith('filename="sar-annual-report-2025-26.docx"')
    assert FINDING_C2 in _docx_text(docx.body)
    person = personas[key]
    # Each showing of the year is audited: on opening (the last year to have ended) and once chosen.
    shown = [e.detail for e in _audited(AuditAction.VIEW, 2025) if e.person_id == person.pk]
    assert shown == ["preview"] * (2 if opened.context["chosen"] == 2025 else 1)
    assert sorted(e.detail for e in _audited(AuditAction.DOWNLOAD, 2025) if e.person_id == person.pk) == [
        "docx",
        "pdf",
    ]


@pytest.mark.parametrize("key", ["agency_lead", "practitioner", "reviewer", "line_manager", "sysadmin", "no_roles"])
def test_others_are_refused(key, personas, client_for):
    client = client_for(personas[key])
    for url in (reverse("annual:report"), reverse("annual:pdf", args=[2025]), reverse("annual:docx", args=[2025])):
        assert client.get(url).status_code == 403
    assert not _audited(AuditAction.VIEW, 2025) and not _audited(AuditAction.DOWNLOAD, 2025)
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, person=personas[key]).count() == 3


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("annual:report"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_opens_on_the_last_year_to_have_ended(seed, personas, client_for):
    response = client_for(personas["chair"]).get(reverse("annual:report"))
    expected = annual.default_year(annual.years_with_data())
    assert response.status_code == 200 and response.context["chosen"] == expected
    assert response.context["report"].year.start_year == expected
    html = response.content.decode()
    assert f'<option value="{expected}" selected>' in html
    for year in annual.years_with_data():
        assert f'<option value="{year}"' in html


@pytest.mark.parametrize(
    "raw",
    ["abc", "2014", "9999", "2025/26", "-1", "\uff12\uff10\uff12\uff15", "1" * 4000, "2025' OR 1=1 --", "<script>"],
)
def test_a_crafted_year_is_an_error_on_the_page(raw, seed, personas, client_for):
    """Hostile: years no choice on the page offers, typed into the address."""
    response = client_for(personas["bu_manager"]).get(reverse("annual:report"), {"year": raw})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#year">Choose a financial year from the list' in html
    assert response.context["report"] is None and "Download the report" not in html
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "<script>" not in main and "OR 1=1" not in main  # what was sent is not echoed
    assert html.count("<title>Error: ") == 1
    assert not _audited(AuditAction.VIEW, 2025)


@pytest.mark.parametrize("year", [2014, 1, 0, 9999, 99999999999999999999])
def test_a_download_for_a_year_that_cannot_be_reported_is_not_found(year, personas, client_for):
    client = client_for(personas["bu_manager"])
    assert client.get(f"/annual-report/{year}/pdf/").status_code == 404
    assert client.get(f"/annual-report/{year}/docx/").status_code == 404
    assert client.get("/annual-report/2025x/pdf/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


def test_only_get_is_allowed(personas, client_for):
    client = client_for(personas["bu_manager"])
    assert client.post(reverse("annual:report"), {"year": "2025"}).status_code == 405
    assert client.post(reverse("annual:pdf", args=[2025])).status_code == 405
