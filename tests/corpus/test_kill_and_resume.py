"""Crash safety, proven: a run killed with SIGKILL at any point, then resumed, ends with
every input exactly once, in input order, no torn line, byte-identical to a clean run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("killable")
    reports = sorted(SAMPLE.glob("*.txt"))
    for copy in range(2):  # ten documents: a run lasts a few seconds, long enough to kill
        for report in reports:
            shutil.copy(report, folder / f"{copy}_{report.name}")
    return folder


def run(corpus: Path, out: Path, jobs: int, *extra: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "nianbao", "run", str(corpus), "-o", str(out)]
    args += ["--no-model", "--no-progress", "-q", "-j", str(jobs), *extra]
    # A session of its own, so the kill takes the workers too, as a machine's crash would.
    return subprocess.Popen(args, stderr=subprocess.PIPE, start_new_session=True)


@pytest.fixture(scope="module")
def clean_bytes(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("clean") / "clean.jsonl"
    assert run(corpus, out, 1).wait(timeout=300) == 0
    return out.read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_anywhere_then_resumed_gives_the_clean_bytes(
    corpus: Path, clean_bytes: bytes, tmp_path: Path, jobs: int
) -> None:
    rng = random.Random(jobs)
    cut_short = 0
    for attempt in range(3):
        out = tmp_path / f"killed_{attempt}.jsonl"
        process = run(corpus, out, jobs)
        time.sleep(rng.uniform(0.5, 3.0))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        written = out.read_bytes() if out.exists() else b""
        assert clean_bytes.startswith(written[: written.rfind(b"\n") + 1])  # a prefix, in order
        cut_short += written.count(b"\n") < clean_bytes.count(b"\n")
        resumed = run(corpus, out, jobs, "--resume")
        assert resumed.wait(timeout=300) == 0, resumed.stderr.read() if resumed.stderr else ""
        assert out.read_bytes() == clean_bytes
    assert cut_short, "no kill landed before the run's end: the test proved nothing"
