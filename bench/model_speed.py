"""Speed of the transformer extractor and of the whole pipeline with it.

    python bench/model_speed.py [PATH ...] [--model models/ner-zh-char-v3] [--repeat 5]

For every document: the stages before extraction (ingest … claims), then ``extract`` with
the model. Prints the median over ``--repeat`` runs (after one warm-up) of characters per
second for the model alone (tagging the running-text sentences), for the extract stage and
for the whole pipeline with the model, counted over the full document text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "pipeline"))

from nianbao.claims.extract import extract_claims  # noqa: E402
from nianbao.corpus import expand_inputs  # noqa: E402
from nianbao.entities.extract import extract  # noqa: E402
from nianbao.ingest.source import read_source  # noqa: E402
from nianbao.layout.clean import clean  # noqa: E402
from nianbao.layout.meta import read_meta  # noqa: E402
from nianbao.layout.segment import segment  # noqa: E402
from nianbao.layout.structure import analyse_layout  # noqa: E402
from nianbao.tables.parse import parse_tables  # noqa: E402


def one_pass(files: list[str], tagger) -> dict[str, float]:
    """Seconds spent before extraction, in the model, and in the extract stage."""
    spent = {"before": 0.0, "model": 0.0, "extract": 0.0}
    for path in files:
        t0 = time.perf_counter()
        doc = clean(read_source(path))
        meta = read_meta(doc.text)
        layout = analyse_layout(doc)
        parse_tables(doc, layout)
        seg = segment(doc, layout, with_spacy=False)
        claims = extract_claims(seg, meta.report_year)
        t1 = time.perf_counter()
        tagger.tag(doc.text, [(s.start, s.end) for s in seg.sentences])
        t2 = time.perf_counter()
        extract(seg, claims, tagger)
        t3 = time.perf_counter()
        spent["before"] += t1 - t0
        spent["model"] += t2 - t1
        spent["extract"] += t3 - t2
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--model", default=str(REPO / "models" / "ner-zh-char-v3"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch default)")
    args = parser.parse_args()
    import torch
    from nianbao.model.infer import load_tagger

    if args.threads:
        torch.set_num_threads(args.threads)
    shared = REPO.parent / "shared" / "corpus"
    paths = args.paths or [str(shared if shared.is_dir() else REPO / "corpora" / "sample")]
    files = [str(f) for f in expand_inputs(paths).files]
    tagger = load_tagger(Path(args.model))
    chars = sum(len(clean(read_source(f)).text) for f in files)
    one_pass(files, tagger)  # warm-up: dictionaries, jieba, the model
    runs = [one_pass(files, tagger) for _ in range(args.repeat)]
    model = statistics.median(r["model"] for r in runs)
    ext = statistics.median(r["extract"] for r in runs)
    whole = statistics.median(r["before"] + r["extract"] for r in runs)
    print(
        f"documents {len(files)}  characters {chars}  runs {args.repeat}  threads {torch.get_num_threads()}"
    )
    print(f"model alone        {chars / model:>10,.0f} chars/s  ({model:.2f} s)")
    print(f"extract stage      {chars / ext:>10,.0f} chars/s  ({ext:.2f} s)")
    print(f"pipeline + model   {chars / whole:>10,.0f} chars/s  ({whole:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
