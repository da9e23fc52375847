"""Meetings reported by many documents -> events, one per real-world meeting, and what the reports agree on.

Two reports are one meeting when they share their principals (the same people, or the same delegation
or body where no person is named), their dates agree (a day with the same day, a month with a day in
it), and nothing else contradicts it (a call is not a visit; Vienna is not Munich; the President's meeting
is not the Vice President's with the same visitor that day). A report with no date joins an event only
on strong evidence: two principals in common and a document published within days of it, with no other
event as likely. New reports join the events they fit, so an event keeps its id when later documents
report it; candidates are looked up by principal and month, so the work grows with the reports, not
with their square.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

UNDATED_WINDOW = dt.timedelta(days=7)  # a held meeting is usually reported within a week
PLANNED_WINDOW = dt.timedelta(days=60)  # a preview is written up to two months ahead
KIND_ORDER = ["summit", "negotiation", "talks", "working_group", "visit", "meeting", "call"]  # ties: the specific
PRECISION = {"day": 0, "month": 1, "year": 2, None: 3}
ROLE_ORDER = {"host": 0, "visitor": 1, "participant": 2}


def event_id(founding_meeting_id: str) -> str:
    """Stable: the same first report always founds the same event."""
    return hashlib.sha256(f"event\x1f{founding_meeting_id}".encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Person:
    words: frozenset[str]  # the folded words of the name, initials left out
    country: str | None

    def same(self, other: Person) -> bool:
        """ "Biden", "Joe Biden" and "Joseph R. Biden" are one person; "Kishida Fumio" is "Fumio Kishida";
        "Jill Biden" is not "Joe Biden", nor "Wang Yi" "Wang Xiaohong": the shorter name's words must all be
        in the longer one (a given name may be shortened), and at least one exactly."""
        if self.country and other.country and self.country != other.country:
            return False
        short, long = sorted((self.words, other.words), key=len)
        return bool(short & long) and all(any(_word_agrees(a, b) for b in long) for a in short)


def _word_agrees(a: str, b: str) -> bool:
    """ "joe" and "joseph": the same given name shortened."""
    return a == b or len(a) >= 3 and len(b) >= 3 and a[:2] == b[:2]


def person(name: str, country: str | None) -> Person:
    return Person(frozenset(w for w in name.split() if len(w) >= 2), country)


@dataclass
class Report:
    """One meetings row, with what decides which event it belongs to."""
    meeting_id: str
    doc_id: str
    kind: str
    status: str
    format: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    location: str | None
    country: str | None
    published: dt.date | None
    event_id: str | None = None
    people: list[Person] = field(default_factory=list)
    bodies: set[str] = field(default_factory=set)  # organizations, groups and countries taking part
    sides: set[str] = field(default_factory=set)  # countries of the parties

    @property
    def is_call(self) -> bool:
        """A call and a meeting with the same people that day are two events."""
        return self.kind == "call" or self.format == "phone"

    @property
    def keys(self) -> set[str]:
        """What the index files the report under: each word of its people's names, else its bodies."""
        return {f"person:{w}" for p in self.people for w in p.words} or self.bodies


@dataclass
class Event:
    event_id: str
    reports: list[Report] = field(default_factory=list)

    @property
    def people(self) -> list[Person]:
        return [p for r in self.reports for p in r.people]

    def dated(self) -> list[Report]:
        return sorted((r for r in self.reports if r.start), key=lambda r: PRECISION[r.precision])


def _date(value: object) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def reports_from(meetings: pd.DataFrame, people: pd.DataFrame) -> list[Report]:
    """Reports from meetings rows (with published_at) and participant rows (meeting_id, actor_id, name, kind,
    country, role, match_key: a person's folded name, or a body's key; warehouse/30_event_people.sql)."""
    out = {}
    for row in meetings.itertuples(index=False):
        out[row.meeting_id] = Report(
            meeting_id=row.meeting_id, doc_id=row.doc_id, kind=row.kind, status=row.status, format=_text(row.format),
            start=_date(row.date_start), end=_date(row.date_end), precision=_text(row.date_precision),
            location=_text(row.location), country=_text(row.location_country), published=_date(row.published_at),
            event_id=_text(row.event_id))
    for row in people.itertuples(index=False):
        report = out.get(row.meeting_id)
        if report is None:
            continue
        country = _text(row.country)
        if row.kind == "person":
            report.people.append(person(row.match_key, country))
        else:
            report.bodies.add(row.match_key)
        if country:
            report.sides.add(country)
    return list(out.values())


