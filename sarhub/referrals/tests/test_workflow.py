"""Moving a referral on: the allowed changes (workflow.ALLOWED), what each step needs, and the move page.

The business unit pressing "Ready for decision" is a test that opens the referral and presses it
(tests/pages.py). Raw posts remain only where the sender is deliberately hostile (a next step the page
never offers, extra fields, a persona the page refuses), and say so.
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral, RequestStatus, ScopingRequest, Status
from sarhub.referrals.services import screening, workflow
from tests.factories import AgencyFactory, make_sample_referral
from tests.pages import banner, browse_as, press

pytestmark = pytest.mark.django_db

HOSPITAL = "Testshire Hospital Trust"  # the agency_lead persona's agency
AMBULANCE = "Testshire Ambulance Service"
NOT_READY = "The referral is not ready for the next step"


def _move_url(referral: Referral) -> str:
    return reverse("referrals:move", args=[referral.pk])


def _detail_url(referral: Referral) -> str:
    return reverse("referrals:detail", args=[referral.pk])


def _agency(name: str) -> Agency:
    return cast(Agency, AgencyFactory(name=name))


def _status(referral: Referral) -> str:
    referral.refresh_from_db()
    return referral.status


def _moves_of(referral: Referral) -> list[str]:
    events = AuditEvent.objects.filter(
        action=Action.STATE_CHANGE, object_type="referrals.referral", object_id=str(referral.pk)
    ).order_by("id")
    return [e.detail for e in events]


def _messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _page_error_summary(body: str) -> str:
    start = body.find('class="govuk-error-summary"')
    return "" if start == -1 else body[start : body.find("</div></div>", start)]


READY = "Ready for decision"


def _ready_for_decision(person: Any, referral: Referral) -> Any:
    """The business unit opens the referral and presses "Ready for decision"; the page it lands on."""
    response = press(browse_as(person).get(_detail_url(referral)), READY)
    assert response.status_code == 302
    assert response["Location"] == _detail_url(referral)
    return response.follow()


# --- Through the page ---------------------------------------------------------------------------------


def test_a_referral_waiting_for_a_summary_is_not_ready_for_decision(personas):
    referral = make_sample_referral()
    hospital, ambulance = _agency(HOSPITAL), _agency(AMBULANCE)
    answered, waiting = screening.request_scoping(personas["bu_manager"], referral, [hospital, ambulance])
    assert (answered.agency, waiting.agency) == (hospital, ambulance)
    screening.answer_scoping(personas["agency_lead"], answered, involvement="Known to the ward.", concerns="")
    app = browse_as(personas["bu_manager"])

    page = press(app.get(_detail_url(referral)), READY).follow()

    assert _status(referral) == Status.SCREENING
    assert _moves_of(referral) == ["received -> screening: scoping requested"]
    summary = _page_error_summary(page.text)
    assert NOT_READY in summary
    assert f"a scoping summary from {AMBULANCE}" in summary
    assert f"a scoping summary from {HOSPITAL}" not in summary
    # The summary is shown once, not on every later visit.
    assert 'class="govuk-error-summary"' not in app.get(_detail_url(referral)).text


@pytest.mark.parametrize("settle", ["answer", "withdraw"])
def test_once_every_request_is_answered_or_withdrawn_it_moves(personas, settle):
    manager = personas["bu_manager"]
    referral = make_sample_referral()
    (scoping,) = screening.request_scoping(manager, referral, [_agency(HOSPITAL)])
    if settle == "answer":
        screening.answer_scoping(personas["agency_lead"], scoping, involvement="Known to us.", concerns="")
    else:
        screening.withdraw_scoping(manager, scoping)

    page = _ready_for_decision(manager, referral)

    assert _status(referral) == Status.AWAITING_DECISION
    assert banner(page) == f"{referral.reference} is now awaiting decision."
    assert 'class="govuk-error-summary"' not in page.text
    assert _moves_of(referral)[-1] == "screening -> awaiting_decision"
    assert (
        AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="referrals.referral", person=manager).count()
        == 2
    )


def test_the_chair_may_decide_on_the_referral_alone(personas):
    """Received straight to awaiting decision, with no scoping requests: workflow.ALLOWED permits it."""
    referral = make_sample_referral()
    assert Status.AWAITING_DECISION in workflow.ALLOWED[Status.RECEIVED]

    _ready_for_decision(personas["bu_coordinator"], referral)

    assert _status(referral) == Status.AWAITING_DECISION
    assert _moves_of(referral) == ["received -> awaiting_decision"]


def test_a_public_referral_waits_for_the_business_units_judgement_of_section_44(personas):
    """A family member is not asked which part of the law applies: the business unit judges it first."""
    manager = personas["bu_manager"]
    referral = make_sample_referral(criterion="", criterion_reasons="")
    assert referral.needs_judgement

    page = _ready_for_decision(manager, referral)
    assert _status(referral) == Status.RECEIVED
    summary = _page_error_summary(page.text)
    assert NOT_READY in summary
    assert "the business unit&#x27;s judgement of section 44 (the referrer was not asked)" in summary

    judged = press(
        page.click(description="Record the business unit's judgement of section 44"),
        "Record judgement",
        judgement="condition_1",
        reasons="She died; neglect by omission is suspected.",
    ).follow()
    assert banner(judged) == "The business unit's judgement of section 44 has been recorded."
    page = _ready_for_decision(manager, referral)
    assert _status(referral) == Status.AWAITING_DECISION
    assert banner(page) == f"{referral.reference} is now awaiting decision."


def test_screening_needs_a_request_to_an_agency(personas, client_for):
    """Hostile: the page offers no "screening" step (asking an agency is how a referral gets there);
    posted anyway, the service's refusal is shown on the referral."""
    referral = make_sample_referral()
    response = client_for(personas["bu_manager"]).post(_move_url(referral), {"to": "screening"}, follow=True)
    assert _status(referral) == Status.RECEIVED
    summary = _page_error_summary(response.content.decode())
    assert NOT_READY in summary
    assert "a scoping request to at least one agency" in summary
    assert _moves_of(referral) == []


