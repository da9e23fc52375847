"""Dates against the publication date: weekdays, relative months, yearless dates, never a guess, TIMEX values."""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from transforms.dates import (DateRange, find_relative_offset, holds, is_future_context, is_quarterly_context,
                              names_a_time, resolve, shift, to_timex)

WEDNESDAY = dt.date(2024, 2, 21)
NONE = DateRange(None, None, None)


def day(d: dt.date) -> DateRange:
    return DateRange(d, d, "day")


def test_dates_seed_expressions() -> None:
    assert resolve("on Sunday", WEDNESDAY) == day(dt.date(2024, 2, 18))
    assert resolve("last month", WEDNESDAY) == DateRange(dt.date(2024, 1, 1), dt.date(2024, 1, 31), "month")
    assert resolve("January 30th", WEDNESDAY) == day(dt.date(2024, 1, 30))
    assert resolve("later this month", WEDNESDAY) == DateRange(WEDNESDAY, dt.date(2024, 2, 29), "month")


def test_dates_weekday_is_latest_not_after_publication_or_next_when_future() -> None:
    assert resolve("Wednesday", WEDNESDAY) == day(WEDNESDAY)  # the publication day itself
    assert resolve("Thursday", WEDNESDAY) == day(dt.date(2024, 2, 15))
    assert resolve("Sunday", WEDNESDAY, future=True) == day(dt.date(2024, 2, 25))
    assert resolve("Wednesday", WEDNESDAY, future=True) == day(WEDNESDAY)
    assert resolve("last Wednesday", WEDNESDAY) == day(dt.date(2024, 2, 14))
    assert resolve("next Monday", WEDNESDAY) == day(dt.date(2024, 2, 26))
    assert resolve("Tuesday morning", WEDNESDAY) == day(dt.date(2024, 2, 20))
    assert resolve("Earlier Sunday", WEDNESDAY) == day(dt.date(2024, 2, 18))


def test_dates_deictic_days() -> None:
    assert resolve("yesterday", WEDNESDAY) == day(dt.date(2024, 2, 20))
    assert resolve("today", WEDNESDAY) == day(WEDNESDAY)
    assert resolve("tomorrow", WEDNESDAY) == day(dt.date(2024, 2, 22))
    assert resolve("the day before yesterday", WEDNESDAY) == day(dt.date(2024, 2, 19))
    assert resolve("last night", WEDNESDAY) == day(dt.date(2024, 2, 20))


