"""`nianbao export` writes each registered format from a run, and says what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.cli import main
from nianbao.export.formats import FORMATS, format_names

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample"


@pytest.fixture(scope="module")
def run_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "run.jsonl"
    args = ["run", str(SAMPLE), "-o", str(out), "--no-model", "--no-progress", "-q"]
    assert main(args) == 0
    return out


@pytest.mark.parametrize("fmt", format_names())
def test_each_format_in_one_command(
    fmt: str, run_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / ("out" if FORMATS[fmt].target == "folder" else f"out{FORMATS[fmt].suffix}")
    assert main(["export", str(run_file), "--format", fmt, "-o", str(target)]) == 0
    assert target.exists() and (target.is_dir() or target.stat().st_size > 0)
    message = capsys.readouterr().err
    shown = 1 if fmt == "displacy" else 5  # displaCy draws one document's page
    assert "已导出" in message and f"exported {shown} document(s)" in message


def test_an_unknown_format_lists_the_known_ones(
    run_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(run_file), "--format", "parquet", "-o", str(tmp_path / "x")]) == 2
    message = capsys.readouterr().err
    assert "未知" in message and all(name in message for name in format_names())
