"""identifiers_for: everything the confidential record says about the people a review is about, for the
de-identification check: the adult from every referral, a public referrer, the people around the adult,
the practitioners (named in the record and invited to learning events), excluded names, both dates,
every address, postcode and NHS number, and the Board's own published concern line. All fictional."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sarhub.events.services import Invitee, invite, plan_event
from sarhub.partnership.models import Board
from sarhub.publication.gate import identifiers_for
from sarhub.publication.gate.scanning import Role
from sarhub.reviews.services import appoint, people, requests, set_up_review
from tests.builders import decided_referral

pytestmark = pytest.mark.django_db


def _professional_referral(personas, **details):
    """A referral a professional made through the signed-in form, decided as a SAR."""
    from sarhub.referrals.models import Source
    from sarhub.referrals.services import make_referral
    from sarhub.referrals.services.decisions import decide, recommend
    from sarhub.referrals.services.workflow import move

    data = {
        "what_happened": "A fictional account.",
        "working_together_concern": "Agencies did not share what they knew.",
        "criterion": "condition_1",
        "criterion_reasons": "The adult died and neglect is suspected.",
        "family_knows": "yes",
        "referrer_relationship": "GP",
        **details,
    }
    referral = make_referral(data, source=Source.PROFESSIONAL, referred_by=personas["practitioner"])
    move(personas["bu_manager"], referral, "awaiting_decision")
    recommend(personas["subgroup_member"], referral, outcome="discretionary", other_process="", reasons="Learning.")
    decide(personas["chair"], referral, outcome="discretionary", other_process="", reasons="Learning for all.")
    return referral


@pytest.fixture
def review(personas):
    """A thematic review across two adults (the second referred by a professional), with people around
    the first, practitioners named three ways, and a Board member excluded from the check."""
    manager, lead = personas["bu_manager"], personas["agency_lead"]
    first = decided_referral(
        personas,
        adult_name="Marjorie Fictitia Oddlybourne",
        adult_aliases="Madge; Marj",
        adult_date_of_birth=date(1941, 6, 2),
        adult_date_of_death=date(2026, 1, 9),
        adult_address="14 Nowhere Close, Testtown",
        adult_postcode="ZZ99 3AA",
        adult_nhs_number="943 476 5919",
        referrer_name="Kevin Oddlybourne",
        referrer_relationship="Son",
    )
    second = _professional_referral(
        personas,
        adult_name="Bertram Notreally-Vale",
        adult_date_of_birth=date(1950, 3, 27),
        adult_date_of_death=date(2026, 2, 14),
        adult_address="2 Imaginary Lane, Testshire",
        adult_postcode="ZZ99 9ZZ",
        adult_nhs_number="401 023 2137",
        referrer_name="Dr Ottilie Pretendwell",
    )
    review = set_up_review(manager, [first, second], route="thematic", data={"pseudonym": "Theme: isolation"})
    appoint(manager, review, personas["reviewer"], "lead_reviewer")
    people.add_person(
        manager,
        review,
        "around",
        {"full_name": "Josephine Oddlybourne", "relationship": "Daughter", "known_as": "Jo, Jojo"},
    )
    people.add_person(
        manager,
        review,
        "practitioner",
        {"full_name": "Ravi Madeupta", "job_title": "Community nurse", "agency": lead.agencies[0]},
    )
    chronology = requests.request_information(manager, review, [lead.agencies[0]], "chronology")[0]
    people.name_practitioner(lead, chronology, {"full_name": "Hattie Notaname", "job_title": "Ward nurse"})
    quoted = people.add_person(
        manager, review, "around", {"full_name": "Imelda Fauxley-Grant", "relationship": "Friend", "known_as": "Mel"}
    )
    people.exclude(manager, quoted, "A Board member quoted by role.")
    start = timezone.now() + timedelta(days=14)
    event = plan_event(
        manager,
        review,
        {"title": "Learning event", "starts_at": start, "ends_at": start + timedelta(hours=2), "venue": "Room 1"},
        [],
    )
    practitioner = personas["practitioner"]
    invite(
        manager,
        event,
        [Invitee("Quentin Inventor-Lake", "quentin@testshire.example.org", practitioner.agencies[0], "practitioner")],
    )
    return review


def test_identifiers_for_returns_everyone_the_record_names(personas, review, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        found = identifiers_for(review)
    by_name = {p.name: p for p in found.people}
    adult = by_name["Marjorie Fictitia Oddlybourne"]
    assert (adult.role, adult.known_as) == (Role.ADULT, ["Madge", "Marj"])
    assert by_name["Bertram Notreally-Vale"].role == Role.ADULT
    # The public referral's referrer, not the professional's.
    referrers = [p for p in found.people if p.role == Role.REFERRER]
    assert [(p.name, p.detail) for p in referrers] == [("Kevin Oddlybourne", "Son")]
    family = by_name["Josephine Oddlybourne"]
    assert (family.role, family.known_as, family.detail) == (Role.FAMILY, ["Jo", "Jojo"], "Daughter")
    agency = personas["agency_lead"].agencies[0].name
    practitioners = {p.name: p.detail for p in found.people if p.role == Role.PRACTITIONER}
    assert practitioners == {
        "Ravi Madeupta": f"Community nurse, {agency}",
        "Hattie Notaname": f"Ward nurse, {agency}",
        "Quentin Inventor-Lake": "invited to a learning event",
    }
    # Excluded: never looked for, and never flagged.
    assert "Imelda Fauxley-Grant" not in by_name and found.excluded == ["Imelda Fauxley-Grant"]
    assert (found.date_of_birth, found.date_of_death) == (date(1941, 6, 2), date(2026, 1, 9))
    assert found.all_addresses() == ["14 Nowhere Close, Testtown", "2 Imaginary Lane, Testshire"]
    assert found.all_postcodes() == ["ZZ99 3AA", "ZZ99 9ZZ"]
    assert found.all_nhs_numbers() == ["943 476 5919", "401 023 2137"]
    # The Board's own concern line is published on every page: never a hit.
    assert found.published_contacts == [Board.current().concern_phone] and found.published_contacts[0]


def test_including_someone_again_puts_them_back_in_the_check(personas, review):
    from sarhub.reviews.models import PersonInRecord

    quoted = PersonInRecord.objects.get(full_name="Imelda Fauxley-Grant")
    people.include_again(personas["bu_manager"], quoted)
    found = identifiers_for(review)
    assert found.excluded == []
    again = next(p for p in found.people if p.name == "Imelda Fauxley-Grant")
    assert (again.role, again.known_as) == (Role.FAMILY, ["Mel"])


def test_a_review_with_no_one_else_on_record_still_has_its_adult(personas):
    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas)], route="rapid", data={"pseudonym": "Adult Z"}
    )
    found = identifiers_for(review)
    assert [p.role for p in found.people] == [Role.ADULT, Role.REFERRER]
    assert found.excluded == [] and found.date_of_birth == date(1950, 3, 27)
