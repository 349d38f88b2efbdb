"""States the tests start from, reached through the services a person's actions call (never `.update()`).

Shared by the test modules (a test module never imports another's helpers). All data is fictional.

The emails sent on the way (tests run `on_commit` as production does: conftest.py) are not what a test
that starts from one of these states is about, so each builder leaves the outbox empty (`_settled`).
"""

from __future__ import annotations

from typing import Any

from django.core import mail

from sarhub.referrals.models import Referral, Status
from sarhub.referrals.services.decisions import decide, recommend
from sarhub.referrals.services.workflow import move
from tests.factories import make_sample_referral


def _settled(state: Any) -> Any:
    """The state reached, with the emails sent on the way emptied from the outbox."""
    mail.outbox.clear()
    return state


def decided_referral(personas: dict[str, Any], outcome: str = "discretionary", **overrides: Any) -> Referral:
    """A referral the chair has decided (a SAR by default), through the subgroup's recommendation."""
    referral = make_sample_referral(**overrides)
    move(personas["bu_manager"], referral, Status.AWAITING_DECISION)
    recommend(personas["subgroup_member"], referral, outcome=outcome, other_process="", reasons="Learning.")
    decide(personas["chair"], referral, outcome=outcome, other_process="", reasons="Learning for all.")
    return _settled(referral)


def signed_off_review(personas: dict[str, Any], pseudonym: str = "Adult Q", **referral: Any) -> Any:
    """A review the Board has signed off and completed, taken there as the business unit and an agency
    lead would: a finding, the draft report uploaded, the factual-accuracy round answered with no
    comments, the sign-off date recorded."""
    from sarhub.reviews.services import set_up_review

    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas, **referral)], route="rapid", data={"pseudonym": pseudonym}
    )
    return signed_off(personas, review)


def signed_off(personas: dict[str, Any], review: Any, on: Any = None, *, complete: bool = True) -> Any:
    """Take a review the business unit has set up to signed off (on `on`, today by default) and complete,
    through the services: a finding if it has none, the draft report uploaded, the factual-accuracy
    round answered by the agency lead persona with no comments, the sign-off date recorded. With
    `complete=False` it stays at Board sign-off with the date recorded (a recommendation still awaiting
    its response keeps a review from completing)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from sarhub.documents.services import add_document
    from sarhub.reviews.models import Stage
    from sarhub.reviews.services import requests as review_requests
    from sarhub.reviews.services.content import save_finding
    from sarhub.reviews.services.running import advance, record_sign_off
    from tests.factories import SAMPLE_PDF

    manager = personas["bu_manager"]
    if not review.findings.exists():
        save_finding(manager, review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"})
    while review.stage != Stage.FACTUAL_ACCURACY:
        if review.stage == Stage.DRAFT and not review_requests.review_drafts(review).exists():
            add_document(
                manager,
                review,
                title="Draft report",
                classification="confidential",
                upload=SimpleUploadedFile("draft.pdf", SAMPLE_PDF),
                document_type="draft_report",
            )
        review = advance(manager, review)
    draft = review_requests.review_drafts(review).first()  # the newest
    assert draft is not None
    lead = personas["agency_lead"]
    for request in review_requests.start_accuracy_round(manager, review, [lead.agencies[0]], draft):
        review_requests.submit(lead, request)
    review = advance(manager, review)
    review = record_sign_off(manager, review, on or timezone.localdate())
    return _settled(advance(manager, review) if complete else review)


def review_at(personas: dict[str, Any], stage: str = "set_up", pseudonym: str = "Adult R", **referral: Any) -> Any:
    """A SAR in Rapid Time set up by the business unit with the reviewer persona as its lead reviewer,
    taken on to `stage` (up to factual accuracy) as the team would: a finding before the draft, the draft
    report uploaded (as a draft report) before factual accuracy."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sarhub.documents.services import add_document
    from sarhub.reviews.models import STAGE_ORDER, Stage
    from sarhub.reviews.services import appoint, set_up_review
    from sarhub.reviews.services.content import save_finding
    from sarhub.reviews.services.running import advance
    from tests.factories import SAMPLE_PDF

    assert STAGE_ORDER.index(stage) <= STAGE_ORDER.index(Stage.FACTUAL_ACCURACY), stage
    manager = personas["bu_manager"]
    review = set_up_review(
        manager, [decided_referral(personas, **referral)], route="rapid", data={"pseudonym": pseudonym}
    )
    appoint(manager, review, personas["reviewer"], "lead_reviewer")
    while review.stage != stage:
        if review.stage == Stage.ANALYSIS:
            save_finding(manager, review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"})
        if review.stage == Stage.DRAFT:
            add_document(
                manager,
                review,
                title="Draft report",
                classification="confidential",
                upload=SimpleUploadedFile("draft.pdf", SAMPLE_PDF),
                document_type="draft_report",
            )
        review = advance(manager, review)
    return review


def briefing_points(pseudonym: str = "Adult B", **overrides: str) -> dict[str, str]:
    """A 7-minute briefing's title, seven points and two questions, short enough for one page (fictional)."""
    from sarhub.briefings.models import POINTS

    data = {name: f"{heading}: what teams should know about {pseudonym}." for name, heading, _ in POINTS}
    data |= {
        "title": f"Self-neglect: {pseudonym}",
        "question_1": "What would you do?",
        "question_2": "Who would you tell?",
    }
    return data | overrides


def written_briefing(personas: dict[str, Any], *reviews: Any, **overrides: str) -> Any:
    """A 7-minute briefing the business unit has written (version 1): from one review, or thematic across
    several, through the service the editor calls."""
    from sarhub.briefings.services import create

    data: dict[str, Any] = {**briefing_points(**overrides), "reviews": list(reviews), "thematic": len(reviews) > 1}
    return _settled(create(personas["bu_manager"], data))


def coded_signed_off_review(personas: dict[str, Any], pseudonym: str = "Adult R") -> Any:
    """A signed-off review with its finding coded with a practice theme and a recommendation to the Board,
    through the services (the publication and library tests' review)."""
    from sarhub.reviews.services.content import save_finding, save_recommendation
    from sarhub.taxonomy.models import PracticeTheme

    review = signed_off_review(personas, pseudonym=pseudonym)
    theme = PracticeTheme.objects.get(name="Information sharing")
    save_finding(
        personas["bu_manager"],
        review,
        {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier", "practice_themes": [theme]},
        review.findings.get(),
    )
    save_recommendation(personas["bu_manager"], review, {"text": "Share risk.", "to_board": True})
    return review
