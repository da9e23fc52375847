"""Extractions of a batch -> one DataFrame per staged warehouse table (warehouse/tables.yaml), with stable ids.

Ids are hashes of what identifies a row, so re-running the same input yields the same keys and
publishing it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict

import pandas as pd

from transforms.extraction import Extraction
from transforms.ingest import Document, IngestError
from warehouse.registry import staged

def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def actor_id(key: str) -> str:
    return stable_id("actor", key)


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=staged()[table].frame_columns)


def to_frames(documents: list[Document], extractions: list[Extraction], errors: list[IngestError],
              run_id: str, extractor_version: str, now: dt.datetime) -> dict[str, pd.DataFrame]:
    """All rows of one batch, ready to stage."""
    rows: dict[str, list[dict]] = {table: [] for table in staged()}
    for document in documents:
        rows["documents"].append({**asdict(document), "ingested_at": now, "run_id": run_id,
                                  "extractor_version": extractor_version})
    actors: dict[str, dict] = {}
    for extraction in extractions:
        for actor in extraction.actors:
            merged = actors.setdefault(actor["key"], {**actor, "aliases": set()})
            merged["title"] = actor["title"] or merged["title"]
            merged["country"] = merged["country"] or actor["country"]
            merged["aliases"] |= set(actor["aliases"])
        meeting_ids = {}
        for meeting in extraction.meetings:
            mid = stable_id(extraction.doc_id, "meeting", meeting["char_start"], meeting["index"], meeting["kind"])
            meeting_ids[meeting["index"]] = mid
            rows["meetings"].append({**meeting, "meeting_id": mid, "doc_id": extraction.doc_id, "run_id": run_id})
            rows["meeting_participants"] += [{"meeting_id": mid, "actor_id": actor_id(key), "role": role}
                                             for key, role in meeting["participants"]]
            rows["meeting_topics"] += [{"meeting_id": mid, "topic": topic} for topic in meeting["topics"]]
        for link in extraction.links:
            rows["meeting_links"].append({
                **link, "meeting_id": meeting_ids[link["meeting_index"]],
                "related_meeting_id": meeting_ids[link["related_index"]], "doc_id": extraction.doc_id, "run_id": run_id,
            })
        for claim in extraction.claims:
            rows["claims"].append({
                **claim, "claim_id": stable_id(extraction.doc_id, "claim", claim["cue_start"], claim["content_start"]),
                "doc_id": extraction.doc_id, "run_id": run_id,
                "speaker_actor_id": actor_id(claim["speaker_key"]) if claim["speaker_key"] else None,
                "meeting_id": meeting_ids.get(claim["meeting_index"]),
            })
    for key, actor in actors.items():
        rows["actors"].append({**actor, "actor_id": actor_id(key)})
        rows["actor_aliases"] += [{"actor_id": actor_id(key), "alias": alias} for alias in sorted(actor["aliases"])]
    rows["ingest_errors"] = [{**asdict(e), "run_id": run_id} for e in errors]
    return {table: frame(table, table_rows) for table, table_rows in rows.items()}
