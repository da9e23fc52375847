"""The rule table of calendar words: each rule is a pattern an expression must match whole and a handler that
turns the match into a span, against the publication date (Ctx.p) when the rule is relative.

Rules are tried in order, first match wins; an expression no rule matches is a written date (transforms/dates.py).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from transforms import date_spans as span
from transforms.date_spans import (DAY, HOLIDAYS, MONTH_WORDS, MONTHS, NOTHING, NUMBER_WORDS, NUMBERS, ORDINALS,
                                   STEPS, TENS, WEEKDAY_WORDS, WEEKDAYS, Ctx, Value)

RULES: list[tuple[re.Pattern, bool, Callable[[re.Match, Ctx], Value]]] = []


def rule(pattern: str, relative: bool = True) -> Callable:
    """Register a handler for expressions that fully match; relative ones need a publication date."""
    def register(handler: Callable[[re.Match, Ctx], Value]) -> Callable[[re.Match, Ctx], Value]:
        RULES.append((re.compile(pattern), relative, handler))
        return handler
    return register


@rule(r"(?:(?:the )?day (before|after) )?(today|yesterday|tomorrow)")
def _deictic(m: re.Match, c: Ctx) -> Value:
    days = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group(2)] + {"before": -1, "after": 1}.get(m.group(1), 0)
    return span.day(c.p + days * DAY)


@rule(rf"(?:(last|next|this|coming|this coming|this past|past)\s+)?({WEEKDAY_WORDS})")
def _weekday(m: re.Match, c: Ctx) -> Value:
    """The latest such day on or before publication; with a look-ahead, the first on or after it. "Last
    Thursday" is the Thursday of the week before publication's (said on a Friday, the day before is
    "yesterday", not "last Thursday")."""
    which, target = m.group(1) or "", WEEKDAYS[m.group(2)]
    if which == "last":
        return span.day(c.p - dt.timedelta(days=c.p.weekday() + 7 - target))
    back, ahead = (c.p.weekday() - target) % 7, (target - c.p.weekday()) % 7
    if which in {"next", "coming", "this coming"} or c.future and which in {"", "this"}:
        return span.day(c.p + (ahead or 7 * (which != "" and which != "this")) * DAY)
    return span.day(c.p - (back or 7 * (which != "" and which != "this")) * DAY)


@rule(r"(?:(?:nearly|almost|about|around|some|roughly|approximately|more than|less than|over|under|just|only|"
      rf"at least)\s+)?(\d+|a|an|{NUMBER_WORDS})\s+(day|week|month|year|decade)s?\s+"
      r"(ago|earlier|before|from now|hence)")
def _counted(m: re.Match, c: Ctx) -> Value:
    """'two weeks ago'. 'N days earlier' counts from another event, but 'a year earlier' in news compares with now."""
    n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS.get(m.group(1), 1)
    unit, sign = m.group(2), 1 if m.group(3) in {"from now", "hence"} else -1
    if m.group(3) in {"earlier", "before"} and unit != "year":
        return NOTHING
    if unit in {"day", "week"}:
        return (span.day if unit == "day" else span.week)(c.p + sign * n * (7 if unit == "week" else 1) * DAY)
    if unit == "month":
        return span.month(span.add_months(c.p, sign * n).year, span.add_months(c.p, sign * n).month)
    if unit == "year" and c.quarterly and sign < 0:
        return span.quarter(span.reported(c.p)[0] - n, span.reported(c.p)[1])
    return span.year(c.p.year + sign * n * (10 if unit == "decade" else 1))


@rule(r"(this|last|next|past|this past|coming|current|present|previous|following|same)?\s*(?:full |fiscal |calendar )?"
      r"(week|weekend|month|year|decade|century)")
def _unit(m: re.Match, c: Ctx) -> Value:
    which, unit, p = m.group(1) or "", m.group(2), c.p
    if which in {"previous", "following", "same"} or not which and unit in {"week", "month", "decade", "century"}:
        return NOTHING  # "the previous week", "the month": counted from another event
    step = STEPS[which]
    if unit == "weekend":
        saturday = p - dt.timedelta(days=(p.weekday() - 5) % 7)  # latest Saturday on or before p
        if step < 0 and saturday + DAY >= p:
            saturday -= 7 * DAY
        elif step > 0 or ((c.future or which == "this") and saturday + DAY < p):  # "this weekend": the coming one
            saturday += 7 * DAY
        return span.week(saturday, weekend=True)
    if step == 0 and c.modifier in {"later", "earlier"} and unit in {"week", "month", "year"}:  # "later this month"
        whole = {"week": span.week(p), "month": span.month(p.year, p.month), "year": span.year(p.year)}[unit]
        start, end = (p, whole[0].end) if c.modifier == "later" else (whole[0].start, p)
        return span.value(start, end, whole[1], None if unit == "week" else unit)
    if unit == "week":
        return span.week(p + 7 * step * DAY)
    if unit == "month":
        return span.month(span.add_months(p, step).year, span.add_months(p, step).month)
    if unit == "year":
        return span.year(p.year + step)
    size = 10 if unit == "decade" else 100
    first = p.year // size * size + size * step
    return span.years(first, size, str(first // size))


@rule(r"year[- ]end|year's end")
def _year_end(m: re.Match, c: Ctx) -> Value:
    return span.year(c.p.year)


@rule(r"year-(?:ago|earlier)")
def _year_ago(m: re.Match, c: Ctx) -> Value:
    """'year-ago results': the same quarter a year before in an earnings report, else last year."""
    return span.quarter(span.reported(c.p)[0] - 1, span.reported(c.p)[1]) if c.quarterly else span.year(c.p.year - 1)


@rule(r"(?:.*[\s-])?(?:quarters?|half|period)(?:\s.*)?", relative=False)
def _quarter_phrase(m: re.Match, c: Ctx) -> Value:
    """'the third quarter', 'the 1988 second quarter', 'the year-ago quarter', 'the latest period', 'first half'."""
    t, p = m.group(0), c.p
    ago = re.search(r"year-ago|year-earlier|year ago|year earlier|last year|previous year|prior year|year before", t)
    rest = t.replace(ago.group(0), " ") if ago else t
    written = re.search(r"\b(1\d{3}|20\d\d)\b", rest)
    year = int(written.group(1)) if written else p.year if p else None
    if year is None or re.search(r"'\d0s|\d0s\b", t):
        return NOTHING
    year += -1 if ago else 1 if re.search(r"\bnext year", rest) else 0
    found = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th|last)[- ](?:fiscal[- ])?(two[- ])?(quarters?|half)"
                      r"\b", rest)
    if found and (found.group(3) == "half" or found.group(2)):  # "the first half", "the first two quarters"
        number = 2 if found.group(1) in {"second", "2nd", "last"} else 1
        return span.months(year, 6 * number - 5, 6, f"{year:04d}-H{number}")
    if found and found.group(1) != "last":
        return span.quarter(year, {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(found.group(1)) or
                        int(found.group(1)[0]))
    which = re.search(r"\b(latest|most recent|recent|current|this|next|coming|last|past|previous)\b", rest)
    latest = which is not None and which.group(1) in {"latest", "most recent", "recent", "last", "past"}
    if p is None or "quarter" not in t and not c.quarterly and not latest or not (which or c.quarterly or ago):
        return span.year(year) if p and "quarter" not in t and (written or ago) else NOTHING
    found_year, number = span.reported(p, {"current": 0, "this": 0, "next": 1, "coming": 1}.get(
        which.group(1) if which else "", -1))
    return span.quarter(year if written else found_year - bool(ago), number)


@rule(r"(?:(this|last|next|this past|past|coming)\s+)?(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4}))?"
      r"|(\d{4})\s+(spring|summer|fall|autumn|winter)", relative=False)
def _season_rule(m: re.Match, c: Ctx) -> Value:
    """'last summer' is the latest one already over; 'this summer' and 'the summer' the one of this year."""
    name, year, p = m.group(2) or m.group(5), m.group(3) or m.group(4), c.p
    if year or p is None:
        return span.season(int(year), name) if year else NOTHING
    seasons = [span.season(y, name) for y in range(p.year - 2, p.year + 2)]
    if (m.group(1) or "") in {"last", "past", "this past"}:
        return max((s for s in seasons if s[0].end < p), key=lambda s: s[0].start)
    if m.group(1) in {"next", "coming"}:
        return min((s for s in seasons if s[0].start > p), key=lambda s: s[0].start)
    return next((s for s in seasons if s[0].start <= p <= s[0].end), span.season(p.year, name))


@rule(rf"(?:(last|next|this|this past|past|coming)\s+)?({MONTH_WORDS})\.?(?:,?\s+(?:of\s+)?(\d{{4}})|"
      r"\s+(this|last|next) year)?|(\d{4})-(0[1-9]|1[0-2])", relative=False)
def _month_rule(m: re.Match, c: Ctx) -> Value:
    """A month without a year: the latest one not after publication, or the next one when looking ahead."""
    if m.group(5) or m.group(3):
        year, number = (m.group(5), int(m.group(6))) if m.group(5) else (m.group(3), MONTHS[m.group(2)])
        return span.month(int(year), number)
    if c.p is None:
        return NOTHING
    number, which, p = MONTHS[m.group(2)], m.group(1) or "", c.p
    if m.group(4):
        return span.month(p.year + STEPS[m.group(4)], number)
    if which in {"next", "coming"} or c.future and not which:
        return span.month(p.year + (number <= p.month if which else number < p.month), number)
    if which in {"last", "past", "this past"}:
        return span.month(p.year - (number >= p.month), number)
    return span.month(p.year - (number > p.month and which != "this"), number)


@rule(r"(?:fiscal\s+(?:year\s+)?|calendar\s+(?:year\s+)?|year\s+|post-|pre-|mid-)?(1\d{3}|20\d\d)(?:\s+(?:or later|"
      r"and beyond|onwards?|or earlier|and earlier|and later))?", relative=False)
def _year_rule(m: re.Match, c: Ctx) -> Value:
    return span.year(int(m.group(1)))


@rule(r"(?:(1\d|20)|')(\d)0'?s|(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies", relative=False)
def _decade(m: re.Match, c: Ctx) -> Value:
    """'the 1990s' -> 199; "the '80s" and 'the eighties' take the latest such decade not after publication."""
    if m.group(1):
        first = int(m.group(1) + m.group(2)) * 10
    elif c.p is None:
        return NOTHING
    else:
        digit = int(m.group(2)) if m.group(2) else [t[:4] for t in TENS].index(m.group(3)[:4]) + 2
        first = c.p.year // 100 * 100 + digit * 10
        first -= 100 * (first > c.p.year)
    return span.years(first, 10, str(first // 10))


@rule(rf"(\d{{1,2}})(?:st|nd|rd|th)\s+century|({'|'.join(ORDINALS)})\s+century", relative=False)
def _century(m: re.Match, c: Ctx) -> Value:
    n = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2)]
    return span.years((n - 1) * 100, 100, f"{n - 1:02d}") if n > 1 else NOTHING


@rule(rf"(?:(last|next|this)\s+)?({'|'.join(map(re.escape, HOLIDAYS))})(?:\s+(\d{{4}}))?(\s+week)?", relative=False)
def _holiday(m: re.Match, c: Ctx) -> Value:
    """Holidays like yearless dates; 'Easter week' is the week ending on it, this year's while it runs."""
    make, which, p = HOLIDAYS[m.group(2)], m.group(1), c.p
    if m.group(3) or p is None:
        found = make(int(m.group(3))) if m.group(3) else None
    else:
        found = span.pick(make, p + {"last": -DAY, "next": DAY}.get(which, 0 * DAY), which == "next" or c.future and
                      which != "last")
    if found and m.group(4):
        current = span.week(make(p.year) - 6 * DAY) if p and not m.group(3) else None
        return current if current and current[0].start <= p <= current[0].end else span.week(found - 6 * DAY)
    return NOTHING if found is None else span.day(found)