def _overlap(a: Report, b: Report) -> bool:
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def dates_agree(report: Report, event: Event) -> bool:
    """Both dated: the same day, or a day inside a month. Not both dated: decided by strong evidence."""
    dated = event.dated()
    if not report.start or not dated:
        return False
    best = dated[0]
    if report.precision == "day" and best.precision == "day":
        return report.start == best.start
    return _overlap(report, best)


def strongly_tied(report: Report, event: Event) -> bool:
    """Without a date on one side: two principals in common, and the undated report written within days of
    the dated one (or, both undated, of the other reports)."""
    dated = event.dated()
    if report.start and dated:
        return False  # both dated: dates_agree decides
    if len(shared_people(report, event)) < 2 and not (report.bodies and report.bodies & _bodies(event)):
        return False
    planned = report.status == "planned"
    window = PLANNED_WINDOW if planned else UNDATED_WINDOW
    if report.start is None and report.published and dated:
        gap = (dated[0].start - report.published) if planned else (report.published - dated[0].start)
        return dt.timedelta(0) <= gap <= window
    if report.start is not None:
        published = [r.published for r in event.reports if r.published]
        return any(dt.timedelta(0) <= p - report.start <= window for p in published)
    published = [r.published for r in event.reports if r.published]
    return report.published is not None and any(abs(p - report.published) <= dt.timedelta(days=3) for p in published)


def _bodies(event: Event) -> set[str]:
    return set().union(*(r.bodies for r in event.reports))


def shared_people(report: Report, event: Event) -> list[Person]:
    theirs = event.people
    return [p for p in report.people if any(p.same(q) for q in theirs)]


def principals_conflict(report: Report, event: Event) -> bool:
    """One side's principal differs: the Vice President's meeting with a visitor is not the President's."""
    theirs = event.people
    for country in {p.country for p in report.people if p.country}:
        mine = [p for p in report.people if p.country == country]
        other = [q for q in theirs if q.country == country]
        if mine and other and not any(p.same(q) for p in mine for q in other):
            return True
    return False


def sides_conflict(report: Report, event: Event) -> bool:
    """A bilateral is not the trilateral of the same day: with two sides or more on both, one report of the
    event must name the same sides."""
    if len(report.sides) < 2:
        return False
    known = [r.sides for r in event.reports if len(r.sides) >= 2]
    return bool(known) and report.sides not in known


def _majority(values: Iterable[str | None]) -> str | None:
    """The value most reports give; ties go to the first in the alphabet, whatever order rows come in."""
    counted = Counter(v for v in values if v)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None


def distinct(people: list[Person]) -> list[Person]:
    """One Person per human being: "Biden" and "Joseph R. Biden" count once."""
    out: list[Person] = []
    for person in people:
        if not any(person.same(p) for p in out):
            out.append(person)
    return out


def strangers_of_another_side(report: Report, event: Event) -> bool:
    """Both name two sides or more, and someone one names and the other does not is of a country the
    other does not name at all: the King's family beside the King is the same delegation, President Macron
    beside President Biden is not Prime Minister Kishida's meeting."""
    mine, theirs = distinct(report.people), distinct(event.people)
    my_sides, their_sides = report.sides, set().union(*(r.sides for r in event.reports))
    if len(my_sides) < 2 or len(their_sides) < 2:
        return False  # a preview naming the guests alone is the meeting its readout tells with the host
    return any(p.country and p.country not in their_sides for p in mine if not any(p.same(q) for q in theirs)) \
        or any(q.country and q.country not in my_sides for q in theirs if not any(q.same(p) for p in mine))


