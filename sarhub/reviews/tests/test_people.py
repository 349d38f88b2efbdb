"""People in the record: the family and others around the adult, and the practitioners named in agency
returns, added, changed, excluded from the de-identification check (with a reason) and included again, as
the business unit, the lead reviewer and an agency's lead use the pages. Who may read and change them,
and the audit of every read and write. All names are fictional."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sarhub.audit.models import AuditEvent
from sarhub.core.roles import Role
from sarhub.reviews.models import PersonInRecord
from sarhub.reviews.services import people, requests
from tests.builders import review_at
from tests.factories import SAMPLE_ADULT_NAME, AgencyFactory, MembershipFactory, PersonFactory
from tests.pages import banner, browse_as, error_summary, field_error, press, text_of

pytestmark = pytest.mark.django_db

PEOPLE = "reviews:people"


@pytest.fixture
def review(personas):
    """A SAR in Rapid Time gathering information, the reviewer persona its lead reviewer; the adult's
    referral gives other names and an NHS number."""
    return review_at(
        personas,
        "information_gathering",
        pseudonym="Adult W",
        adult_aliases="Winnie, Wyn",
        adult_nhs_number="943 476 5919",
    )


@pytest.fixture
def chronology(personas, review):
    """A chronology asked of the agency lead persona's agency (open)."""
    return requests.request_information(
        personas["bu_manager"], review, [personas["agency_lead"].agencies[0]], "chronology"
    )[0]


def _people_page(browser, review, status=200):
    return browser.get(reverse(PEOPLE, args=[review.pk]), status=status)


def _events(action: str, obj) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by(
            "id"
        )
    )


def test_the_business_unit_adds_someone_around_the_adult_with_known_as_names(personas, review):
    manager = browse_as(personas["bu_manager"])
    page = _people_page(manager, review)
    assert "People in the record" in text_of(page.html.select_one(".sarhub-sub-navigation"))
    form = page.click("Add a family member or someone around the adult")
    done = press(form, "Save", full_name="Josephine Testlyn-Harrow", relationship="Daughter", known_as="Jo ,  Jojo")
    listing = done.follow()
    assert banner(listing) == "The person has been added. The de-identification check now looks for them."
    added = PersonInRecord.objects.get(review=review)
    assert (added.group, added.full_name, added.relationship, added.known_as_names) == (
        "around",
        "Josephine Testlyn-Harrow",
        "Daughter",
        ["Jo", "Jojo"],
    )
    row = text_of(listing.html.select_one("#around + table"))
    assert "Josephine Testlyn-Harrow Daughter Jo, Jojo" in row
    created = _events("create", added)
    assert len(created) == 1 and created[0].person == personas["bu_manager"]
    assert "Josephine" not in created[0].detail and "Jo" not in created[0].detail.split()


def test_a_name_is_required(personas, review):
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:person-around-new", args=[review.pk]))
    refused = press(page, "Save", full_name="  ", relationship="Son")
    assert error_summary(refused) == ["Enter their full name"]
    assert not PersonInRecord.objects.exists()


def test_the_lead_reviewer_adds_and_changes_a_practitioner_from_a_chronology(personas, review, chronology):
    reviewer = browse_as(personas["reviewer"])
    page = reviewer.get(reverse("reviews:practitioner-new", args=[review.pk]))
    done = press(page, "Save", full_name="Ravi Madeupta", job_title="Community nurse", request=chronology.pk)
    listing = done.follow()
    named = PersonInRecord.objects.get(review=review)
    # The agency is the one the chronology came from.
    assert named.agency == chronology.agency and named.request == chronology and named.is_practitioner
    row = text_of(listing.html.select_one("#practitioners ~ table"))
    assert f"Ravi Madeupta Community nurse, {chronology.agency.name} Chronology from {chronology.agency.name}" in row

    change = reviewer.get(reverse("reviews:person-edit", args=[review.pk, named.pk]))
    press(change, "Save", full_name="Ravi Madeupta-Kerr", job_title="Community nurse", request=chronology.pk)
    named.refresh_from_db()
    assert named.full_name == "Ravi Madeupta-Kerr"
    updated = _events("update", named)
    assert [e.detail for e in updated] == ["changed: full_name"]


