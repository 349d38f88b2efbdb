"""The public library shows only what is published now: every other state is absent and 404 everywhere."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sarhub.publication import services
from sarhub.publication.models import Form, PublicationProposal
from sarhub.reviews.models import Review
from sarhub.reviews.services.content import save_finding
from sarhub.reviews.services.running import add_parallel_process
from tests.factories import SAMPLE_ADULT_NAME

pytestmark = pytest.mark.django_db


def _surfaces(review: Review) -> dict[str, Any]:
    client = Client()
    return {
        "page": client.get(reverse("publication:review", args=[review.reference])).status_code,
        "list": review.reference in client.get(reverse("publication:library")).content.decode(),
        "search": review.reference in client.get(reverse("publication:library"), {"q": "risk shared"}).content.decode(),
        "feed": review.reference in client.get(reverse("publication:feed")).content.decode(),
        "sitemap": review.reference in client.get(reverse("publication:sitemap")).content.decode(),
    }


HIDDEN = {"page": 404, "list": False, "search": False, "feed": False, "sitemap": False}


def test_every_unpublished_state_is_absent_from_every_public_surface(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    assert _surfaces(review) == HIDDEN  # nothing proposed
    proposed = services.propose(manager, review, {"form": Form.FULL_REPORT, "summary": "Adult R's review."})
    assert _surfaces(review) == HIDDEN  # proposed, not approved
    services.refuse(chair, proposed, note="Not yet.")
    assert _surfaces(review) == HIDDEN  # refused
    embargoed = services.approve(
        chair,
        services.propose(
            manager,
            review,
            {"form": Form.EMBARGOED, "summary": "S.", "embargo_until": timezone.localdate() + timedelta(days=9)},
        ),
    )
    assert _surfaces(review) == HIDDEN  # embargoed until a date
    process = add_parallel_process(manager, review, {"kind": "coroner", "holds_publication": True})
    services.approve(
        chair, services.propose(manager, review, {"form": Form.EMBARGOED, "summary": "S.", "embargo_process": process})
    )
    assert _surfaces(review) == HIDDEN  # embargoed until a process concludes
    services.approve(
        chair,
        services.propose(
            manager, review, {"form": Form.NOT_PUBLISHED, "reason": "Family.", "dissemination_plan": "Briefings."}
        ),
    )
    assert _surfaces(review) == HIDDEN  # not published
    live = services.approve(
        chair, services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "Adult R."})
    )
    assert _surfaces(review) == {"page": 200, "list": True, "search": True, "feed": True, "sitemap": True}
    services.unpublish(manager, live)
    assert _surfaces(review) == HIDDEN  # taken down
    embargoed.refresh_from_db()
    assert embargoed.status == "superseded"  # a later approval replaced it, so it cannot come back


def test_the_public_page_shows_the_frozen_content_and_nothing_confidential(personas, review):
    services.approve(
        personas["chair"],
        services.propose(
            personas["bu_manager"], review, {"form": Form.FULL_REPORT, "summary": "Adult R was known to four agencies."}
        ),
    )
    save_finding(
        personas["bu_manager"], review, {"text": "Written after approval.", "domain": "direct_work", "kind": "barrier"}
    )
    response = Client().get(reverse("publication:review", args=[review.reference.lower()]))
    page = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "Adult R was known to four agencies." in page and "Risk was not shared." in page and "Share risk." in page
    assert "Written after approval." not in page and SAMPLE_ADULT_NAME not in page
    from sarhub.partnership.models import Board

    assert Board.current().concern_phone in page  # how to report a concern, on every public page


@pytest.mark.parametrize(
    "params",
    [
        {"year": "1999"},
        {"route": "thematic"},
        {"theme": "Nothing like this"},
        {"abuse": "x" * 5000},
        {"year": "\x00", "route": "<script>", "theme": "' OR 1=1 --"},
    ],
)
def test_unknown_or_crafted_filters_give_an_empty_list_not_an_error(params, personas, review):
    services.approve(
        personas["chair"],
        services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."}),
    )
    response = Client().get(reverse("publication:library"), params)
    assert response.status_code == 200 and review.reference not in response.content.decode()
    assert "No published review matches these filters." in response.content.decode()


def test_filters_find_the_published_review(personas, review):
    services.approve(
        personas["chair"],
        services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."}),
    )
    year = str(timezone.localdate().year)
    page = (
        Client()
        .get(reverse("publication:library"), {"year": year, "route": review.route, "theme": "Information sharing"})
        .content.decode()
    )
    assert review.reference in page
    assert PublicationProposal.objects.count() == 1


def test_the_published_file_is_a_copy_without_metadata_and_only_while_published(personas, review):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    from sarhub.documents.services import add_document

    document = Document()
    document.add_paragraph("Adult R: the executive summary.")
    document.core_properties.author = "Report Writer"
    data = io.BytesIO()
    document.save(data)
    version = add_document(
        personas["bu_manager"],
        review,
        title="Summary",
        classification="for_publication",
        upload=SimpleUploadedFile("summary.docx", data.getvalue()),
    )
    url = reverse("publication:review-file", args=[review.reference])
    proposal = services.propose(
        personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S.", "file": version}
    )
    assert Client().get(url).status_code == 404  # not approved yet
    live = services.approve(personas["chair"], proposal)
    response = Client().get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    published = Document(io.BytesIO(response.content))
    assert published.core_properties.author == "" and published.core_properties.title.startswith(review.reference)
    assert "Adult R: the executive summary." in "\n".join(p.text for p in published.paragraphs)
    page = Client().get(reverse("publication:review", args=[review.reference])).content.decode()
    assert url in page
    services.unpublish(personas["bu_manager"], live)
    assert Client().get(url).status_code == 404


def test_the_public_page_carries_the_record_of_actions_and_progress(personas, review):
    """SCIE Quality Marker 15: the public sees the actions agreed and how they are progressing, by agency,
    never a person; an action whose words could identify someone is shown without them."""
    from sarhub.actions.services import create_action, report_progress
    from sarhub.partnership.models import Agency

    manager, lead = personas["bu_manager"], personas["agency_lead"]
    recommendation = review.recommendations.get()
    hospital = Agency.objects.get(name="Testshire Hospital Trust")
    due = timezone.localdate() + timedelta(days=60)
    plain = create_action(
        manager,
        review,
        {
            "recommendation": recommendation,
            "what": "Audit discharge summaries for shared risk.",
            "owner_agency": hospital,
            "lead": lead,
            "due_on": due,
            "success_measure": "Nine in ten.",
        },
    )
    report_progress(lead, plain, plain.version, {"status": "on_track", "note": "Started."})
    services.approve(
        personas["chair"],
        services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "Adult R's review."}),
    )
    # Added after approval (the check at the proposal reads the actions' words too, and would have held it
    # until cleared): checked as the page is built, and its words withheld.
    surname = SAMPLE_ADULT_NAME.split()[-1]
    create_action(
        manager,
        review,
        {
            "recommendation": recommendation,
            "what": f"Meet Mrs {surname}'s family.",
            "owner_agency": None,
            "lead": manager,
            "due_on": due,
            "success_measure": "Met.",
        },
    )
    page = Client().get(reverse("publication:review", args=[review.reference])).content.decode()
    assert "Actions and progress for recommendation 1" in page
    assert "Audit discharge summaries for shared risk." in page and "On track" in page and hospital.name in page
    assert surname not in page and "its details are not published" in page  # withheld, still counted
    assert "2 actions agreed" in page
    assert lead.full_name not in page and manager.full_name not in page  # never a person
