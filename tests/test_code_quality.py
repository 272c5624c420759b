"""The linters are part of the test suite, so a convention no test checks cannot drift."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("ruff", "check", "pipeline", "tests", "bench"),
        ("ruff", "format", "--check", "pipeline", "tests", "bench"),
        ("mypy", "pipeline"),
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_linters_pass(args: tuple[str, ...]) -> None:
    if shutil.which(args[0]) is None and _run(args[0], "--version").returncode != 0:
        pytest.skip(f"{args[0]} is not installed (pip install -e '.[dev]')")
    result = _run(*args)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
