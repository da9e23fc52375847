"""Date expressions as written in news -> a date range, resolved against the article's publication date.

Calendar words ("Sunday", "last month", "the third quarter") are resolved with explicit rules; written dates
("Jan. 30", "30 January 2024") are parsed by dateparser. Nothing comes from the clock: without a publication date
anything relative stays unresolved, and a year the text does not give is never guessed.

This module reads an expression (normalizes it, tries the rule table of transforms/date_rules.py, else parses it
as a written date) and holds the public functions; transforms/date_spans.py does the calendar arithmetic and
explains precision. to_timex() gives the TIMEX3 value in the text's own unit (2024-W07, 2024-Q1, 199).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from transforms import date_spans as span
from transforms.date_rules import RULES, rule
from transforms.date_spans import (DAY, MONTH_WORDS, MONTHS, NOTHING, NUMBER_WORDS, NUMBERS, ORDINALS, STEPS,
                                   UNRESOLVED, WEEKDAY_WORDS, WEEKDAYS, Ctx, DateRange, Value)

__all__ = ["DateRange", "find_relative_offset", "holds", "is_future_context", "is_quarterly_context", "names_a_time",
           "resolve", "shift", "to_timex"]
ANY_DAY = dt.date(2001, 1, 10)  # a publication date for asking whether an expression can be read at all

SPELLED_YEAR = re.compile(rf"\b(eighteen|nineteen|twenty)[- ](hundred|oh[- ](?:{NUMBER_WORDS})|{NUMBER_WORDS})\b"
                          rf"|\btwo thousand(?: and)?(?: ({NUMBER_WORDS}))?\b")
MONTH_ORDINAL = re.compile(rf"\b({MONTH_WORDS})\.?\s+({'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b")
FILLER = re.compile(r"^(?:(?:on|in|at|by|since|from|during|until|till|through|around|about|over|as of|as early as|"
                    r"as late as|as soon as|sometime|some time|circa|the|its|their)\s+|(?:the |a )?(?:good |large |"
                    r"greater |better )?(?:end|beginning|start|middle|rest|remainder|bulk|part|close|turn|course) of\s+)")
CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?(?:\s+[a-z]{2,4}t\b)?")
REFERENCES = [(re.compile(pattern), label) for label, pattern in [
    ("PRESENT_REF", r"(?:right |just |for |by |until |up to |as of )?now|currently|current|presently|at present|"
                    r"at the moment|these days|nowadays|so far|to date|yet|already"),
    ("PAST_REF", r"(?:more |most )?recently|recent|lately|(?:in )?the past|previously|formerly|once|earlier|"
                 r"(?:at )?(?:the|that) time|then current|(?:in )?recent (?:years|months|weeks|days|decades)"
                 r"(?: and (?:years|months|weeks|days))?|(?:the )?(?:past|last) (?:few |several |many )?(?:years|months|"
                 r"weeks|days|quarters|decades)|past years|(?:several|a few|many|some) (?:years|months|decades) ago|"
                 r"years ago|long ago"),
    ("FUTURE_REF", r"(?:the )?(?:near |distant |foreseeable |immediate )?future|future (?:years|quarters|months)|soon|"
                   r"as soon as possible|(?:the )?(?:near|short|long) term|(?:the )?coming (?:days|weeks|months|years|"
                   r"quarters)|(?:the )?(?:days|weeks|months|years) ahead|(?:at )?a later date|later|eventually|"
                   r"one day|some day|someday")]]
FUTURE_CUE = re.compile(r"\b(?:will|won't|shall|would|is to|are to|to be|set to|scheduled|planned|due to|plans? to|"
                        r"planning to|expects? to|expected to|intends? to|going to|upcoming|as (?:soon|early) as|"
                        r"postponed|ahead of|takes? effect|extend(?:ed|s)? to|next)\b|'ll\b|\b(?:by|until|till|payable|"
                        r"record|effective|expires?|expiring|deadline|due|reconvenes?|starting|beginning)\b(?:\s+\S+)"
                        r"{1,4}\s*$")  # the second part: a deadline word just before the date ("payable Dec. 7")
YEAR_AFTER = re.compile(r",?\s+(this|last|next) year$")
PERIOD = re.compile(r"\b(quarter|(?:six|nine|twelve|12) months|(?:first|second) half|full year|fiscal year|year to date)")

def _spelled_year(match: re.Match) -> str:
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000; 'twenty one' stays a number."""
    if match.group(1):
        tail = re.sub(r"^oh[- ]", "", match.group(2))
        n = 0 if tail == "hundred" else NUMBERS[tail]
        ok = tail == "hundred" or n >= 10 or match.group(2).startswith("oh")
        return str(NUMBERS[match.group(1)] * 100 + n) if ok else match.group(0)
    return str(2000 + NUMBERS.get(match.group(3) or "zero", 0))


