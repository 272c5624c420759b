"""The corpus notebook a researcher starts from runs as committed, and its saved outputs (the
plots GitHub shows) are there and give away no machine's paths."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")
import nbformat

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "corpus_findings.ipynb"
PLOT_CELLS = 3  # findings by type, findings by report, claims by indicator


def _executor():
    spec = importlib.util.spec_from_file_location(
        "execute_notebook", REPO / "notebooks" / "execute_notebook.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(nb: nbformat.NotebookNode, output_type: str | None = None) -> list[dict]:
    return [
        output
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output_type is None or output["output_type"] == output_type
    ]


def _images(nb: nbformat.NotebookNode) -> int:
    return sum("image/png" in output.get("data", {}) for output in _outputs(nb))


def test_the_committed_notebook_shows_its_plots_and_no_machine_paths() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert _images(nb) == PLOT_CELLS
    assert not _outputs(nb, "error")
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.get("outputs") for cell in code_cells[:3]), "parameters, run and load print"
    assert _executor().machine_paths(nb, (str(REPO),)) == []


def test_the_notebook_executes_on_the_sample_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel inherits the environment: the notebook's default corpus (the bundled sample),
    # the output moved to this test's folder, and patterns only, which halves the time (the
    # committed outputs were made with the model; every cell runs either way).
    monkeypatch.setenv("NIANBAO_OUTPUT", str(tmp_path / "sample.jsonl"))
    monkeypatch.setenv("NIANBAO_USE_MODEL", "0")
    monkeypatch.delenv("NIANBAO_CORPUS", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv(
        "PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    )
    executor = _executor()
    nb = executor.scrub(executor.execute(NOTEBOOK, timeout_s=300))
    assert not _outputs(nb, "error")
    assert _images(nb) == PLOT_CELLS
    printed = "".join("".join(output.get("text", "")) for output in _outputs(nb, "stream"))
    assert "文档 documents: 5（成功 ok 5，失败 error 0）" in printed
    assert "claims: " in printed and "text[start:end] == text" in printed
    # Every offset of the run indexes the text (the notebook's own last check says so).
    checks = [line for line in printed.splitlines() if "text[start:end] == text" in line]
    for line in checks:
        same, total = line.split(":")[1].split("条")[0].split("/")
        assert int(same) == int(total) > 0, line
    assert (tmp_path / "sample.jsonl").stat().st_size > 0
    assert executor.machine_paths(nb, (str(REPO), str(tmp_path))) == []