def compatible(report: Report, event: Event) -> bool:
    shared = shared_people(report, event)
    if not (shared or report.bodies & _bodies(event) and not report.people):
        return False
    if len(distinct(shared)) < 2 and strangers_of_another_side(report, event):
        return False  # one person in common, each with others: Biden with Macron is not Biden with Kishida
    calls = sum(r.is_call for r in event.reports) * 2 > len(event.reports)
    if report.is_call != calls:
        return False
    formats = {r.format for r in event.reports if r.format}
    if report.format in {"virtual", "in_person"} and formats in ({"virtual"}, {"in_person"}) and report.format not in formats:
        return False
    country = _majority(r.country for r in event.reports)
    if report.country and country and report.country != country:
        return False
    return not principals_conflict(report, event) and not sides_conflict(report, event)


def affinity(report: Report, event: Event) -> tuple:
    """Which of several fitting events: same day, more principals, same place, same kind."""
    dated = event.dated()
    same_day = bool(report.start and dated and report.start == dated[0].start)
    return (same_day, len(shared_people(report, event)), report.location in {r.location for r in event.reports},
            report.kind in {r.kind for r in event.reports}, event.event_id)


class Index:
    """Events by principal and month: a report is compared only with events it could belong to."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[str, str], set[str]] = {}

    @staticmethod
    def slots(report: Report) -> set[str]:
        if report.start:
            months = {report.start.strftime("%Y-%m"), (report.end or report.start).strftime("%Y-%m")}
            return months | {f"{report.start.year}"} if report.precision != "year" else {f"{report.start.year}"}
        if report.published:
            return {f"u{(report.published + dt.timedelta(days=d)).strftime('%Y-%m')}" for d in (-7, 0, 7)}
        return {"u"}

    @staticmethod
    def wanted(report: Report) -> set[str]:
        """The slots of events this report may join: its own months and year, and the months whose undated
        reports (or, for an undated report, dated meetings) lie within the evidence windows."""
        if report.start:
            out = Index.slots(report) | {f"{report.start.year}"}
            return out | {f"u{(report.start + dt.timedelta(days=d)).strftime('%Y-%m')}" for d in (0, 7)}
        if report.published:
            days = range(-60, 8, 7) if report.status == "planned" else (-7, 0, 7)
            near = {(report.published - dt.timedelta(days=d)) for d in days}
            return {d.strftime("%Y-%m") for d in near} | {str(d.year) for d in near} | Index.slots(report)
        return {"u"}

    def add(self, report: Report, event: Event) -> None:
        for key in report.keys:
            for slot in self.slots(report):
                self.buckets.setdefault((key, slot), set()).add(event.event_id)

    def candidates(self, report: Report) -> set[str]:
        return {e for key in report.keys for slot in self.wanted(report) for e in self.buckets.get((key, slot), ())}


def assign(reports: list[Report]) -> dict[str, str]:
    """meeting_id -> event_id for every report without one; reports that have one found the events."""
    events: dict[str, Event] = {}
    index = Index()
    for report in reports:
        if report.event_id:
            event = events.setdefault(report.event_id, Event(report.event_id))
            event.reports.append(report)
            index.add(report, event)
    new = sorted((r for r in reports if not r.event_id),
                 key=lambda r: (r.start is None, r.start or dt.date.min, r.published or dt.date.min, r.meeting_id))
    out = {}
    for report in new:
        fitting = [events[e] for e in sorted(index.candidates(report)) if compatible(report, events[e])]
        dated = [e for e in fitting if dates_agree(report, e)]
        strong = [e for e in fitting if not dated and strongly_tied(report, e)]
        if dated:
            chosen = max(dated, key=lambda e: affinity(report, e))
        elif len(strong) == 1:
            chosen = strong[0]
        else:
            chosen = events.setdefault(event_id(report.meeting_id), Event(event_id(report.meeting_id)))
        chosen.reports.append(report)
        index.add(report, chosen)
        out[report.meeting_id] = chosen.event_id
    return out


def _consensus_dates(members: pd.DataFrame) -> tuple[object, object, str | None]:
    """The most precise dates the reports give; among those, the one most of them give."""
    dated = members[members["date_start"].notna()]
    if dated.empty:
        return None, None, None
    finest = dated["date_precision"].map(lambda p: PRECISION.get(p if isinstance(p, str) else None, 3)).min()
    best = dated[dated["date_precision"].map(lambda p: PRECISION.get(p if isinstance(p, str) else None, 3)) == finest]
    counted = Counter(zip(map(_date, best["date_start"]), map(_date, best["date_end"])))
    start, end = min(counted, key=lambda pair: (-counted[pair], pair[0], pair[1] or pair[0]))
    return start, end, _text(best["date_precision"].iloc[0])


def _kind(kinds: Iterable[str]) -> str:
    counted = Counter(kinds)
    top = max(counted.values())
    return min((k for k, n in counted.items() if n == top), key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)


def _status(statuses: set[str]) -> str:
    """A held report wins (the date has passed); a cancellation beats a preview."""
    return next(s for s in ("held", "cancelled", "planned") if s in statuses or s == "planned")


def label(names: list[str], location: str | None, start: object, precision: str | None) -> str:
    """ "Alejandro Mayorkas – Wang Xiaohong, Vienna, 2024-02-18"."""
    when = None
    if start is not None and not pd.isna(start):
        day = pd.Timestamp(start).date().isoformat()
        when = {"day": day, "month": day[:7], "year": day[:4]}.get(precision or "day", day)
    return ", ".join(part for part in (" – ".join(names) or None, location, when) if part)


def principal_names(people: pd.DataFrame, limit: int = 4) -> list[str]:
    """The people an event is about, each once by the fullest name any report gives ("Joseph R. Biden", not
    also "Biden"), most often named first, then alphabetically; its bodies when nobody is named."""
    persons = people[people["kind"] == "person"]
    if persons.empty:
        return sorted(set(people["name"]))[:limit]
    found: list[tuple[Person, Counter, set[str]]] = []  # (person, how often each name is used, reports)
    for row in persons.itertuples(index=False):
        me = person(row.match_key, _text(row.country))
        entry = next((e for e in found if e[0].same(me)), None)
        if entry is None:
            entry = (me, Counter(), set())
            found.append(entry)
        entry[1][row.name] += 1
        entry[2].add(row.meeting_id)
    # the name most used, then the longest, then the first in the alphabet: the same label whatever the order
    named = [(min(names, key=lambda n: (-names[n], -len(n), n)), len(reports)) for _, names, reports in found]
    return [name for name, _ in sorted(named, key=lambda n: (-n[1], n[0]))][:limit]


def consensus(members: pd.DataFrame, people: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """events and event_participants rows from the meetings of each event (with published_at and outlet)
    and their participants (as in reports_from)."""
    events, participants = [], []
    people_of = {k: g for k, g in people.groupby("meeting_id")} if not people.empty else {}
    for eid, group in members.groupby("event_id", sort=True):
        ids = list(group["meeting_id"])
        attending = pd.concat([people_of[m] for m in ids if m in people_of]) if any(m in people_of for m in ids) \
            else people.iloc[0:0]
        start, end, precision = _consensus_dates(group)
        location = _majority(_text(v) for v in group["location"])
        confidences = [float(c) for c in group["confidence"]]
        unconfirmed = 1.0
        for c in confidences:
            unconfirmed *= 1 - c
        published = group["published_at"].dropna()
        events.append({
            "event_id": eid, "kind": _kind(group["kind"]), "status": _status(set(group["status"])),
            "format": _majority(_text(v) for v in group["format"]),
            "date_start": start, "date_end": end, "date_precision": precision,
            "location": location, "location_country": _majority(_text(v) for v in group["location_country"]),
            "reports": len(group), "documents": group["doc_id"].nunique(), "outlets": group["outlet"].dropna().nunique(),
            "first_reported": published.min() if len(published) else None,
            "last_reported": published.max() if len(published) else None,
            "confidence": round(min(0.99, max(max(confidences), 1 - unconfirmed)), 2),
            "label": label(principal_names(attending), location, start, precision) or group["kind"].iloc[0],
            "run_id": run_id,
        })
        roles: dict[str, str] = {}
        for row in attending.itertuples(index=False):
            if row.actor_id not in roles or ROLE_ORDER[row.role] < ROLE_ORDER[roles[row.actor_id]]:
                roles[row.actor_id] = row.role
        participants += [{"event_id": eid, "actor_id": a, "role": r} for a, r in roles.items()]
    return (pd.DataFrame(events), pd.DataFrame(participants, columns=["event_id", "actor_id", "role"]))
