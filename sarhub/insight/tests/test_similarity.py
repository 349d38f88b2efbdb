"""Similar findings: the ranking on hand-written fictional findings, the shared words marked and everything
else escaped, need-to-know (results only from reviews the person may read), the pages, the search and
the audit of each read."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sarhub.audit.models import AuditEvent
from sarhub.insight import similarity
from sarhub.reviews.services import appoint, set_up_review
from sarhub.reviews.services.content import save_finding
from tests.builders import decided_referral

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    similarity.forget()
    yield
    similarity.forget()


def _review(personas: dict[str, Any], pseudonym: str, *, reviewer: bool) -> Any:
    review = set_up_review(
        personas["bu_manager"], [decided_referral(personas)], route="rapid", data={"pseudonym": pseudonym}
    )
    if reviewer:
        appoint(personas["bu_manager"], review, personas["reviewer"], "lead_reviewer")
    return review


def _finding(personas: dict[str, Any], review: Any, text: str, domain: str = "direct_work") -> Any:
    return save_finding(personas["bu_manager"], review, {"text": text, "domain": domain, "kind": "barrier"})


@pytest.fixture
def board(personas):
    """Three reviews: the source (the reviewer's), another of the reviewer's, and one they are not on."""
    source = _review(personas, "Adult S", reviewer=True)
    theirs = _review(personas, "Adult T", reviewer=True)
    other = _review(personas, "Adult U", reviewer=False)
    return {
        "source": source,
        "finding": _finding(
            personas, source, "Mental capacity was assumed rather than assessed when care was refused."
        ),
        "theirs": theirs,
        "close": _finding(personas, theirs, "Capacity was assumed, not assessed, when the adult refused care."),
        "far": _finding(personas, theirs, "The GP reviewed the medication every month.", "national"),
        "other": other,
        "closest": _finding(
            personas, other, "Mental capacity was assumed rather than assessed when care was refused again."
        ),
        "escaped": _finding(personas, other, "<script>alert(1)</script> Capacity & risk were assumed."),
    }


def test_stems_join_the_forms_of_a_word():
    assert similarity.stem("shared") == similarity.stem("sharing") == similarity.stem("share")
    assert similarity.stem("agencies") == similarity.stem("agency")
    assert similarity.words("The agencies did not share it") == ["agency", "shar"]


def test_the_obviously_closest_comes_first_with_its_shared_words_marked(personas, board):
    found = similarity.similar_to_finding(personas["bu_manager"], board["finding"])
    ids = [m.finding_id for m in found.matches]
    assert ids[0] == board["closest"].pk
    assert ids.index(board["close"].pk) < ids.index(board["escaped"].pk)
    assert board["far"].pk not in ids  # shares no word with the source (nor its learning domain)
    assert board["finding"].pk not in ids  # never the source's own review
    first = str(found.matches[0].text_html)
    assert "<mark>capacity</mark>" in first.lower() and "<mark>assumed</mark>" in first
    assert "<mark>again</mark>" not in first


def test_everything_but_the_marks_is_escaped(personas, board):
    found = similarity.similar_to_finding(personas["bu_manager"], board["finding"])
    escaped = next(m for m in found.matches if m.finding_id == board["escaped"].pk)
    html = str(escaped.text_html)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html and "<mark>Capacity</mark>" in html


def test_a_lead_reviewer_only_gets_findings_of_their_own_reviews(personas, board):
    found = similarity.similar_to_finding(personas["reviewer"], board["finding"])
    assert [m.finding_id for m in found.matches] == [board["close"].pk]
    by_review = similarity.similar_to_review(personas["reviewer"], board["source"])
    assert {m.review_id for m in by_review.matches} == {board["theirs"].pk}
    assert [r.review_id for r in by_review.reviews] == [board["theirs"].pk]  # no count leaks the other review
    everyone = similarity.similar_to_review(personas["bu_manager"], board["source"])
    assert everyone.reviews[0].review_id == board["other"].pk


def test_the_finding_page_highlights_and_audits(client_for, personas, board):
    response = client_for(personas["reviewer"]).get(reverse("insight:similar-finding", args=[board["finding"].pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>assumed</mark>" in body and "Adult U" not in body
    event = AuditEvent.objects.filter(action="view", object_type="reviews.finding").latest("pk")
    assert event.object_id == str(board["finding"].pk) and event.detail == f"similar findings: {board['close'].pk}"


def test_a_finding_or_review_the_person_may_not_read_is_a_404(client_for, personas, board):
    reviewer = client_for(personas["reviewer"])
    assert reviewer.get(reverse("insight:similar-finding", args=[board["closest"].pk])).status_code == 404
    assert reviewer.get(reverse("insight:similar-review", args=[board["other"].pk])).status_code == 404
    assert reviewer.get(reverse("insight:similar-finding", args=[999_999])).status_code == 404
    assert (
        client_for(personas["board_member"])
        .get(reverse("insight:similar-review", args=[board["source"].pk]))
        .status_code
        == 403
    )


def test_the_review_pages_offer_the_links(client_for, personas, board):
    reviewer = client_for(personas["reviewer"])
    findings = reviewer.get(reverse("reviews:findings", args=[board["source"].pk])).content.decode()
    assert reverse("insight:similar-finding", args=[board["finding"].pk]) in findings
    overview = reviewer.get(reverse("reviews:detail", args=[board["source"].pk])).content.decode()
    assert reverse("insight:similar-review", args=[board["source"].pk]) in overview


def test_the_search_ranks_highlights_pages_and_escapes(client_for, personas, board, settings):
    from sarhub.insight import similar_views

    manager = client_for(personas["bu_manager"])
    page = manager.get(reverse("insight:search"), {"q": "assumed capacity <b>"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "4 findings found" in body  # the whole history: every review's, the far one's not
    assert "Adult U" in body and "Adult T" in body and "medication" not in body
    assert 'value="assumed capacity &lt;b&gt;"' in body
    similar_views.SEARCH_PAGE_SIZE = 2
    try:
        second = manager.get(reverse("insight:search"), {"q": "assumed capacity", "page": "2"}).content.decode()
    finally:
        similar_views.SEARCH_PAGE_SIZE = 20
    assert "2 of 2" in second and second.count('class="govuk-summary-card"') == 2
    assert manager.get(reverse("insight:search"), {"q": "x" * 300}).status_code == 200  # an error, not a 500
    assert client_for(personas["reviewer"]).get(reverse("insight:search")).status_code == 403


def test_the_index_follows_the_findings(personas, board):
    before = similarity.index()
    _finding(personas, board["other"], "Capacity was assumed once more.")
    assert similarity.index() is not before
    assert similarity.index() is similarity.index()
