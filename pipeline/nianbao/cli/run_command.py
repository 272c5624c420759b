"""`nianbao run`: reports in, one JSON line per report out."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from nianbao import defaults
from nianbao.errors import (
    MESSAGES,
    BadArgument,
    InputNotFound,
    ModelNotFound,
    UnusableOutput,
)

RUN_EPILOG = """\
examples / 示例:
  nianbao run corpora/sample -o out.jsonl          a folder (its .txt .md .docx .pdf files)
  nianbao run 'reports/**/*.txt' -o out.jsonl -j 2  a glob, two processes
  nianbao run report.docx -o - | head -c 400       one file to standard output
  nianbao run big_corpus/ -o out.jsonl --resume     continue a run that was killed

Every input gives exactly one line, in input order; a file that cannot be read gives a
line with "status": "error" and the reason. The output format is nianbao.doc/1, documented
in the README and in pipeline/nianbao/export/doc.schema.json.
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser(
        "run",
        help="annotate reports → JSONL（标注报告）",
        epilog=RUN_EPILOG,
        description="Annotate reports: files, folders or globs → one JSON line per report.",
    )
    run.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files (.txt .md .docx .pdf), folders or globs",
    )
    run.add_argument(
        "-o", "--output", default="-", help="output JSONL file, '-' for standard output (default)"
    )
    run.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    run.add_argument(
        "--no-model",
        action="store_true",
        help="pattern recognisers only: no transformer (no torch)",
    )
    run.add_argument(
        "--model", metavar="DIR", help="trained model folder (default models/ner-zh-char-v3)"
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 (workers must see the input paths)",
    )
    run.add_argument(
        "--resume",
        action="store_true",
        help="keep the lines already in --output and do only the rest",
    )
    run.add_argument(
        "--max-bytes",
        type=_size_mib,
        default=defaults.MAX_INPUT_BYTES,
        metavar="MiB",
        help=f"超过此大小的文件不读取（files larger than this are refused unread; default "
        f"{defaults.MAX_INPUT_BYTES // 2**20} MiB; 0: no limit）",
    )
    run.add_argument(
        "--max-seconds",
        type=float,
        default=defaults.MAX_DOC_SECONDS,
        help=f"每篇文档的时间上限，超时记为 Timeout 错误行（per-document time limit; default "
        f"{defaults.MAX_DOC_SECONDS:g} s; 0: no limit）",
    )
    run.add_argument(
        "--max-memory",
        type=int,
        default=defaults.MAX_WORKER_MEMORY_MIB,
        metavar="MiB",
        help=f"每个工作进程的内存上限，超出记为 MemoryLimit 错误行（per-worker resident memory "
        f"limit; default {defaults.MAX_WORKER_MEMORY_MIB} MiB; 0: no limit）",
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("-q", "--quiet", action="store_true", help="no summary at the end")
    run.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    from nianbao.corpus import Limits, done_sources, expand_inputs, run_corpus
    from nianbao.defaults import DEFAULT_MODEL
    from nianbao.run import RunOptions

    if args.jobs < 1:
        raise BadArgument(MESSAGES["bad_jobs"].format(jobs=args.jobs))
    options = RunOptions(
        use_model=not args.no_model, model_dir=args.model, max_bytes=args.max_bytes or None
    )
    limits = Limits(args.max_seconds or None, args.max_memory or None)
    model_dir = Path(args.model) if args.model else DEFAULT_MODEL
    if options.use_model and not (model_dir / "model.safetensors").exists():
        raise ModelNotFound(
            f"找不到模型 {model_dir}（no trained model）：用 --model DIR 指定，或 --no-model"
        )
    inputs = expand_inputs(args.paths)
    if not inputs.files:
        raise InputNotFound("没有可处理的文件（no report files found in the given paths）")
    if args.scheduler:
        # Workers resolve paths in their own working folders: send them absolute ones.
        inputs = inputs.absolute()
    progress = False if args.no_progress else None
    if args.output == "-":
        if args.resume:
            raise BadArgument(MESSAGES["resume_needs_file"])
        summary = run_corpus(
            inputs,
            sys.stdout,
            options=options,
            jobs=args.jobs,
            progress=progress,
            scheduler=args.scheduler,
            limits=limits,
        )
    else:
        out_path = checked_output(Path(args.output), inputs.files)
        done = done_sources(out_path) if args.resume else []
        try:
            with open(out_path, "a" if args.resume else "w", encoding="utf-8") as out:
                summary = run_corpus(
                    inputs,
                    out,
                    options=options,
                    jobs=args.jobs,
                    already_done=done,
                    progress=progress,
                    scheduler=args.scheduler,
                    limits=limits,
                )
        except OSError as e:  # a full disk mid-run: the lines written so far stay whole
            reason = f"{e.strerror or e}；已写入的行完整，可用 --resume 继续（lines so far are intact; --resume continues）"
            raise UnusableOutput(
                MESSAGES["output_unwritable"].format(path=out_path, reason=reason)
            ) from e
    if not args.quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return 0


def checked_output(path: Path, inputs: tuple[str, ...]) -> Path:
    """The output file, refused before any work when it cannot take the run's lines."""
    if path.is_dir():
        raise UnusableOutput(MESSAGES["output_is_dir"].format(path=path))
    if path.exists() and any(_same_file(path, p) for p in inputs):
        raise UnusableOutput(MESSAGES["output_is_input"].format(path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        reason = e.strerror or str(e)
        raise UnusableOutput(MESSAGES["output_unwritable"].format(path=path, reason=reason)) from e
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        reason = "没有写权限（permission denied）"
        raise UnusableOutput(MESSAGES["output_unwritable"].format(path=path, reason=reason))
    return path


def _same_file(a: Path, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _size_mib(text: str) -> int:
    """``--max-bytes`` is given in MiB (fractions allowed) and kept in bytes."""
    return int(float(text) * 2**20)
