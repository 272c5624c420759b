"""Shared test helpers: hand-built documents, and the dev data beside the repo when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (dev corpus and gold); tests that need it skip where it is absent."""
    if not (SHARED / "corpus").is_dir() or not (SHARED / "dev-gold").is_dir():
        pytest.skip("../shared/corpus and ../shared/dev-gold are not beside this checkout")
    return SHARED
