"""One home for the entity tests' fixture: the names the whole pipeline (with the committed
model) finds in a small invented report."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.run import annotate_path


def names_in(tmp_path_factory: pytest.TempPathFactory, report: str) -> set[tuple[str, str]]:
    """``(text, type)`` of every entity the pipeline finds in ``report``."""
    path = Path(tmp_path_factory.mktemp("names")) / "report.txt"
    path.write_text(report, encoding="utf-8")
    return {(e.text, e.type) for e in annotate_path(path).entities}
