"""Dates against the publication date: weekdays, relative months, month-day without a year, never a guess."""
from __future__ import annotations

import datetime as dt

from transforms.dates import DateRange, find_relative_offset, resolve, shift

WEDNESDAY = dt.date(2024, 2, 21)


def test_dates_weekday_is_the_latest_such_day_not_after_publication() -> None:
    assert resolve("Sunday", WEDNESDAY) == DateRange(dt.date(2024, 2, 18), dt.date(2024, 2, 18), "day")
    assert resolve("on Wednesday", WEDNESDAY).start == WEDNESDAY
    assert resolve("Sunday", WEDNESDAY, future=True).start == dt.date(2024, 2, 25)
    assert resolve("Tuesday morning", WEDNESDAY).start == dt.date(2024, 2, 20)


def test_dates_relative_months_and_days() -> None:
    assert resolve("last month", WEDNESDAY) == DateRange(dt.date(2024, 1, 1), dt.date(2024, 1, 31), "month")
    assert resolve("later this month", WEDNESDAY) == DateRange(WEDNESDAY, dt.date(2024, 2, 29), "month")
    assert resolve("yesterday", WEDNESDAY).start == dt.date(2024, 2, 20)
    assert resolve("last year", WEDNESDAY).timex == "2023"
    assert resolve("two weeks ago", WEDNESDAY).start == dt.date(2024, 2, 7)


def test_dates_month_and_day_take_the_nearest_year() -> None:
    assert resolve("January 30th", WEDNESDAY) == DateRange(dt.date(2024, 1, 30), dt.date(2024, 1, 30), "day")
    assert resolve("Dec. 28", dt.date(2024, 1, 3)).start == dt.date(2023, 12, 28)
    assert resolve("30 January 2023", WEDNESDAY).start == dt.date(2023, 1, 30)


def test_dates_without_publication_date_never_guess() -> None:
    for text in ("Sunday", "last month", "January 30th", "later this month", "yesterday"):
        assert resolve(text, None) == DateRange(None, None, None), text
    assert resolve("30 January 2024", None).start == dt.date(2024, 1, 30)
    assert resolve("2023", None).timex == "2023"


def test_dates_quarters_decades_and_nonsense() -> None:
    assert resolve("the third quarter", dt.date(1989, 10, 26)).timex == "1989-Q3"
    assert resolve("the 1990s", None).timex == "199X"
    assert resolve("a while", WEDNESDAY) == DateRange(None, None, None)


def test_dates_relative_offsets_and_shift() -> None:
    assert find_relative_offset("two days after") == 2
    assert find_relative_offset("three days before") == -3
    assert find_relative_offset("a week after") == 7
    assert find_relative_offset("the day before") == -1
    assert find_relative_offset("in Munich") is None
    vienna = resolve("Sunday", WEDNESDAY)
    assert shift(vienna, -2).start == dt.date(2024, 2, 16)
