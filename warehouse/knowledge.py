"""The actor knowledge base in the warehouse: the Phoenix dictionary's office holders as a table
(`office_holders`, loaded when the project's data file changes), and the `known_people` view, which adds
the people the warehouse itself has read with a country. A run hands what it learned from text to its
extraction tasks (transforms/knowledge.py), so a later document's bare surname finds the person.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json

import duckdb
import pandas as pd

from transforms.knowledge import DATA, Learned


def _day(number: int) -> dt.date | None:
    return dt.date(number // 10000, number // 100 % 100, number % 100) if number else None


def seed_office_holders(con: duckdb.DuckDBPyConnection) -> None:
    """Load the dictionary's office holders unless this release's data file is loaded already."""
    raw = DATA.read_bytes()
    version = hashlib.sha256(raw).hexdigest()[:12]
    loaded = con.execute("SELECT count(*) FROM main.office_holders WHERE source = 'phoenix' AND source_version = ?",
                         [version]).fetchall()[0][0]
    if loaded:
        return
    rows = [(name, aliases, country or None, role, _day(start), _day(end), "phoenix", version)
            for name, aliases, roles in json.loads(gzip.decompress(raw))["people"]
            for country, role, start, end in roles]
    frame = pd.DataFrame(rows, columns=["person", "aliases", "country", "role", "valid_from", "valid_to", "source",
                                        "source_version"])
    con.execute("DELETE FROM main.office_holders WHERE source = 'phoenix'")
    con.register("holders", frame)
    con.execute("INSERT INTO main.office_holders BY NAME SELECT * FROM holders")
    con.unregister("holders")


def learned(con: duckdb.DuckDBPyConnection) -> Learned:
    """The people the warehouse has read with a country, as extraction tasks take them."""
    rows = con.execute("""SELECT name, coalesce(aliases, []), country, title, valid_from, valid_to
                          FROM main.known_people WHERE source = 'text' ORDER BY name, country""").fetchall()
    people = tuple((name, tuple(aliases), country, title, first, last) for name, aliases, country, title, first, last
                   in rows)
    return Learned(hashlib.sha256(repr(people).encode("utf-8")).hexdigest()[:16], people)