def _normalize(text: str) -> tuple[str, str, str]:
    """The expression in lower case without fillers, its modifier (early/late...) and time-of-day suffix."""
    t = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:!?\"'`")
    t = MONTH_ORDINAL.sub(lambda m: f"{m.group(1)} {ORDINALS[m.group(2)]}", SPELLED_YEAR.sub(_spelled_year, t))
    t = re.sub(rf"'s$|\s+or so\b|\s+(?:and|or|to)$|"  # "July 7 and" as recognized in "July 7 and 8"
               rf"^(?:earlier|later) (?=(?:{WEEKDAY_WORDS}|today|yesterday|tomorrow)\b)", "", t)
    clock = ""
    if (found := CLOCK.search(t)) and int(found.group(1)) <= 12:
        hour = int(found.group(1)) % 12 + 12 * (found.group(3) == "p")
        clock, t = f"T{hour:02d}:{found.group(2) or '00'}", (t[:found.start()] + t[found.end():]).strip()
    if (part := re.search(r"(?:^|\s)(morning|afternoon|evening|night)$", t)) or t == "tonight":
        clock = "T" + ({"afternoon": "AF"}.get(part.group(1), part.group(1)[:2].upper()) if part else "NI")
        rest = t[:part.start()].strip() if part else t
        t = {"": "today", "this": "today", "tonight": "today", "last": "yesterday"}.get(rest, rest)
    modifier, previous = "", None
    while t != previous:
        previous, t = t, FILLER.sub("", t)
        if found := re.match(r"(early|mid|late|earlier|later)(?:-|\s+)", t):
            modifier, t = found.group(1), t[found.end():]
    return t.strip(" ,"), modifier, clock


@rule(r"week of (.+)", relative=False)
def _week_of(m: re.Match, c: Ctx) -> Value:
    """Registered here, last in the table, because it reads its inner date with the whole resolver."""
    inner = _read(m.group(1), c.p, c.future, c.quarterly)[0]
    return span.week(inner.start) if inner.precision == "day" else NOTHING


_NTH = r"(\d{1,2})(?:st|nd|rd|th)?"
_UNTIL = r"\s*(?:-|–|to|through|until|and)\s*"


@rule(rf"(?:({MONTH_WORDS})\.?\s+{_NTH}{_UNTIL}(?:({MONTH_WORDS})\.?\s+)?{_NTH}|"
      rf"{_NTH}{_UNTIL}{_NTH}\s+({MONTH_WORDS})\.?)(?:,?\s+(\d{{4}}))?", relative=False)
def _day_range(m: re.Match, c: Ctx) -> Value:
    """'January 9-10, 2023', 'Jan 22 to Jan 24', '15-18 January': from the first day to the last, the year
    of the first read as a written date's ("December 15-16" before a January publication is last December)."""
    month, first_day, last_month, last_day = (m.group(1), m.group(2), m.group(3), m.group(4)) if m.group(1) else \
        (m.group(7), m.group(5), None, m.group(6))
    first = _written(f"{month} {first_day}" + (f" {m.group(8)}" if m.group(8) else ""), c)[0]
    if first.start is None:
        return NOTHING
    last = dt.date(first.start.year, MONTHS[last_month or month], int(last_day))
    if last < first.start:  # "December 30 to January 2"
        last = last.replace(year=last.year + 1)
    return span.value(first.start, last, first.start.isoformat())


@functools.cache
def _parser():
    """One English-only parser built once. Its base date is fixed, so nothing comes from the clock, and a year it
    did not read is dropped: span.pick chooses it from the publication date."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(2000, 1, 1), "REQUIRE_PARTS": ["day", "month"], "DATE_ORDER": "MDY",
        "PARSERS": ["custom-formats", "absolute-time"], "PREFER_DATES_FROM": "past"})  # 2000: leap year, Feb. 29


@functools.lru_cache(maxsize=16384)
def _parse_written(t: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a written date; cached, since one text always parses the same way."""
    found = _parser().get_date_data(t)
    if found is None or found.date_obj is None or found.period != "day":
        return None
    has_year = re.search(r"\b(?:1\d|20)\d\d\b|'\d\d\b|\d[-/.]\d\d?[-/.]\d\d\b", t)
    return found.date_obj.year if has_year else None, found.date_obj.month, found.date_obj.day


def _written(t: str, c: Ctx) -> Value:
    """'Jan. 30', '30 January 2024', 'Sunday, March 8', '2024-01-30', 'March 20 last year'."""
    weekday, future = None, c.future
    if lead := re.match(rf"(?:(this coming|coming|next|this|last|this past)\s+)?({WEEKDAY_WORDS}),?\s+", t):
        weekday, future, t = WEEKDAYS[lead.group(2)], future or lead.group(1) in {"this coming", "coming", "next"}, \
            t[lead.end():]
    relative_year = YEAR_AFTER.search(t)
    if relative_year:
        t = t[:relative_year.start()]
    has_month = re.search(rf"\b(?:{MONTH_WORDS})\b|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}", t)
    if not has_month or not (parsed := _parse_written(t)):
        return NOTHING
    year, month, day = parsed
    if relative_year and year is None:  # "March 20 last year": the year is counted from publication
        year = c.p.year + STEPS[relative_year.group(1)] if c.p else None
        return span.day(dt.date(year, month, day)) if year else NOTHING
    if year is not None:
        return span.day(dt.date(year, month, day))
    found = span.pick(lambda y: dt.date(y, month, day), c.p, future, weekday) if c.p else None
    return span.day(found) if found else NOTHING


