"""Worker processes that annotate one document at a time, watched by the parent.

Every document of a run is annotated in a worker process, with ``-j 1`` too, so nothing one
document does can take the run down: an exception or a ``MemoryError`` becomes its error
line inside the worker; a worker that dies (a hard kill, the kernel's OOM killer, a crash in
a C library) costs its own document a ``WorkerDied`` line; a document that runs past its
time or memory budget is killed by the parent and gets a ``Timeout`` or ``MemoryLimit``
line. A fresh worker takes the next document. Lines come back in input order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from nianbao.corpus.memory import release_freed_memory, resident_mib
from nianbao.defaults import MAX_DOC_SECONDS, MAX_WORKER_MEMORY_MIB
from nianbao.errors import MESSAGES, NianbaoError
from nianbao.export.contract import dumps, to_record
from nianbao.run import RunOptions, annotate_path, error_doc, internal_error_doc, warm_up

_POLL_S = 0.1  # how often the parent looks at the time and memory of busy workers


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost; ``None`` switches a limit off."""

    max_seconds: float | None = MAX_DOC_SECONDS
    max_memory_mib: int | None = MAX_WORKER_MEMORY_MIB


class WorkerFailed(NianbaoError):
    """A worker could not even start (e.g. the model does not load): no document would run."""

    code = "E014"


def annotate_to_line(path: str, options: RunOptions) -> str:
    """One document's JSON line; whatever happens, a line. The memory the document freed
    goes back to the system before the next one (see corpus/memory.py)."""
    try:
        return _line(path, options)
    finally:
        release_freed_memory()


def _line(path: str, options: RunOptions) -> str:
    try:
        doc = annotate_path(path, options)
    except MemoryError as e:  # raised anywhere, even outside the pipeline's own guards
        return dumps(to_record(internal_error_doc(path, e)))
    try:
        return dumps(to_record(doc))
    except Exception as e:  # an unwritable value must cost one document, not the run
        return dumps(to_record(internal_error_doc(path, e, doc.doc_id)))


def error_line(path: str, error_type: str, message: str) -> str:
    return dumps(to_record(error_doc(path, error_type, message)))


def _serve(conn: Connection, threads: int, options: RunOptions) -> None:
    """The worker's loop: load the model and warm up, say so, then one document per message."""
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    try:
        if options.use_model:
            import torch

            torch.set_num_threads(threads)
        warm_up(options)
    except BaseException as e:  # reported to the parent, which stops the run with it
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        index, path = job
        conn.send((index, annotate_to_line(path, options)))


class _Worker:
    def __init__(self, context: Any, threads: int, options: RunOptions) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, threads, options), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.job: tuple[int, str] | None = None
        self.started = 0.0

    def give(self, index: int, path: str) -> None:
        self.conn.send((index, path))
        self.job, self.started = (index, path), time.monotonic()

    def rss_mib(self) -> float:
        # 0 where there is no /proc or the worker is gone: the time limit still holds
        return resident_mib(self.process.pid)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def watched_lines(
    paths: Sequence[str], options: RunOptions, workers: int, limits: Limits | None = None
) -> Iterator[str]:
    """Each path's line, in input order, from ``workers`` watched worker processes."""
    limits = limits or Limits()
    workers = max(1, min(workers, len(paths)))
    threads = max(1, (os.cpu_count() or 1) // workers)
    context = mp.get_context("spawn")
    pool = [_Worker(context, threads, options) for _ in range(workers)]
    done: dict[int, str] = {}
    next_job = next_out = 0
    window = workers * 4  # lines held for order: enough to keep workers busy, memory flat
    try:
        while next_out < len(paths):
            for w in pool:
                if w.ready and w.job is None and next_job < min(len(paths), next_out + window):
                    w.give(next_job, paths[next_job])
                    next_job += 1
            for conn in wait([w.conn for w in pool], timeout=_POLL_S):
                w = next(w for w in pool if w.conn is conn)
                _receive(w, done, limits)
            for i, w in enumerate(pool):
                verdict = _over_limits(w, limits)
                if verdict or not w.process.is_alive():
                    _replace(pool, i, context, threads, options, done, verdict)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in pool:
            w.stop()


def _receive(w: _Worker, done: dict[int, str], limits: Limits) -> None:
    try:
        kind, payload = w.conn.recv()
    except (EOFError, OSError):
        return  # the process died: the liveness check writes its document's line
    if kind == "ready":
        # A worker already over the memory limit before any document would fail them all.
        rss = w.rss_mib()
        if limits.max_memory_mib is not None and rss > limits.max_memory_mib:
            raise WorkerFailed(
                MESSAGES["memory_below_worker"].format(mib=limits.max_memory_mib, rss=round(rss))
            )
        w.ready = True
    elif kind == "failed":
        raise WorkerFailed(MESSAGES["worker_failed"].format(reason=payload))
    else:
        done[kind] = payload
        w.job = None


def _over_limits(w: _Worker, limits: Limits) -> tuple[str, str] | None:
    if w.job is None:
        return None
    path = w.job[1]
    if limits.max_seconds is not None and time.monotonic() - w.started > limits.max_seconds:
        return "Timeout", MESSAGES["timeout"].format(seconds=f"{limits.max_seconds:g}", path=path)
    if limits.max_memory_mib is not None and w.rss_mib() > limits.max_memory_mib:
        return "MemoryLimit", MESSAGES["memory_limit"].format(mib=limits.max_memory_mib, path=path)
    return None


def _replace(
    pool: list[_Worker],
    i: int,
    context: Any,
    threads: int,
    options: RunOptions,
    done: dict[int, str],
    verdict: tuple[str, str] | None,
) -> None:
    """Kill worker ``i`` (over a limit) or bury it (it died); its document gets its line."""
    w = pool[i]
    if w.job is None and not w.ready and verdict is None:
        # It died before it was ever ready: starting it again would die again.
        raise WorkerFailed(MESSAGES["worker_failed"].format(reason=f"exit {w.process.exitcode}"))
    w.kill()
    if w.job is not None:
        index, path = w.job
        error_type, message = verdict or ("WorkerDied", MESSAGES["worker_died"].format(path=path))
        done[index] = error_line(path, error_type, message)
    pool[i] = _Worker(context, threads, options)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A plain pool whose workers share the cores, for benchmarks that time the pipeline
    itself: each gets cores // workers torch threads. Two workers with two threads each on
    two cores run 3–4× slower than one, because the model's many small operations then
    wait on each other's threads."""
    threads = max(1, (os.cpu_count() or 1) // workers)
    return ProcessPoolExecutor(
        workers, mp_context=mp.get_context("spawn"), initializer=_share_cores, initargs=(threads,)
    )


def _share_cores(threads: int) -> None:
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
