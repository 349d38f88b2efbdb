"""Publication: proposed by the business unit, the gate cleared hit by hit, approved by someone else."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from sarhub.core.roles import Role
from sarhub.documents.services import add_document
from sarhub.partnership.models import Person
from sarhub.publication import services
from sarhub.publication.models import DisseminationPlan, Form, PublicationProposal, Status
from sarhub.reviews.models import Review
from sarhub.reviews.services.content import save_finding
from sarhub.reviews.services.running import add_parallel_process, conclude_parallel_process
from tests.builders import review_at, signed_off_review
from tests.factories import SAMPLE_ADULT_NAME, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas) -> Review:
    return signed_off_review(personas, pseudonym="Adult P")


def _docx(text: str, author: str = "") -> SimpleUploadedFile:
    import io

    document = Document()
    document.add_paragraph(text)
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("report.docx", out.getvalue())


def test_only_a_signed_off_review_can_be_proposed_and_bad_proposals_change_nothing(personas, review):
    manager = personas["bu_manager"]
    unsigned = review_at(personas, "draft", pseudonym="Adult U")
    with pytest.raises(ValidationError, match="signed the review off"):
        services.propose(manager, unsigned, {"form": Form.FULL_REPORT, "summary": "S."})
    cases: list[tuple[dict[str, Any], str]] = [
        ({"form": "everywhere"}, "form"),
        ({"form": Form.FULL_REPORT, "summary": " "}, "summary"),
        ({"form": Form.NOT_PUBLISHED, "reason": ""}, "reason"),
        ({"form": Form.NOT_PUBLISHED, "reason": "The family asked.", "dissemination_plan": ""}, "dissemination_plan"),
        ({"form": Form.EMBARGOED, "summary": "S."}, "embargo_until"),
        ({"form": Form.EMBARGOED, "summary": "S.", "embargo_until": timezone.localdate()}, "embargo_until"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as refused:
            services.propose(manager, review, data)
        assert field in refused.value.message_dict, data
    with pytest.raises(PermissionDenied):
        services.propose(personas["chair"], review, {"form": Form.FULL_REPORT, "summary": "S."})
    assert not PublicationProposal.objects.exists()


def test_the_gate_finds_the_adults_name_in_the_summary_and_the_file_and_blocks_approval(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    surname = SAMPLE_ADULT_NAME.split()[-1]
    version = add_document(
        manager,
        review,
        title="Report",
        classification="for_publication",
        upload=_docx("Adult P.", author=SAMPLE_ADULT_NAME),
    )
    proposal = services.propose(
        manager,
        review,
        {"form": Form.FULL_REPORT, "summary": f"Mrs {surname} was known to four agencies.", "file": version},
    )
    places = {(hit["where"], hit["kind"]) for hit in proposal.hits}
    assert ("summary", "The adult's name") in places
    assert ("DOCX creator", "The adult's name") in places
    with pytest.raises(ValidationError, match="still to clear"):
        services.approve(chair, proposal)
    with pytest.raises(ValidationError, match="reason"):
        services.clear_hit(manager, proposal, proposal.hits[0]["key"], " ")
    for hit in proposal.hits:
        proposal = services.clear_hit(manager, proposal, hit["key"], "Checked: published with the family's consent.")
    approved = services.approve(chair, proposal)
    assert approved.status == Status.APPROVED and approved.is_public()
    assert services.published_review_ids() == [review.pk]


def test_nobody_approves_their_own_proposal(personas, review):
    both: Person = PersonFactory(email="both.roles@testshire.example.org")  # type: ignore[assignment]
    MembershipFactory(person=both, role=Role.BUSINESS_UNIT_MANAGER, agency=None)
    MembershipFactory(person=both, role=Role.INDEPENDENT_CHAIR, agency=None)
    both = Person.objects.get(pk=both.pk)
    proposal = services.propose(both, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "Adult P's review."})
    with pytest.raises(ValidationError, match="someone else must approve"):
        services.approve(both, proposal)
    with pytest.raises(PermissionDenied):
        services.approve(personas["bu_manager"], proposal)
    assert PublicationProposal.objects.get().status == Status.PROPOSED
    services.approve(personas["chair"], proposal)
    assert PublicationProposal.objects.get().status == Status.APPROVED


def test_an_embargo_holds_until_its_date_or_its_process(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    later = timezone.localdate() + timedelta(days=30)
    dated = services.approve(
        chair, services.propose(manager, review, {"form": Form.EMBARGOED, "summary": "S.", "embargo_until": later})
    )
    assert not dated.is_public() and dated.is_public(later)
    assert services.published_review_ids() == []
    process = add_parallel_process(manager, review, {"kind": "coroner", "holds_publication": True})
    held = services.approve(
        chair, services.propose(manager, review, {"form": Form.EMBARGOED, "summary": "S.", "embargo_process": process})
    )
    assert not held.is_public()
    conclude_parallel_process(manager, process, timezone.localdate())
    held.refresh_from_db()
    assert held.is_public()


def test_not_published_records_the_reason_and_the_dissemination_plan(personas, review):
    proposal = services.propose(
        personas["bu_manager"],
        review,
        {"form": Form.NOT_PUBLISHED, "reason": "The family asked.", "dissemination_plan": "Briefings to every agency."},
    )
    services.approve(personas["chair"], proposal)
    assert DisseminationPlan.objects.get(review=review).plan == "Briefings to every agency."
    assert services.published_review_ids() == []


def test_unpublishing_is_immediate(personas, review):
    proposal = services.approve(
        personas["chair"],
        services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."}),
    )
    assert services.published_review_ids() == [review.pk]
    services.unpublish(personas["bu_manager"], proposal)
    assert services.published_review_ids() == []
    with pytest.raises(ValidationError, match="not published"):
        services.unpublish(personas["bu_manager"], proposal)


def test_a_newer_approval_replaces_the_older_and_taking_it_down_leaves_nothing_public(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    first = services.approve(
        chair, services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S1."})
    )
    second = services.approve(chair, services.propose(manager, review, {"form": Form.FULL_REPORT, "summary": "S2."}))
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED and [p.pk for p in services.published()] == [second.pk]
    services.unpublish(manager, second)
    assert services.published() == []


def test_the_public_content_is_frozen_when_proposed(personas, review):
    proposal = services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."})
    save_finding(personas["bu_manager"], review, {"text": "Added later.", "domain": "direct_work", "kind": "barrier"})
    proposal.refresh_from_db()
    assert [f["text"] for f in proposal.content["findings"]] == ["Risk was not shared."]
    assert proposal.content["pseudonym"] == "Adult P" and SAMPLE_ADULT_NAME not in str(proposal.content)


def test_the_chairs_tasks_list_what_waits_for_them_and_never_their_own(personas, review):
    from sarhub.briefings.services import propose as propose_briefing
    from sarhub.library.selectors import awaiting_approval
    from tests.builders import written_briefing

    manager, chair = personas["bu_manager"], personas["chair"]
    proposal = services.propose(manager, review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "S."})
    briefing = written_briefing(personas, review, title="Carers: Adult P")
    propose_briefing(manager, briefing.versions.get())
    waiting = awaiting_approval(chair)
    assert [(item.kind, item.title) for item in waiting] == [
        ("review", f"{review.reference} (Adult P): publication"),
        ("briefing", "7-minute briefing: Carers: Adult P, version 1"),
    ]
    assert waiting[0].url == f"/reviews/{review.pk}/publication/" and waiting[1].url == f"/briefings/{briefing.pk}/"
    assert awaiting_approval(manager) == [] and awaiting_approval(personas["board_member"]) == []
    services.approve(chair, proposal)
    assert [item.kind for item in awaiting_approval(chair)] == ["briefing"]

    both: Person = PersonFactory(email="both.roles@testshire.example.org")  # type: ignore[assignment]
    MembershipFactory(person=both, role=Role.BUSINESS_UNIT_MANAGER, agency=None)
    MembershipFactory(person=both, role=Role.INDEPENDENT_CHAIR, agency=None)
    both = Person.objects.get(pk=both.pk)
    services.propose(both, review, {"form": Form.FULL_REPORT, "summary": "S."})
    assert [item.kind for item in awaiting_approval(both)] == ["briefing"]  # not their own proposal
    assert [item.kind for item in awaiting_approval(chair)] == ["briefing", "review"]  # oldest first
