"""Fuzzing the forms with arbitrary text (control characters, very long strings, any Unicode).

For every form: no response is a server error, and a submission that is refused changes nothing.
Where a random submission can be valid, the check is that it made exactly the change it describes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from sarhub.audit.models import AuditEvent
from sarhub.core.roles import GRANTABLE_ROLES, POWERFUL_ROLES, Role
from sarhub.partnership import services
from sarhub.partnership.models import Agency, AgencyType, Board, Invitation, Membership, Person, RoleGrant

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# Any character a browser could send (no lone surrogates, which cannot be encoded).
ANY_CHAR = st.characters(codec="utf-8")
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\x00abc",
        "a\x00b",
        "\r\n",
        "\t",
        "\x1b[31m",
        "\u202e",
        "\ufeff",
        "0",
        "-1",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "[]",
        "{}",
        "null",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "../../etc/passwd",
        "\U0001d518\U0001d52b\U0001d526 \u2603 \u65e5\u672c\u8a9e \u05e2\u05d1\u05e8\u05d9\u05ea",
        '=HYPERLINK("x")',
        "a@b",
        "@",
        "name@example.org\nBcc: victim@example.org",
        "x" * 255 + "@example.org",
    ]
)
LONG = st.builds(lambda c, n: c * n, ANY_CHAR, st.integers(min_value=200, max_value=5000))
TEXT = st.one_of(NASTY, st.text(ANY_CHAR, max_size=80), LONG)


def _status_ok(response: Any) -> None:
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, response.status_code


def _snapshot(model: Any, *fields: str) -> list[tuple[Any, ...]]:
    return list(model.objects.order_by("pk").values_list("pk", *fields))


# --- Public forms ------------------------------------------------------------------------------------


@pytest.mark.django_db
@FUZZ
@given(username=TEXT, password=TEXT, ip=st.integers(min_value=1, max_value=254))
def test_fuzz_login(personas, username, password, ip):
    before = _snapshot(Person, "last_login", "password", "is_active")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=f"10.9.8.{ip}"
    )
    _status_ok(response)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert _snapshot(Person, "last_login", "password", "is_active") == before


@pytest.mark.django_db
@FUZZ
@given(email=TEXT)
def test_fuzz_password_reset(personas, email):
    response = Client().post(reverse("accounts:password-reset"), {"email": email})
    _status_ok(response)
    assert response.status_code in (200, 302)
    # Only an existing account's address gets an email, and no fuzzed text is one.
    assert mail.outbox == []


@pytest.fixture
def invitation_client(personas: dict[str, Person]) -> Client:
    """An anonymous browser that has opened a valid invitation link (the invitation is in its session)."""
    issued = services.invite_person(
        personas["bu_manager"],
        email="fuzz.new@testshire.example.org",
        full_name="Fuzz New",
        agency=None,
        roles=[Role.BOARD_MEMBER],
    )
    client = Client()
    assert client.get(issued.path).status_code == 302
    return client


@pytest.mark.django_db
@FUZZ
@given(email=TEXT, full_name=TEXT, password1=TEXT, password2=TEXT)
def test_fuzz_invitation_accept(invitation_client, email, full_name, password1, password2):
    response = invitation_client.post(
        reverse("accounts:invitation-accept"),
        {"email": email, "full_name": full_name, "password1": password1, "password2": password2},
    )
    _status_ok(response)
    assert response.status_code == 200  # refused: the address is never the invited one
    assert not Person.objects.filter(email__iexact="fuzz.new@testshire.example.org").exists()
    assert Invitation.objects.get().status == "pending"
    assert "_auth_user_id" not in invitation_client.session


@pytest.mark.django_db
@FUZZ
@given(full_name=TEXT, password=TEXT)
def test_fuzz_invitation_accept_with_the_right_address(invitation_client, full_name, password):
    """The invited address, but the confirmation never matches: always refused, nothing created."""
    response = invitation_client.post(
        reverse("accounts:invitation-accept"),
        {
            "email": "fuzz.new@testshire.example.org",
            "full_name": full_name,
            "password1": password,
            "password2": password + "!",
        },
    )
    _status_ok(response)
    assert response.status_code == 200
    assert not Person.objects.filter(email__iexact="fuzz.new@testshire.example.org").exists()
    assert Invitation.objects.get().status == "pending"


# --- Staff forms ---------------------------------------------------------------------------------------


@pytest.fixture
def manager(personas: dict[str, Person], client_for: Any) -> Client:
    return client_for(personas["bu_manager"])


AGENCY_TYPE = st.one_of(st.sampled_from(AgencyType.values), TEXT)


@pytest.mark.django_db
@FUZZ
@given(name=TEXT, short_name=TEXT, agency_type=AGENCY_TYPE, is_active=st.sampled_from(["", "on", "true", "\x00"]))
def test_fuzz_agency_create(manager, name, short_name, agency_type, is_active):
    before = _snapshot(Agency, "name", "short_name", "agency_type", "is_active")
    response = manager.post(
        reverse("partnership:agency-create"),
        {"name": name, "short_name": short_name, "agency_type": agency_type, "is_active": is_active},
    )
    _status_ok(response)
    after = _snapshot(Agency, "name", "short_name", "agency_type", "is_active")
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
        assert after == before
    else:
        assert response.status_code == 302
        added = [row for row in after if row not in before]
        assert len(added) == 1 and len(after) == len(before) + 1
        assert added[0][1] == name.strip()
        assert added[0][3] == agency_type


ROLE = st.one_of(st.sampled_from([r.value for r in Role]), TEXT)


@pytest.mark.django_db
@FUZZ
@given(
    full_name=TEXT,
    email=st.one_of(TEXT, st.emails()),
    job_title=TEXT,
    agency=st.one_of(TEXT, st.sampled_from(["", "1", "2", "3"])),
    roles=st.lists(ROLE, max_size=4),
)
def test_fuzz_invitation_create(manager, full_name, email, job_title, agency, roles):
    before = _snapshot(Invitation, "email", "token_hash")
    mail.outbox.clear()
    response = manager.post(
        reverse("partnership:invitation-create"),
        {"full_name": full_name, "email": email, "job_title": job_title, "agency": agency, "roles": roles},
    )
    _status_ok(response)
    after = _snapshot(Invitation, "email", "token_hash")
    if response.status_code == 200:
        assert after == before
        assert mail.outbox == []
    else:
        assert response.status_code == 302
        assert len(after) == len(before) + 1
        assert len(mail.outbox) == 1
        assert len(mail.outbox[0].recipients()) == 1
        assert "\n" not in mail.outbox[0].to[0]
        assert Role.SYSTEM_ADMINISTRATOR not in Invitation.objects.order_by("-pk").first().roles  # type: ignore[union-attr]


@pytest.mark.django_db
@FUZZ
@given(role=ROLE, agency=st.one_of(TEXT, st.sampled_from(["", "1", "2", "3", "4"])))
def test_fuzz_role_add(personas, manager, role, agency):
    target = personas["chair"]
    before = _snapshot(Membership, "person_id", "role", "agency_id", "ended_at")
    response = manager.post(
        reverse("partnership:role-add", args=[target.pk]), {"csrfmiddlewaretoken": "x", "role": role, "agency": agency}
    )
    _status_ok(response)
    after = _snapshot(Membership, "person_id", "role", "agency_id", "ended_at")
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
        assert after == before
    else:
        assert response.status_code == 302
        assert role in {r.value for r in GRANTABLE_ROLES} and role != Role.SYSTEM_ADMINISTRATOR
        added = [row for row in after if row not in before]
        if role in POWERFUL_ROLES:  # waits for a second person: nothing granted yet
            assert added == []
            assert RoleGrant.objects.filter(person=target, role=role, status="pending").exists()
        else:
            assert len(added) == 1
            assert added[0][1:3] == (target.pk, role)


BOARD_FIELDS = ("name", "short_name", "concern_phone", "website", "financial_year_start_month", "purpose")


@pytest.mark.django_db
@FUZZ
@given(
    name=TEXT,
    short_name=TEXT,
    concern_phone=st.one_of(TEXT, st.from_regex(r"\A[0-9 +()\-]{3,20}\Z")),
    website=st.one_of(TEXT, st.sampled_from(["https://www.example.org", "example.org", "javascript:alert(1)"])),
    month=st.one_of(TEXT, st.integers(min_value=-5, max_value=20).map(str)),
    purpose=TEXT,
)
def test_fuzz_board_edit(personas, manager, name, short_name, concern_phone, website, month, purpose):
    before = list(Board.objects.values_list(*BOARD_FIELDS))
    response = manager.post(
        reverse("partnership:board-edit"),
        {
            "name": name,
            "short_name": short_name,
            "concern_phone": concern_phone,
            "website": website,
            "financial_year_start_month": month,
            "purpose": purpose,
        },
    )
    _status_ok(response)
    after = list(Board.objects.values_list(*BOARD_FIELDS))
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
        assert after == before
    else:
        assert response.status_code == 302
        assert len(after) == 1
        board = Board.objects.get()
        assert board.name == name.strip()
        assert board.website.startswith(("http://", "https://"))
        assert 1 <= board.financial_year_start_month <= 12


# --- Search forms (GET) --------------------------------------------------------------------------------


QUERY_VALUE = st.one_of(
    TEXT.filter(lambda s: len(s) < 2000), st.sampled_from(["sign_in", "success", "partnership.person"])
)


@pytest.mark.django_db
@FUZZ
@given(
    params=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            (
                "person",
                "action",
                "outcome",
                "object_type",
                "object_id",
                "request_id",
                "date_from",
                "date_to",
                # GOV.UK's date input: the three boxes of each date.
                "date_from-day",
                "date_from-month",
                "date_from-year",
                "date_to-day",
                "date_to-month",
                "date_to-year",
                "page",
            ),
            QUERY_VALUE,
        ),
    )
)
def test_fuzz_audit_filter(manager, params):
    before = AuditEvent.objects.count()
    response = manager.get(reverse("audit:list"), params)
    _status_ok(response)
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before
    export = manager.get(reverse("audit:export"), params)
    _status_ok(export)
    assert export.status_code in (200, 400)
    if export.status_code == 200:
        b"".join(export.streaming_content)  # the whole stream renders


@pytest.mark.django_db
@FUZZ
@given(
    params=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(("q", "agency", "role", "status", "page"), QUERY_VALUE),
    )
)
def test_fuzz_people_filter(manager, params):
    before = _snapshot(Person, "full_name", "is_active")
    response = manager.get(reverse("partnership:person-list"), params)
    _status_ok(response)
    assert response.status_code == 200
    assert _snapshot(Person, "full_name", "is_active") == before


# --- Review forms: requests to agencies and comments on the draft ----------------------------------


@pytest.fixture
def fuzz_review(personas: dict[str, Person]) -> Any:
    """A rapid review at factual accuracy (reached through the services), with its draft report."""
    from sarhub.reviews.services.requests import review_drafts
    from tests.builders import review_at

    review = review_at(personas, stage="factual_accuracy", pseudonym="Adult Z")
    return review, review_drafts(review).get()


@pytest.mark.django_db
@FUZZ
@given(
    kind=st.one_of(st.sampled_from(["chronology", "imr", "factual_accuracy"]), TEXT),
    agencies=st.lists(st.one_of(TEXT, st.sampled_from(["1", "2", "3", "4"])), max_size=3),
    note=TEXT,
)
@example(kind="chronology", agencies=["²"], note="")  # a digit to str.isdigit, not to int(): once a 500
@example(kind="chronology", agencies=["99999999999999999999999999"], note="")  # too large for the database
def test_fuzz_review_request(personas, manager, fuzz_review, kind, agencies, note):
    from sarhub.reviews.models import AgencyRequest

    review, _ = fuzz_review
    before = _snapshot(AgencyRequest, "agency_id", "kind", "status")
    response = manager.post(
        reverse("reviews:request-new", args=[review.pk]), {"kind": kind, "agencies": agencies, "note": note}
    )
    _status_ok(response)
    after = _snapshot(AgencyRequest, "agency_id", "kind", "status")
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
        assert after == before
    else:
        assert response.status_code == 302
        added = [row for row in after if row not in before]
        assert {row[2] for row in added} == {kind} and len(added) == len(set(agencies))


@pytest.mark.django_db
@FUZZ
@given(location=TEXT, comment=TEXT, suggested=TEXT)
def test_fuzz_accuracy_comment(personas, client_for, fuzz_review, location, comment, suggested):
    from sarhub.reviews.models import AccuracyComment, AgencyRequest
    from sarhub.reviews.services.requests import start_accuracy_round

    review, draft = fuzz_review
    request = (
        AgencyRequest.objects.filter(kind="factual_accuracy").first()
        or start_accuracy_round(personas["bu_manager"], review, [personas["agency_lead"].agencies[0]], draft)[0]
    )
    lead = client_for(personas["agency_lead"])
    before = _snapshot(AccuracyComment, "location", "comment", "suggested")
    response = lead.post(
        reverse("reviews:comment-new", args=[request.pk]),
        {"location": location, "comment": comment, "suggested": suggested},
    )
    _status_ok(response)
    after = _snapshot(AccuracyComment, "location", "comment", "suggested")
    if response.status_code == 400:
        assert "govuk-error-summary" in response.content.decode()
        assert after == before
    else:
        assert response.status_code == 302
        added = [row for row in after if row not in before]
        assert len(added) == 1 and added[0][1] == location.strip() and added[0][1]


# --- Learning events: planning and reflecting ---------------------------------------------------------


@pytest.mark.django_db
@FUZZ
@given(
    day=st.one_of(TEXT, st.integers(-5, 40).map(str)),
    month=st.one_of(TEXT, st.integers(-5, 14).map(str), st.sampled_from(["March", "mar", "Sept."])),
    year=st.one_of(TEXT, st.integers(0, 99999).map(str)),
    start=TEXT,
    end=TEXT,
    venue=TEXT,
    ground_rules=TEXT,
)
def test_fuzz_event_plan(personas, manager, fuzz_review, day, month, year, start, end, venue, ground_rules):
    from sarhub.events.models import LearningEvent

    review, _ = fuzz_review
    before = LearningEvent.objects.count()
    response = manager.post(
        reverse("events:new", args=[review.pk]),
        {
            "title": "Event",
            "on-day": day,
            "on-month": month,
            "on-year": year,
            "start": start,
            "end": end,
            "venue": venue,
            "ground_rules": ground_rules,
        },
    )
    _status_ok(response)
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
        assert LearningEvent.objects.count() == before
    else:
        assert response.status_code == 302 and LearningEvent.objects.count() == before + 1


@pytest.mark.django_db
@FUZZ
@given(involvement=TEXT, hindered=TEXT, confirm=st.sampled_from(["", "on", "\\x00", "yes"]))
def test_fuzz_reflection(personas, client_for, fuzz_review, involvement, hindered, confirm):
    from datetime import timedelta

    from django.utils import timezone

    from sarhub.events import services
    from sarhub.events.models import EventInvitation, LearningEvent, Reflection

    review, _ = fuzz_review
    event = LearningEvent.objects.filter(review=review).first()
    if event is None:
        start = timezone.now() + timedelta(days=3)
        event = services.plan_event(
            personas["bu_manager"],
            review,
            {"starts_at": start, "ends_at": start + timedelta(hours=1), "venue": "R"},
            [],
        )
        practitioner = personas["practitioner"]
        services.invite(
            personas["bu_manager"],
            event,
            [
                services.Invitee(
                    practitioner.full_name, practitioner.email, practitioner.agencies[0], "practitioner", practitioner
                )
            ],
        )
        EventInvitation.objects.filter(event=event).update(reply="accepted")
    before = list(Reflection.objects.values_list("involvement", "hindered"))
    response = client_for(personas["practitioner"]).post(
        reverse("events:reflect", args=[event.pk]),
        {"involvement": involvement, "hindered": hindered, "read_ground_rules": confirm},
    )
    _status_ok(response)
    after = list(Reflection.objects.values_list("involvement", "hindered"))
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode() and after == before
    else:
        assert response.status_code == 302 and after == [(involvement.strip(), hindered.strip())]
