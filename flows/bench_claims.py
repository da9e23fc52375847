"""Score claim spans on the PolNeAR attribution corpus with the shared scorer."""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from flows.pipeline import run_pipeline


def bench_claims(split_dir: Path, scorer: Path, limit: int = 0) -> str:
    """Run the pipeline on SPLIT/text into a scratch warehouse, then print score_polnear.py's figures."""
    with tempfile.TemporaryDirectory(prefix="communique-polnear-") as scratch:
        warehouse = Path(scratch) / "polnear.duckdb"
        texts = sorted((split_dir / "text").glob("*.txt"))
        inputs = [str(p) for p in (texts[:limit] if limit else texts)]
        run_pipeline(inputs, str(warehouse), data_docs=False)
        command = [sys.executable, str(scorer), str(split_dir), str(warehouse)]
        if limit:
            command += ["--limit", str(limit)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout
