"""Full-text search of the public library (SQLite FTS5 here, PostgreSQL full-text search in CI's second run):
words found as prefixes, every word required, any input at all answered without an error, and only what is
published now ever found. Also the server-side cache: a take-down shows at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from sarhub.publication import search, services
from sarhub.publication.models import Form, PublicationProposal

pytestmark = pytest.mark.django_db


def _publish(personas, review, summary: str) -> PublicationProposal:
    return services.approve(
        personas["chair"],
        services.propose(personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": summary}),
    )


def _found(query: str) -> tuple[int, str]:
    response = Client().get(reverse("publication:library"), {"q": query})
    return response.status_code, response.content.decode()


def test_search_finds_words_in_the_summary_findings_and_themes_as_prefixes(personas, review):
    _publish(personas, review, "Adult R lived alone and declined care; hoarding was noticed by neighbours.")
    for query in ["hoarding", "HOARD", "declined care", "information sharing", "risk", review.reference, "neighbours"]:
        status, page = _found(query)
        assert status == 200 and f">{review.reference}:" in page, query
    for query in ["hoarding elephants", "safeguarding-board-xyz", "zzzz"]:
        status, page = _found(query)
        assert status == 200 and f">{review.reference}:" not in page, query
        assert "No published review matches these filters." in page


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "NEAR(a b",
        "a OR",
        "AND",
        "*",
        "-hoarding",
        "col:hoarding",
        "hoarding) OR (1=1",
        "'; DROP TABLE publication_publicationproposal; --",
        "a & b | !c <-> d:*",
        "\x00",
        "😀 émigré ß",
        "x" * 100_000,
        " ".join(["word"] * 5_000),
        "   ",
    ],
)
def test_any_search_string_is_answered_without_an_error(query, personas, review):
    _publish(personas, review, "Hoarding.")
    status, page = _found(query)
    assert status == 200 and "Published Safeguarding Adult Reviews" in page
    assert PublicationProposal.objects.count() == 1


def test_the_query_is_reduced_to_words_before_it_reaches_the_database():
    assert search.words('Self-neglect "AND" NEAR(*) 2026') == ["self", "neglect", "and", "near", "2026"]
    assert len(search.words("a " * 1_000)) == search.MAX_WORDS
    assert search.words("x" * 1_000) == ["x" * search.MAX_CHARACTERS]


def test_search_never_finds_what_is_not_published_now(personas, review):
    proposal = services.propose(
        personas["bu_manager"], review, {"form": Form.EXECUTIVE_SUMMARY, "summary": "Hoarding was noticed."}
    )
    assert f">{review.reference}:" not in _found("hoarding")[1]  # proposed only
    services.approve(personas["chair"], proposal)
    assert f">{review.reference}:" in _found("hoarding")[1]
    services.unpublish(personas["bu_manager"], proposal)
    assert f">{review.reference}:" not in _found("hoarding")[1]  # taken down: at once, despite the cache


def test_the_index_follows_changes_and_survives_a_rebuilt_table(personas, review):
    proposal = _publish(personas, review, "Hoarding was noticed.")
    PublicationProposal.objects.filter(pk=proposal.pk).update(search_text="Mate crime was missed.")
    assert list(search.matching(PublicationProposal.objects.all(), "mate crime")) == [proposal]
    assert not search.matching(PublicationProposal.objects.all(), "hoarding").exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # what a migration that rebuilds the table leaves behind
            cursor.execute("DROP TRIGGER publication_search_update")
        search.ensure_index()
        PublicationProposal.objects.filter(pk=proposal.pk).update(search_text="Hoarding again.")
        assert list(search.matching(PublicationProposal.objects.all(), "hoarding")) == [proposal]


def test_the_public_page_is_served_from_the_cache_until_something_changes(personas, review):
    proposal = _publish(personas, review, "Hoarding was noticed.")
    address = reverse("publication:review", args=[review.reference])
    assert Client().get(address).status_code == 200
    # The frozen content is edited behind the service's back: the cached copy is still served...
    PublicationProposal.objects.filter(pk=proposal.pk).update(content={**proposal.content, "summary": "Changed."})
    assert "Hoarding was noticed." in Client().get(address).content.decode()
    # ...until a publication change, after which every page is built afresh.
    services.unpublish(personas["bu_manager"], proposal)
    assert Client().get(address).status_code == 404


def test_signed_in_people_are_never_served_a_cached_page(personas, review):
    from tests.personas import sign_in

    _publish(personas, review, "Hoarding was noticed.")
    address = reverse("publication:library")
    Client().get(address)
    staff = sign_in(Client(), personas["bu_manager"])
    response = staff.get(address)
    assert response.status_code == 200 and "public" not in response.get("Cache-Control", "")
