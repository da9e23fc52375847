"""What a run's inputs hold against the warehouse: documents to extract (new, or extracted by an older
extractor), documents it already has, duplicates, and inputs that could not be read.

The command sorts the inputs once before it starts anything (`survey`): when nothing is new it records the
run and stops, without Prefect, workers or the gate; otherwise the count and size of what is new decide
how many worker processes are worth starting. The flow sorts them again as it streams them.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from transforms.ingest import Document, IngestError, stream


@dataclass
class Tally:
    seen: int = 0
    new: int = 0  # never extracted
    stale: int = 0  # extracted by an older extractor: extracted again, its rows replaced
    known: int = 0
    duplicate: int = 0
    new_chars: int = 0  # characters to extract
    rejected: list[IngestError] = field(default_factory=list)
    rejected_before: int = 0  # rejections the warehouse already records

    @property
    def to_extract(self) -> int:
        return self.new + self.stale

    @property
    def idle(self) -> bool:
        """Nothing to extract and no rejection to record."""
        return not self.to_extract and len(self.rejected) == self.rejected_before


@dataclass
class Known:
    """What the warehouse holds: documents by the extractor version that read them, and recorded rejections."""
    versions: dict[str, str] = field(default_factory=dict)
    rejections: set[tuple[str, str]] = field(default_factory=set)


class Sorter:
    """Sorts inputs as they stream, keeping a tally; yields the documents to extract."""

    def __init__(self, known: Known, version: str) -> None:
        self.known, self.version = known, version
        self.tally = Tally()
        self._seen: set[str] = set()

    def documents(self, items: Iterable[Document | IngestError]) -> Iterator[Document]:
        tally = self.tally
        for item in items:
            if isinstance(item, IngestError):
                tally.rejected.append(item)
                tally.rejected_before += (item.source_uri, item.error) in self.known.rejections
                continue
            tally.seen += 1
            if item.doc_id in self._seen:
                tally.duplicate += 1
                continue
            self._seen.add(item.doc_id)
            version = self.known.versions.get(item.doc_id)
            if version == self.version:
                tally.known += 1
                continue
            if version is None:
                tally.new += 1
            else:
                tally.stale += 1
            tally.new_chars += len(item.text)
            yield item


def sort_inputs(paths: list[str], known: Known, version: str, max_bytes: int) -> Sorter:
    """Read and hash every input once, keeping nothing but the tally."""
    sorter = Sorter(known, version)
    for _ in sorter.documents(stream([Path(p) for p in paths], max_bytes)):
        pass
    return sorter


class CannotRun(RuntimeError):
    """Something a run needs is missing; found before anything was started."""


@dataclass
class Survey:
    sorter: Sorter
    migration: int | None  # the older contract version the warehouse is at, if it needs migrating

    @property
    def idle(self) -> bool:
        return self.sorter.tally.idle and self.migration is None


def check_writable(warehouse: Path) -> None:
    """A run writes a private copy beside the warehouse and swaps it in: the folder must take a new file."""
    folder = warehouse.parent
    while not folder.exists():  # a run creates the folders it needs
        folder = folder.parent
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise CannotRun(f"cannot write in {folder} ({exc.strerror}): a run writes a private copy of "
                        f"{warehouse.name} there and swaps it in when it succeeds; choose a writable --warehouse "
                        "or fix the folder's permissions") from exc


def survey(paths: list[str], warehouse: Path, version: str, max_bytes: int) -> Survey:
    """Everything a run can know before it starts anything: the warehouse can be written, is a warehouse of
    this release or an older one, and which inputs are new. Read-only: takes no lock, copies nothing."""
    from warehouse import db, migrations  # not at the top: worker processes import this module

    check_writable(warehouse)
    known, older = Known(), None
    if warehouse.exists():
        try:
            with db.read_only(warehouse) as con:
                migrations.refuse_newer(con)
                older = migrations.pending(con)
                known = Known(*db.known_inputs(con))
        except migrations.NewerWarehouse as exc:
            raise CannotRun(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - DuckDB's own errors name the cause
            raise CannotRun(f"{warehouse} cannot be opened as a DuckDB warehouse; it was left as it is ({exc})") from exc
    return Survey(sort_inputs(paths, known, version, max_bytes), older)
