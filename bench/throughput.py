"""Throughput and peak memory of the whole pipeline.

    python bench/throughput.py [PATH ...] [--repeat 5] [--jobs 1] [--model DIR]

Runs every document through ``annotate_path`` ``--repeat`` times (after one warm-up pass
that loads dictionaries and models) and prints the median characters per second, documents
per second and the peak resident memory of the process. PATH defaults to ../shared/corpus
when it exists, else corpora/sample.

After the pipeline, the same text goes through ``jieba.lcut`` in the same arrangement of
processes, and the pipeline/jieba time ratio is printed: a figure that survives a noisy
host. ``--scaling`` times one report joined 1×, 4× and 16× into one document (µs per
character must stay flat); ``--cold-start`` times ``nianbao run`` to its first line.

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
    parser.add_argument(
        "--scaling", action="store_true", help="time 1×, 4×, 16× copies joined into one document"
    )
    parser.add_argument(
        "--cold-start", action="store_true", help="time nianbao run to its first line written"
    )
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
    worker_peaks: list[float] = []
    if args.jobs > 1:
        chars, timings, worker_peaks = _in_workers(files, options, args.jobs, args.repeat)
        peak_mib = max(worker_peaks)
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
    if worker_peaks:
        print("peak RSS per worker: " + ", ".join(f"{m:.0f} MiB" for m in worker_peaks))
    jieba_median = _jieba_pass(files, args.jobs, args.repeat)
    print(
        f"jieba.lcut over the same text ({args.jobs} process{'es' if args.jobs > 1 else ''}): "
        f"median {jieba_median:.3f} s  →  {chars / jieba_median:,.0f} chars/s;  "
        f"pipeline/jieba time ratio {median / jieba_median:.1f}"
    )
    if args.scaling:
        _scaling(files[0], options)
    if args.cold_start:
        _cold_start(files[0], args.no_model)
    return 0


def _texts(files: list[str]) -> list[str]:
    from nianbao.ingest.source import read_source
    from nianbao.layout.clean import clean

    return [clean(read_source(f)).text for f in files]  # the text the pipeline reads


def _jieba_pass(files: list[str], jobs: int, repeat: int) -> float:
    """Median seconds for ``jieba.lcut`` over the documents' text, in the same processes
    arrangement as the pipeline: a yardstick that moves with the host as the pipeline does."""
    import jieba

    texts = _texts(files)
    jieba.lcut("预热")  # the dictionary loads once, outside the timing
    timings = []
    if jobs > 1:
        from nianbao.corpus import worker_pool

        with worker_pool(jobs) as pool:
            list(pool.map(_lcut_len, ["预热"] * jobs * 2))
            for _ in range(repeat):
                t0 = time.perf_counter()
                list(pool.map(_lcut_len, texts))
                timings.append(time.perf_counter() - t0)
    else:
        for _ in range(repeat):
            t0 = time.perf_counter()
            for text in texts:
                jieba.lcut(text)
            timings.append(time.perf_counter() - t0)
    return statistics.median(timings)


def _lcut_len(text: str) -> int:
    import jieba

    return len(jieba.lcut(text))


def _scaling(path: str, options: RunOptions) -> None:
    """One report joined 1×, 4× and 16× into one document: the cost per character must stay
    flat (nothing quadratic in a document's length)."""
    from nianbao.run import annotate_text

    text = _texts([path])[0]
    annotate_text(text, "warm-up", options)
    print("scaling (one document of N copies):")
    for copies in (1, 4, 16):
        joined = "\n".join([text] * copies)
        t0 = time.perf_counter()
        annotate_text(joined, f"x{copies}", options)
        seconds = time.perf_counter() - t0
        print(
            f"  {copies:>2}×  {len(joined):>9,} chars  {seconds:7.2f} s  "
            f"{seconds / len(joined) * 1e6:6.1f} µs/char"
        )


def _cold_start(path: str, no_model: bool, runs: int = 3) -> None:
    """Seconds from starting ``nianbao run`` to its first line written (imports, dictionary,
    model load, the first document), median of ``runs``."""
    import os
    import subprocess
    import tempfile

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO / "pipeline")}
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        for _ in range(runs):
            out.unlink(missing_ok=True)
            command = [sys.executable, "-m", "nianbao", "run", path, "-o", str(out)]
            t0 = time.perf_counter()
            process = subprocess.Popen(
                command + (["--no-model"] if no_model else []),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while not (out.exists() and out.stat().st_size and b"\n" in out.read_bytes()):
                if process.poll() is not None and not out.exists():
                    break
                time.sleep(0.02)
            timings.append(time.perf_counter() - t0)
            process.wait()
    print(f"cold start to the first line written: median {statistics.median(timings):.2f} s")


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
) -> tuple[int, list[float], list[float]]:
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
        peaks = dict(pool.map(_peak_mib, range(jobs * 8)))  # pid → peak: every worker
    return chars, timings, sorted(peaks.values())


def _chars_of(path: str, options: RunOptions) -> int:
    return len(annotate_path(path, options).text)


def _peak_mib(_: int) -> tuple[int, float]:
    import os

    time.sleep(0.05)  # long enough for the tasks to spread over the workers
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
