"""The warehouse's tables, read once from tables.yaml, and the SQL and frame columns derived from them.

A table used to live in about ten places (records, audit keys and dependents, main and quarantine DDL,
staging, publish, counts); now it is one entry in tables.yaml, and this module writes the statements.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).parent
CONTRACT_VERSION = 2  # ../shared/spec/warehouse.md; recorded in main.schema_version
DOCUMENT = "documents"


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: dict[str, str]  # column -> DuckDB type and constraints, in order
    key: tuple[str, ...] = ()
    parents: dict[str, str] = field(default_factory=dict)  # column -> parent table
    publish: str = "add"
    merge_columns: tuple[str, ...] = ()
    scope: str | None = None
    staged: bool = True

    @property
    def frame_columns(self) -> list[str]:
        """What a batch supplies: every column but those the database fills in itself."""
        return [c for c, spec in self.columns.items() if "DEFAULT" not in spec.upper()]

    def ddl(self, schema: str = "main") -> str:
        columns = [f"    {c} {spec}" for c, spec in self.columns.items()]
        if self.key:
            columns.append(f"    PRIMARY KEY ({', '.join(self.key)})")
        return f"-- {self.grain}\nCREATE TABLE IF NOT EXISTS {schema}.{self.name} (\n" + ",\n".join(columns) + "\n);"

    def quarantine_ddl(self) -> str:
        return (f"CREATE TABLE IF NOT EXISTS quarantine.{self.name} AS SELECT *, NULL::VARCHAR AS failed_checks, "
                f"NULL::VARCHAR AS quarantine_run_id FROM main.{self.name} LIMIT 0;")

    def staging_ddl(self) -> str:
        return f"CREATE OR REPLACE TABLE staging.{self.name} AS SELECT * FROM main.{self.name} LIMIT 0;"

    def same_key(self, left: str, right: str) -> str:
        return " AND ".join(f"{left}.{k} = {right}.{k}" for k in self.key)

    def publish_sql(self) -> str:
        """Staged rows into main, as this table's `publish` says."""
        if self.scope:
            return (f"DELETE FROM main.{self.name} WHERE {self.scope} IN (SELECT {self.scope} FROM staging.{self.name});\n"
                    f"INSERT INTO main.{self.name} BY NAME SELECT DISTINCT * FROM staging.{self.name};")
        if self.publish == "replace":
            return f"INSERT OR REPLACE INTO main.{self.name} BY NAME SELECT * FROM staging.{self.name};"
        if self.publish == "merge":
            updates = ", ".join(f"{c} = coalesce(excluded.{c}, {c})" for c in self.merge_columns)
            return (f"INSERT INTO main.{self.name} BY NAME SELECT * FROM staging.{self.name}\n"
                    f"ON CONFLICT ({', '.join(self.key)}) DO UPDATE SET {updates};")
        return (f"INSERT INTO main.{self.name} BY NAME SELECT DISTINCT * FROM staging.{self.name} s\n"
                f"WHERE NOT EXISTS (SELECT 1 FROM main.{self.name} m WHERE {self.same_key('m', 's')});")


@functools.cache
def tables() -> dict[str, Table]:
    """Every table, parents before children (the order of tables.yaml)."""
    spec = yaml.safe_load((HERE / "tables.yaml").read_text(encoding="utf-8"))
    return {name: Table(name=name, grain=entry["grain"], columns=entry["columns"], key=tuple(entry.get("key", ())),
                        parents=entry.get("parents", {}), publish=entry.get("publish", "add"),
                        merge_columns=tuple(entry.get("merge_columns", ())), scope=entry.get("scope"),
                        staged=entry.get("staged", True))
            for name, entry in spec.items()}


def staged() -> dict[str, Table]:
    """The tables a run stages, validates and publishes."""
    return {name: t for name, t in tables().items() if t.staged}


def dependents() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(parent table, its key column) -> [(child table, child column)]: children follow a quarantined parent."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for table in staged().values():
        for column, parent in table.parents.items():
            out.setdefault((parent, tables()[parent].key[0]), []).append((table.name, column))
    return out


def replace_documents_sql(documents: str) -> str:
    """Delete from main every row that belongs to a document being extracted again (children first): its
    staged rows replace them. A row belongs to a document through a doc_id or through a parent that does."""
    statements = []
    for table in reversed(list(staged().values())):
        if table.name == DOCUMENT:
            continue
        owned = [c for c, p in table.parents.items() if p == DOCUMENT]
        if owned:
            statements.append(f"DELETE FROM main.{table.name} WHERE {owned[0]} IN ({documents});")
            continue
        for column, parent in table.parents.items():
            parent_owned = [c for c, p in tables()[parent].parents.items() if p == DOCUMENT]
            if parent_owned:
                key = tables()[parent].key[0]
                statements.append(f"DELETE FROM main.{table.name} WHERE {column} IN (SELECT {key} FROM "
                                  f"main.{parent} WHERE {parent_owned[0]} IN ({documents}));")
    return "\n".join(statements)


def schema_sql() -> str:
    """Every main table, then every quarantine table (created only where missing)."""
    parts = ["CREATE SCHEMA IF NOT EXISTS staging;", "CREATE SCHEMA IF NOT EXISTS quarantine;"]
    parts += [t.ddl() for t in tables().values()]
    parts += [t.quarantine_ddl() for t in staged().values()]
    return "\n\n".join(parts)


def staging_sql() -> str:
    return "\n".join(t.staging_ddl() for t in staged().values())


def publish_sql() -> str:
    return "\n".join(t.publish_sql() for t in staged().values())