def test_dates_months_and_years_relative_to_publication() -> None:
    assert resolve("this month", WEDNESDAY) == DateRange(dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")
    assert resolve("earlier this month", WEDNESDAY) == DateRange(dt.date(2024, 2, 1), WEDNESDAY, "month")
    assert resolve("next month", dt.date(2023, 12, 5)) == DateRange(dt.date(2024, 1, 1), dt.date(2024, 1, 31), "month")
    assert resolve("last year", WEDNESDAY) == DateRange(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")
    assert resolve("two months ago", WEDNESDAY).start == dt.date(2023, 12, 1)
    assert resolve("December", WEDNESDAY).start == dt.date(2023, 12, 1)
    assert resolve("December", WEDNESDAY, future=True).start == dt.date(2024, 12, 1)


def test_dates_weeks_keep_exact_span_with_month_or_year_precision() -> None:
    assert resolve("this week", WEDNESDAY) == DateRange(dt.date(2024, 2, 19), dt.date(2024, 2, 25), "month")
    # a week across two months cannot honestly be called February: its precision is the year
    assert resolve("next week", WEDNESDAY) == DateRange(dt.date(2024, 2, 26), dt.date(2024, 3, 3), "year")
    assert resolve("the weekend", WEDNESDAY) == DateRange(dt.date(2024, 2, 17), dt.date(2024, 2, 18), "month")
    assert resolve("this weekend", WEDNESDAY) == DateRange(dt.date(2024, 2, 24), dt.date(2024, 2, 25), "month")
    assert resolve("later this week", WEDNESDAY) == DateRange(WEDNESDAY, dt.date(2024, 2, 25), "month")


def test_dates_month_and_day_take_the_nearest_year_in_the_right_direction() -> None:
    assert resolve("Jan. 30", WEDNESDAY) == day(dt.date(2024, 1, 30))
    assert resolve("Dec. 28", dt.date(2024, 1, 3)) == day(dt.date(2023, 12, 28))
    assert resolve("March 5", WEDNESDAY) == day(dt.date(2023, 3, 5))
    assert resolve("March 5", WEDNESDAY, future=True) == day(dt.date(2024, 3, 5))
    assert resolve("Feb. 21", WEDNESDAY, future=True) == day(WEDNESDAY)
    assert resolve("the 5th of March", WEDNESDAY, future=True) == day(dt.date(2024, 3, 5))
    assert resolve("Feb. 29", dt.date(2025, 1, 10)) == day(dt.date(2024, 2, 29))
    assert resolve("Sunday, March 3", WEDNESDAY) == day(dt.date(2024, 3, 3))  # the weekday settles the year


def test_dates_absolute_dates_resolve_without_publication() -> None:
    assert resolve("30 January 2024", None) == day(dt.date(2024, 1, 30))
    assert resolve("January 30, 2024", None) == day(dt.date(2024, 1, 30))
    assert resolve("2024-01-30", None) == day(dt.date(2024, 1, 30))
    assert resolve("February 2024", None) == DateRange(dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")
    assert resolve("2023", None) == DateRange(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")
    assert resolve("nineteen ninety-six", None).start == dt.date(1996, 1, 1)


def test_dates_without_publication_date_never_guess() -> None:
    for text in ("Sunday", "on Sunday", "last month", "January 30th", "Jan. 30", "later this month", "yesterday",
                 "today", "next week", "this year", "the third quarter", "last summer", "December", "Thanksgiving"):
        assert resolve(text, None) == NONE, text


def test_dates_nothing_comes_from_the_clock() -> None:
    long_ago = dt.date(1989, 10, 26)
    assert resolve("Nov. 3", long_ago) == day(dt.date(1988, 11, 3))
    assert resolve("this year", long_ago).start == dt.date(1989, 1, 1)
    assert resolve("Sunday", long_ago) == day(dt.date(1989, 10, 22))


def test_dates_odd_input_is_unresolved_not_an_error() -> None:
    for text in ("", "   ", "a while", "the meeting", "day", "weeks", "31 February", "Jan. 45", "\x00", "9" * 50,
                 "the previous Friday", "two days later"):
        assert resolve(text, WEDNESDAY) == NONE, text
    assert resolve(None, WEDNESDAY) == NONE  # type: ignore[arg-type]
    assert resolve(42, WEDNESDAY) == NONE  # type: ignore[arg-type]
    assert resolve("Sunday", "not a date") == NONE  # type: ignore[arg-type]
    assert resolve("Sunday", "2024-02-21") == day(dt.date(2024, 2, 18))  # type: ignore[arg-type]
    assert to_timex(None, WEDNESDAY) is None  # type: ignore[arg-type]


def test_dates_timex_values_use_the_unit_of_the_text() -> None:
    assert to_timex("Sunday", WEDNESDAY) == "2024-02-18"
    assert to_timex("last month", WEDNESDAY) == "2024-01"
    assert to_timex("last week", WEDNESDAY) == "2024-W07"
    assert to_timex("the weekend", WEDNESDAY) == "2024-W07-WE"
    assert to_timex("the third quarter", WEDNESDAY) == "2024-Q3"
    assert to_timex("the first half of 1990", None) == "1990-H1"
    assert to_timex("last summer", WEDNESDAY) == "2023-SU"
    assert to_timex("the 1990s", None) == "199"
    assert to_timex("the 20th century", None) == "19"
    assert to_timex("Tuesday night", WEDNESDAY) == "2024-02-20TNI"
    assert to_timex("now", WEDNESDAY) == "PRESENT_REF"
    assert to_timex("recently", WEDNESDAY) == "PAST_REF"
    assert to_timex("the near future", WEDNESDAY) == "FUTURE_REF"
    assert to_timex("Sunday", None) is None


def test_dates_quarters_in_earnings_reports() -> None:
    published = dt.date(2023, 10, 26)
    report = "The company said third-quarter profit rose. Net for the quarter was $5 million,"
    assert to_timex("a year ago", published) == "2022"
    assert to_timex("a year ago", published, context=report) == "2022-Q3"
    assert to_timex("the latest quarter", published) == "2023-Q3"
    assert to_timex("the year-ago quarter", published) == "2022-Q3"
    assert to_timex("a year earlier", published, context=report + " For the nine months, net rose") == "2022"
    assert is_quarterly_context(report) and not is_quarterly_context("Profit for the full year rose")
    assert resolve("the fourth quarter", published) == DateRange(dt.date(2023, 10, 1), dt.date(2023, 12, 31), "year")


def test_dates_holidays_seasons_and_decades() -> None:
    assert resolve("Thanksgiving Day", WEDNESDAY) == day(dt.date(2023, 11, 23))
    assert resolve("Christmas", WEDNESDAY, future=True) == day(dt.date(2024, 12, 25))
    assert resolve("Easter", dt.date(2024, 4, 10)) == day(dt.date(2024, 3, 31))
    assert resolve("last fall", WEDNESDAY) == DateRange(dt.date(2023, 9, 1), dt.date(2023, 11, 30), "year")
    assert resolve("the 1990s", None) == DateRange(dt.date(1990, 1, 1), dt.date(1999, 12, 31), "year")


def test_dates_future_context_cues() -> None:
    assert is_future_context("The ministers will meet again on Sunday")
    assert is_future_context("The talks are scheduled to resume Monday")
    assert is_future_context("The dividend is payable Dec. 7")
    assert not is_future_context("The ministers met in Vienna on Sunday")
    assert not is_future_context(None)  # type: ignore[arg-type]


def test_dates_relative_offsets_and_shift() -> None:
    assert find_relative_offset("two days after") == 2
    assert find_relative_offset("three days before") == -3
    assert find_relative_offset("a week after") == 7
    assert find_relative_offset("the day before") == -1
    assert find_relative_offset("in Munich") is None
    vienna = resolve("Sunday", WEDNESDAY)
    assert shift(vienna, -2) == day(dt.date(2024, 2, 16))
    assert shift(NONE, 3) == NONE


def test_dates_resolve_is_fast_after_warm_up() -> None:
    resolve("Jan. 30", WEDNESDAY)  # builds the dateparser parser once
    texts = ["Sunday", "last month", "Jan. 30", "30 January 2024", "the third quarter", "later this month"]
    started = time.perf_counter()
    for offset in range(300):  # distinct publication dates defeat the cache on the calendar rules
        published = WEDNESDAY - dt.timedelta(days=offset)
        for text in texts:
            resolve(text, published)
    assert (time.perf_counter() - started) / (300 * len(texts)) < 0.001


def test_dates_bench_scores_every_date_row(tmp_path) -> None:
    from flows.bench_dates import bench_dates, format_report

    text = "The ministers met on Sunday. They will meet again on Friday. It was a recent event."
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a", "published": "2024-02-21", "text": text}) + "\n")
    rows = [("Sunday", "2024-02-18"), ("Friday", "2024-02-23"), ("recent", "PAST_REF"), ("The", "199X")]
    gold = [{"id": "a", "start": text.index(t), "end": text.index(t) + len(t), "type": "DATE", "value": v, "text": t}
            for t, v in rows] + [{"id": "a", "start": 0, "end": 3, "type": "DURATION", "value": "P1D", "text": "The"}]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold))
    result = bench_dates(tmp_path / "gold.jsonl", tmp_path / "articles.jsonl")
    assert (result["total"], result["correct"]) == (4, 3)
    assert result["accuracy"] == pytest.approx(0.75)
    assert result["by_kind"]["day"] == {"total": 2, "correct": 2, "accuracy": 1.0}
    assert "3/4" in format_report(result)


@pytest.mark.parametrize("text, published, start", [
    ("March 20 last year", dt.date(2020, 1, 10), dt.date(2019, 3, 20)),
    ("on Jan. 5 this year", dt.date(2020, 1, 10), dt.date(2020, 1, 5)),
    ("December 2 next year", dt.date(2020, 1, 10), dt.date(2021, 12, 2)),
    ("March 20 last year", None, None),
])
def test_dates_month_and_day_with_a_year_counted_from_publication(text: str, published: dt.date | None,
                                                                  start: dt.date | None) -> None:
    assert resolve(text, published).start == start


@pytest.mark.parametrize("text, is_time", [
    ("last week", True), ("Sunday", True), ("the coming weeks", True), ("March 20 last year", True),
    ("in late July", True), ("three-year", False), ("100-day", False), ("decades", False), ("two years", False),
    ("annual", False),
])
def test_dates_names_a_time_whatever_the_publication_date(text: str, is_time: bool) -> None:
    assert names_a_time(text) is is_time


def test_dates_last_weekday_is_in_the_week_before_publication() -> None:
    friday = dt.date(2020, 1, 10)
    assert resolve("last Thursday", friday) == day(dt.date(2020, 1, 2))  # the day before would be "yesterday"
    assert resolve("on last Monday", friday) == day(dt.date(2019, 12, 30))
    assert resolve("Thursday", friday) == day(dt.date(2020, 1, 9))
    assert resolve("this past Thursday", friday) == day(dt.date(2020, 1, 9))


@pytest.mark.parametrize("text, start, end", [
    ("January 9-10, 2023", dt.date(2023, 1, 9), dt.date(2023, 1, 10)),
    ("from Jan 22 to Jan 24", dt.date(2024, 1, 22), dt.date(2024, 1, 24)),
    ("15-18 January", dt.date(2024, 1, 15), dt.date(2024, 1, 18)),
    ("December 30 to January 2", dt.date(2023, 12, 30), dt.date(2024, 1, 2)),
    ("July 7 and", dt.date(2023, 7, 7), dt.date(2023, 7, 7)),  # as the recognizer cuts "July 7 and 8"
])
def test_dates_a_range_of_days_runs_from_the_first_to_the_last(text: str, start: dt.date, end: dt.date) -> None:
    found = resolve(text, WEDNESDAY)
    assert (found.start, found.end) == (start, end)
    assert resolve(text, None).start == (start if "2023" in text else None)


def test_dates_a_range_holds_the_days_within_it() -> None:
    week, tuesday = resolve("this week", WEDNESDAY), resolve("Tuesday", WEDNESDAY)
    assert holds(week, tuesday) and not holds(tuesday, week)
    assert holds(tuesday, tuesday) and not holds(resolve("Monday", WEDNESDAY), tuesday)
    assert not holds(NONE, tuesday)
