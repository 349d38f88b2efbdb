"""Who may see the referrals list and a referral's confidential record, and what that leaves in the audit log."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent, Outcome
from sarhub.referrals.models import Referral, Status
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

pytestmark = pytest.mark.django_db

CASE_TEAM = ["bu_manager", "bu_coordinator", "subgroup_member", "chair"]
REFUSED = ["agency_lead", "practitioner", "line_manager", "board_member", "reviewer", "sysadmin", "no_roles"]
LIST_URL = "/referrals/"


def _detail_url(referral: Referral) -> str:
    return f"/referrals/{referral.pk}/"


def _views_of(referral: Referral) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(action=Action.VIEW, object_type="referrals.referral", object_id=str(referral.pk))


@pytest.mark.parametrize("key", CASE_TEAM)
def test_the_case_team_sees_the_list_and_the_record(personas, client_for, key):
    referral = make_sample_referral()
    client = client_for(personas[key])

    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert referral.reference in listing.content.decode()

    detail = client.get(_detail_url(referral))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert referral.reference in body
    assert SAMPLE_ADULT_NAME in body


@pytest.mark.parametrize("key", REFUSED)
def test_everyone_else_is_refused(personas, client_for, key):
    referral = make_sample_referral()
    client = client_for(personas[key])
    denied_before = AuditEvent.objects.filter(action=Action.ACCESS_DENIED, person=personas[key]).count()

    listing = client.get(LIST_URL)
    assert listing.status_code == 403
    assert referral.reference not in listing.content.decode()

    detail = client.get(_detail_url(referral))
    assert detail.status_code == 403
    assert SAMPLE_ADULT_NAME not in detail.content.decode()
    assert referral.reference not in detail.content.decode()

    assert not _views_of(referral).exists()
    denied = AuditEvent.objects.filter(action=Action.ACCESS_DENIED, person=personas[key], outcome=Outcome.DENIED)
    assert denied.count() == denied_before + 2


def test_signed_out_visitors_are_sent_to_sign_in(personas):
    referral = make_sample_referral()
    for url in (LIST_URL, _detail_url(referral)):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
        assert SAMPLE_ADULT_NAME not in response.content.decode()


def test_viewing_a_referral_writes_one_audit_event(personas, client_for):
    referral = make_sample_referral()
    other = make_sample_referral()
    manager = personas["bu_manager"]
    assert not _views_of(referral).exists()

    assert client_for(manager).get(_detail_url(referral)).status_code == 200

    events = list(_views_of(referral))
    assert len(events) == 1
    event = events[0]
    assert event.person == manager
    assert event.outcome == Outcome.SUCCESS
    assert "bu_manager" in event.roles
    assert not _views_of(other).exists()
    for value in (event.detail, event.object_id, event.object_type, event.roles, event.agency):
        assert SAMPLE_ADULT_NAME not in value


def test_the_list_does_not_write_view_events(personas, client_for):
    make_sample_referral()
    before = AuditEvent.objects.filter(action=Action.VIEW).count()
    client_for(personas["bu_coordinator"]).get(LIST_URL)
    assert AuditEvent.objects.filter(action=Action.VIEW).count() == before


@pytest.mark.parametrize("key", ["bu_manager", "chair"])
def test_an_unknown_referral_is_not_found(personas, client_for, key):
    referral = make_sample_referral()
    client = client_for(personas[key])
    assert client.get(f"/referrals/{referral.pk + 1000}/").status_code == 404
    assert AuditEvent.objects.filter(action=Action.VIEW).count() == 0


def test_the_list_shows_references_not_names(personas, client_for):
    first = make_sample_referral()
    second = make_sample_referral(adult_name="Canary Adult Second Tq2Finch")
    body = client_for(personas["subgroup_member"]).get(LIST_URL).content.decode()
    assert first.reference in body
    assert second.reference in body
    assert reverse("referrals:detail", args=[first.pk]) in body
    assert SAMPLE_ADULT_NAME not in body
    assert "Canary Adult Second Tq2Finch" not in body
    assert "A fictional account of what happened." not in body
    assert "Imaginary Lane" not in body


def test_the_list_filters_by_status(personas, client_for):
    received = make_sample_referral()
    screening = make_sample_referral()
    Referral.objects.filter(pk=screening.pk).update(status=Status.SCREENING)
    client = client_for(personas["bu_manager"])

    body = client.get(LIST_URL, {"status": "screening"}).content.decode()
    assert screening.reference in body
    assert received.reference not in body

    # An unknown status shows everything rather than failing.
    body = client.get(LIST_URL, {"status": "nonsense"}).content.decode()
    assert screening.reference in body
    assert received.reference in body


@pytest.mark.django_db
def test_the_list_can_show_only_overdue_referrals(personas, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from sarhub.referrals.models import Referral as ReferralModel
    from sarhub.referrals.models import ScopingRequest as ScopingModel
    from sarhub.referrals.services.screening import request_scoping
    from tests.factories import make_sample_referral

    old = make_sample_referral()
    ReferralModel.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=40))
    waiting = make_sample_referral()
    scoping = request_scoping(personas["bu_manager"], waiting, [personas["agency_lead"].agencies[0]])[0]
    ScopingModel.objects.filter(pk=scoping.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    fresh = make_sample_referral()
    client = client_for(personas["bu_manager"])
    page = client.get(reverse("referrals:list"), {"overdue": "1"}).content.decode()
    assert old.reference in page and waiting.reference in page and fresh.reference not in page
    screening_only = client.get(reverse("referrals:list"), {"overdue": "1", "status": "screening"}).content.decode()
    assert waiting.reference in screening_only and old.reference not in screening_only