def test_asking_another_agency_takes_it_back_to_screening(personas):
    manager = personas["bu_manager"]
    referral = make_sample_referral()
    workflow.move(manager, referral, Status.AWAITING_DECISION)

    page = browse_as(manager).get(reverse("referrals:scoping-new", args=[referral.pk]))
    press(page, "Send requests", agencies=[_agency(HOSPITAL)])

    assert _status(referral) == Status.SCREENING
    assert _moves_of(referral) == ["received -> awaiting_decision", "awaiting_decision -> screening: scoping requested"]


def test_extra_fields_cannot_set_the_status(personas, client_for):
    """Hostile: fields the page does not have."""
    referral = make_sample_referral()
    client_for(personas["bu_manager"]).post(
        _move_url(referral), {"to": "awaiting_decision", "status": "decided", "referral-status": "withdrawn"}
    )
    assert _status(referral) == Status.AWAITING_DECISION
    assert _moves_of(referral) == ["received -> awaiting_decision"]


@pytest.mark.parametrize("to", ["", "nonsense", "received", "decided", "withdrawn", "AWAITING_DECISION", " screening"])
def test_a_next_step_not_offered_by_the_page_is_refused_with_a_message(personas, client_for, to):
    """Hostile: a tampered next step."""
    referral = make_sample_referral()
    response = client_for(personas["bu_manager"]).post(_move_url(referral), {"to": to}, follow=True)
    assert response.redirect_chain == [(_detail_url(referral), 302)]
    assert "Choose a next step from the page" in _messages_of(response)
    assert _status(referral) == Status.RECEIVED
    assert _moves_of(referral) == []


def test_a_missing_next_step_is_refused_with_a_message(personas, client_for):
    """Hostile: the button's value removed."""
    referral = make_sample_referral()
    response = client_for(personas["bu_manager"]).post(_move_url(referral), {}, follow=True)
    assert "Choose a next step from the page" in _messages_of(response)
    assert _status(referral) == Status.RECEIVED


@pytest.mark.parametrize("key", ["chair", "subgroup_member", "agency_lead", "practitioner"])
def test_only_the_business_unit_moves_a_referral_on(personas, client_for, key):
    """Hostile: personas the page offers no button post anyway."""
    referral = make_sample_referral()
    client = client_for(personas[key])
    assert client.post(_move_url(referral), {"to": "awaiting_decision"}).status_code == 403
    assert client.get(_move_url(referral)).status_code in (403, 405)
    assert _status(referral) == Status.RECEIVED
    with pytest.raises(PermissionDenied):
        workflow.move(personas[key], referral, Status.AWAITING_DECISION)
    assert _status(referral) == Status.RECEIVED


def test_the_page_offers_ready_for_decision_only_before_it(personas, client_for):
    referral = make_sample_referral()
    client = client_for(personas["bu_manager"])
    for status, offered in [
        (Status.RECEIVED, True),
        (Status.SCREENING, True),
        (Status.AWAITING_DECISION, False),
        (Status.WITHDRAWN, False),
    ]:
        Referral.objects.filter(pk=referral.pk).update(status=status)
        page = client.get(_detail_url(referral)).content.decode()
        assert (_move_url(referral) in page) is offered, status
    # The case team outside the business unit is not offered it at all.
    Referral.objects.filter(pk=referral.pk).update(status=Status.SCREENING)
    assert _move_url(referral) not in client_for(personas["chair"]).get(_detail_url(referral)).content.decode()


