"""Files and records -> documents; anything unreadable -> an error row a person understands.

Every input ends up either as a document or as an error: nothing is skipped silently.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

SUPPORTED = (".txt", ".jsonl", ".jsonl.gz", ".json", ".html", ".htm")


@dataclass
class Document:
    doc_id: str
    source_uri: str
    title: str
    text: str
    outlet: str | None = None
    published_at: dt.date | None = None
    url: str | None = None


@dataclass
class IngestError:
    source_uri: str
    error: str


class BadInput(ValueError):
    """An input that cannot become a document; its message is shown to the analyst."""


def doc_id_for(text: str) -> str:
    """Hash of the normalized text, so the same article read twice is one document."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand folders recursively, in a stable order; unsupported and missing paths are errors."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if not p.is_dir())
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            errors.append(IngestError(str(path), "no such file or folder"))
            continue
        for candidate in candidates:
            if suffix_of(candidate) in SUPPORTED:
                files.append(candidate)
            else:
                errors.append(IngestError(
                    str(candidate), f"unsupported file type; expected one of {', '.join(SUPPORTED)}"))
    return files, errors


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise BadInput(f"file is {size:,} bytes, over the limit of {max_bytes:,} (COMMUNIQUE_MAX_FILE_BYTES)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from exc
    return data


def decode(data: bytes) -> str:
    """Strict UTF-8: a wrong encoding is reported, not turned into replacement characters."""
    if not data.strip():
        raise BadInput("empty file")
    if b"\x00" in data[:8192]:
        raise BadInput("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not valid UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8") from exc


def parse_date(value: object) -> dt.date | None:
    """ISO dates and timestamps only: a publication date is never guessed."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def from_text(path: Path, text: str) -> Document:
    if not text.strip():
        raise BadInput("empty file")
    return Document(doc_id_for(text), str(path), first_line(text), text)


def from_record(record: object, where: str) -> Document:
    if not isinstance(record, dict):
        raise BadInput("record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput("record has no text")
    title = record.get("title")
    outlet = record.get("outlet") or record.get("source")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    return Document(
        doc_id=doc_id_for(text),
        source_uri=url or where,
        title=title.strip() if isinstance(title, str) and title.strip() else first_line(text),
        text=text,
        outlet=outlet if isinstance(outlet, str) else None,
        published_at=parse_date(record.get("published")),
        url=url,
    )


def records_from_jsonl(path: Path, max_bytes: int) -> Iterator[Document | IngestError]:
    """A feed streamed line by line, so its size is unbounded and its memory flat; the size limit
    applies to each record. A bad line is an error of its own and the feed goes on."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    lines = 0
    try:
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if number == 1 and b"\x00" in raw[:8192]:
                    raise BadInput("binary file (contains NUL bytes), not text")
                if not raw.strip():
                    continue
                lines += 1
                where = f"{path}#L{number}"
                try:
                    if len(raw) > max_bytes:
                        raise BadInput(f"record is {len(raw):,} bytes, over the limit of {max_bytes:,} "
                                       "(COMMUNIQUE_MAX_FILE_BYTES)")
                    yield from_record(json.loads(decode(raw)), where)
                except json.JSONDecodeError as exc:
                    yield IngestError(where, f"malformed JSON on line {number}: {exc.msg} at column {exc.colno}")
                except BadInput as exc:
                    yield IngestError(where, str(exc))
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:  # corrupt or cut short
        raise BadInput(f"not a readable gzip file: {exc}") from exc
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from exc
    if not lines:
        raise BadInput("empty file")


def records_from_json(path: Path, text: str) -> Iterator[Document | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        where = f"{path}#{index}" if isinstance(data, list) else str(path)
        try:
            yield from_record(item, where)
        except BadInput as exc:
            yield IngestError(where, str(exc))


def from_html(path: Path, html: str) -> Document:
    """Main text, title and date of an article page, via trafilatura (boilerplate removal)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise BadInput("no article text found in the HTML page")
    title = getattr(extracted, "title", None) or first_line(text)
    return Document(
        doc_id=doc_id_for(text),
        source_uri=getattr(extracted, "url", None) or str(path),
        title=title.strip(),
        text=text,
        outlet=getattr(extracted, "sitename", None),
        published_at=parse_date(getattr(extracted, "date", None)),
        url=getattr(extracted, "url", None),
    )


def read_file(path: Path, max_bytes: int) -> Iterator[Document | IngestError]:
    """One file -> its documents, or errors; never raises."""
    try:
        kind = suffix_of(path)
        if kind in (".jsonl", ".jsonl.gz"):
            yield from records_from_jsonl(path, max_bytes)
            return
        text = decode(read_bytes(path, max_bytes))
        if kind == ".json":
            yield from records_from_json(path, text)
        elif kind in (".html", ".htm"):
            yield from_html(path, text)
        else:
            yield from_text(path, text)
    except BadInput as exc:
        yield IngestError(str(path), str(exc))


def stream(paths: Iterable[Path], max_bytes: int) -> Iterator[Document | IngestError]:
    """Every input as it is read, so a large corpus never has to sit in memory at once."""
    files, errors = discover(paths)
    yield from errors
    for path in files:
        yield from read_file(path, max_bytes)
