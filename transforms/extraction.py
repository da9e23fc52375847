"""What extraction hands on for one document: plain records, no spaCy objects.

They cross process and Dask boundaries, and the flow process that stages them unpickles them without
importing spaCy, which only the processes that parse need.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extraction:
    doc_id: str
    actors: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)  # ties the text states between two of its meetings, by "index"