# --- The service and its table ------------------------------------------------------------------------


def _ready(personas: dict[str, Any], referral: Referral) -> None:
    """Everything screening and a decision on screening need: one answered scoping request."""
    ScopingRequest.objects.create(
        referral=referral,
        agency=_agency(HOSPITAL),
        requested_by=personas["bu_manager"],
        due_on=referral.received_at.date(),
        status=RequestStatus.ANSWERED,
        involvement="Known to us.",
        answered_by=personas["agency_lead"],
    )


PAIRS = [(before, after) for before in Status.values for after in Status.values]


@pytest.mark.parametrize(("before", "after"), [p for p in PAIRS if p[1] not in workflow.ALLOWED[p[0]]])
def test_every_change_the_table_does_not_allow_is_refused(personas, before, after):
    referral = make_sample_referral()
    _ready(personas, referral)
    Referral.objects.filter(pk=referral.pk).update(status=before)
    actor = personas["chair"] if after == Status.DECIDED else personas["bu_manager"]

    with pytest.raises(workflow.TransitionRefused) as refusal:
        workflow.move(actor, referral, after)

    assert refusal.value.messages[0] == (
        f"A referral that is {Status(before).label.lower()} cannot become {Status(after).label.lower()}"
    )
    assert refusal.value.missing == []
    assert _status(referral) == before
    assert _moves_of(referral) == []


# Becoming decided needs the chair's decision, recorded by the decisions feature and tested with it.
@pytest.mark.parametrize(
    ("before", "after"),
    [p for p in PAIRS if p[1] in workflow.ALLOWED[p[0]] and p[1] != Status.DECIDED],
)
def test_every_change_the_table_allows_is_made_when_the_referral_is_ready(personas, before, after):
    referral = make_sample_referral()
    _ready(personas, referral)
    Referral.objects.filter(pk=referral.pk).update(status=before)

    moved = workflow.move(personas["bu_manager"], referral, after, detail="test")

    assert moved.status == after
    assert referral.status == after  # the caller's copy follows
    assert _status(referral) == after
    assert _moves_of(referral) == [f"{before} -> {after}: test"]


def test_the_table_covers_every_status_and_ends_at_decided_or_withdrawn():
    assert set(workflow.ALLOWED) == set(Status.values)
    assert workflow.ALLOWED[Status.DECIDED] == set()
    assert workflow.ALLOWED[Status.WITHDRAWN] == set()
    for before, targets in workflow.ALLOWED.items():
        assert before not in targets
        assert targets <= set(Status.values)


def test_a_decided_referral_cannot_go_back_to_screening(personas):
    referral = make_sample_referral()
    _ready(personas, referral)
    Referral.objects.filter(pk=referral.pk).update(status=Status.DECIDED)
    with pytest.raises(workflow.TransitionRefused, match="A referral that is decided cannot become screening"):
        workflow.move(personas["bu_manager"], referral, Status.SCREENING)
    assert _status(referral) == Status.DECIDED


def test_the_service_lists_every_waiting_agency(personas):
    manager = personas["bu_manager"]
    referral = make_sample_referral()
    screening.request_scoping(manager, referral, [_agency(HOSPITAL), _agency(AMBULANCE)])
    with pytest.raises(workflow.TransitionRefused) as refusal:
        workflow.move(manager, referral, Status.AWAITING_DECISION)
    assert refusal.value.messages == [NOT_READY]
    assert sorted(refusal.value.missing) == [
        f"a scoping summary from {AMBULANCE}, or withdraw that request",
        f"a scoping summary from {HOSPITAL}, or withdraw that request",
    ]
    assert workflow.missing_for(referral, Status.AWAITING_DECISION) == refusal.value.missing
    assert _status(referral) == Status.SCREENING


def test_withdrawing_a_referral_closes_its_open_requests(personas):
    referral = make_sample_referral()
    open_request, answered = screening.request_scoping(
        personas["bu_manager"], referral, [_agency(AMBULANCE), _agency(HOSPITAL)]
    )
    screening.answer_scoping(personas["agency_lead"], answered, involvement="Seen twice.", concerns="")
    workflow.move(personas["bu_manager"], referral, Status.WITHDRAWN)
    open_request.refresh_from_db()
    answered.refresh_from_db()
    assert open_request.status == RequestStatus.WITHDRAWN
    assert answered.status == RequestStatus.ANSWERED  # what was sent is kept


def test_an_unknown_step_is_refused_in_words(personas):
    referral = make_sample_referral()
    with pytest.raises(workflow.TransitionRefused, match="Choose a next step"):
        workflow.move(personas["bu_manager"], referral, "teleported")
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED
