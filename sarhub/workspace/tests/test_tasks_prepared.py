"""Your tasks' prepared queries (sarhub/workspace/tasks.py) give exactly what their querysets give, for
every argument, and each is seen to return rows: checked against the demo data, with the four states it
does not reach (comments still open or not accepted, a chronology waiting to be checked) added through the
services as the people would."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from sarhub.core.prepared import Prepared
from sarhub.core.roles import Role
from sarhub.documents.services import add_document
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.models import AgencyRequest, Review
from sarhub.reviews.services import requests
from sarhub.workspace import tasks
from tests.factories import SAMPLE_PDF

pytestmark = pytest.mark.django_db

QUERIES = {name: value for name, value in vars(tasks).items() if isinstance(value, Prepared)}


def _arguments(name: str) -> list[tuple[int, ...]]:
    """Every value the query may be asked with: each agency, review or person, or none."""
    if name.endswith("_FOR_AGENCY"):
        return [(pk,) for pk in Agency.objects.values_list("pk", flat=True)]
    if name.endswith("_REVIEW"):
        return [(pk,) for pk in Review.objects.values_list("pk", flat=True)]
    if name.endswith("_FOR_PERSON"):
        return [(pk,) for pk in Person.objects.values_list("pk", flat=True)]
    return [()]


def _lead_of(agency_name: str) -> Person:
    return Person.objects.get(
        memberships__role=Role.AGENCY_SAFEGUARDING_LEAD,
        memberships__agency__name=agency_name,
        memberships__ended_at__isnull=True,
    )


def _beyond_the_demo() -> None:
    """The council's comments on Adult L's draft: one not accepted (and not disputed), one still open; and
    the council's chronology for Adult J sent, waiting for the review team to check it."""
    council = "Rotherham Metropolitan Borough Council"
    lead, reviewer = _lead_of(council), Person.objects.get(email="reviewer@rsab-demo.invalid")
    accuracy = AgencyRequest.objects.get(review__pseudonym="Adult L", agency__name=council)
    not_accepted = requests.add_comment(lead, accuracy, {"location": "Paragraph 3.1", "comment": "Fictional."})
    requests.add_comment(lead, accuracy, {"location": "Paragraph 5.2", "comment": "Fictional, still open."})
    requests.submit(lead, accuracy)
    requests.respond(reviewer, not_accepted, outcome="not_amended", response="Fictional: the records differ.")
    chronology = AgencyRequest.objects.get(review__pseudonym="Adult J", agency__name=council, kind="chronology")
    add_document(
        lead,
        chronology,
        title="Council chronology",
        classification="confidential",
        upload=SimpleUploadedFile("chronology.pdf", SAMPLE_PDF),
        document_type="chronology",
    )
    requests.submit(lead, chronology)


@override_settings(DEBUG=True, DEMO_MODE=True)
def test_every_task_query_matches_its_queryset_and_returns_rows_from_the_demo_data():
    call_command("seed_demo", stdout=StringIO())
    _beyond_the_demo()
    assert len(QUERIES) >= 20
    empty = []
    for name, prepared in QUERIES.items():
        found = False
        for args in _arguments(name):
            rows = prepared.rows(*args)
            assert rows == [tuple(row) for row in prepared.queryset(*args)], (name, args)
            found = found or bool(rows)
        if not found:
            empty.append(name)
    assert empty == [], empty
