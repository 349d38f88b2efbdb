"""7-minute briefings: the editor and its versions, one A4 page as PDF and Word, publication through the
same gate and two-person approval, and every public surface for every unpublished state."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from sarhub.audit.models import AuditEvent
from sarhub.briefings import services
from sarhub.briefings.models import POINTS, Briefing, BriefingVersion
from sarhub.publication import services as publication_services
from sarhub.publication.models import Form, Status
from sarhub.reviews.content import save_finding
from sarhub.reviews.models import Review, Stage
from sarhub.reviews.services import set_up_review
from tests.builders import decided_referral as _decided
from tests.factories import SAMPLE_ADULT_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas) -> Review:
    review = set_up_review(
        personas["bu_manager"], [_decided(personas)], route="independent_sar", data={"pseudonym": "Adult B"}
    )
    save_finding(
        personas["bu_manager"], review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"}
    )
    Review.objects.filter(pk=review.pk).update(stage=Stage.COMPLETE, signed_off_on=timezone.localdate())
    return Review.objects.get(pk=review.pk)


def points(**overrides: str) -> dict[str, str]:
    data = {name: f"{heading}: what teams should know about Adult B." for name, heading, _ in POINTS}
    data |= {"title": "Self-neglect: Adult B", "question_1": "What would you do?", "question_2": "Who would you tell?"}
    return data | overrides


def make(personas, review, **overrides: str) -> Briefing:
    return services.create(personas["bu_manager"], {**points(**overrides), "reviews": [review]})


def test_every_point_and_two_questions_are_needed_and_nothing_is_saved_without_them(personas, review):
    with pytest.raises(ValidationError) as caught:
        services.create(
            personas["bu_manager"],
            {**points(background="   ", what_to_do="", question_2=""), "reviews": [review]},
        )
    errors = caught.value.message_dict
    assert set(errors) == {"background", "what_to_do", "question_2"}
    assert not Briefing.objects.exists() and not BriefingVersion.objects.exists()


def test_a_thematic_briefing_covers_several_reviews_and_a_single_one_only_one(personas, review):
    with pytest.raises(ValidationError, match="two or more"):
        services.create(personas["bu_manager"], {**points(), "reviews": [review], "thematic": True})
    with pytest.raises(ValidationError, match="Choose the review"):
        services.create(personas["bu_manager"], {**points(), "reviews": []})
    with pytest.raises(PermissionDenied):
        services.create(personas["agency_lead"], {**points(), "reviews": [review]})
    Review.objects.filter(pk=review.pk).update(signed_off_on=None)
    review.refresh_from_db()
    with pytest.raises(ValidationError, match="signed off"):
        services.create(personas["bu_manager"], {**points(), "reviews": [review]})
    assert not Briefing.objects.exists()


def test_every_save_is_a_new_version_and_earlier_versions_never_change(personas, review):
    briefing = make(personas, review)
    second = services.save_version(personas["bu_manager"], briefing, points(finding_1="A sharper first finding."))
    assert [v.number for v in briefing.versions.order_by("number")] == [1, 2]
    first = briefing.versions.get(number=1)
    assert first.finding_1.startswith("Key finding 1") and second.finding_1 == "A sharper first finding."


def test_a_briefing_longer_than_one_a4_page_is_refused(personas, review):
    long = "Practitioners did not share what they knew about the risk to the adult across agencies. " * 7
    with pytest.raises(ValidationError, match="does not fit on one A4 page"):
        make(
            personas,
            review,
            title="Self-neglect and hoarding: working with people who decline care and support",
            **{name: long[:600] for name, _, _ in POINTS},
            **dict.fromkeys(("question_1", "question_2", "question_3"), long[:250]),
        )
    assert not BriefingVersion.objects.exists()


def test_the_pdf_is_one_tagged_a4_page_with_the_points_and_the_word_file_matches(personas, review):
    from sarhub.briefings import render

    version = make(personas, review).versions.get()
    reader = PdfReader(io.BytesIO(render.as_pdf(version)))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297  # A4
    catalogue: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue and catalogue["/MarkInfo"]["/Marked"]  # a tagged PDF
    text = " ".join(reader.pages[0].extract_text().split())
    for heading, body in version.points:
        assert heading in text and body[:30] in text
    assert "What would you do?" in text and "Questions for your team" in text
    document = Document(io.BytesIO(render.as_docx(version)))
    words = "\n".join(p.text for p in document.paragraphs)
    assert all(body in words for _, body in version.points) and "Who would you tell?" in words
    assert document.core_properties.title == "7-minute briefing: Self-neglect: Adult B"


def _surfaces(briefing: Briefing) -> dict[str, object]:
    client = Client()
    return {
        "page": client.get(reverse("briefings:public-page", args=[briefing.pk])).status_code,
        "pdf": client.get(reverse("briefings:public-pdf", args=[briefing.pk])).status_code,
        "docx": client.get(reverse("briefings:public-docx", args=[briefing.pk])).status_code,
        "list": briefing.title in client.get(reverse("briefings:public-list")).content.decode(),
        "feed": f"/learning/briefings/{briefing.pk}/" in client.get(reverse("publication:feed")).content.decode(),
        "sitemap": f"/learning/briefings/{briefing.pk}/" in client.get(reverse("publication:sitemap")).content.decode(),
    }


HIDDEN = {"page": 404, "pdf": 404, "docx": 404, "list": False, "feed": False, "sitemap": False}
SHOWN = {"page": 200, "pdf": 200, "docx": 200, "list": True, "feed": True, "sitemap": True}


def test_every_unpublished_state_is_absent_from_every_public_surface(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    briefing = make(personas, review)
    version = briefing.versions.get()
    assert _surfaces(briefing) == HIDDEN  # written, not proposed
    proposal = services.propose(manager, version)
    assert _surfaces(briefing) == HIDDEN  # proposed
    services.refuse(chair, proposal, note="Not yet.")
    assert _surfaces(briefing) == HIDDEN  # refused
    live = services.approve(chair, services.propose(manager, version))
    assert _surfaces(briefing) == SHOWN
    services.unpublish(manager, live)
    assert _surfaces(briefing) == HIDDEN  # taken down
    assert _surfaces(make(personas, review, title="Another")) == HIDDEN  # someone else's id: nothing


def test_nobody_approves_their_own_proposal(personas, review):
    from sarhub.partnership.models import Membership
    from sarhub.partnership.roles import Role

    chair = personas["chair"]
    Membership.objects.create(person=chair, role=Role.BUSINESS_UNIT_MANAGER)
    chair = type(chair).objects.get(pk=chair.pk)
    proposal = services.propose(chair, make(personas, review).versions.get())
    with pytest.raises(ValidationError, match="someone else must approve it"):
        services.approve(chair, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED


def test_the_gate_finds_the_adults_name_and_blocks_approval_until_cleared(personas, review):
    surname = SAMPLE_ADULT_NAME.split()[-1]
    briefing = make(personas, review, background=f"Mrs {surname} lived alone and declined care.")
    proposal = services.propose(personas["bu_manager"], briefing.versions.get())
    assert any(hit["found"].lower() == surname.lower() and hit["where"] == "background" for hit in proposal.hits)
    with pytest.raises(ValidationError, match="still to clear"):
        services.approve(personas["chair"], proposal)
    for hit in proposal.hits:
        proposal = services.clear_hit(personas["bu_manager"], proposal, hit["key"], "The family asked for her name.")
    assert services.approve(personas["chair"], proposal).status == Status.APPROVED


def test_the_public_page_names_only_reviews_that_are_published(personas, review):
    briefing = make(personas, review)
    services.approve(personas["chair"], services.propose(personas["bu_manager"], briefing.versions.get()))
    page = Client().get(reverse("briefings:public-page", args=[briefing.pk])).content.decode()
    assert "Key finding 1" in page and review.reference not in page and SAMPLE_ADULT_NAME not in page
    publication_services.approve(
        personas["chair"],
        publication_services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."}),
    )
    page = Client().get(reverse("briefings:public-page", args=[briefing.pk])).content.decode()
    assert f"{review.reference}: Adult B" in page
    review_page = Client().get(reverse("publication:review", args=[review.reference])).content.decode()
    assert reverse("briefings:public-page", args=[briefing.pk]) in review_page  # and the review links back


@pytest.mark.parametrize("address", ["/learning/briefings/0/", "/learning/briefings/99999999999999999999/pdf/"])
def test_crafted_public_ids_are_404(address):
    assert Client().get(address).status_code == 404


def test_the_editor_through_the_pages(personas, client_for, review):
    manager = client_for(personas["bu_manager"])
    response = manager.post(
        reverse("briefings:new"), {**points(background=""), "reviews": [str(review.pk)], "thematic": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Write the point: background" in page and "govuk-error-summary" in page
    response = manager.post(reverse("briefings:new"), {**points(), "reviews": ["99999999999999999999999"]})
    assert response.status_code == 200 and "Choose reviews from the list" in response.content.decode()
    assert not Briefing.objects.exists()
    response = manager.post(reverse("briefings:new"), {**points(), "reviews": [str(review.pk)], "thematic": ""})
    briefing = Briefing.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("briefings:detail", args=[briefing.pk])
    page = manager.get(response["Location"]).content.decode()
    assert "Version 1 (latest)" in page and "Key finding 3" in page
    form = manager.get(reverse("briefings:edit", args=[briefing.pk])).content.decode()
    assert "Background: what teams should know about Adult B." in form  # the latest version, to change
    manager.post(reverse("briefings:edit", args=[briefing.pk]), points(remember="Ask again."))
    assert briefing.versions.get(number=2).remember == "Ask again."
    pdf = manager.get(reverse("briefings:pdf", args=[briefing.pk, briefing.versions.get(number=2).pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    assert AuditEvent.objects.filter(action="download", object_type__endswith="briefingversion").exists()


def test_who_may_see_a_briefing_before_it_is_sent(personas, client_for, review):
    briefing = make(personas, review)
    address = reverse("briefings:detail", args=[briefing.pk])
    assert client_for(personas["chair"]).get(address).status_code == 200
    assert client_for(personas["agency_lead"]).get(address).status_code == 404  # not sent to them yet
    assert client_for(personas["board_member"]).get(address).status_code == 404
    assert client_for(personas["practitioner"]).get(reverse("briefings:list")).status_code == 403
