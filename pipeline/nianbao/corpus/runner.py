"""The corpus runner: every input through the pipeline in watched worker processes (or on a
Dask cluster), one line per input in input order, resumable after a kill."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from nianbao.corpus.inputs import Inputs
from nianbao.corpus.summary import RunSummary
from nianbao.corpus.workers import Limits, annotate_to_line, watched_lines
from nianbao.defaults import SCHEDULER_TIMEOUT_S
from nianbao.errors import MESSAGES, DistributedUnavailable, SchedulerUnreachable
from nianbao.run import RunOptions


def done_sources(out_path: Path) -> list[str]:
    """Sources already written by an earlier run; a torn last line is cut off."""
    if not out_path.exists():
        return []
    data = out_path.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep < len(data):
        with open(out_path, "r+b") as f:
            f.truncate(keep)
    sources = []
    # Split on \n only: U+2028 and friends may stand unescaped inside a JSON string.
    for line in data[:keep].split(b"\n"):
        if line.strip():
            sources.append(json.loads(line)["source"])
    return sources


def run_corpus(
    inputs: Inputs,
    out: TextIO,
    *,
    options: RunOptions | None = None,
    jobs: int = 1,
    already_done: Sequence[str] = (),
    progress: bool | None = None,
    scheduler: str | None = None,
    limits: Limits | None = None,
) -> RunSummary:
    """Annotate every input and write its line to ``out`` in input order."""
    summary = RunSummary(skipped=inputs.skipped)
    done = set(already_done)
    todo = [p for p in inputs.files if p not in done]
    summary.resumed = len(inputs.files) - len(todo)
    options = options or RunOptions()
    from tqdm import tqdm

    # disable=None lets tqdm hide the bar when stderr is not a terminal.
    disable = None if progress is None else not progress
    bar = tqdm(total=len(todo), unit="doc", file=sys.stderr, disable=disable)
    if todo and options.use_model:
        # Each worker loads the model before its first document: say so instead of
        # sitting at 0/N.
        bar.set_description_str(MESSAGES["loading_model"])
    for line in _lines(todo, options, jobs, scheduler, limits):
        out.write(line + "\n")
        out.flush()
        summary.add(json.loads(line))
        if bar.n == 0:
            bar.set_description_str("", refresh=False)
        bar.update(1)
    bar.close()
    return summary


def _lines(
    todo: list[str], options: RunOptions, jobs: int, scheduler: str | None, limits: Limits | None
) -> Iterator[str]:
    if scheduler:
        yield from _dask_lines([(p, options) for p in todo], scheduler)
    elif todo:
        yield from watched_lines(todo, options, jobs, limits)


def _dask_lines(jobs_list: list[tuple[str, RunOptions]], scheduler: str) -> Iterator[str]:
    """The same work on a Dask distributed cluster; results still come back in input order.

    Workers must see the input paths (a shared file system) and have nianbao installed.
    At most a few thousand tasks are in flight at once, so memory stays flat on big corpora.
    """
    try:
        from distributed import Client
    except ImportError as e:
        raise DistributedUnavailable(MESSAGES["no_dask"]) from e
    window = 2048
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S)
    except (OSError, TimeoutError) as e:
        raise SchedulerUnreachable(
            MESSAGES["scheduler_unreachable"].format(
                address=scheduler, seconds=SCHEDULER_TIMEOUT_S, reason=type(e).__name__
            )
        ) from e
    with client:
        pending = []
        for job in jobs_list:
            pending.append(client.submit(annotate_to_line, *job, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
