"""Refresh the database's statistics so its query planner keeps choosing good plans as the data grows.

SQLite keeps no statistics until asked (`PRAGMA optimize` analyses the tables that need it); PostgreSQL's
autovacuum usually does this itself, and `ANALYZE` here makes sure. Run it daily with the other jobs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Refresh the database's query-planner statistics (SQLite: PRAGMA optimize; PostgreSQL: ANALYZE)."

    def handle(self, *args: Any, **options: Any) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit=1000")
                cursor.execute("PRAGMA optimize=0x10002")  # 0x10000: analyse every table that may need it
            else:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Statistics refreshed ({connection.vendor}).")
