"""Date expressions as written in news -> a date range with its precision, against the publication date.

Relative words ("Sunday", "last month", "later this month") are resolved here with calendar rules;
absolute dates ("January 30th", "30 Jan. 2024") are parsed by dateparser. Without a publication
date a relative expression stays unresolved: a year or a week is never guessed.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
UNIT_DAYS = {"day": 1, "week": 7}
FILLER = re.compile(r"^(?:(?:on|in|at|by|since|from|during|of|the|this past|past|early|mid|late|"
                    r"the (?:end|beginning|start|middle) of)\s+|mid-)|[,.]$", re.IGNORECASE)
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$", re.IGNORECASE)


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None
    end: dt.date | None
    precision: str | None  # "day", "month", "year" or None when unresolved

    @property
    def timex(self) -> str | None:
        """TIMEX3 value: 2024-02-18, 2024-02 or 2024."""
        if self.start is None:
            return None
        if self.precision is None and self.end == self.start + dt.timedelta(days=6) and self.start.weekday() == 0:
            iso = self.start.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        if self.precision is None and self.start.day == 1 and self.start.month % 3 == 1 \
                and self.end == add_months(self.start, 3) - dt.timedelta(days=1):
            return f"{self.start.year}-Q{self.start.month // 3 + 1}"
        if self.precision is None and self.start.year % 10 == 0 and self.end == dt.date(self.start.year + 9, 12, 31):
            return f"{self.start.year // 10}X"
        return {"day": self.start.isoformat(), "month": self.start.isoformat()[:7],
                "year": str(self.start.year)}.get(self.precision or "")


UNRESOLVED = DateRange(None, None, None)


def day(d: dt.date) -> DateRange:
    return DateRange(d, d, "day")


def month(year: int, number: int, start_day: int = 1) -> DateRange:
    last = calendar.monthrange(year, number)[1]
    return DateRange(dt.date(year, number, start_day), dt.date(year, number, last), "month")


def year(number: int) -> DateRange:
    return DateRange(dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def find_relative_offset(text: str) -> int | None:
    """ "two days after" -> +2, "three days before" -> -3, "a week after" -> +7, "the day before" -> -1."""
    match = re.search(r"\b(?:(\d+|[a-z]+)\s+)?(day|week)s?\s+(after|before|later|earlier)\b", text.lower())
    if not match:
        return None
    amount = match.group(1) or "one"
    count = int(amount) if amount.isdigit() else NUMBER_WORDS.get("one" if amount == "the" else amount)
    if count is None:
        return None
    days = count * UNIT_DAYS[match.group(2)]
    return days if match.group(3) in {"after", "later"} else -days


def shift(date_range: DateRange, days: int) -> DateRange:
    """Move a resolved range by N days (for "two days after <another meeting>")."""
    if date_range.start is None:
        return date_range
    delta = dt.timedelta(days=days)
    return DateRange(date_range.start + delta, date_range.end + delta if date_range.end else None,
                     date_range.precision)


def _weekday(name: str, published: dt.date, future: bool, modifier: str) -> dt.date:
    target = WEEKDAYS[name]
    if future or modifier == "next":
        ahead = (target - published.weekday()) % 7
        return published + dt.timedelta(days=ahead or (7 if modifier == "next" else 0))
    back = (published.weekday() - target) % 7
    if modifier == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def quarter(year_number: int, number: int) -> DateRange:
    start = dt.date(year_number, 3 * number - 2, 1)
    return DateRange(start, add_months(start, 3) - dt.timedelta(days=1), None)


def _quarter(t: str, published: dt.date | None) -> DateRange | None:
    """ "the third quarter", "fiscal first quarter of 1984", "last year's fourth quarter", "the latest quarter"."""
    match = re.fullmatch(r"(?:(this|last|next) year's\s+)?(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)"
                         r"[- ]quarter(?:\s+of\s+((?:19|20)\d\d))?", t)
    if match:
        if match.group(3):
            return quarter(int(match.group(3)), ORDINALS[match.group(2)])
        if published is None:
            return UNRESOLVED
        step = {"last": -1, "next": 1}.get(match.group(1) or "", 0)
        return quarter(published.year + step, ORDINALS[match.group(2)])
    if published is not None and re.fullmatch(r"(?:latest|most recent|last|past|recent)?\s*quarter", t):
        last_done = add_months(published.replace(day=1), -((published.month - 1) % 3) - 3)
        return quarter(last_done.year, last_done.month // 3 + 1)
    return None


def _relative(text: str, published: dt.date, future: bool) -> DateRange | None:
    """Calendar words relative to the publication date; None when the text is not one of them."""
    t = text.lower()
    words = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "now": 0, "currently": 0}
    if t in words:
        return day(published + dt.timedelta(days=words[t]))
    match = re.fullmatch(r"(?:(last|next|this|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
                         t)
    if match:
        return day(_weekday(match.group(2), published, future, match.group(1) or ""))
    match = re.fullmatch(r"(earlier|later|late|early)?\s*(this|last|next|the past|the coming)\s+(month|year|week)", t)
    if match:
        when, which, unit = match.groups()
        step = {"this": 0, "last": -1, "the past": -1, "next": 1, "the coming": 1}[which]
        if unit == "month":
            first = add_months(published, step)
            if when == "later" and step == 0:
                return month(first.year, first.month, published.day)
            return month(first.year, first.month)
        if unit == "year":
            return year(published.year + step)
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return DateRange(monday, monday + dt.timedelta(days=6), None)  # a week: exact range, no listed precision
    match = re.fullmatch(r"(\d+|[a-z]+)\s+(day|week|month|year)s?\s+(ago|earlier|later|from now)", t)
    if match and (match.group(1).isdigit() or NUMBER_WORDS.get(match.group(1))):
        n = int(match.group(1)) if match.group(1).isdigit() else NUMBER_WORDS[match.group(1)]
        sign = -1 if match.group(3) in {"ago", "earlier"} else 1
        unit = match.group(2)
        if unit in UNIT_DAYS:
            return day(published + dt.timedelta(days=sign * n * UNIT_DAYS[unit]))
        if unit == "month":
            first = add_months(published, sign * n)
            return month(first.year, first.month)
        return year(published.year + sign * n)
    match = re.fullmatch(r"(?:(last|next|this)\s+)?(january|february|march|april|may|june|july|august|september|"
                         r"october|november|december)(?:\s+(this|last|next)\s+year)?", t)
    if match:
        number = MONTHS[match.group(2)]
        if match.group(3):
            return month(published.year + {"this": 0, "last": -1, "next": 1}[match.group(3)], number)
        step = match.group(1)
        if step == "last":
            return month(published.year - (number >= published.month), number)
        if step == "next" or future:
            return month(published.year + (number < published.month or step == "next" and number == published.month),
                         number)
        ahead = (number - published.month) % 12
        return month(published.year + (ahead > 0 and number < published.month) if ahead <= 4
                     else published.year - (number > published.month), number)
    if t in {"the year", "this year"}:
        return year(published.year)
    return None


@functools.cache
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first",
                                                      "RETURN_TIME_AS_PERIOD": False})


def _absolute(text: str, published: dt.date | None, future: bool) -> DateRange | None:
    """Dates with a month or a year written out, via dateparser; a missing year comes from publication."""
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return year(int(text))
    decade = re.fullmatch(r"((?:19|20)\d)0s", text.lower())
    if decade:
        first = int(decade.group(1)) * 10
        return DateRange(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), None)
    quarterly = _quarter(text.lower(), published)
    if quarterly is not None:
        return quarterly
    has_year = re.search(r"\b(?:19|20)\d\d\b", text)
    has_month = any(m in re.findall(r"[a-z]+", text.lower()) for m in MONTHS) or re.search(r"\d{4}-\d\d", text)
    if not has_month:
        return None
    if not has_year and published is None:
        return UNRESOLVED  # month and day known, year not: never guess it
    parsed = _parser().get_date_data(text, date_formats=None)
    if parsed is None or parsed.date_obj is None:
        return None
    found = parsed.date_obj.date()
    if not has_year:
        found = _nearest_year(found, published, future)
    if parsed.period == "month" or not re.search(r"\d", re.sub(r"(?:19|20)\d\d", "", text)):
        return month(found.year, found.month)
    if parsed.period == "year":
        return year(found.year)
    return day(found)


def _nearest_year(found: dt.date, published: dt.date, future: bool) -> dt.date:
    """Put a month and day in the year that makes it nearest before (or, for the future, after) publication."""
    candidates = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(found.replace(year=y))
        except ValueError:
            continue
    if future:
        candidates = [c for c in candidates if c >= published] or candidates
    return min(candidates, key=lambda c: abs((c - published).days))


def resolve(text: str, published: dt.date | None, future: bool = False) -> DateRange:
    """Resolve a date expression ("Sunday", "last month", "January 30th") against the publication date."""
    cleaned = PART_OF_DAY.sub("", " ".join(text.split()))
    for _ in range(2):
        cleaned = FILLER.sub("", cleaned).strip()
    if not cleaned:
        return UNRESOLVED
    try:
        if published is not None:
            relative = _relative(cleaned, published, future)
            if relative is not None:
                return relative
        absolute = _absolute(cleaned, published, future)
        return absolute if absolute is not None else UNRESOLVED
    except (ValueError, OverflowError):
        return UNRESOLVED
