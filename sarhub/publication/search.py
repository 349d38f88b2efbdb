"""Full-text search of the public library: SQLite FTS5 by default, PostgreSQL full-text search in production.

The text searched is `PublicationProposal.search_text`, the public content frozen at the proposal. The
index holds every proposal, but a search only ever narrows `PublicationProposal.objects.published()`, so nothing
unpublished can come back from it.

- SQLite: an external-content FTS5 table (`publication_search`) kept in step by triggers.
- PostgreSQL: a GIN index on `to_tsvector('english', search_text)`; queries use the same expression so
  the index is used.

Written against the databases directly rather than through a search library: both engines are already
here, the text is small, and the query must be built from words only. A person's search is reduced to
its words (letters and digits), at most `MAX_WORDS` of them from the first `MAX_CHARACTERS` characters,
each quoted and matched as a prefix, all of them required. Punctuation, operators and quotes never reach
the query parser, so no search string can cause an error.

`ensure_index` creates whatever is missing. It runs in the migration and after every `migrate`, because
SQLite migrations that rebuild the table drop its triggers (and the index would then fall behind).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

MAX_CHARACTERS = 200
MAX_WORDS = 12
WORD = re.compile(r"[^\W_]+", re.UNICODE)
TABLE = "publication_publicationproposal"

SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS publication_search USING fts5(
        search_text, content='publication_publicationproposal', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS publication_search_insert AFTER INSERT ON publication_publicationproposal BEGIN
        INSERT INTO publication_search(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER IF NOT EXISTS publication_search_delete AFTER DELETE ON publication_publicationproposal BEGIN
        INSERT INTO publication_search(publication_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER IF NOT EXISTS publication_search_update AFTER UPDATE OF search_text ON publication_publicationproposal BEGIN
        INSERT INTO publication_search(publication_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO publication_search(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
SQLITE_TRIGGERS = {"publication_search_insert", "publication_search_delete", "publication_search_update"}
POSTGRES_INDEX = "CREATE INDEX IF NOT EXISTS publication_search_gin ON publication_publicationproposal USING gin (to_tsvector('english', search_text))"


def words(query: str) -> list[str]:
    """The words of a search, lower-cased: what is actually looked for."""
    return WORD.findall(str(query)[:MAX_CHARACTERS].lower())[:MAX_WORDS]


def ensure_index(db: BaseDatabaseWrapper | None = None) -> None:
    db = db or connection
    with db.cursor() as cursor:
        if TABLE not in db.introspection.table_names(cursor):
            return
        if db.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            present = {row[0] for row in cursor.fetchall()}
            for statement in SQLITE_INDEX:
                cursor.execute(statement)
            if present != SQLITE_TRIGGERS:
                # The triggers were missing (a new database, or a table rebuilt by a migration): rebuild.
                cursor.execute("INSERT INTO publication_search(publication_search) VALUES ('rebuild')")
        elif db.vendor == "postgresql":
            cursor.execute(POSTGRES_INDEX)


def matching(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    """The proposals in `queryset` whose public text has every word of the query (as a word prefix)."""
    found = words(query)
    if not found:
        return queryset.none()
    if connection.vendor == "postgresql":
        expression = " & ".join(f"{word}:*" for word in found)
        return queryset.extra(
            where=["to_tsvector('english', publication_publicationproposal.search_text) @@ to_tsquery('english', %s)"],
            params=[expression],
        )
    expression = " ".join(f'"{word}" *' for word in found)
    return queryset.extra(
        where=[
            "publication_publicationproposal.id IN (SELECT rowid FROM publication_search WHERE publication_search MATCH %s)"
        ],
        params=[expression],
    )
