"""Factories for tests: fictional people, agencies and memberships with hashed passwords."""

from __future__ import annotations

from datetime import date

import factory
from django.core import mail
from django.utils import timezone

from sarhub.demo.files import simple_pdf
from sarhub.partnership.models import Agency, AgencyType, Board, Membership, Person
from sarhub.referrals.models import Referral

TEST_PASSWORD = "correct horse battery staple 42"


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = "Testshire Safeguarding Adults Board"
    short_name = "TSAB"
    concern_phone = "01632 960000"
    website = "https://www.tsab.example.org"
    financial_year_start_month = 4


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testshire Agency {n}")
    short_name = factory.Sequence(lambda n: f"TA{n}")
    agency_type = AgencyType.OTHER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@testshire.example.org")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    job_title = "Tester"
    date_joined = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def password(obj: Person, create: bool, extracted: str | None, **kwargs: object) -> None:
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    role = "practitioner"
    agency = factory.SubFactory(AgencyFactory)


SAMPLE_ADULT_NAME = "Canary Vq9Heron"  # no everyday word a test text uses ("Adult B") may be part of it

# A minimal, valid one-page PDF with no active content.
# A small, well-formed one-page PDF (with its cross-reference table, as every real PDF writer makes).
SAMPLE_PDF = simple_pdf("Fictional sample document", ["Made by the tests; about no real person."])


def make_sample_referral(**overrides: object) -> Referral:
    """A fictional public referral, made through the service as the form would."""
    from sarhub.referrals.models import Source
    from sarhub.referrals.services import make_referral

    data: dict[str, object] = {
        "adult_name": SAMPLE_ADULT_NAME,
        "adult_aliases": "",
        "adult_date_of_birth": date(1950, 3, 27),
        "adult_date_of_death": date(2026, 2, 14),
        "adult_address": "1 Imaginary Lane, Testshire",
        "adult_postcode": "ZZ99 9ZZ",
        "adult_nhs_number": "",
        "what_happened": "A fictional account of what happened.",
        "happened_on": date(2026, 2, 1),
        "happened_period": "",
        "working_together_concern": "Agencies did not share what they knew.",
        "criterion": "condition_1",
        "criterion_reasons": "The adult died and neglect is suspected.",
        "other_agencies": "",
        "family_knows": "yes",
        "referrer_name": "A Neighbour",
        "referrer_email": "",
        "referrer_phone": "",
        "referrer_relationship": "Neighbour",
    }
    data.update(overrides)
    referral = make_referral(data, source=Source.PUBLIC)
    mail.outbox.clear()  # the business unit's "new referral" emails are not what a test starting here is about
    return referral
