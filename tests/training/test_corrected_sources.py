"""``nianbao train`` reads corrected Label Studio / doccano files as one more source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nianbao.training.train import load_sources

TEXT = "鹤山职校在校生3200人。合作企业85家。"


def _doccano(tmp_path: Path) -> Path:
    spans = [[0, 4, "SCHOOL"], [4, 12, "CLAIM"], [4, 7, "INDICATOR"], [7, 12, "QUANTITY"]]
    path = tmp_path / "corrected.jsonl"
    row = {"text": TEXT, "label": spans, "source": "a.txt"}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_corrected_files_add_their_sentences(tmp_path: Path) -> None:
    path = _doccano(tmp_path)
    examples, record = load_sources(
        (), tmp_path, seed=1, synth_docs=0, msra_limit=None, corrected=[path]
    )
    assert record == {"corrected": [{"file": "corrected.jsonl", "sentences": 2}]}
    first, second = examples
    assert (first.text, first.domain, first.quantities, first.indicators) == (
        "鹤山职校在校生3200人。",
        ((0, 4, "SCHOOL"),),
        ((7, 12),),
        ((4, 7),),
    )
    assert first.relations == ((0, "IND", 0),)
    # the second sentence is labelled too: no names, no claims there (negatives)
    assert (second.domain, second.quantities, second.indicators) == ((), (), ())


def test_a_file_of_another_kind_is_refused_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"doc": "a.txt"}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"不是 Label Studio 或 doccano.*not a Label Studio"):
        load_sources((), tmp_path, seed=1, synth_docs=0, msra_limit=None, corrected=[path])
