"""Word lists as data files, read once: what the rules match on, kept out of the code."""
from __future__ import annotations

import functools
import json
from pathlib import Path

HERE = Path(__file__).parent


@functools.cache
def load(name: str) -> dict:
    """The lexicon `name`.json, with every list turned into a frozenset for fast lookups."""
    data = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    return {key: frozenset(value) if isinstance(value, list) else value
            for key, value in data.items() if not key.startswith("_")}
