"""The pages of events and actors in scope (every one, or those a run changed), and the paged lists."""
from __future__ import annotations

from collections.abc import Sequence

import duckdb

from warehouse.site import charts
from warehouse.site.context import in_context
from warehouse.site.data import grouped, rows
from warehouse.site.render import Writer, day, page_name, paged

CONTEXT_CHARS = 600  # characters read on each side of an evidence sentence, cut to whole sentences
ACTOR_ROWS = 50  # events or claims per page of an actor


def event_href(event_id: str) -> str:
    return f"events/{page_name(event_id)}.html"


def actor_href(actor_id: str) -> str:
    return f"actors/{page_name(actor_id)}.html"


def by_side(claims: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """Claims grouped by the side (speaker country) that made them, known sides first."""
    sides: dict[str | None, list[dict]] = {}
    for claim in claims:
        sides.setdefault(claim["side"], []).append(claim)
    return sorted(sides.items(), key=lambda item: (item[0] is None, item[0] or ""))


def write_events(writer: Writer, con: duckdb.DuckDBPyConnection) -> None:
    """A page per event in scope: participants, reports with their evidence in context, each side's claims
    and characterizations, and the events it follows or that follow it."""
    people = grouped(rows(con, "event_participants.sql"), "event_id")
    reports = grouped(rows(con, "event_reports.sql", window=CONTEXT_CHARS), "event_id")
    claims = grouped(rows(con, "event_claims.sql"), "event_id")
    links = grouped(rows(con, "event_links.sql"), "event_id")
    events = rows(con, "events.sql")
    for event in events:
        event_reports = [{**r, "context": in_context(r["before"], r["evidence"], r["after"], r["from_start"], r["to_end"])}
                         for r in reports.get(event["event_id"], [])]
        related = links.get(event["event_id"], [])
        writer.write(event_href(event["event_id"]), "event.html", event=event,
                     participants=people.get(event["event_id"], []), reports=event_reports,
                     sides=by_side(claims.get(event["event_id"], [])),
                     earlier=[r for r in related if r["direction"] == "earlier"],
                     later=[r for r in related if r["direction"] == "later"],
                     actor_href=actor_href, event_href=event_href)


def write_actors(writer: Writer, con: duckdb.DuckDBPyConnection) -> None:
    """A page per actor in scope: its events over time, what it said, its aliases. The first page shows the
    first ACTOR_ROWS events and claims; further pages go on with one list each."""
    events = grouped(rows(con, "actor_events.sql"), "actor_id")
    claims = grouped(rows(con, "actor_claims.sql"), "actor_id")
    actors = rows(con, "actors.sql")
    links = {"actor_href": actor_href, "event_href": event_href}
    for actor in actors:
        name = page_name(actor["actor_id"])
        own_events = events.get(actor["actor_id"], [])
        chart = charts.months_chart((month(e["date_start"]) for e in own_events), actor["name"])
        first = actor_href(actor["actor_id"])
        event_pages = list(paged(own_events, f"actors/{name}-events", first + "#events", ACTOR_ROWS))
        claim_pages = list(paged(claims.get(actor["actor_id"], []), f"actors/{name}-claims", first + "#claims", ACTOR_ROWS))
        writer.write(first, "actor.html", actor=actor, chart=chart, events=event_pages[0],
                     claims=claim_pages[0], **links)
        for page in event_pages[1:]:
            writer.write(page.href(page.number), "actor.html", actor=actor, chart={}, events=page,
                         claims=None, **links)
        for page in claim_pages[1:]:
            writer.write(page.href(page.number), "actor.html", actor=actor, chart={}, events=None,
                         claims=page, **links)


def month(value: object) -> str | None:
    """"YYYY-MM" of a date, None for a missing one."""
    text = day(value)
    return text[:7] or None


def write_lists(writer: Writer, event_list: Sequence[dict], actor_list: Sequence[dict]) -> dict[str, str]:
    """The paged lists of every event (newest first) and every actor (most events first). Returns, per
    month, the list page where its events start (the timeline links there)."""
    month_pages: dict[str, str] = {}
    for page in paged(event_list, "events/page", "events/index.html"):
        for event in page.rows:
            if event["month"] and event["month"] not in month_pages:
                month_pages[event["month"]] = f"{page.href(page.number)}#m-{event['month']}"
        writer.write(page.href(page.number), "events.html", page=page, event_href=event_href)
    for page in paged(actor_list, "actors/page", "actors/index.html"):
        writer.write(page.href(page.number), "actors.html", page=page, actor_href=actor_href)
    return month_pages
