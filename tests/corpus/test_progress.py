"""The progress bar says the model is loading instead of sitting at 0/N."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from nianbao.corpus import expand_inputs, run_corpus
from nianbao.defaults import DEFAULT_MODEL
from nianbao.run import RunOptions


@pytest.mark.skipif(not (DEFAULT_MODEL / "model.safetensors").exists(), reason="no committed model")
def test_the_bar_names_the_model_loading_then_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "one.txt"
    report.write_text("2024年，学校共有全日制在校生1200人。\n", encoding="utf-8")
    out = io.StringIO()
    summary = run_corpus(expand_inputs([str(report)]), out, options=RunOptions(), progress=True)
    bar = capsys.readouterr().err
    assert "加载模型" in bar and "1/1" in bar
    assert summary.status["ok"] == 1 and out.getvalue().count("\n") == 1