def test_a_practitioner_cannot_come_from_another_agencys_request(personas, review, chronology):
    other: Any = AgencyFactory(name="Testshire Fire Service")
    page = browse_as(personas["bu_manager"]).get(reverse("reviews:practitioner-new", args=[review.pk]))
    refused = press(page, "Save", full_name="Ravi Madeupta", job_title="Nurse", agency=other.pk, request=chronology.pk)
    assert field_error(refused, "agency") == "Choose the agency the chronology or IMR came from"
    assert not PersonInRecord.objects.exists()


def test_excluding_someone_needs_a_reason_and_is_recorded_with_who_and_when(personas, review):
    quoted = people.add_person(
        personas["bu_manager"], review, "around", {"full_name": "Imelda Fauxley-Grant", "relationship": "Friend"}
    )
    manager = browse_as(personas["bu_manager"])
    page = _people_page(manager, review).click(href=reverse("reviews:person-exclude", args=[review.pk, quoted.pk]))
    refused = press(page, "Exclude from the check", reason="   ")
    assert error_summary(refused) == ["Give the reason they are excluded from the check"]
    quoted.refresh_from_db()
    assert not quoted.is_excluded and not _events("state_change", quoted)

    done = press(refused, "Exclude from the check", reason="A Board member quoted by role.")
    listing = done.follow()
    assert banner(listing) == "Imelda Fauxley-Grant is excluded from the de-identification check."
    quoted.refresh_from_db()
    assert quoted.is_excluded and quoted.excluded_by == personas["bu_manager"]
    assert quoted.excluded_reason == "A Board member quoted by role."
    card = text_of(listing.html.select_one("#excluded ~ .govuk-summary-card"))
    assert "Imelda Fauxley-Grant" in card and "A Board member quoted by role." in card
    assert personas["bu_manager"].full_name in card
    assert "Imelda" not in text_of(listing.html.select_one("#around ~ p"))
    assert [e.detail for e in _events("state_change", quoted)] == ["excluded from the de-identification check"]

    again = press(listing, "Include Imelda Fauxley-Grant in the check again").follow()
    assert banner(again) == "The de-identification check looks for Imelda Fauxley-Grant again."
    quoted.refresh_from_db()
    assert not quoted.is_excluded and quoted.excluded_reason == "" and quoted.excluded_by is None
    assert len(_events("state_change", quoted)) == 2


def test_the_adults_identifiers_are_shown_only_to_those_who_may_read_the_referral(personas, review):
    referral = review.referrals.get()
    for key in ("bu_manager", "chair", "subgroup_member"):
        page = _people_page(browse_as(personas[key]), review)
        card = text_of(page.html.select_one("#adult ~ .govuk-summary-card"))
        assert SAMPLE_ADULT_NAME in card and "Winnie, Wyn" in card and "943 476 5919" in card, key
        assert "27 March 1950" in card and "14 February 2026" in card and "ZZ99 9ZZ" in card
        read = AuditEvent.objects.filter(
            action="view", person=personas[key], object_type="referrals.referral", object_id=str(referral.pk)
        )
        assert read.count() == 1, key
    # The lead reviewer reads the people in the record, never the adult's real identity.
    page = _people_page(browse_as(personas["reviewer"]), review)
    assert SAMPLE_ADULT_NAME not in page.text and "Winnie" not in page.text
    assert not AuditEvent.objects.filter(person=personas["reviewer"], object_type="referrals.referral").exists()
    assert AuditEvent.objects.filter(
        action="view", person=personas["reviewer"], object_type="reviews.review", detail="people"
    ).exists()


