from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
def test_the_daily_statistics_refresh_runs_on_this_database():
    out = StringIO()
    call_command("optimize_database", stdout=out)
    assert out.getvalue().strip() == f"Statistics refreshed ({connection.vendor})."
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone()[0] == 1  # the planner's statistics table now exists
