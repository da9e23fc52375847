"""Calendar arithmetic for date expressions: the day, week, month, quarter, season or holiday a reading
lands on, as a DateRange with its TIMEX3 value.

precision is "day" for one day, else the finest of "month"/"year" holding the whole span: a week inside one month
is "month"; a quarter, a season or a week across two months is "year"; decades are capped at "year". start..end
always hold the exact span; the TIMEX3 value is in the text's own unit (2024-W07, 2024-Q1, 199).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Callable, NamedTuple


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None
    end: dt.date | None
    precision: str | None  # "day", "month", "year"; None only when unresolved


class Ctx(NamedTuple):
    p: dt.date | None  # publication date
    future: bool  # the clause looks ahead
    modifier: str  # early, mid, late, earlier, later
    quarterly: bool  # earnings report comparing quarters


UNRESOLVED = DateRange(None, None, None)
Value = tuple[DateRange, "str | None"]  # the range and its TIMEX3 value
NOTHING: Value = (UNRESOLVED, None)
DAY = dt.timedelta(days=1)
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}, sept=9)
UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBERS = {w: i for i, w in enumerate(UNITS)} | {w: 20 + 10 * i for i, w in enumerate(TENS)}
NUMBERS.update({f"{t}-{u}": NUMBERS[t] + NUMBERS[u] for t in TENS for u in UNITS[1:10]})
ORDINAL_WORDS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth " \
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
ORDINALS = {w: i for i, w in enumerate(ORDINAL_WORDS)} | {"twentieth": 20, "thirtieth": 30}
ORDINALS.update({f"{t}-{o}": NUMBERS[t] + i for t in ("twenty", "thirty")
                 for i, o in enumerate(ORDINAL_WORDS[1:10], 1)})
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
STEPS = {"": 0, "this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}
# regex alternatives, longest first
NUMBER_WORDS, WEEKDAY_WORDS = "|".join(sorted(NUMBERS, key=len, reverse=True)), "|".join(WEEKDAYS)
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))


def value(start: dt.date, end: dt.date, label: str, precision: str | None = None) -> Value:
    """A span with its TIMEX value; precision is the finest listed unit holding the whole span."""
    if precision is None:
        precision = "day" if start == end else "month" if start.replace(day=1) == end.replace(day=1) else "year"
    return DateRange(start, end, precision), label


def add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def day(d: dt.date) -> Value:
    return value(d, d, d.isoformat())


def months(year: int, month: int, count: int, label: str) -> Value:
    start = dt.date(year, month, 1)
    return value(start, add_months(start, count) - DAY, label)


def month(year: int, month: int, first: int = 1, last: int | None = None) -> Value:
    last = last or calendar.monthrange(year, month)[1]
    return value(dt.date(year, month, first), dt.date(year, month, last), f"{year:04d}-{month:02d}", "month")


def year(year: int, first: dt.date | None = None, last: dt.date | None = None) -> Value:
    return value(first or dt.date(year, 1, 1), last or dt.date(year, 12, 31), f"{year:04d}", "year")


def years(first: int, count: int, label: str) -> Value:
    return value(dt.date(first, 1, 1), dt.date(first + count - 1, 12, 31), label, "year")


def quarter(year: int, number: int) -> Value:
    return months(year, 3 * number - 2, 3, f"{year:04d}-Q{number}")


def season(year: int, name: str) -> Value:
    """Northern meteorological seasons; winter YYYY runs from December YYYY to February."""
    return months(year, SEASONS[name][1], 3, f"{year:04d}-{SEASONS[name][0]}")


def week(d: dt.date, weekend: bool = False) -> Value:
    """The ISO week holding d (Monday..Sunday), or only its Saturday and Sunday."""
    monday = d - dt.timedelta(days=d.weekday())
    year, week, _ = monday.isocalendar()
    if weekend:
        return value(monday + 5 * DAY, monday + 6 * DAY, f"{year}-W{week:02d}-WE")
    return value(monday, monday + 6 * DAY, f"{year}-W{week:02d}")


def reported(p: dt.date, step: int = -1) -> tuple[int, int]:
    """The quarter `step` quarters from p's; by default the last one completed, which reports published on p cover."""
    index = p.year * 4 + (p.month - 1) // 3 + step
    return index // 4, index % 4 + 1


def pick(make: Callable[[int], dt.date], p: dt.date, future: bool, weekday: int | None = None) -> dt.date | None:
    """Of make(year) for nearby years: the latest on or before p (future: earliest on or after). A weekday given
    with it ("Sunday, March 8") wins instead: the date within a year of p that falls on it."""
    dates = []
    for year in range(p.year - 8, p.year + 9):
        try:
            dates.append(make(year))
        except ValueError:  # Feb. 29 outside leap years
            continue
    matching = [d for d in dates if d.weekday() == weekday and abs((d - p).days) <= 366]
    if matching:
        return min(matching, key=lambda d: abs((d - p).days))
    chosen = [d for d in dates if (d >= p if future else d <= p)]
    return (min(chosen) if future else max(chosen)) if chosen else None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """n-th given weekday of a month (n = -1: the last one), for holidays."""
    if n < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    k = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
    n = h + k - 7 * ((a + 11 * h + 22 * k) // 451) + 114
    return dt.date(year, n // 31, n % 31 + 1)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {  # US news holidays
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24), "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31), "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4), "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14), "easter": easter, "easter sunday": easter,
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1), "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + DAY,  # the Tuesday after the first Monday
}

