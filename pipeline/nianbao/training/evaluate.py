"""Measured quality: entity F1 per type on the MSRA test set and on the report dev gold."""

from __future__ import annotations

import json
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from nianbao.model.infer import CharTagger, load_tagger
from nianbao.training.msra import msra_path, read_msra

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "dev-gold"
REPORT_TYPES = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG")


def prf(true_positives: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 with their counts."""
    p = true_positives / predicted if predicted else 0.0
    r = true_positives / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": true_positives,
        "predicted": predicted,
        "gold": gold,
    }


def evaluate_msra(tagger: CharTagger, limit: int | None = None) -> dict:
    """Standard exact-span entity F1 of the generic head, per type and micro-averaged."""
    examples = list(read_msra(msra_path("test")))[:limit]
    text = "".join(e.text for e in examples)
    regions, gold, offset = [], set(), 0
    touching: set[int] = set()  # region indices of sentences where two names touch
    for i, e in enumerate(examples):
        regions.append((offset, offset + len(e.text)))
        gold |= {(offset + s, offset + t, k) for s, t, k in e.generic or ()}
        if names_touch(e.generic or ()):
            touching.add(i)
        offset += len(e.text)
    started = time.perf_counter()
    predicted = {(s.start, s.end, s.label) for s in tagger.tag(text, regions).generic}
    seconds = time.perf_counter() - started
    result = _per_type(predicted, gold)
    result["chars_per_second"] = round(len(text) / seconds)
    result["sentences"] = len(examples)
    starts = [start for start, _ in regions]
    for key, wanted in (("touching_names", True), ("other_sentences", False)):
        inside = {
            x for x in predicted | gold if (bisect_right(starts, x[0]) - 1 in touching) is wanted
        }
        part = _per_type(predicted & inside, gold & inside)["micro"]
        part["sentences"] = len(touching) if wanted else len(examples) - len(touching)
        result[key] = part
    return result


def names_touch(spans: Iterable[tuple[int, int, str]]) -> bool:
    """Whether two names follow each other with nothing between them (李鹏乔石)."""
    ordered = sorted(spans)
    return any(left[1] == right[0] for left, right in pairwise(ordered))


def _per_type(predicted: set, gold: set) -> dict:
    types = sorted({k for *_, k in predicted | gold})
    out = {
        t: prf(
            len({x for x in predicted & gold if x[-1] == t}),
            sum(1 for x in predicted if x[-1] == t),
            sum(1 for x in gold if x[-1] == t),
        )
        for t in types
    }
    out["micro"] = prf(len(predicted & gold), len(predicted), len(gold))
    return out


def evaluate_dev(tagger: CharTagger | None, gold_dir: Path) -> dict:
    """Unique-string F1 per report type on the dev gold, model-only, pattern-only and merged,
    scored as ``nianbao score`` scores them (names met only inside tables left out)."""
    from nianbao.entities.extract import extract
    from nianbao.entities.patterns import CONTRACT_TYPES, pattern_entities
    from nianbao.ingest.source import read_source
    from nianbao.layout.clean import clean
    from nianbao.layout.segment import entity_regions, segment
    from nianbao.layout.structure import analyse_layout
    from nianbao.scoring.cases import score_entities
    from nianbao.tables.parse import parse_tables

    corpus = Path(gold_dir).parent / "corpus"
    totals: dict[str, Counter] = {}
    docs = []
    for gold_path in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = corpus / gold["doc"]
        if not source.exists():
            continue
        doc = clean(read_source(source))
        layout = analyse_layout(doc)
        tables = [(t.start, t.end) for t in parse_tables(doc, layout)]
        seg = segment(doc, layout, with_spacy=False)
        regions = entity_regions(doc.text, seg.layout, seg.sentences)
        views = {
            "pattern": [
                _named(doc.text, c.start, c.end, c.type)
                for c in pattern_entities(doc.text, seg.words, regions)
            ]
        }
        if tagger is not None:
            tagging = tagger.tag(doc.text, regions, seg.words)
            views["model"] = [
                _named(doc.text, s.start, s.end, CONTRACT_TYPES.get(s.label, s.label))
                for s in tagging.domain
            ]
            views["merged"] = [
                _named(doc.text, e.start, e.end, e.type) for e in extract(seg, (), tagger).entities
            ]
            _count_claim_parts(totals, doc.text, gold.get("claims", []), tagging)
        gold_types = {"entities": {t: gold["entities"].get(t, []) for t in REPORT_TYPES}}
        docs.append(gold["doc"])
        for view, found in views.items():
            for t, score in score_entities(found, gold_types, tables).items():
                counts = totals.setdefault(f"{view}:{t}", Counter())
                counts["tp"] += score.true_positives
                counts["predicted"] += score.predicted
                counts["gold"] += score.gold
    result: dict = {"documents": docs}
    parts = totals.pop("claims:parts", None)
    if parts is not None:
        result["claim_parts"] = {
            "quantity": prf(parts["q_tp"], parts["q_predicted"], parts["gold"]),
            "indicator_accuracy": round(parts["i_right"] / parts["i_judged"], 4)
            if parts["i_judged"]
            else None,
            "indicator_judged": parts["i_judged"],
        }
    for key, c in sorted(totals.items()):
        view, t = key.split(":")
        result.setdefault(view, {})[t] = prf(c["tp"], c["predicted"], c["gold"])
    return result


def _count_claim_parts(totals: dict, text: str, claims: list[dict], tagging) -> None:
    """Gold claims whose number a model quantity covers; their indicator per the relation head."""
    counts = totals.setdefault("claims:parts", Counter())
    quotes = []
    for claim in claims:
        start = -1
        for _ in range(claim.get("occurrence", 1)):
            start = text.find(claim["quote"], start + 1)
        if start >= 0:
            quotes.append((start, start + len(claim["quote"]), claim))
    counts["gold"] += len(claims)
    counts["q_predicted"] += len(tagging.quantities)
    best: dict[int, tuple[float, int]] = {}
    for pair in tagging.pairs:
        if pair.kind == "CLAIM_INDICATOR":
            best[pair.quantity] = max(best.get(pair.quantity, (0.0, -1)), (pair.score, pair.target))
    for start, end, claim in quotes:
        number_at = text.find(str(claim["number_text"]), start, end)
        hits = [
            i
            for i, q in enumerate(tagging.quantities)
            if number_at >= 0 and q.start <= number_at < q.end and start <= q.start < end
        ]
        if not hits:
            continue
        counts["q_tp"] += 1
        if claim.get("indicator") and hits[0] in best:
            target = tagging.indicators[best[hits[0]][1]]
            counts["i_judged"] += 1
            counts["i_right"] += text[target.start : target.end] == claim["indicator"]


def _named(text: str, start: int, end: int, kind: str) -> dict:
    """A found name as the scorer reads a record's entity."""
    return {"type": kind, "text": text[start:end], "start": start}


def evaluate_model(
    model_dir: Path, gold_dir: Path | None = None, msra_limit: int | None = None
) -> dict:
    """Both evaluations of a model folder; the dev gold is skipped when it is absent."""
    tagger = load_tagger(model_dir)
    result = {"model": str(model_dir), "msra_test": evaluate_msra(tagger, msra_limit)}
    gold_dir = gold_dir or DEFAULT_GOLD
    if Path(gold_dir).is_dir():
        result["dev_gold"] = evaluate_dev(tagger, Path(gold_dir))
    return result


def format_evaluation(result: dict) -> str:
    """The evaluation as the lines ``nianbao eval`` prints."""
    lines = [f"model {result['model']}", "MSRA test (exact spans, generic head):"]
    msra = result["msra_test"]
    for kind in ("PER", "LOC", "ORG", "micro"):
        if kind in msra:
            m = msra[kind]
            lines.append(
                f"  {kind:<6} P {m['precision']:.4f}  R {m['recall']:.4f}  F1 {m['f1']:.4f}  ({m['gold']} gold)"
            )
    for key, what in (("touching_names", "where two names touch"), ("other_sentences", "the rest")):
        if key in msra:
            m = msra[key]
            lines.append(
                f"  micro F1 {m['f1']:.4f} on the {m['sentences']} sentences {what} ({m['gold']} gold)"
            )
    lines.append(f"  speed {msra['chars_per_second']:,} chars/s over {msra['sentences']} sentences")
    dev = result.get("dev_gold")
    if dev:
        lines.append(f"dev gold (unique strings per type, {len(dev['documents'])} documents):")
        for view in ("model", "merged", "pattern"):
            for kind, m in dev.get(view, {}).items():
                lines.append(
                    f"  {view:<7} {kind:<11} P {m['precision']:.4f}  R {m['recall']:.4f}  F1 {m['f1']:.4f}  ({m['gold']} gold)"
                )
    return "\n".join(lines)
