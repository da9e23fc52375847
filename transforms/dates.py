"""Date expressions as written in news -> a date range, resolved against the article's publication date.

Calendar words ("Sunday", "last month", "the third quarter") are resolved with explicit rules; written dates
("Jan. 30", "30 January 2024") are parsed by dateparser. Nothing comes from the clock: without a publication date
anything relative stays unresolved, and a year the text does not give is never guessed.

precision is "day" for one day, else the finest of "month"/"year" holding the whole span: a week inside one month
is "month"; a quarter, a season or a week across two months is "year"; decades are capped at "year". start..end
always hold the exact span; to_timex() gives the TIMEX3 value in the text's own unit (2024-W07, 2024-Q1, 199).
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
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
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBERS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
NUMBERS.update({f"{t}-{u}": NUMBERS[t] + NUMBERS[u] for t in _TENS for u in _UNITS[1:10]})
_ORD = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth " \
       "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
ORDINALS = {w: i for i, w in enumerate(_ORD)} | {"twentieth": 20, "thirtieth": 30}
ORDINALS.update({f"{t}-{o}": NUMBERS[t] + i for t in ("twenty", "thirty") for i, o in enumerate(_ORD[1:10], 1)})
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
STEPS = {"": 0, "this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}
_WORDS, _DAY = "|".join(sorted(NUMBERS, key=len, reverse=True)), "|".join(WEEKDAYS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
SPELLED_YEAR = re.compile(rf"\b(eighteen|nineteen|twenty)[- ](hundred|oh[- ](?:{_WORDS})|{_WORDS})\b"
                          rf"|\btwo thousand(?: and)?(?: ({_WORDS}))?\b")
MONTH_ORDINAL = re.compile(rf"\b({_MONTH})\.?\s+({'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b")
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
PERIOD = re.compile(r"\b(quarter|(?:six|nine|twelve|12) months|(?:first|second) half|full year|fiscal year|year to date)")


def _value(start: dt.date, end: dt.date, label: str, precision: str | None = None) -> Value:
    """A span with its TIMEX value; precision is the finest listed unit holding the whole span."""
    if precision is None:
        precision = "day" if start == end else "month" if start.replace(day=1) == end.replace(day=1) else "year"
    return DateRange(start, end, precision), label


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _day(d: dt.date) -> Value:
    return _value(d, d, d.isoformat())


def _months(year: int, month: int, count: int, label: str) -> Value:
    start = dt.date(year, month, 1)
    return _value(start, _add_months(start, count) - DAY, label)


def _month(year: int, month: int, first: int = 1, last: int | None = None) -> Value:
    last = last or calendar.monthrange(year, month)[1]
    return _value(dt.date(year, month, first), dt.date(year, month, last), f"{year:04d}-{month:02d}", "month")


def _year(year: int, first: dt.date | None = None, last: dt.date | None = None) -> Value:
    return _value(first or dt.date(year, 1, 1), last or dt.date(year, 12, 31), f"{year:04d}", "year")


def _years(first: int, count: int, label: str) -> Value:
    return _value(dt.date(first, 1, 1), dt.date(first + count - 1, 12, 31), label, "year")


def _quarter(year: int, number: int) -> Value:
    return _months(year, 3 * number - 2, 3, f"{year:04d}-Q{number}")


def _season(year: int, name: str) -> Value:
    """Northern meteorological seasons; winter YYYY runs from December YYYY to February."""
    return _months(year, SEASONS[name][1], 3, f"{year:04d}-{SEASONS[name][0]}")


def _week(d: dt.date, weekend: bool = False) -> Value:
    """The ISO week holding d (Monday..Sunday), or only its Saturday and Sunday."""
    monday = d - dt.timedelta(days=d.weekday())
    year, week, _ = monday.isocalendar()
    if weekend:
        return _value(monday + 5 * DAY, monday + 6 * DAY, f"{year}-W{week:02d}-WE")
    return _value(monday, monday + 6 * DAY, f"{year}-W{week:02d}")


def _reported(p: dt.date, step: int = -1) -> tuple[int, int]:
    """The quarter `step` quarters from p's; by default the last one completed, which reports published on p cover."""
    index = p.year * 4 + (p.month - 1) // 3 + step
    return index // 4, index % 4 + 1


