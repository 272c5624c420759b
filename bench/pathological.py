"""The pathological inputs that once made the pipeline superlinear, each run the way a
researcher runs a file (``nianbao run FILE -o OUT``, the default limits), with the time per MB.

    python bench/pathological.py [--no-model] [--scale 1.0] [--only NAME ...]

Prints one row per input: its size, the wall time of the run (start-up included), seconds
per MB of input, the characters per second of the pipeline, and how it ended (``ok``, or
the error line's type: an input past ``--max-seconds`` is a ``Timeout`` line, a bomb a
refusal). ``--scale`` shrinks every input (0.1 for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import fuzz_formats as ff  # noqa: E402
import fuzz_texts as ft  # noqa: E402

MB = 1_000_000


def _bookmarks(count: int) -> bytes:
    marks = "".join(
        f'<w:bookmarkStart w:id="{i}" w:name="_Toc{i}"/><w:bookmarkEnd w:id="{i}"/>'
        + (f"<w:r><w:t>{ft.SENTENCE}</w:t></w:r>" if i % 50 == 0 else "")
        for i in range(count)
    )
    body = f'<w:document xmlns:w="{ff.W_NS}"><w:body><w:p>{marks}</w:p></w:body></w:document>'
    base = ff.docx_from_text("学校概况")
    return ff.replace_member(base, ff.BODY, body.encode())


def _huge_xml(paragraphs: int) -> bytes:
    base = ff.docx_from_text("学校概况")
    return ff.replace_member(base, ff.BODY, ff.document_xml([ft.SENTENCE] * paragraphs))


def _utf8_bytes(text: str, size: int) -> bytes:
    return text.encode()[:size].decode("utf-8", "ignore").encode()


# name → (suffix, builder of the input's bytes at scale s)
INPUTS: dict[str, tuple[str, Callable[[float], bytes]]] = {
    "one line, 10 MB": (
        "txt",
        lambda s: _utf8_bytes(ft.one_line(int(4 * MB * s)), int(10 * MB * s)),
    ),
    "one repeated character, 1 MB": ("txt", lambda s: ft.one_char(int(MB * s) // 3).encode()),
    "50,000 tab-separated rows": ("txt", lambda s: ft.tab_rows(int(50_000 * s)).encode()),
    "no sentence punctuation, 1 MB": (
        "txt",
        lambda s: _utf8_bytes(ft.no_punctuation(int(MB * s)), int(MB * s)),
    ),
    "nested 其中 rows, 30,000": ("txt", lambda s: ft.nested_parts(int(30_000 * s)).encode()),
    "repeated captions, 50,000": ("txt", lambda s: ft.repeated_captions(int(50_000 * s)).encode()),
    "headings, 50,000": ("txt", lambda s: ft.heading_storm(int(50_000 * s)).encode()),
    "numbers only, 1 MB": ("txt", lambda s: _utf8_bytes(ft.number_storm(int(MB * s)), int(MB * s))),
    "bookmark storm .docx, 200,000": ("docx", lambda s: _bookmarks(int(200_000 * s))),
    ".docx whose XML is ~100 MB": ("docx", lambda s: _huge_xml(int(1_100_000 * s))),
    ".docx zip bomb, 2 GiB inflated": (
        "docx",
        lambda s: ff.zeros_docx(ff.docx_from_text("学校"), ff.BODY, int(2 * 2**30 * s)),
    ),
    ".pdf stream bomb, 1 GiB inflated": ("pdf", lambda s: ff.stream_bomb_pdf(int(2**30 * s))),
    ".pdf of 3,000 pages": ("pdf", lambda s: ff.many_pages_pdf(max(10, int(3000 * s)))),
}


def run_one(name: str, suffix: str, data: bytes, folder: Path, use_model: bool) -> dict:
    path = folder / f"input.{suffix}"
    path.write_bytes(data)
    out = folder / "out.jsonl"
    command = [sys.executable, "-m", "nianbao", "run", str(path), "-o", str(out)]
    if not use_model:
        command.append("--no-model")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO / "pipeline")}
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, env=env)
    wall = time.monotonic() - started
    record = json.loads(out.read_text(encoding="utf-8").split("\n")[0])
    out.unlink()
    status = "ok" if record["status"] == "ok" else record["error"]["type"]
    return {
        "input": name,
        "mb": len(data) / MB,
        "seconds": wall,
        "chars": len(record["text"]),
        "status": status,
        "exit": done.returncode,
        "traceback": "Traceback" in done.stderr.decode("utf-8", "replace"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", nargs="*", help="inputs whose name contains one of these")
    args = parser.parse_args()
    print(f"{'input':34} {'MB':>7} {'s':>7} {'s/MB':>7} {'chars/s':>9}  result")
    broken = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, (suffix, build) in INPUTS.items():
            if args.only and not any(o in name for o in args.only):
                continue
            row = run_one(name, suffix, build(args.scale), Path(tmp), not args.no_model)
            rate = row["chars"] / row["seconds"] if row["status"] == "ok" else 0
            print(
                f"{row['input']:34} {row['mb']:7.2f} {row['seconds']:7.1f} "
                f"{row['seconds'] / max(row['mb'], 1e-6):7.1f} {rate:9.0f}  {row['status']}"
                + (f" (exit {row['exit']})" if row["exit"] else "")
                + (" TRACEBACK" if row["traceback"] else ""),
                flush=True,
            )
            broken |= bool(row["exit"] or row["traceback"])
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
