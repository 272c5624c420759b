"""A small sample of the project's fuzz corpus (bench/fuzz.py: every kind once, sizes
shrunk), run as a researcher runs a folder: one line per input in order, exit 0, no
traceback, and each broken input an error line that says why. The full corpus of 1,000
inputs is run by ``python bench/fuzz.py run`` (figures in the README)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _fuzz():
    sys.path.insert(0, str(REPO / "bench"))
    if "nianbao_bench_fuzz" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "nianbao_bench_fuzz", REPO / "bench" / "fuzz.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["nianbao_bench_fuzz"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("fuzz") / "corpus"
    fuzz = _fuzz()
    manifest = fuzz.generate(folder, len(fuzz.KINDS) + 12, seed=7, scale=0.02)
    return folder, manifest


def test_the_generator_makes_every_kind_and_the_same_bytes_for_a_seed(
    sample: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, manifest = sample
    fuzz = _fuzz()
    assert set(manifest.values()) == set(fuzz.KINDS)
    again = fuzz.generate(tmp_path / "again", 8, seed=7, scale=0.02)
    for name in again:
        first, second = folder / name, tmp_path / "again" / name
        if first.is_file() and not first.is_symlink():
            assert first.read_bytes() == second.read_bytes(), name


def test_a_run_over_the_sample_keeps_every_promise(
    sample: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, manifest = sample
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO / "pipeline")}
    done = subprocess.run(
        [sys.executable, "-m", "nianbao", "run", str(folder), "-o", str(out), "-j", "2"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # every line ends, none is torn
    records = [json.loads(line) for line in lines[:-1]]
    from nianbao.corpus import expand_inputs

    assert [r["source"] for r in records] == list(expand_inputs([str(folder)]).files)
    by_kind = {
        manifest[Path(r["source"]).name]: r for r in records if Path(r["source"]).name in manifest
    }
    for kind in ("report_txt", "report_md", "report_docx", "report_pdf", "encoding"):
        assert by_kind[kind]["status"] == "ok", (kind, by_kind[kind]["error"])
    for record in records:
        if record["status"] == "error":
            assert record["error"]["type"] and record["error"]["message"], record["source"]
            assert "Traceback" not in record["error"]["message"]
    # XXE never reads the file it points at, whatever the drawn kinds were.
    assert not any("root:x:0:0" in line for line in lines)
