"""Working days in England and Wales: weekends and bank holidays do not count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sarhub.core.working_days import add_working_days, is_working_day, working_days_between


def test_christmas_the_weekend_and_the_boxing_day_substitute_are_skipped():
    # Thu 24 Dec 2026; Fri 25 Christmas Day; Sat 26, Sun 27; Mon 28 Boxing Day (substitute).
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 12, 28))
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 31)


def test_easter_2027():
    # Good Friday 26 March, Easter Monday 29 March.
    assert not is_working_day(date(2027, 3, 26))
    assert not is_working_day(date(2027, 3, 29))
    assert add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


def test_across_the_new_year():
    # Fri 1 Jan 2027 is New Year's Day, then a weekend.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.parametrize("monday", [date(2026, 6, 1), date(2026, 9, 7), date(2027, 2, 1)])
def test_fifteen_working_days_from_a_monday_without_holidays_is_three_weeks(monday):
    assert monday.weekday() == 0
    assert all(
        is_working_day(monday + timedelta(days=n)) for n in range(22) if (monday + timedelta(days=n)).weekday() < 5
    )
    assert add_working_days(monday, 15) == monday + timedelta(weeks=3)


def test_a_weekend_start_counts_from_the_next_working_day():
    saturday = date(2026, 6, 6)
    assert add_working_days(saturday, 1) == date(2026, 6, 8)


def test_zero_days_is_the_start_itself():
    assert add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 25)


@pytest.mark.parametrize("days", [-1, -15])
def test_negative_days_are_refused(days):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 6, 1), days)


def test_working_days_between_agrees_with_add_working_days():
    starts = [date(2026, 12, 20) + timedelta(days=n) for n in range(14)] + [date(2027, 3, 20), date(2027, 3, 26)]
    for start in starts:
        for days in range(0, 30):
            end = add_working_days(start, days)
            assert working_days_between(start, end) == days, (start, days)
            assert working_days_between(end, start) == -days, (start, days)
            if days:
                # The day before the due date is one working day short.
                assert working_days_between(start, end - timedelta(days=1)) == days - 1, (start, days)


def test_working_days_between_examples():
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 3
    assert working_days_between(date(2027, 3, 25), date(2027, 3, 30)) == 1
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 1)) == 0
