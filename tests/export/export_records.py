"""Records for the export tests: the committed sample corpus run through the real pipeline
(rules only, no model, so it takes a second), plus one unreadable input."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from nianbao.export.contract import dumps, to_record
from nianbao.run import RunOptions, annotate_path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample"
MISSING = SAMPLE / "no-such-report.txt"


def annotate_records(paths: list[Path]) -> list[dict[str, Any]]:
    """Contract records as ``read_jsonl`` gives them back (numbers and nulls as in the JSONL)."""
    options = RunOptions(use_model=False)
    return [json.loads(dumps(to_record(annotate_path(p, options)))) for p in paths]


@cache
def _sample() -> tuple[dict[str, Any], ...]:
    return tuple(annotate_records([*sorted(SAMPLE.glob("*.txt")), MISSING]))


def sample_records() -> list[dict[str, Any]]:
    """The five sample reports and, last, the error record of a file that does not exist."""
    return copy.deepcopy(list(_sample()))


def ok_records() -> list[dict[str, Any]]:
    return [r for r in sample_records() if r["status"] == "ok"]
