"""Each bad invocation ends in one bilingual line on stderr and a non-zero exit, no traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

SHARED_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "dev-gold"
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORDS = re.compile(r"[A-Za-z]{3,}")


def nianbao(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    env.pop("NIANBAO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "nianbao", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    message = [line for line in result.stderr.splitlines() if "nianbao" in line][-1]
    assert CJK.search(message) and ASCII_WORDS.search(message), message  # both languages
    return message


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("errors")
    (d / "a.txt").write_text("学校共有在校生1200人，毕业生300人。\n", encoding="utf-8")
    (d / "existing_dir").mkdir()
    return d


def test_output_is_a_folder(work: Path) -> None:
    message = assert_one_clear_line(
        nianbao("run", "a.txt", "-o", "existing_dir", "--no-model", cwd=work)
    )
    assert "文件夹" in message


def test_output_is_an_input(work: Path) -> None:
    message = assert_one_clear_line(nianbao("run", "a.txt", "-o", "a.txt", "--no-model", cwd=work))
    assert "输入" in message
    assert (work / "a.txt").read_text(encoding="utf-8").startswith("学校共有")  # untouched


def test_output_on_a_full_disk(work: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = nianbao("run", "a.txt", "-o", "/dev/full", "--no-model", "--no-progress", cwd=work)
    assert "No space" in assert_one_clear_line(result)


def test_validate_missing_file(work: Path) -> None:
    assert "找不到" in assert_one_clear_line(nianbao("validate", "missing.jsonl", cwd=work))


def test_validate_line_that_is_not_json(work: Path) -> None:
    (work / "bad.jsonl").write_text('{"source": "x.txt"}\n{not json\n', encoding="utf-8")
    message = assert_one_clear_line(nianbao("validate", "bad.jsonl", cwd=work))
    assert "第 2 行" in message


def test_validate_record_without_rows(work: Path) -> None:
    text = "表1 学生情况\n项目\t2023年\t2024年\n在校生\t100\t120\n毕业生\t30\t40\n"
    (work / "t.txt").write_text(text, encoding="utf-8")
    made = nianbao("run", "t.txt", "-o", "t.jsonl", "--no-model", "-q", "--no-progress", cwd=work)
    assert made.returncode == 0, made.stderr
    record = json.loads((work / "t.jsonl").read_text(encoding="utf-8"))
    assert record["tables"], "the fixture must hold a table"
    del record["tables"][0]["rows"]
    (work / "norows.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    result = nianbao("validate", "norows.jsonl", cwd=work)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'rows' is a required property" in result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert "不合格" in last and "INVALID" in last


def test_scheduler_nobody_listens_on(work: Path) -> None:
    started = time.monotonic()
    result = nianbao(
        "run", "a.txt", "-o", "d.jsonl", "--no-model", "--scheduler", "tcp://127.0.0.1:9", cwd=work
    )
    assert time.monotonic() - started < 10
    assert "调度器" in assert_one_clear_line(result)


def test_score_where_no_record_matches_a_gold_file(work: Path) -> None:
    made = nianbao("run", "a.txt", "-o", "s.jsonl", "--no-model", "-q", "--no-progress", cwd=work)
    assert made.returncode == 0, made.stderr
    gold = work / "gold"
    gold.mkdir(exist_ok=True)
    (gold / "other.txt.gold.json").write_text('{"doc": "other.txt", "claims": []}', "utf-8")
    result = nianbao("score", "s.jsonl", str(gold), cwd=work)
    assert "金标准" in assert_one_clear_line(result)
    assert "F1" not in result.stdout


def test_score_with_a_missing_gold_path(work: Path) -> None:
    assert "找不到" in assert_one_clear_line(nianbao("score", "missing.jsonl", "nogold", cwd=work))


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (("run",), "缺少必需的参数"),
        (("frob",), "无效"),
        (("run", "a.txt", "-j", "x"), "不是有效的"),
        (("run", "a.txt", "--no-such-option"), "无法识别的参数"),
    ],
)
def test_argparse_speaks_chinese(work: Path, args: tuple[str, ...], chinese: str) -> None:
    assert chinese in assert_one_clear_line(nianbao(*args, cwd=work))


@pytest.mark.parametrize(
    "args",
    [("run", "a.txt", "-j", "0", "--no-model"), ("run", "a.txt", "--resume", "--no-model")],
)
def test_settings_that_cannot_work(work: Path, args: tuple[str, ...]) -> None:
    assert_one_clear_line(nianbao(*args, cwd=work))


def test_relative_paths_reach_dask_workers(
    work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    from nianbao.cli import main

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(work)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(os.chdir, str(elsewhere))  # the worker now runs elsewhere, as on another machine
        args = ["run", "a.txt", "-o", "dask.jsonl", "--no-model", "--no-progress", "-q"]
        assert main([*args, "--scheduler", cluster.scheduler_address]) == 0
    record = json.loads((work / "dask.jsonl").read_text(encoding="utf-8"))
    assert record["status"] == "ok", record.get("error")
    assert record["source"] == str(work / "a.txt")
