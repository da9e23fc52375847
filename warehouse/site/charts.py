"""What the charts draw: the timeline's aggregated counts, the actor network's layout, an actor's months.

Plotly draws them in the browser (assets/site.js reads these as JSON). Plotly reads a few HTML tags in
its text (<b>, <br>, <a>), so every label from an article is HTML-escaped here as well: it shows as text.
Only small integers per group of events reach the index, never the events themselves, so it stays light
with tens of thousands of events.
"""
from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

TIMELINE_ACTORS = 300  # actors offered by the timeline's filter (the most events first)
NETWORK_ACTORS = 60  # actors drawn in the network
LEAD_MONTHS = 12  # the timeline first shows events from a year before the earliest article
GRAVITY = 2.0  # pull towards the middle: keeps separate groups of actors together, so pairs do not shrink to dots
ATTRACTION = 0.3  # pull along a line, against the push between any two actors
EDGE_WIDTHS = ((1, 1.0), (2, 2.0), (4, 3.5), (10, 6.0))  # events shared -> line width


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ("YYYY-MM"), so empty months show as zero."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True)
class EventFacts:
    """What the timeline filters an event on."""
    month: str | None
    kind: str
    actor_ids: Sequence[str]
    countries: Sequence[str]


def timeline(events: Iterable[EventFacts], actor_names: dict[str, str], top_actors: Sequence[str],
             earliest_article: str | None = None) -> dict:
    """Events counted by (month, kind, filterable actors, countries): the index's timeline and its filters.

    `groups` rows are [month, kind, [actor numbers], [country numbers], events]; the page adds up the
    rows that pass the filters."""
    events = list(events)
    dated = sorted({e.month for e in events if e.month})
    months = months_between(dated[0], dated[-1]) if dated else []
    kinds = sorted({e.kind for e in events})
    countries = sorted({c for e in events for c in e.countries})
    actor_number = {a: i for i, a in enumerate(top_actors)}
    month_number, kind_number = {m: i for i, m in enumerate(months)}, {k: i for i, k in enumerate(kinds)}
    country_number = {c: i for i, c in enumerate(countries)}
    groups: Counter[tuple] = Counter()
    for e in events:
        if not e.month:
            continue
        key = (month_number[e.month], kind_number[e.kind],
               tuple(sorted(actor_number[a] for a in set(e.actor_ids) if a in actor_number)),
               tuple(country_number[c] for c in e.countries))
        groups[key] += 1
    return {"months": months, "kinds": kinds, "countries": countries, "view": first_view(months, earliest_article),
            "actors": [[a, actor_names.get(a, a)] for a in top_actors],
            "groups": [[m, k, list(a), list(c), n] for (m, k, a, c), n in sorted(groups.items())],
            "undated": sum(1 for e in events if not e.month)}


def first_view(months: Sequence[str], earliest_article: str | None) -> list[str]:
    """The months the timeline shows at first: from a year before the earliest article. Events dated decades
    back (an anniversary, a treaty recalled) would squeeze the rest into a sliver; a zoom out shows them."""
    if not months:
        return []
    if not earliest_article:
        return [months[0], months[-1]]
    year, month = divmod(int(earliest_article[:4]) * 12 + int(earliest_article[5:7]) - 1 - LEAD_MONTHS, 12)
    start = f"{year:04d}-{month + 1:02d}"
    return [min(max(months[0], start), months[-1]), months[-1]]


