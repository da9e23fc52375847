"""The extractor's version: a digest of everything that decides what extraction writes.

Documents extracted by the same version skip the parse on the next run, which is what makes re-runs
cheap; so the version must change whenever the output may: any extraction module, lexicon or data
file, the row builder that turns extractions into ids, or the spaCy model. A hand-kept number did not
(it stayed "0.1.0" through dozens of rule changes, and upgraded warehouses kept their old rows).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

TRANSFORMS = Path(__file__).resolve().parent
# what the digest leaves out: modules that decide no extracted row (events are resolved afresh by every run)
NOT_EXTRACTION = {"events.py", "ingest.py", "models.py", "version.py"}
ROW_BUILDER = TRANSFORMS.parent / "warehouse" / "frames.py"


def model_identity(model_name: str) -> str:
    """ "en_core_web_sm-3.8.0" from the package's meta.json, read without importing spaCy; the bare name
    when the package is not installed (the run then fails on the model, not here)."""
    spec = importlib.util.find_spec(model_name)
    meta = Path(spec.origin).parent / "meta.json" if spec and spec.origin else None
    if meta is None or not meta.exists():
        return model_name
    data = json.loads(meta.read_text(encoding="utf-8"))
    return f"{data.get('lang', '')}_{data.get('name', model_name)}-{data.get('version', '')}"


def source_files(root: Path = TRANSFORMS) -> list[Path]:
    """The extraction code and data under `root`, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix != ".pyc" and not (p.parent == root and p.name in NOT_EXTRACTION))


def extractor_version(model_name: str, root: Path = TRANSFORMS) -> str:
    """A short digest of the extraction code, lexicons and data, the row builder, and the model (a few ms:
    computed when a run starts, never cached, so an edited lexicon counts at once)."""
    digest = hashlib.sha256()
    named = [(str(p.relative_to(root)), p) for p in source_files(root)] + [("warehouse/frames.py", ROW_BUILDER)]
    for name, path in named:
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    digest.update(model_identity(model_name).encode("utf-8"))
    return digest.hexdigest()[:12]
