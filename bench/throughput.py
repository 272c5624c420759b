"""Throughput and peak memory of the whole pipeline.

    python bench/throughput.py [PATH ...] [--repeat 5] [--jobs 1] [--model DIR]

Runs every document through ``annotate_path`` ``--repeat`` times (after one warm-up pass
that loads dictionaries and models) and prints the median characters per second, documents
per second and the peak resident memory of the process. PATH defaults to ../shared/corpus
when it exists, else corpora/sample.

``--jobs N`` runs the documents in N worker processes that share the cores as ``nianbao run
-j N`` does (each gets cores // N torch threads), already warmed up: the steady throughput of
a corpus run. The peak memory is then the largest worker's.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "pipeline"))

from nianbao.corpus import expand_inputs  # noqa: E402
from nianbao.run import RunOptions, annotate_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-model", action="store_true", help="the pattern-only path")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (as run -j)")
    parser.add_argument("--model", help="model folder (default: the committed model)")
    args = parser.parse_args()
    paths = (
        args.paths
        or [
            str(p)
            for p in (REPO.parent / "shared" / "corpus", REPO / "corpora" / "sample")
            if p.is_dir()
        ][:1]
    )
    files = expand_inputs(paths).files
    options = RunOptions(use_model=not args.no_model, model_dir=args.model)
    cpu: list[float] = []  # measured in this process only
    if args.jobs > 1:
        chars, timings, peak_mib = _in_workers(files, options, args.jobs, args.repeat)
    else:
        chars, timings, cpu = _in_process(files, options, args.repeat)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(timings)
    path_name = "pattern-only (--no-model)" if args.no_model else "with the model"
    print(
        f"{path_name}: documents {len(files)}  characters {chars}  runs {args.repeat}"
        f"  processes {args.jobs}"
    )
    print(
        f"median {median:.3f} s  →  {chars / median:,.0f} chars/s  {len(files) / median:.2f} docs/s"
    )
    print(f"min {min(timings):.3f} s  max {max(timings):.3f} s  peak RSS {peak_mib:.0f} MiB")
    if cpu:
        # CPU seconds move less with the host's load than wall-clock time does.
        print(f"CPU time per pass: median {statistics.median(cpu):.3f} s  min {min(cpu):.3f} s")
    return 0


def _in_process(
    files: list[str], options: RunOptions, repeat: int
) -> tuple[int, list[float], list[float]]:
    """Characters, wall-clock seconds per pass and CPU seconds per pass (all threads)."""
    chars = sum(len(annotate_path(f, options).text) for f in files)  # warm-up
    timings, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for f in files:
            annotate_path(f, options)
        timings.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return chars, timings, cpu


def _in_workers(
    files: list[str], options: RunOptions, jobs: int, repeat: int
) -> tuple[int, list[float], float]:
    from nianbao.corpus import worker_pool

    with worker_pool(jobs) as pool:
        # Warm every worker: each loads dictionaries and the model on its first document.
        list(pool.map(_chars_of, [files[0]] * jobs * 2, [options] * jobs * 2))
        chars = sum(pool.map(_chars_of, files, [options] * len(files)))
        timings = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            list(pool.map(_chars_of, files, [options] * len(files)))
            timings.append(time.perf_counter() - t0)
        peaks = list(pool.map(_peak_mib, range(jobs * 4)))
    return chars, timings, max(peaks)


def _chars_of(path: str, options: RunOptions) -> int:
    return len(annotate_path(path, options).text)


def _peak_mib(_: int) -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
