"""Every input becomes a document or an error a person can read; nothing is skipped silently."""
from __future__ import annotations

import json
from pathlib import Path

from transforms.ingest import Document, IngestError, doc_id_for, stream

SEED = Path(__file__).parent.parent / "seeds" / "000_3d36cd28c38cb913.txt"
LIMIT = 1_000_000


def read(*paths: Path, limit: int = LIMIT) -> tuple[list[Document], list[IngestError]]:
    items = list(stream(paths, limit))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, IngestError)]


def test_ingest_txt_keeps_text_exactly_and_takes_first_line_as_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n\n  Leaders meet in Geneva \nThe two leaders met on Monday.\n", encoding="utf-8")
    docs, errors = read(path)
    assert errors == []
    assert docs[0].title == "Leaders meet in Geneva"
    assert docs[0].text == path.read_text(encoding="utf-8")
    assert docs[0].published_at is None


def test_ingest_seed_title(tmp_path: Path) -> None:
    docs, _ = read(SEED)
    assert docs[0].title.startswith("U.S. notes China")
    assert docs[0].text == SEED.read_text(encoding="utf-8")


def test_ingest_bad_files_become_errors_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks in S\xe3o Paulo".encode("latin-1"))
    (tmp_path / "big.txt").write_text("word " * 400, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    docs, errors = read(tmp_path, limit=1000)
    reasons = {Path(e.source_uri).name: e.error for e in errors}
    assert docs == []
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "over the limit" in reasons["big.txt"]
    assert "unsupported file type" in reasons["notes.docx"]
    assert "cannot read" in reasons["gone.txt"]


def test_ingest_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"id": "1", "title": "Ministers meet", "published": "2024-02-21", "source": "Wire", "url": "https://x/1",
            "text": "The ministers met in Rome."}
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "2", "title": "No text"}),
                               json.dumps(["a", "list"])]) + "\n", encoding="utf-8")
    docs, errors = read(path)
    assert [d.title for d in docs] == ["Ministers meet"]
    assert docs[0].published_at.isoformat() == "2024-02-21"
    assert docs[0].outlet == "Wire" and docs[0].source_uri == "https://x/1"
    assert [e.source_uri.rsplit("#", 1)[1] for e in errors] == ["L2", "L3", "L4"]
    assert "malformed JSON on line 2" in errors[0].error
    assert errors[1].error == "record has no text"


def test_ingest_json_array_and_bad_date_is_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"title": "A", "text": "Talks resumed.", "published": "last Tuesday"}]), encoding="utf-8")
    docs, errors = read(path)
    assert errors == [] and docs[0].published_at is None


def test_ingest_html_extracts_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The foreign ministers of France and Germany met in Paris on Monday to discuss energy."] * 4)
    path = tmp_path / "page.html"
    path.write_text(f"""<html><head><title>Ministers meet in Paris</title>
        <meta property="article:published_time" content="2023-05-02"></head>
        <body><nav>Home | World | Sport</nav><article><h1>Ministers meet in Paris</h1><p>{body}</p>
        <p>{body}</p></article><footer>Copyright</footer></body></html>""", encoding="utf-8")
    docs, errors = read(path)
    assert errors == []
    assert "met in Paris" in docs[0].text and "Copyright" not in docs[0].text
    assert docs[0].title == "Ministers meet in Paris"
    assert docs[0].published_at.isoformat() == "2023-05-02"


def test_ingest_same_text_same_id_whatever_the_spacing() -> None:
    assert doc_id_for("Talks  resumed\n today.") == doc_id_for("Talks resumed today.")
    assert doc_id_for("Talks resumed today.") != doc_id_for("Talks ended today.")


def test_ingest_missing_path_is_reported(tmp_path: Path) -> None:
    docs, errors = read(tmp_path / "nowhere")
    assert docs == [] and errors[0].error == "no such file or folder"


def test_ingest_jsonl_feed_larger_than_the_limit_streams_and_limits_each_record(tmp_path: Path) -> None:
    """A day's feed is bigger than any one article: the limit is per record, not per feed."""
    import gzip

    fixtures = (Path(__file__).parent / "fixtures" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    longest = max(len(line.encode("utf-8")) for line in fixtures)
    huge = json.dumps({"title": "Too long", "text": "word " * (longest // 4)})
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join([*fixtures, huge, *fixtures[:1]]) + "\n")
    assert path.stat().st_size > longest + 1  # even compressed, the feed is over the limit
    docs, errors = read(path, limit=longest + 1)
    assert len(docs) == len(fixtures) + 1
    assert [e.source_uri.rsplit("#", 1)[1] for e in errors] == [f"L{len(fixtures) + 1}"]
    assert "over the limit" in errors[0].error


def test_ingest_corrupt_or_empty_feeds_are_errors(tmp_path: Path) -> None:
    import gzip

    good = json.dumps({"title": "Talks", "text": "The ministers met in Rome."})
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(((good + "\n") * 200).encode("utf-8"))[:-30])
    (tmp_path / "fake.jsonl.gz").write_bytes(b"this is not gzip")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "binary.jsonl").write_bytes(b"\x00\x01\x02{}\n")
    docs, errors = read(tmp_path)
    reasons = {Path(e.source_uri).name: e.error for e in errors}
    assert "gzip" in reasons["cut.jsonl.gz"] and "gzip" in reasons["fake.jsonl.gz"]
    assert reasons["blank.jsonl"] == "empty file"
    assert "binary" in reasons["binary.jsonl"]
    assert docs and {d.title for d in docs} == {"Talks"}  # what was readable before the cut is kept