def _pick(make: Callable[[int], dt.date], p: dt.date, future: bool, weekday: int | None = None) -> dt.date | None:
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


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """n-th given weekday of a month (n = -1: the last one), for holidays."""
    if n < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
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
    "valentine's day": lambda y: dt.date(y, 2, 14), "easter": _easter, "easter sunday": _easter,
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + DAY,  # the Tuesday after the first Monday
}


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
    t = re.sub(rf"'s$|\s+or so\b|^(?:earlier|later) (?=(?:{_DAY}|today|yesterday|tomorrow)\b)", "", t)
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
    return _day(c.p + days * DAY)


@rule(rf"(?:(last|next|this|coming|this coming|this past|past)\s+)?({_DAY})")
def _weekday(m: re.Match, c: Ctx) -> Value:
    """The latest such day on or before publication; with a look-ahead, the first on or after it."""
    which, target = m.group(1) or "", WEEKDAYS[m.group(2)]
    back, ahead = (c.p.weekday() - target) % 7, (target - c.p.weekday()) % 7
    if which in {"next", "coming", "this coming"} or c.future and which in {"", "this"}:
        return _day(c.p + (ahead or 7 * (which != "" and which != "this")) * DAY)
    return _day(c.p - (back or 7 * (which != "" and which != "this")) * DAY)


@rule(r"(?:(?:nearly|almost|about|around|some|roughly|approximately|more than|less than|over|under|just|only|"
      rf"at least)\s+)?(\d+|a|an|{_WORDS})\s+(day|week|month|year|decade)s?\s+(ago|earlier|before|from now|hence)")