def test_who_may_read_and_change_the_people(personas, review, chronology):
    named = people.add_person(
        personas["bu_manager"], review, "around", {"full_name": "Josephine Testlyn-Harrow", "relationship": "Daughter"}
    )
    edit = reverse("reviews:person-edit", args=[review.pk, named.pk])
    for key in ("bu_manager", "bu_coordinator", "subgroup_member", "chair", "reviewer"):
        assert "Josephine Testlyn-Harrow" in _people_page(browse_as(personas[key]), review).text, key
    # Reading is not changing: the SAR subgroup and the chair see no links and cannot open the form.
    for key in ("subgroup_member", "chair"):
        browser = browse_as(personas[key])
        assert "Add a practitioner" not in _people_page(browser, review).text
        browser.get(edit, status=404)
    # An agency's lead (even one the review asked for a chronology), practitioners, Board members: never.
    for key in ("agency_lead", "practitioner", "board_member", "line_manager", "no_roles"):
        response = browse_as(personas[key]).get(reverse(PEOPLE, args=[review.pk]), expect_errors=True)
        assert response.status_code == 403, key
        assert "Josephine" not in response.text
        assert browse_as(personas[key]).get(edit, expect_errors=True).status_code == 404, key
    # The public: sent to sign in.
    public = browse_as().get(reverse(PEOPLE, args=[review.pk]))
    assert public.status_code == 302 and "Josephine" not in public.text
    # A person of another review is a 404, like a missing one.
    other = review_at(personas, "set_up", pseudonym="Adult V")
    browse_as(personas["bu_manager"]).get(reverse("reviews:person-edit", args=[other.pk, named.pk]), status=404)


def test_the_agency_lead_names_practitioners_with_their_chronology(personas, review, chronology):
    lead = browse_as(personas["agency_lead"])
    page = lead.get(reverse("reviews:request", args=[chronology.pk]))
    refused = press(page, "Add practitioner", full_name="", job_title="Ward nurse", status=400)
    assert error_summary(refused) == ["Enter their full name"]
    done = press(page, "Add practitioner", full_name="Hattie Notaname", job_title="Ward nurse")
    shown = done.follow()
    assert banner(shown) == "Hattie Notaname has been added to the practitioners named."
    assert "Hattie Notaname, Ward nurse" in text_of(shown.html.select_one("#practitioners ~ ul"))
    named = PersonInRecord.objects.get(review=review)
    assert (named.agency, named.request, named.created_by) == (chronology.agency, chronology, personas["agency_lead"])
    assert _events("create", named)[0].detail == f"practitioner on request {chronology.pk}"
    # The review team sees them on the people page, with the request they came from.
    team = _people_page(browse_as(personas["reviewer"]), review)
    assert f"Hattie Notaname Ward nurse, {chronology.agency.name} Chronology from {chronology.agency.name}" in (
        text_of(team.html.select_one("#practitioners ~ table"))
    )
    # The lead takes a name back while the request is open.
    removed = press(shown, "Remove Hattie Notaname").follow()
    assert banner(removed) == "Hattie Notaname has been removed from the practitioners named."
    assert not PersonInRecord.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="reviews.personinrecord").count() == 1


def test_once_the_request_is_closed_the_lead_names_no_one(personas, review, chronology):
    lead = browse_as(personas["agency_lead"])
    page = lead.get(reverse("reviews:request", args=[chronology.pk]))
    requests.withdraw(personas["bu_manager"], chronology)
    refused = press(page, "Add practitioner", full_name="Hattie Notaname", job_title="Ward nurse", status=400)
    assert error_summary(refused) == ["Practitioners can be named only while the request is open"]
    assert "Add practitioner" not in lead.get(reverse("reviews:request", args=[chronology.pk])).text
    assert not PersonInRecord.objects.exists()


def test_another_agencys_lead_cannot_see_or_name_practitioners(personas, review, chronology):
    people.name_practitioner(
        personas["agency_lead"], chronology, {"full_name": "Hattie Notaname", "job_title": "Nurse"}
    )
    stranger = PersonFactory(email="other.lead@testshire.example.org")
    MembershipFactory(person=stranger, role=Role.AGENCY_SAFEGUARDING_LEAD, agency=AgencyFactory(name="Other Trust"))
    browser = browse_as(stranger)
    response = browser.get(reverse("reviews:request", args=[chronology.pk]), expect_errors=True)
    assert response.status_code == 404 and "Hattie" not in response.text
    assert browser.get(reverse(PEOPLE, args=[review.pk]), expect_errors=True).status_code == 403
    # A review editor cannot name practitioners "as the agency" either: they add them on the people page.
    manager_page = browse_as(personas["bu_manager"]).get(reverse("reviews:request", args=[chronology.pk]))
    assert "Hattie Notaname, Nurse" in manager_page.text and "Add practitioner" not in manager_page.text
    assert PersonInRecord.objects.count() == 1
