"""Every route is classified in tests/access_matrix.py, and every persona gets what the matrix says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from sarhub.core.roles import Role
from sarhub.documents.services import add_document
from sarhub.events.models import EventInvitation, EventTheme, LearningEvent, Proposal
from sarhub.events.services import Invitee, invite, plan_event
from sarhub.partnership.models import Invitation, Membership, Person
from sarhub.partnership.services import grant_role, invite_person
from sarhub.publication.models import PublicationProposal
from sarhub.publication.services import scan as publication_scan
from sarhub.referrals.services.decisions import decide, recommend
from sarhub.referrals.services.screening import request_scoping
from sarhub.referrals.services.workflow import move
from sarhub.reviews.models import AccuracyComment, AgencyRequest
from sarhub.reviews.services import appoint, set_up_review
from sarhub.reviews.services.content import save_finding, save_recommendation
from sarhub.reviews.services.people import add_person, exclude, name_practitioner
from sarhub.reviews.services.requests import request_information
from sarhub.reviews.services.running import add_parallel_process
from tests.access_matrix import (
    ADMITS,
    CASE_TEAM,
    MANAGERS,
    MATRIX,
    NAMESPACE_RULES,
    PUBLIC,
    SCOPING_REQUEST,
    SECOND_FACTOR_STAGE,
    SIGNED_IN,
    SYSADMIN,
    Route,
)
from tests.builders import signed_off
from tests.factories import SAMPLE_ADULT_NAME, SAMPLE_PDF, PersonFactory, make_sample_referral
from tests.form_check import response_problems
from tests.personas import PERSONA_KEYS, sign_in

# A person's details planted in the data: only the people who manage the partnership may ever see them.
CANARY = "Canary Qx7Zebra"
# The adult's name in a referral: the confidential record, for the case team only.
ADULT_CANARY = SAMPLE_ADULT_NAME


def walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str | None, str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, namespace.rstrip(":"), entry.callback


ROUTES = list(walk(get_resolver().url_patterns))


def test_every_route_is_in_the_access_matrix() -> None:
    unclassified = []
    for name, namespace, callback in ROUTES:
        if namespace in NAMESPACE_RULES:
            continue
        if name is None or name not in MATRIX:
            unclassified.append(name or repr(callback))
    assert not unclassified, f"Routes missing from tests/access_matrix.py: {unclassified}"


def test_the_matrix_has_no_stale_entries() -> None:
    names = {name for name, _, _ in ROUTES}
    assert not set(MATRIX) - names


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_view_declares_the_rule_the_matrix_expects(name: str) -> None:
    callback = next(cb for n, _, cb in ROUTES if n == name)
    rule = MATRIX[name].rule
    declared = getattr(callback, "access_rule", None)
    if rule == PUBLIC:
        assert declared == "public"
        assert getattr(callback, "login_required", True) is False
    elif rule == SIGNED_IN:
        assert declared is None
        assert getattr(callback, "login_required", True) is True
        assert not getattr(callback, "second_factor_not_required", False)
    elif rule == SECOND_FACTOR_STAGE:
        assert declared is None
        assert getattr(callback, "second_factor_not_required", False) is True
        assert getattr(callback, "login_required", True) is True
    else:
        assert declared == rule
        assert not getattr(callback, "second_factor_not_required", False)


def test_admin_routes_are_not_public() -> None:
    for name, namespace, callback in ROUTES:
        if namespace == "admin" and name != "admin:login":
            assert getattr(callback, "login_required", True) is True, name


@pytest.fixture
def samples(personas: dict[str, Person]) -> dict[str, str]:
    target = personas["practitioner"]
    PersonFactory(email="canary.person@testshire.example.org", full_name=CANARY, job_title=CANARY)
    issued = invite_person(
        personas["bu_manager"],
        email="invitee@testshire.example.org",
        full_name="Invited Person",
        agency=None,
        roles=["independent_chair"],
    )
    referral = make_sample_referral()
    version = add_document(
        personas["bu_manager"],
        referral,
        title="Sample letter",
        classification="confidential",
        upload=SimpleUploadedFile("letter.pdf", SAMPLE_PDF),
    )
    scoping = request_scoping(personas["bu_manager"], referral, [personas["agency_lead"].agencies[0]])[0]
    decided = make_sample_referral()  # the same canary name: the review pages must never show it
    move(personas["bu_manager"], decided, "awaiting_decision")
    recommend(personas["subgroup_member"], decided, outcome="discretionary", other_process="", reasons="To learn.")
    decide(personas["chair"], decided, outcome="discretionary", other_process="", reasons="There is learning.")
    review = set_up_review(personas["bu_manager"], [decided], route="rapid", data={"pseudonym": "Adult Sample"})
    appointment = appoint(personas["bu_manager"], review, personas["reviewer"], "lead_reviewer")
    finding = save_finding(
        personas["bu_manager"],
        review,
        {"text": "Information was not shared.", "domain": "inter_agency", "kind": "barrier"},
    )
    recommendation = save_recommendation(
        personas["bu_manager"], review, {"text": "Share information.", "to_board": True, "findings": [finding]}
    )
    process = add_parallel_process(personas["bu_manager"], review, {"kind": "coroner", "holds_publication": True})
    lead_agency = personas["agency_lead"].agencies[0]
    agency_request = request_information(personas["bu_manager"], review, [lead_agency], "chronology")[0]
    # People the record names: a family member, one excluded with a reason, and a practitioner the agency's
    # lead named with their chronology.
    person_in_record = add_person(
        personas["bu_manager"], review, "around", {"full_name": "Sample Relative", "relationship": "Son"}
    )
    excluded_person = exclude(
        personas["bu_manager"],
        add_person(personas["bu_manager"], review, "around", {"full_name": "Sample Member", "relationship": "Friend"}),
        "Quoted by role.",
    )
    named_practitioner = name_practitioner(
        personas["agency_lead"], agency_request, {"full_name": "Sample Nurse", "job_title": "Nurse"}
    )
    draft = add_document(
        personas["bu_manager"],
        review,
        title="Draft report",
        classification="confidential",
        upload=SimpleUploadedFile("draft.pdf", SAMPLE_PDF),
    )
    # A factual-accuracy request the agency has answered, with a comment the review team did not accept.
    accuracy_request = AgencyRequest.objects.create(
        review=review,
        agency=lead_agency,
        kind="factual_accuracy",
        status="submitted",
        draft=draft,
        due_on=review.created_at.date(),
        requested_by=personas["bu_manager"],
    )
    comment = AccuracyComment.objects.create(
        request=accuracy_request,
        number=1,
        location="Paragraph 2.1",
        comment="The date of the visit is wrong.",
        author=personas["agency_lead"],
        outcome="not_amended",
        response="Our records show the visit on that date.",
    )
    start = timezone.now() + timedelta(days=14)
    event = plan_event(
        personas["bu_manager"],
        review,
        {"title": "Learning event", "starts_at": start, "ends_at": start + timedelta(hours=2), "venue": "Room 1"},
        [],
    )
    practitioner = personas["practitioner"]
    invite(
        personas["bu_manager"],
        event,
        [Invitee(practitioner.full_name, practitioner.email, practitioner.agencies[0], "practitioner", practitioner)],
    )
    # The event is under way: the practitioner said they were coming, and collation has begun.
    LearningEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    EventInvitation.objects.filter(event=event).update(reply="accepted")
    theme = EventTheme.objects.create(
        event=event,
        title="Sharing risk",
        kind="barrier",
        domain="inter_agency",
        summary="A barrier.",
        created_by=personas["bu_manager"],
    )
    proposal = Proposal.objects.create(
        event=event, kind="recommendation", text="Share risk.", created_by=personas["bu_manager"]
    )
    # A proposal whose check found the adult's name: the findings quote it, so only the case team sees them.
    summary = f"{ADULT_CANARY} was known to four agencies."
    publication = PublicationProposal.objects.create(
        review=review,
        form="executive_summary",
        summary=summary,
        proposed_by=personas["bu_manager"],
        hits=publication_scan(review, summary, None),
    )
    assert publication.hits
    return {
        "proposal_publication": str(publication.pk),
        "review_reference": review.reference,
        "event": str(event.pk),
        "theme": str(theme.pk),
        "proposal": str(proposal.pk),
        "agency_request": str(agency_request.pk),
        "accuracy_request": str(accuracy_request.pk),
        "comment": str(comment.pk),
        "process": str(process.pk),
        "person_in_record": str(person_in_record.pk),
        "excluded_person": str(excluded_person.pk),
        "named_practitioner": str(named_practitioner.pk),
        "finding": str(finding.pk),
        "recommendation": str(recommendation.pk),
        "review": str(review.pk),
        "appointment": str(appointment.pk),
        "decided_referral": str(decided.pk),
        "scoping": str(scoping.pk),
        "referral": str(referral.pk),
        "referral_label": "referrals.referral",
        "document": str(version.document_id),
        "version": str(version.pk),
        "agency": str(target.agencies[0].pk),
        "person": str(target.pk),
        "membership": str(Membership.objects.filter(person=target).first().pk),  # type: ignore[union-attr]
        "role_grant": str(
            grant_role(personas["sysadmin"], target, Role.BUSINESS_UNIT_MANAGER, None).pk  # waits for a second person
        ),
        "invitation": str(issued.invitation.pk),
        "token": "not-a-real-token-at-all",
        "uidb64": "MQ",
        "reset": "set-password",
        **_leadership_samples(personas),
        **_briefing_samples(personas),
        **_action_samples(personas, review, recommendation),
        "annual_year": "2025",
        "insight_figure": "referrals-by-status",
        "insight_quarter": "2026-q1",
        "insight_kind": "docx",
        "api_token": _api_token_sample(personas),
        "repeat_flag": _repeat_flag_sample(personas),
    }


def url_for(name: str, route: Route, samples: dict[str, str]) -> str:
    return reverse(name, kwargs={key: samples[sample] for key, sample in route.kwargs.items()})


GET_ROUTES = sorted(name for name, route in MATRIX.items() if "GET" in route.methods)
POST_ROUTES = sorted(name for name, route in MATRIX.items() if "POST" in route.methods)


@pytest.mark.parametrize("name", GET_ROUTES)
def test_get_by_every_persona_follows_the_matrix(
    name: str, personas: dict[str, Person], samples: dict[str, str]
) -> None:
    route = MATRIX[name]
    url = url_for(name, route, samples)
    problems: list[tuple[str, object]] = []

    response = Client().get(url)
    if route.rule == PUBLIC:
        problems.extend(("anonymous", problem) for problem in response_problems(response))
        if response.status_code != route.anonymous_ok:
            problems.append(("anonymous", response.status_code))
    elif response.status_code != 302 or not response["Location"].startswith(reverse("accounts:login")):
        problems.append(("anonymous", response.status_code))

    for key in PERSONA_KEYS:
        response = sign_in(Client(), personas[key]).get(url)
        admitted = route.rule == PUBLIC or key in ADMITS[route.rule]
        if admitted and response.status_code != route.ok:
            problems.append((key, response.status_code))
        if not admitted and response.status_code not in (403, 404):
            problems.append((key, response.status_code))
        if admitted and response.status_code == 200:
            # Every form on the page is drawn as its fields expect (tests/form_check.py).
            problems.extend((key, problem) for problem in response_problems(response))
        content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        body = content.decode(errors="replace")  # downloads may be binary (reports checked in their own tests)
        if key not in ADMITS[MANAGERS] and CANARY in body:
            problems.append((key, "canary visible"))
        # The agency a scoping request is addressed to sees who it is about, to find its records.
        adult_viewers = ADMITS[CASE_TEAM] | (ADMITS[SCOPING_REQUEST] if route.rule == SCOPING_REQUEST else set())
        if key not in adult_viewers and ADULT_CANARY in body:
            problems.append((key, "adult's name visible"))
    if ADULT_CANARY in Client().get(url).content.decode():
        problems.append(("anonymous", "adult's name visible"))
    assert not problems, f"{name} {url}: unexpected responses {problems}"


@pytest.mark.parametrize("name", [n for n in POST_ROUTES if MATRIX[n].rule != PUBLIC])
def test_post_by_personas_the_matrix_excludes_is_refused(
    name: str, personas: dict[str, Person], samples: dict[str, str]
) -> None:
    route = MATRIX[name]
    url = url_for(name, route, samples)
    before = (
        Person.objects.filter(is_active=True).count(),
        Membership.objects.active().count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
    )
    response = Client().post(url, {"name": "Changed", "role": "system_admin"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for key in PERSONA_KEYS:
        if key in ADMITS[route.rule]:
            continue
        response = sign_in(Client(), personas[key]).post(url, {"name": "Changed", "role": "system_admin"})
        assert response.status_code in (403, 404), (key, response.status_code)
    after = (
        Person.objects.filter(is_active=True).count(),
        Membership.objects.active().count(),
        Invitation.objects.filter(revoked_at__isnull=True).count(),
    )
    assert before == after


def _admitted_persona(route: Route) -> str | None:
    if route.rule == PUBLIC:
        return None
    return sorted(ADMITS[route.rule])[0]


@pytest.mark.parametrize("name", POST_ROUTES)
def test_every_post_route_refuses_a_missing_csrf_token(
    name: str, personas: dict[str, Person], samples: dict[str, str]
) -> None:
    route = MATRIX[name]
    client = Client(enforce_csrf_checks=True)
    key = _admitted_persona(route)
    if key is not None:
        sign_in(client, personas[key])
    response = client.post(url_for(name, route, samples), {"name": "Changed"})
    assert response.status_code == 403
    assert "could not accept that form" in response.content.decode()


@pytest.mark.parametrize("name", POST_ROUTES)
def test_every_post_route_refuses_a_foreign_origin(
    name: str, personas: dict[str, Person], samples: dict[str, str]
) -> None:
    """With a valid CSRF cookie and token, a request from another origin is still refused; the same
    request from our own origin passes the CSRF check (so the refusal is the Origin check's doing)."""
    route = MATRIX[name]
    url = url_for(name, route, samples)
    key = _admitted_persona(route)
    secret = get_random_string(32, allowed_chars=CSRF_ALLOWED_CHARS)

    def attempt(origin: str) -> Any:
        client = Client(enforce_csrf_checks=True)
        if key is not None:
            sign_in(client, personas[key])
        client.cookies["csrftoken"] = secret
        return client.post(url, {"csrfmiddlewaretoken": secret}, HTTP_ORIGIN=origin)

    foreign = attempt("https://attacker.example.net")
    assert foreign.status_code == 403
    assert "could not accept that form" in foreign.content.decode()
    own = attempt("http://testserver")
    assert "could not accept that form" not in own.content.decode()


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:partnership_person_changelist", "admin:audit_auditevent_changelist"]
)
def test_the_admin_is_for_verified_system_administrators_only(url_name: str, personas: dict[str, Person]) -> None:
    url = reverse(url_name)
    assert Client().get(url).status_code == 302
    for key in PERSONA_KEYS:
        response = sign_in(Client(), personas[key]).get(url)
        if key in ADMITS[SYSADMIN]:
            assert response.status_code == 200, key
        else:
            assert response.status_code in (302, 403, 404), (key, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith("/admin/"), key


def _leadership_samples(personas: dict[str, Person]) -> dict[str, str]:
    """Senior leadership: a presentation (not presented yet) of a review the Board has signed off, whose
    referral carries the adult's name, with one follow-up."""
    from sarhub.leadership.models import MeetingKind
    from sarhub.leadership.services import add_follow_up, record_presentation

    manager = personas["bu_manager"]
    referral = make_sample_referral()
    move(manager, referral, "awaiting_decision")
    recommend(personas["subgroup_member"], referral, outcome="discretionary", other_process="", reasons="To learn.")
    decide(personas["chair"], referral, outcome="discretionary", other_process="", reasons="There is learning.")
    review = set_up_review(manager, [referral], route="rapid", data={"pseudonym": "Adult Signed"})
    save_finding(manager, review, {"text": "Carers were not assessed.", "domain": "direct_work", "kind": "barrier"})
    review = signed_off(personas, review)
    presentation = record_presentation(
        manager,
        {
            "meeting_kind": MeetingKind.objects.get(name="Place Board"),
            "presented_on": timezone.localdate(),
            "title": "Thematic findings",
            "reviews": [review],
        },
    )
    follow_up = add_follow_up(
        manager,
        presentation,
        {"text": "Report back.", "owner_text": "Business manager", "due_on": timezone.localdate()},
    )
    return {"presentation": str(presentation.pk), "follow_up": str(follow_up.pk)}


def _briefing_samples(personas: dict[str, Person]) -> dict[str, str]:
    """A briefing about the signed-off review the leadership samples made: sent to every agency (the agency lead's has recorded a team) and
    proposed for publication, not published."""
    from sarhub.briefings import services as briefings
    from sarhub.briefings.models import POINTS
    from sarhub.reviews.models import Review

    manager = personas["bu_manager"]
    review = Review.objects.get(pseudonym="Adult Signed")
    points = {name: f"{heading}: what teams should know." for name, heading, _ in POINTS}
    briefing = briefings.create(
        manager,
        {**points, "title": "Sharing risk", "question_1": "What?", "question_2": "Who?", "reviews": [review]},
    )
    version = briefing.versions.get()
    circulation = briefings.circulate(manager, version)
    cascade = circulation.agencies.get(agency__in=personas["agency_lead"].agencies)
    entry = briefings.record_cascade(
        personas["agency_lead"],
        cascade,
        {
            "team": "Ward 4",
            "briefed_on": timezone.localdate(),
            "staff_reached": 9,
            "discussed": "Risk.",
            "will_change": "Ask.",
        },
    )
    proposal = briefings.propose(manager, version)
    return {
        "briefing": str(briefing.pk),
        "briefing_version": str(version.pk),
        "briefing_proposal": str(proposal.pk),
        "circulation": str(circulation.pk),
        "cascade": str(cascade.pk),
        "cascade_record": str(entry.pk),
    }


def _action_samples(personas: dict[str, Person], review: Any, recommendation: Any) -> dict[str, str]:
    """An action answering the sample review's recommendation, owned by the agency lead's agency and led
    by the agency lead."""
    from sarhub.actions.services import create_action

    lead = personas["agency_lead"]
    action = create_action(
        personas["bu_manager"],
        review,
        {
            "recommendation": recommendation,
            "what": "Audit how risk is shared at discharge.",
            "owner_agency": lead.agencies[0],
            "lead": lead,
            "due_on": timezone.localdate() + timedelta(days=60),
            "success_measure": "The audit shows risk shared at every discharge.",
        },
    )
    return {"action": str(action.pk), "action_agency": str(lead.agencies[0].pk)}


def _api_token_sample(personas: dict[str, Person]) -> str:
    """A read-only partner API token for the agency lead's agency, issued by the business unit."""
    from sarhub.api.models import Scopes
    from sarhub.api.services import issue_token

    lead = personas["agency_lead"]
    issued = issue_token(
        personas["bu_manager"],
        {"agency": lead.agencies[0], "acting_person": lead, "name": "Sample integration", "scopes": Scopes.READ},
    )
    return str(issued.token.pk)


def _repeat_flag_sample(personas: dict[str, Person]) -> str:
    """A repeated-learning flag between two findings of the signed-off sample review (so Board members, who
    read only signed-off reviews, see it too)."""
    from sarhub.insight.models import RepeatFlag
    from sarhub.reviews.models import Finding, Review

    review = Review.objects.get(pseudonym="Adult Signed")
    earlier = review.findings.get()
    finding = Finding.objects.create(
        review=review,
        number=2,
        text="Carers were not assessed again.",
        domain="direct_work",
        kind="barrier",
        created_by=personas["bu_manager"],
    )
    return str(RepeatFlag.objects.create(finding=finding, earlier=earlier, score=0.9, shared_words=["carers"]).pk)
