"""The wheel is what a non-editable ``pip install .`` installs: it must run out of the box."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MODEL_FILES = ("config.json", "labels.json", "vocab.txt", "bigrams.txt", "model.safetensors")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (path,) = out.glob("nianbao-*.whl")
    return path


@pytest.mark.slow
def test_wheel_holds_the_default_model_and_no_pipeline_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in MODEL_FILES:
        assert f"nianbao/models/ner-zh-char-v3/{name}" in names
    assert "nianbao/export/doc.schema.json" in names
    assert "nianbao/patterns/layout.json" in names
    assert not any(n.startswith("pipeline/") for n in names)


@pytest.mark.slow
def test_installed_wheel_runs_the_sample_with_its_own_model(wheel: Path, tmp_path: Path) -> None:
    """Installed apart from the checkout, ``nianbao run`` finds the model inside the package."""
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    env = {**os.environ, "PYTHONPATH": str(target)}
    sample = sorted((REPO / "corpora" / "sample").glob("*.txt"))[0]
    out = tmp_path / "x.jsonl"
    code = (
        "import sys, nianbao, nianbao.defaults as d; from nianbao.cli import main;"
        f"assert nianbao.__file__.startswith({str(target)!r}), nianbao.__file__;"
        f"assert str(d.DEFAULT_MODEL).startswith({str(target)!r}), d.DEFAULT_MODEL;"
        f"sys.exit(main(['run', {str(sample)!r}, '-o', {str(out)!r}, '-q', '--no-progress']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    record = json.loads(out.read_text("utf-8"))
    assert record["status"] == "ok"
    assert record["meta"]["model"] == "models/ner-zh-char-v3"
    assert record["entities"]

    no_pipeline = subprocess.run(
        [sys.executable, "-c", "import pipeline"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert no_pipeline.returncode != 0
    assert "ModuleNotFoundError" in no_pipeline.stderr
