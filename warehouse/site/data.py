"""Reading the warehouse for the site: the SQL files in sql/, run once for all pages of a kind, grouped here.

One query per kind of row (not one per page) keeps a site of 10,000 events to a few seconds of DuckDB.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import duckdb

SQL = Path(__file__).parent / "sql"


def statements(name: str) -> list[str]:
    text = (SQL / name).read_text(encoding="utf-8")
    return [s.strip() for s in text.split(";\n") if s.strip() and not all(
        line.startswith("--") for line in s.strip().splitlines())]


def script(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> None:
    """Run every statement of sql/`name`, each with the parameters it names."""
    for statement in statements(name):
        con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[dict]:
    """The rows of sql/`name` as dicts."""
    return records(con.execute(statements(name)[0], params or None))


def records(result: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def grouped(items: Iterable[dict], key: str) -> dict[str, list[dict]]:
    """Rows by the value of `key` (the SQL sorts by it first)."""
    return {k: list(g) for k, g in itertools.groupby(items, key=lambda r: r[key])}
