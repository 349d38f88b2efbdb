"""Factories for tests: fictional people, agencies and memberships with hashed passwords."""

from __future__ import annotations

import factory
from django.utils import timezone

from sarhub.partnership.models import Agency, AgencyType, Board, Membership, Person

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
