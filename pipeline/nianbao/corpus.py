"""The corpus runner: map the pipeline over many files in parallel processes, writing one
line per input in input order, resumable after a kill."""

from __future__ import annotations

import glob
import json
import multiprocessing as mp
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from nianbao.defaults import SCHEDULER_TIMEOUT_S
from nianbao.errors import MESSAGES, DistributedUnavailable, InputNotFound, SchedulerUnreachable
from nianbao.export.contract import dumps, to_record
from nianbao.ingest.source import SUPPORTED_SUFFIXES
from nianbao.run import RunOptions, annotate_path, error_doc, internal_error_doc, preload_model


@dataclass(frozen=True, slots=True)
class Inputs:
    files: tuple[str, ...]
    skipped: tuple[str, ...]  # files inside folders with suffixes nianbao does not read

    def absolute(self) -> Inputs:
        """The same inputs as absolute paths, for workers that run in other folders."""
        return Inputs(tuple(os.path.abspath(p) for p in self.files), self.skipped)


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    resumed: int = 0
    status: Counter[str] = field(default_factory=Counter)
    tables: int = 0
    cells: int = 0
    cases: int = 0
    claims: int = 0
    entities: int = 0
    findings: int = 0
    skipped: tuple[str, ...] = ()

    def add(self, record: dict[str, Any]) -> None:
        self.documents += 1
        self.status[record["status"]] += 1
        self.tables += len(record["tables"])
        self.cells += sum(len(r["cells"]) for t in record["tables"] for r in t["rows"])
        self.cases += len(record["cases"])
        self.claims += len(record["claims"])
        self.entities += len(record["entities"])
        self.findings += len(record["findings"])

    def lines(self) -> list[str]:
        out = [
            f"文档 documents: {self.documents}（成功 ok {self.status['ok']}，失败 error {self.status['error']}）"
            + (f"，其中续跑跳过 resumed {self.resumed}" if self.resumed else ""),
            f"表格 tables: {self.tables}（单元格 cells {self.cells}）  案例 cases: {self.cases}  "
            f"数值陈述 claims: {self.claims}  实体 entities: {self.entities}  问题 findings: {self.findings}",
        ]
        if self.skipped:
            by_suffix = Counter(Path(p).suffix.lower() or "(none)" for p in self.skipped)
            kinds = ", ".join(f"{suffix} ×{n}" for suffix, n in sorted(by_suffix.items()))
            out.append(
                f"未处理（格式不支持）skipped files in folders that are not reports: {len(self.skipped)} ({kinds}), "
                f"e.g. {self.skipped[0]}"
            )
        return out


def expand_inputs(paths: Sequence[str]) -> Inputs:
    """Files as given, folders walked (supported suffixes), globs expanded; order kept, no duplicates.

    A path that names nothing raises ``InputNotFound``; a named file of any suffix is an
    input (it gets an error line if it cannot be read); only files met inside folders are
    filtered by suffix, and those left out are reported, never silently dropped.
    """
    files: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    def walk(folder: str) -> None:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                p = os.path.join(root, name)
                if name.lower().endswith(SUPPORTED_SUFFIXES):
                    add(p)
                else:
                    skipped.append(p)

    for given in paths:
        if os.path.isdir(given):
            walk(given)
        elif os.path.exists(given):
            add(given)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise InputNotFound(MESSAGES["not_found"].format(path=given))
            for p in matches:
                if os.path.isdir(p):
                    walk(p)  # a folder a glob names is walked like a folder given by name
                else:
                    add(p)
        else:
            raise InputNotFound(MESSAGES["not_found"].format(path=given))
    return Inputs(tuple(files), tuple(skipped))


def _annotate_to_line(job: tuple[str, RunOptions]) -> str:
    path, options = job
    doc = annotate_path(path, options)
    try:
        return dumps(to_record(doc))
    except Exception as e:  # an unwritable value must cost one document, not the run
        return dumps(to_record(internal_error_doc(path, e, doc.doc_id)))


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
        # Loading the model takes seconds: say so instead of sitting at 0/N.
        bar.set_description_str(MESSAGES["loading_model"])
        if jobs <= 1 and not scheduler:
            preload_model(options)
            bar.set_description_str("")
    for line in _lines(todo, options, jobs, scheduler):
        out.write(line + "\n")
        out.flush()
        summary.add(json.loads(line))
        if bar.n == 0:
            bar.set_description_str("", refresh=False)
        bar.update(1)
    bar.close()
    return summary


def _lines(
    todo: list[str], options: RunOptions, jobs: int, scheduler: str | None = None
) -> Iterator[str]:
    jobs_list = [(p, options) for p in todo]
    if scheduler:
        yield from _dask_lines(jobs_list, scheduler)
        return
    if jobs <= 1 or len(todo) <= 1:
        yield from map(_annotate_to_line, jobs_list)
        return
    yield from _pool_lines(jobs_list, min(jobs, len(todo)))


def _pool_lines(jobs_list: list[tuple[str, RunOptions]], workers: int) -> Iterator[str]:
    """Lines from worker processes, in input order. A worker that dies (killed, out of
    memory) costs its own document an error line; a fresh pool takes the rest."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    window = workers * 4  # documents in flight: enough to keep workers busy, memory flat
    next_job = 0
    pool = worker_pool(workers)
    pending: list[Future[str]] = []
    try:
        while next_job < len(jobs_list) or pending:
            while next_job < len(jobs_list) and len(pending) < window:
                pending.append(pool.submit(_annotate_to_line, jobs_list[next_job]))
                next_job += 1
            future = pending.pop(0)
            try:
                yield future.result()
            except BrokenProcessPool:
                # Every pending document fails with the pool; which one killed it is
                # unknown, so the first is retried alone before it is blamed.
                done = next_job - len(pending) - 1
                pool.shutdown(cancel_futures=True)
                yield _alone(jobs_list[done])
                pool = worker_pool(workers)
                next_job, pending = done + 1, []
    finally:
        pool.shutdown(cancel_futures=True)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that share the cores: each gets cores // workers torch threads.
    Two workers with two threads each on two cores run 3–4× slower than one, because the
    model's many small operations then wait on each other's threads."""
    threads = max(1, (os.cpu_count() or 1) // workers)
    context = mp.get_context("spawn")
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_share_cores, initargs=(threads,)
    )


def _share_cores(threads: int) -> None:
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


def _alone(job: tuple[str, RunOptions]) -> str:
    """One document in a process of its own; an error line if that process dies too."""
    from concurrent.futures.process import BrokenProcessPool

    with worker_pool(1) as solo:
        try:
            return solo.submit(_annotate_to_line, job).result()
        except BrokenProcessPool:
            path = job[0]
            message = MESSAGES["worker_died"].format(path=path)
            return dumps(to_record(error_doc(path, "WorkerDied", message)))


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
            pending.append(client.submit(_annotate_to_line, job, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
