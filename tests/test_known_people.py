"""The actor knowledge base in the warehouse: the dictionary's office holders, and people learned from the
warehouse's own documents, which a later run's extraction uses."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli import cli

INTRODUCED = {"id": "a", "title": "Readout", "published": "2023-06-08", "source": "test",
              "text": "President Biden met Prime Minister Rishi Sunak of the United Kingdom at the White House today. "
                      "Prime Minister Sunak said the two leaders discussed Ukraine."}
LATER = {"id": "b", "title": "Later", "published": "2023-06-20", "source": "test",
         "text": "Sunak told reporters on Monday that the talks had been constructive."}


def run(warehouse: Path, folder: Path, record: dict) -> None:
    feed = folder / f"{record['id']}.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(feed), "--warehouse", str(warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def speaker_countries(warehouse: Path, doc_text: str) -> list[str | None]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [c for c, in con.execute("select c.speaker_country from claims c join documents d using (doc_id) "
                                        "where d.text = ?", [doc_text]).fetchall()]
    finally:
        con.close()


def test_known_people_a_bare_surname_in_a_later_run_finds_the_person_read_before(prefect_server,
                                                                                tmp_path: Path) -> None:
    alone = tmp_path / "alone.duckdb"
    run(alone, tmp_path, LATER)
    assert speaker_countries(alone, LATER["text"]) == [None]  # the text alone does not say (the dictionary ends ~2015)
    grown = tmp_path / "grown.duckdb"
    run(grown, tmp_path, INTRODUCED)
    con = duckdb.connect(str(grown), read_only=True)
    learned = con.execute("select name, country, source from known_people where name = 'Rishi Sunak'").fetchall()
    holders = con.execute("select count(*) from known_people where source = 'phoenix'").fetchall()[0][0]
    con.close()
    assert learned == [("Rishi Sunak", "GBR", "text")] and holders > 10_000
    run(grown, tmp_path, LATER)
    assert speaker_countries(grown, LATER["text"]) == ["GBR"]
