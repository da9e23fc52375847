"""The extractor's version follows what decides extraction; a newer version re-extracts a document and
replaces its rows, and leaves the other documents' rows alone."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli import cli
from flows.settings import Settings
from transforms.version import TRANSFORMS, extractor_version, model_identity

from conftest import FIXTURES


def test_version_changes_with_a_lexicon_and_not_with_event_resolution(tmp_path: Path) -> None:
    model = Settings().spacy_model
    copy = tmp_path / "transforms"
    shutil.copytree(TRANSFORMS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = extractor_version(model, copy)
    assert before == extractor_version(model, TRANSFORMS)  # where the code lies does not matter
    (copy / "events.py").write_text("# event resolution is redone by every run\n", encoding="utf-8")
    assert extractor_version(model, copy) == before
    cues = copy / "lexicons" / "cues.json"
    cues.write_text(cues.read_text(encoding="utf-8").replace('"say"', '"say", "opine"', 1), encoding="utf-8")
    assert extractor_version(model, copy) != before


def test_version_names_the_model_and_its_release() -> None:
    assert model_identity(Settings().spacy_model).endswith("-3.8.0")
    assert model_identity("no_such_model") == "no_such_model"


def test_version_a_newer_extractor_replaces_a_documents_rows_and_keeps_the_others(prefect_server,
                                                                                 tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    feed = str(FIXTURES / "articles.jsonl")
    assert CliRunner().invoke(cli, ["run", feed, "--warehouse", str(warehouse)]).exit_code == 0
    con = duckdb.connect(str(warehouse))
    stale, other = [d for d, in con.execute("select doc_id from meetings group by 1 order by 1 limit 2").fetchall()]
    rows = "select * from {} where doc_id = ? order by all"
    ids = "select {}_id, run_id from {}s where doc_id = ?"
    kept = {t: con.execute(rows.format(t), [other]).fetchall() for t in ("meetings", "claims")}
    first = {t: dict(con.execute(ids.format(t, t), [stale]).fetchall()) for t in ("meeting", "claim")}
    # as an older extractor would have left it: another version, and a meeting the newer one does not find
    con.execute("update documents set extractor_version = 'older' where doc_id = ?", [stale])
    con.execute("insert into meetings select * replace ('outdated' as meeting_id) from meetings where doc_id = ? "
                "limit 1", [stale])
    con.close()
    result = CliRunner().invoke(cli, ["run", feed, "--warehouse", str(warehouse)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 extracted again by a newer extractor" in result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from meetings where meeting_id = 'outdated'").fetchall() == [(0,)]
    assert con.execute("select extractor_version from documents where doc_id = ?", [stale]).fetchall()[0][0] != "older"
    for table in ("meetings", "claims"):
        assert con.execute(rows.format(table), [other]).fetchall() == kept[table], table  # untouched, same run_id
    for row in ("meeting", "claim"):  # the same rows, written by the second run
        again = dict(con.execute(ids.format(row, row), [stale]).fetchall())
        assert set(again) == set(first[row]) and first[row], row
        assert not set(again.values()) & set(first[row].values()), row
    assert con.execute("select count(*) from meetings m where not exists "
                       "(select 1 from events e where e.event_id = m.event_id)").fetchall() == [(0,)]
    con.close()