def spring_layout(size: int, edges: Sequence[tuple[int, int, float]], iterations: int = 300) -> np.ndarray:
    """Fruchterman-Reingold positions in [-1, 1]², deterministic: nodes start on a circle, pairs with more
    events between them pull harder, and a gravity keeps actors who never met the others from drifting off."""
    if size == 0:
        return np.zeros((0, 2))
    angles = np.linspace(0, 2 * math.pi, size, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    weight = np.zeros((size, size))
    for i, j, w in edges:
        weight[i, j] = weight[j, i] = math.log1p(w)
    k = math.sqrt(4.0 / size)
    temperature = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 0.01)
        force = k * k / distance ** 2 - ATTRACTION * weight * distance / k  # push minus pull, per unit of `delta`
        np.fill_diagonal(force, 0)
        move = (delta * force[:, :, None]).sum(axis=1)
        move -= GRAVITY * pos
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    span = np.abs(pos).max() or 1.0
    return pos / span


@dataclass(frozen=True)
class Node:
    actor_id: str
    name: str
    kind: str
    country: str | None
    events: int
    href: str


def network(nodes: Sequence[Node], edges: Sequence[tuple[str, str, int]]) -> dict:
    """A Plotly figure: actors as dots (sized by their events, a click opens the actor's page), pairs that
    met as lines, wider for more shared events, with the count on hover at each line's middle."""
    index = {n.actor_id: i for i, n in enumerate(nodes)}
    pairs = [(index[a], index[b], w) for a, b, w in edges if a in index and b in index]
    pos = spring_layout(len(nodes), pairs)
    traces = []
    for lower, upper in zip(EDGE_WIDTHS, EDGE_WIDTHS[1:] + ((math.inf, 0),)):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for i, j, w in pairs:
            if lower[0] <= w < upper[0]:
                xs += [round(pos[i, 0], 4), round(pos[j, 0], 4), None]
                ys += [round(pos[i, 1], 4), round(pos[j, 1], 4), None]
        if xs:
            traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "hoverinfo": "skip",
                           "line": {"width": lower[1], "color": "rgba(90,110,140,0.45)"}, "showlegend": False})
    traces.append({"type": "scatter", "mode": "markers", "hoverinfo": "text", "showlegend": False,
                   "x": [round((pos[i, 0] + pos[j, 0]) / 2, 4) for i, j, _ in pairs],
                   "y": [round((pos[i, 1] + pos[j, 1]) / 2, 4) for i, j, _ in pairs],
                   "text": [f"{html.escape(nodes[i].name)} – {html.escape(nodes[j].name)}: {w} events"
                            for i, j, w in pairs],
                   "marker": {"size": 6, "opacity": 0}})
    kinds = sorted({n.kind for n in nodes})
    for kind in kinds:
        members = [i for i, n in enumerate(nodes) if n.kind == kind]
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": html.escape(kind), "hoverinfo": "text",
            "x": [round(pos[i, 0], 4) for i in members], "y": [round(pos[i, 1], 4) for i in members],
            "text": [html.escape(nodes[i].name) for i in members], "textposition": "top center",
            "textfont": {"size": 10},
            "hovertext": [f"{html.escape(nodes[i].name)} ({html.escape(nodes[i].country or 'no country')}): "
                          f"{nodes[i].events} events" for i in members],
            "customdata": [nodes[i].href for i in members],
            "marker": {"size": [8 + 3 * math.sqrt(nodes[i].events) for i in members],
                       "line": {"width": 1, "color": "#fff"}}})
    layout = {"showlegend": True, "hovermode": "closest", "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "height": 620, "dragmode": "pan", "legend": {"orientation": "h"},
              "xaxis": {"visible": False}, "yaxis": {"visible": False, "scaleanchor": "x"}}
    return {"data": traces, "layout": layout}


def months_chart(months: Iterable[str | None], title: str) -> dict:
    """A bar per month (an actor's events over time); undated events are left out."""
    counts = Counter(m for m in months if m)
    if not counts:
        return {}
    axis = months_between(min(counts), max(counts))
    return {"data": [{"type": "bar", "x": axis, "y": [counts.get(m, 0) for m in axis], "name": html.escape(title),
                      "marker": {"color": "#3b6ea5"}}],
            "layout": {"height": 220, "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
                       "yaxis": {"title": {"text": "events"}}}}