def _read(text: str, p: dt.date | None, future: bool, quarterly: bool) -> Value:
    light = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:!?\"'`")
    for pattern, label in REFERENCES:
        if pattern.fullmatch(light):
            now = label == "PRESENT_REF" and p and light in {"now", "right now", "currently", "at present"}
            return (span.day(p)[0] if now else UNRESOLVED), label
    t, modifier, clock = _normalize(text)
    c = Ctx(p, future, modifier, quarterly)
    for pattern, relative, handler in RULES:
        if found := pattern.fullmatch(t):
            value = NOTHING if relative and p is None else handler(found, c)
            break
    else:
        value = _written(t, c)
    return (value[0], value[1] + clock) if clock and value[0].precision == "day" else value


@functools.lru_cache(maxsize=65536)
def _interpret(text: str, published: dt.date | None, future: bool, quarterly: bool) -> Value:
    try:
        return _read(text, published, future, quarterly)
    except Exception:  # odd input must never break a pipeline run: it just stays unresolved
        return NOTHING


def _as_date(published: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO string; anything else counts as unknown."""
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return published.date() if isinstance(published, dt.datetime) else \
        published if isinstance(published, dt.date) else None


def resolve(text: str, published: dt.date | None, future: bool = False) -> DateRange:
    """Resolve a date expression as written in news ("on Sunday", "last month", "January 30th", "2023") against the
    publication date; future=True reads weekdays and yearless dates as the next ones, not the last ones."""
    return _interpret(text, _as_date(published), bool(future), False)[0] if isinstance(text, str) else UNRESOLVED


def to_timex(text: str, published: dt.date | None, future: bool = False, context: str = "") -> str | None:
    """TIMEX3 value (2024-02-18, 2024-W07, 2024-Q1, PAST_REF...) of the same reading as resolve(), None when
    unresolved; context is the text before the expression (see is_quarterly_context)."""
    if not isinstance(text, str):
        return None
    return _interpret(text, _as_date(published), bool(future), is_quarterly_context(context))[1]


def names_a_time(text: str) -> bool:
    """Whether an expression names a time at all (a day, a period, "recently"), whatever the publication date:
    durations and ages ("three-year", "decades", "two years") do not, so they never date a meeting."""
    return to_timex(text, ANY_DAY) is not None


def is_future_context(clause: str) -> bool:
    """Whether a clause, read up to and including the date expression, looks ahead: 'will meet on Sunday',
    'is scheduled to close Monday', 'payable Dec. 7', 'must leave by Jan. 14'."""
    return bool(FUTURE_CUE.search(clause.lower())) if isinstance(clause, str) else False


def is_quarterly_context(text_before: str) -> bool:
    """Whether the reporting period named last before an expression is a quarter: in earnings news 'a year
    earlier' then means the same quarter a year before (after 'For the nine months, ...' it does not)."""
    last = None
    for last in PERIOD.finditer(text_before.lower() if isinstance(text_before, str) else ""):
        pass
    return last is not None and last.group(1) == "quarter"


def find_relative_offset(text: str) -> int | None:
    """'two days after' -> +2, 'three days before' -> -3, 'a week after' -> +7, 'the day before' -> -1."""
    found = re.search(rf"\b(?:(\d+|the|a|an|{NUMBER_WORDS})\s+)?(day|week)s?\s+(after|before|later|earlier)\b",
                      text.lower()) if isinstance(text, str) else None
    if not found:
        return None
    amount = found.group(1) or "one"
    count = int(amount) if amount.isdigit() else 1 if amount in {"the", "a", "an"} else NUMBERS[amount]
    days = count * (7 if found.group(2) == "week" else 1)
    return days if found.group(3) in {"after", "later"} else -days


def holds(outer: DateRange, inner: DateRange) -> bool:
    """Whether one range lies within another ("Tuesday" within "this week", "March 5" within "March"): two
    mentions dated so can tell one meeting, at two precisions."""
    if None in (outer.start, outer.end, inner.start, inner.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end


def shift(date_range: DateRange, days: int) -> DateRange:
    """Move a resolved range by N days (for "two days after <another meeting>")."""
    if date_range.start is None or date_range.end is None:
        return date_range
    return DateRange(date_range.start + days * DAY, date_range.end + days * DAY, date_range.precision)
