"""Throughput and peak memory of the whole pipeline.

    python bench/throughput.py [PATH ...] [--repeat 5] [--jobs 1]

Runs every document through ``annotate_path`` ``--repeat`` times (after one warm-up pass
that loads dictionaries and models) and prints the median characters per second, documents
per second and the peak resident memory of the process. PATH defaults to ../shared/corpus
when it exists, else corpora/sample.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.corpus import expand_inputs  # noqa: E402
from pipeline.run import RunOptions, annotate_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-model", action="store_true", help="the pattern-only path")
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
    options = RunOptions(use_model=not args.no_model)
    chars = sum(len(annotate_path(f, options).text) for f in files)  # warm-up
    timings = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for f in files:
            annotate_path(f, options)
        timings.append(time.perf_counter() - t0)
    median = statistics.median(timings)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    path_name = "pattern-only (--no-model)" if args.no_model else "with the model"
    print(f"{path_name}: documents {len(files)}  characters {chars}  runs {args.repeat}")
    print(
        f"median {median:.3f} s  →  {chars / median:,.0f} chars/s  {len(files) / median:.2f} docs/s"
    )
    print(f"min {min(timings):.3f} s  max {max(timings):.3f} s  peak RSS {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