def _counted(m: re.Match, c: Ctx) -> Value:
    """'two weeks ago'. 'N days earlier' counts from another event, but 'a year earlier' in news compares with now."""
    n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS.get(m.group(1), 1)
    unit, sign = m.group(2), 1 if m.group(3) in {"from now", "hence"} else -1
    if m.group(3) in {"earlier", "before"} and unit != "year":
        return NOTHING
    if unit in {"day", "week"}:
        return (_day if unit == "day" else _week)(c.p + sign * n * (7 if unit == "week" else 1) * DAY)
    if unit == "month":
        return _month(_add_months(c.p, sign * n).year, _add_months(c.p, sign * n).month)
    if unit == "year" and c.quarterly and sign < 0:
        return _quarter(_reported(c.p)[0] - n, _reported(c.p)[1])
    return _year(c.p.year + sign * n * (10 if unit == "decade" else 1))


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
        return _week(saturday, weekend=True)
    if step == 0 and c.modifier in {"later", "earlier"} and unit in {"week", "month", "year"}:  # "later this month"
        whole = _week(p) if unit == "week" else _month(p.year, p.month) if unit == "month" else _year(p.year)
        start, end = (p, whole[0].end) if c.modifier == "later" else (whole[0].start, p)
        return _value(start, end, whole[1], None if unit == "week" else unit)
    if unit == "week":
        return _week(p + 7 * step * DAY)
    if unit == "month":
        return _month(_add_months(p, step).year, _add_months(p, step).month)
    if unit == "year":
        return _year(p.year + step)
    size = 10 if unit == "decade" else 100
    first = p.year // size * size + size * step
    return _years(first, size, str(first // size))


@rule(r"year[- ]end|year's end")
def _year_end(m: re.Match, c: Ctx) -> Value:
    return _year(c.p.year)


@rule(r"year-(?:ago|earlier)")
def _year_ago(m: re.Match, c: Ctx) -> Value:
    """'year-ago results': the same quarter a year before in an earnings report, else last year."""
    return _quarter(_reported(c.p)[0] - 1, _reported(c.p)[1]) if c.quarterly else _year(c.p.year - 1)


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
        return _months(year, 6 * number - 5, 6, f"{year:04d}-H{number}")
    if found and found.group(1) != "last":
        return _quarter(year, {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(found.group(1)) or
                        int(found.group(1)[0]))
    which = re.search(r"\b(latest|most recent|recent|current|this|next|coming|last|past|previous)\b", rest)
    latest = which is not None and which.group(1) in {"latest", "most recent", "recent", "last", "past"}
    if p is None or "quarter" not in t and not c.quarterly and not latest or not (which or c.quarterly or ago):
        return _year(year) if p and "quarter" not in t and (written or ago) else NOTHING
    found_year, number = _reported(p, {"current": 0, "this": 0, "next": 1, "coming": 1}.get(
        which.group(1) if which else "", -1))
    return _quarter(year if written else found_year - bool(ago), number)


@rule(r"(?:(this|last|next|this past|past|coming)\s+)?(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4}))?"
      r"|(\d{4})\s+(spring|summer|fall|autumn|winter)", relative=False)
def _season_rule(m: re.Match, c: Ctx) -> Value:
    """'last summer' is the latest one already over; 'this summer' and 'the summer' the one of this year."""
    name, year, p = m.group(2) or m.group(5), m.group(3) or m.group(4), c.p
    if year or p is None:
        return _season(int(year), name) if year else NOTHING
    seasons = [_season(y, name) for y in range(p.year - 2, p.year + 2)]
    if (m.group(1) or "") in {"last", "past", "this past"}:
        return max((s for s in seasons if s[0].end < p), key=lambda s: s[0].start)
    if m.group(1) in {"next", "coming"}:
        return min((s for s in seasons if s[0].start > p), key=lambda s: s[0].start)
    return next((s for s in seasons if s[0].start <= p <= s[0].end), _season(p.year, name))


@rule(rf"(?:(last|next|this|this past|past|coming)\s+)?({_MONTH})\.?(?:,?\s+(?:of\s+)?(\d{{4}})|\s+(this|last|next) "
      r"year)?|(\d{4})-(0[1-9]|1[0-2])", relative=False)
def _month_rule(m: re.Match, c: Ctx) -> Value:
    """A month without a year: the latest one not after publication, or the next one when looking ahead."""
    if m.group(5) or m.group(3):
        return _month(int(m.group(5)), int(m.group(6))) if m.group(5) else _month(int(m.group(3)), MONTHS[m.group(2)])
    if c.p is None:
        return NOTHING
    number, which, p = MONTHS[m.group(2)], m.group(1) or "", c.p
    if m.group(4):
        return _month(p.year + STEPS[m.group(4)], number)
    if which in {"next", "coming"} or c.future and not which:
        return _month(p.year + (number <= p.month if which else number < p.month), number)
    if which in {"last", "past", "this past"}:
        return _month(p.year - (number >= p.month), number)
    return _month(p.year - (number > p.month and which != "this"), number)


@rule(r"(?:fiscal\s+(?:year\s+)?|calendar\s+(?:year\s+)?|year\s+|post-|pre-|mid-)?(1\d{3}|20\d\d)(?:\s+(?:or later|"
      r"and beyond|onwards?|or earlier|and earlier|and later))?", relative=False)
def _year_rule(m: re.Match, c: Ctx) -> Value:
    return _year(int(m.group(1)))


@rule(r"(?:(1\d|20)|')(\d)0'?s|(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies", relative=False)
def _decade(m: re.Match, c: Ctx) -> Value:
    """'the 1990s' -> 199; "the '80s" and 'the eighties' take the latest such decade not after publication."""
    if m.group(1):
        first = int(m.group(1) + m.group(2)) * 10
    elif c.p is None:
        return NOTHING
    else:
        digit = int(m.group(2)) if m.group(2) else [t[:4] for t in _TENS].index(m.group(3)[:4]) + 2
        first = c.p.year // 100 * 100 + digit * 10
        first -= 100 * (first > c.p.year)
    return _years(first, 10, str(first // 10))


@rule(rf"(\d{{1,2}})(?:st|nd|rd|th)\s+century|({'|'.join(ORDINALS)})\s+century", relative=False)
def _century(m: re.Match, c: Ctx) -> Value:
    n = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2)]
    return _years((n - 1) * 100, 100, f"{n - 1:02d}") if n > 1 else NOTHING


@rule(rf"(?:(last|next|this)\s+)?({'|'.join(map(re.escape, HOLIDAYS))})(?:\s+(\d{{4}}))?(\s+week)?", relative=False)
def _holiday(m: re.Match, c: Ctx) -> Value:
    """Holidays like yearless dates; 'Easter week' is the week ending on it, this year's while it runs."""
    make, which, p = HOLIDAYS[m.group(2)], m.group(1), c.p
    if m.group(3) or p is None:
        found = make(int(m.group(3))) if m.group(3) else None
    else:
        found = _pick(make, p + {"last": -DAY, "next": DAY}.get(which, 0 * DAY), which == "next" or c.future and
                      which != "last")
    if found and m.group(4):
        current = _week(make(p.year) - 6 * DAY) if p and not m.group(3) else None
        return current if current and current[0].start <= p <= current[0].end else _week(found - 6 * DAY)
    return NOTHING if found is None else _day(found)


@rule(r"week of (.+)", relative=False)
def _week_of(m: re.Match, c: Ctx) -> Value:
    inner = _read(m.group(1), c.p, c.future, c.quarterly)[0]
    return _week(inner.start) if inner.precision == "day" else NOTHING


@functools.cache
def _parser():
    """One English-only parser built once. Its base date is fixed, so nothing comes from the clock, and a year it
    did not read is dropped: _pick chooses it from the publication date."""
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
    """'Jan. 30', '30 January 2024', 'Sunday, March 8', '2024-01-30'."""
    weekday, future = None, c.future
    if lead := re.match(rf"(?:(this coming|coming|next|this|last|this past)\s+)?({_DAY}),?\s+", t):
        weekday, future, t = WEEKDAYS[lead.group(2)], future or lead.group(1) in {"this coming", "coming", "next"}, \
            t[lead.end():]
    if not re.search(rf"\b(?:{_MONTH})\b|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}", t) or not (parsed := _parse_written(t)):
        return NOTHING
    year, month, day = parsed
    if year is not None:
        return _day(dt.date(year, month, day))
    found = _pick(lambda y: dt.date(y, month, day), c.p, future, weekday) if c.p else None
    return _day(found) if found else NOTHING


def _read(text: str, p: dt.date | None, future: bool, quarterly: bool) -> Value:
    light = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:!?\"'`")
    for pattern, label in REFERENCES:
        if pattern.fullmatch(light):
            now = label == "PRESENT_REF" and p and light in {"now", "right now", "currently", "at present"}
            return (_day(p)[0] if now else UNRESOLVED), label
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
    found = re.search(rf"\b(?:(\d+|the|a|an|{_WORDS})\s+)?(day|week)s?\s+(after|before|later|earlier)\b",
                      text.lower()) if isinstance(text, str) else None
    if not found:
        return None
    amount = found.group(1) or "one"
    count = int(amount) if amount.isdigit() else 1 if amount in {"the", "a", "an"} else NUMBERS[amount]
    days = count * (7 if found.group(2) == "week" else 1)
    return days if found.group(3) in {"after", "later"} else -days


def shift(date_range: DateRange, days: int) -> DateRange:
    """Move a resolved range by N days (for "two days after <another meeting>")."""
    if date_range.start is None or date_range.end is None:
        return date_range
    return DateRange(date_range.start + days * DAY, date_range.end + days * DAY, date_range.precision)
