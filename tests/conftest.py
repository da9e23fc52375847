"""Shared fixtures: one Prefect test server for the session, the seed, corpus samples, the spaCy model."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect API for every test that runs a flow (starting one costs 10-25 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def nlp():
    from flows.settings import Settings
    from transforms.nlp import load

    return load(Settings().spacy_model)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@contextlib.contextmanager
def read_only_folder(tmp_path: Path, holding: tuple[Path, ...] = ()) -> Iterator[Path]:
    """A folder this process cannot write in, holding copies of `holding`: a read-only tmpfs for root (whom
    permissions do not stop)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        for path in holding:
            shutil.copyfile(path, folder / path.name)
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot make a read-only folder here: {mounted.stderr.decode().strip()}")
    try:
        for path in holding:
            shutil.copyfile(path, folder / path.name)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
