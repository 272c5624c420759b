"""Freed memory goes back to the system between documents (corpus/memory.py)."""

from __future__ import annotations

import gc
import sys

import pytest
from nianbao.corpus.memory import release_freed_memory, resident_mib

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="resident memory is read from /proc"
)


def test_a_fragmented_heap_is_handed_back() -> None:
    # many small blocks, most freed and a few kept between them: glibc keeps the pages
    blocks = [bytes(600) + bytes([i % 256]) for i in range(300_000)]
    kept = blocks[::50]
    del blocks
    gc.collect()
    before = resident_mib()
    release_freed_memory()
    assert resident_mib() < before - 80, "the freed pages stayed resident"
    assert len(kept) == 6000
