"""Bring a warehouse written by an older release up to this contract; refuse one from a newer release.

Tables and columns are added where missing (nothing is dropped or renamed), from warehouse/tables.yaml.
What a new contract version asks of the rows already there (v2: an event for every meeting, the links
between meetings) is done by the next run before the new version is recorded, so a run killed halfway
leaves the old file as it was and the next run migrates again.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from transforms.ingest import Document
from warehouse.registry import CONTRACT_VERSION, staged, tables


class NewerWarehouse(RuntimeError):
    """The file was written by a newer release: writing it with this one could lose what that one added."""


def recorded_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest contract version recorded in the file; None for a new file."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_schema = 'main' AND table_name = 'schema_version'").fetchall()[0][0]
    if not exists:
        return None
    return con.execute("SELECT max(version) FROM main.schema_version").fetchall()[0][0]


def refuse_newer(con: duckdb.DuckDBPyConnection) -> None:
    version = recorded_version(con)
    if version is not None and version > CONTRACT_VERSION:
        raise NewerWarehouse(f"this warehouse was written by a newer communique (contract v{version}); this release "
                             f"knows v{CONTRACT_VERSION}. Upgrade communique to use it; the file was left as it is.")


def _columns(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, set[str]]:
    have: dict[str, set[str]] = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_schema = ?", [schema]).fetchall():
        have.setdefault(table, set()).add(column)
    return have


def add_missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Add every registry column a table of main or quarantine lacks (typed, nullable: old rows have none);
    returns what was added, as "schema.table.column"."""
    added = []
    for schema, names in (("main", tables()), ("quarantine", staged())):
        have = _columns(con, schema)
        for name in names:
            for column, spec in tables()[name].columns.items():
                if column not in have.get(name, {column}):
                    type_ = spec.split()[0]
                    con.execute(f"ALTER TABLE {schema}.{name} ADD COLUMN {column} {type_}")
                    added.append(f"{schema}.{name}.{column}")
    return added


def stamp_if_new(con: duckdb.DuckDBPyConnection) -> None:
    """A new file is born at this contract version."""
    if recorded_version(con) is None:
        con.execute("INSERT INTO main.schema_version (version, migration) VALUES (?, 'created')", [CONTRACT_VERSION])


def pending(con: duckdb.DuckDBPyConnection) -> int | None:
    """The older contract version whose rows still need migrating, or None."""
    version = recorded_version(con)
    return version if version is not None and version < CONTRACT_VERSION else None


def record(con: duckdb.DuckDBPyConnection, note: str) -> None:
    con.execute("INSERT INTO main.schema_version (version, migration) VALUES (?, ?)", [CONTRACT_VERSION, note])


def stage_unresolved_meetings(con: duckdb.DuckDBPyConnection) -> int:
    """To v2: every published meeting needs an event. Stage the meetings without one as they are: the run
    resolves them with its own, and publishing replaces them with their event filled in. Call it once the
    run's own documents are staged: a document this run extracted again brings its meetings anew."""
    return con.execute("""INSERT INTO staging.meetings BY NAME SELECT * FROM main.meetings
                          WHERE event_id IS NULL
                            AND doc_id NOT IN (SELECT doc_id FROM staging.documents)""").fetchall()[0][0]


def documents_to_link(con: duckdb.DuckDBPyConnection) -> list[Document]:
    """To v2: the published documents with two meetings or more, whose texts may tie them (meeting_links):
    they are read again for the links alone, their other rows stay as they are."""
    rows = con.execute("""SELECT d.doc_id, d.source_uri, d.title, d.text, d.outlet, d.published_at, d.url
                          FROM main.documents d
                          WHERE (SELECT count(*) FROM main.meetings m WHERE m.doc_id = d.doc_id) >= 2
                          ORDER BY d.doc_id""").fetchall()
    return [Document(doc_id, source, title or "", text, outlet, published, url)
            for doc_id, source, title, text, outlet, published, url in rows]


def published_links(con: duckdb.DuckDBPyConnection, links: pd.DataFrame) -> pd.DataFrame:
    """The links found in a published document whose two meetings are published rows: a meeting the
    older extractor did not find has no row to tie."""
    if links.empty:
        return links
    con.register("found_links", links)
    kept = con.execute("""SELECT * FROM found_links l
                          WHERE EXISTS (SELECT 1 FROM main.meetings m WHERE m.meeting_id = l.meeting_id)
                            AND EXISTS (SELECT 1 FROM main.meetings m WHERE m.meeting_id = l.related_meeting_id)""").df()
    con.unregister("found_links")
    return kept
