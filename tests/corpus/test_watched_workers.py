"""One document never takes the run down: errors, time, memory and hard kills each cost
only that document's line, in every mode, and the run goes on in input order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from nianbao.corpus.workers import Limits, WorkerFailed, watched_lines
from nianbao.run import RunOptions

PATTERNS_ONLY = RunOptions(use_model=False)
SENTENCE = "2024年，学校共有全日制在校生1200人，毕业生300人，就业率98.5%。\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("watched")
    for i in range(4):
        (d / f"small_{i}.txt").write_text(SENTENCE * 3, encoding="utf-8")
    # Big enough to take seconds on the pattern-only path, far from pathological.
    (d / "big.txt").write_text(SENTENCE * 40000, encoding="utf-8")
    return d


def records(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]


def test_lines_come_back_in_input_order_with_one_or_two_workers(folder: Path) -> None:
    paths = [str(folder / f"small_{i}.txt") for i in (3, 0, 2, 1)]
    for workers in (1, 2):
        got = records(list(watched_lines(paths, PATTERNS_ONLY, workers)))
        assert [r["source"] for r in got] == paths
        assert {r["status"] for r in got} == {"ok"}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_past_its_time_gets_a_timeout_line(folder: Path, workers: int) -> None:
    paths = [str(folder / "small_0.txt"), str(folder / "big.txt"), str(folder / "small_1.txt")]
    started = time.monotonic()
    got = records(list(watched_lines(paths, PATTERNS_ONLY, workers, Limits(max_seconds=1.0))))
    assert time.monotonic() - started < 20
    assert [r["status"] for r in got] == ["ok", "error", "ok"]
    assert got[1]["error"]["type"] == "Timeout" and "秒" in got[1]["error"]["message"]


def _loaded_worker_mib() -> float:
    """What a warmed-up pattern-only worker takes before any document (measured, as it
    differs between machines)."""
    probe = (
        "import os; from nianbao.run import RunOptions, warm_up; "
        "warm_up(RunOptions(use_model=False)); "
        "print(int(open(f'/proc/{os.getpid()}/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE'))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc")
def test_a_document_over_the_memory_limit_gets_its_line_and_the_run_goes_on(folder: Path) -> None:
    paths = [str(folder / "small_0.txt"), str(folder / "big.txt"), str(folder / "small_1.txt")]
    # Room for the small documents, not for the big one (it grows by ~10 MiB a second).
    limit = int(_loaded_worker_mib()) + 40
    got = records(list(watched_lines(paths, PATTERNS_ONLY, 1, Limits(60, limit))))
    assert [r["source"] for r in got] == paths
    assert [r["status"] for r in got] == ["ok", "error", "ok"]
    assert got[1]["error"]["type"] == "MemoryLimit" and "MiB" in got[1]["error"]["message"]


def test_a_limit_below_a_loaded_worker_stops_the_run_with_a_clear_error(folder: Path) -> None:
    with pytest.raises(WorkerFailed, match="--max-memory 1 MiB"):
        list(watched_lines([str(folder / "small_0.txt")], PATTERNS_ONLY, 1, Limits(60, 1)))


def _children() -> list[int]:
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if fields[1] == me and b"resource_tracker" not in cmdline:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_killed_mid_document_costs_only_that_document(folder: Path) -> None:
    paths = [str(folder / "small_0.txt"), str(folder / "big.txt"), str(folder / "small_1.txt")]

    def kill_the_worker() -> None:
        time.sleep(1.0)  # the big document has been handed over and is in flight
        for pid in _children():
            os.kill(pid, signal.SIGKILL)

    lines = []
    killer = threading.Thread(target=kill_the_worker)
    for line in watched_lines(paths, PATTERNS_ONLY, 1, Limits(max_seconds=60)):
        lines.append(line)
        if len(lines) == 1:  # the small document is done
            killer.start()
    killer.join()
    got = records(lines)
    assert [r["source"] for r in got] == paths
    assert [r["status"] for r in got] == ["ok", "error", "ok"]
    assert got[1]["error"]["type"] == "WorkerDied"
