"""The project scorer: a JSONL run against gold files (../shared/dev-gold/SCHEMA.md format).

Prints, per document and in total: tables found, cell accuracy, case-title P/R/F1, claim
P/R/F1 (value + unit), indicator accuracy, entity P/R/F1 per type and finding recall.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nianbao.export.contract import read_jsonl
from nianbao.scoring.cases import PRF, score_cases, score_entities
from nianbao.scoring.claims import score_claims
from nianbao.scoring.corrected_gold import load_corrected_gold
from nianbao.scoring.findings import score_findings
from nianbao.scoring.tables import score_tables

# The gold sections a document is scored on; a gold file read back from an annotation
# tool has only some of them (corrected_gold.py), and the others are neither right nor wrong.
SECTIONS = ("tables", "case_titles", "claims", "entities", "findings")


@dataclass(slots=True)
class DocScore:
    doc: str
    sections: tuple[str, ...] = SECTIONS
    tables_gold: int = 0
    tables_found: int = 0
    cells_gold: int = 0
    cells_right: int = 0
    cases: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    claims: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    indicators_right: int = 0
    indicators_judged: int = 0
    entities: dict[str, PRF] = field(default_factory=dict)
    findings: dict[str, Any] = field(default_factory=dict)
    missed_cells: list[Any] = field(default_factory=list)
    missed_claims: list[Any] = field(default_factory=list)
    spurious_claims: list[Any] = field(default_factory=list)
    wrong_indicators: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class ScoreReport:
    docs: list[DocScore]
    missing: list[str]  # gold files with no record in the run

    def total(self) -> DocScore:
        scored = {s for d in self.docs for s in d.sections}
        t = DocScore("TOTAL", tuple(s for s in SECTIONS if s in scored))
        for d in self.docs:
            t.tables_gold += d.tables_gold
            t.tables_found += d.tables_found
            t.cells_gold += d.cells_gold
            t.cells_right += d.cells_right
            t.cases = t.cases + d.cases
            t.claims = t.claims + d.claims
            t.indicators_right += d.indicators_right
            t.indicators_judged += d.indicators_judged
            for k, v in d.entities.items():
                t.entities[k] = t.entities.get(k, PRF(0, 0, 0)) + v
            _add_counts(t.findings, d.findings)
        return t

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": [_doc_dict(d) for d in self.docs],
            "total": _doc_dict(self.total()),
            "missing": self.missing,
        }


def _add_counts(total: dict[str, Any], part: dict[str, Any]) -> None:
    """Add the integer counts of ``part`` into ``total``, nested dicts included."""
    for k, v in part.items():
        if isinstance(v, dict):
            _add_counts(total.setdefault(k, {}), v)
        elif isinstance(v, int) and not isinstance(v, bool):
            total[k] = total.get(k, 0) + v


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _prf_dict(p: PRF) -> dict[str, Any]:
    return {
        "precision": round(p.precision, 4),
        "recall": round(p.recall, 4),
        "f1": round(p.f1, 4),
        "true_positives": p.true_positives,
        "predicted": p.predicted,
        "gold": p.gold,
    }


# The keys of a document's scores that each gold section gives.
_SECTION_KEYS = {
    "tables": ("tables", "cells"),
    "case_titles": ("cases",),
    "claims": ("claims", "indicator_accuracy"),
    "entities": ("entities",),
    "findings": ("findings",),
}


def _doc_dict(d: DocScore) -> dict[str, Any]:
    unscored = {k for s in SECTIONS if s not in d.sections for k in _SECTION_KEYS[s]}
    return {k: v for k, v in _all_scores(d).items() if k not in unscored}


def _all_scores(d: DocScore) -> dict[str, Any]:
    return {
        "doc": d.doc,
        "tables": {"gold": d.tables_gold, "found": d.tables_found},
        "cells": {
            "gold": d.cells_gold,
            "right": d.cells_right,
            "accuracy": round(_ratio(d.cells_right, d.cells_gold), 4),
        },
        "cases": _prf_dict(d.cases),
        "claims": _prf_dict(d.claims),
        "indicator_accuracy": round(_ratio(d.indicators_right, d.indicators_judged), 4),
        "entities": {k: _prf_dict(v) for k, v in d.entities.items()},
        "findings": _finding_counts(d.findings),
    }


def _finding_counts(findings: dict[str, Any]) -> dict[str, Any]:
    if not findings:
        return {}
    out: dict[str, Any] = {k: v for k, v in findings.items() if isinstance(v, int)}
    out["definite_recall"] = round(_ratio(findings["definite_found"], findings["definite_gold"]), 4)
    out["possible_recall"] = round(_ratio(findings["possible_found"], findings["possible_gold"]), 4)
    out["per_type"] = findings.get("per_type", {})
    return out


def load_gold(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """Gold files by the document file name they annotate; a Label Studio or doccano file a
    person corrected counts as the gold files of its documents."""
    gold: dict[str, dict[str, Any]] = {}
    for p in paths:
        files = sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
        for f in files:
            corrected = load_corrected_gold(f)
            if corrected is not None:
                gold.update(corrected)
                continue
            data = json.loads(f.read_text("utf-8"))
            gold[data.get("doc") or f.name.removesuffix(".gold.json")] = data
    return gold


def score_run(jsonl: Path, gold_paths: list[Path]) -> ScoreReport:
    gold = load_gold(gold_paths)
    records = {Path(r["source"]).name: r for r in read_jsonl(jsonl)}
    docs = []
    for name in sorted(gold):
        record = records.get(name)
        if record is not None:
            docs.append(score_document(record, gold[name]))
    return ScoreReport(docs, sorted(set(gold) - set(records)))


def score_document(record: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    text = record["text"]
    d = DocScore(Path(record["source"]).name, tuple(s for s in SECTIONS if s in gold))
    if "tables" in d.sections:
        t = score_tables(record["tables"], gold["tables"], text)
        d.tables_gold, d.tables_found = t.gold_tables, t.gold_tables_found
        d.cells_gold, d.cells_right = t.gold_cells, t.gold_cells_right
        d.missed_cells = list(t.missed_cells)
    if "case_titles" in d.sections:
        d.cases = score_cases(record["cases"], gold)
    if "claims" in d.sections:
        c = score_claims(record["claims"], gold, text)
        d.claims = PRF(c.true_positives, c.predicted, c.gold)
        d.indicators_right, d.indicators_judged = c.indicators_right, c.true_positives
        d.missed_claims, d.spurious_claims = list(c.missed), list(c.spurious)
        d.wrong_indicators = list(c.wrong_indicators)
    if "entities" in d.sections and (record["entities"] or gold["entities"]):
        tables = [(t["start"], t["end"]) for t in record.get("tables") or []]
        d.entities = score_entities(record["entities"], gold, tables)
    if "findings" in d.sections:
        d.findings = score_findings(
            record["findings"], record["claims"], gold, text, record.get("tables")
        ).as_dict()
    return d


def _finding_lines(f: dict[str, Any], misses: bool) -> list[str]:
    lines = [
        f"  findings definite {f['definite_found']}/{f['definite_gold']} = "
        f"{_ratio(f['definite_found'], f['definite_gold']):.4f}   possible {f['possible_found']}/{f['possible_gold']} = "
        f"{_ratio(f['possible_found'], f['possible_gold']):.4f}   predicted {f['predicted']}  "
        f"false alarms on consistent claims {f['false_alarms']}"
    ]
    for t, c in sorted(f.get("per_type", {}).items()):
        lines.append(
            f"    {t:<24} definite {c['definite_found']}/{c['definite_gold']}  possible {c['possible_found']}/{c['possible_gold']}"
        )
    lines.extend(f"    false alarm {m}" for m in f.get("false_alarm_messages", ()))
    if misses:
        lines.extend(f"    missed finding {m}" for m in f.get("missed_findings", ()))
    return lines


def format_report(report: ScoreReport, *, misses: bool = False) -> str:
    lines = []
    for d in [*report.docs, report.total()]:
        lines.append(f"== {d.doc}")
        if "tables" in d.sections:
            lines.append(f"  tables found      {d.tables_found}/{d.tables_gold}")
            lines.append(
                f"  cells right       {d.cells_right}/{d.cells_gold} = {_ratio(d.cells_right, d.cells_gold):.4f}"
            )
        if "case_titles" in d.sections:
            lines.append(
                f"  case titles       P {d.cases.precision:.4f}  R {d.cases.recall:.4f}  F1 {d.cases.f1:.4f}"
            )
        if "claims" in d.sections:
            lines.append(
                f"  claims (val+unit) P {d.claims.precision:.4f}  R {d.claims.recall:.4f}  F1 {d.claims.f1:.4f}"
                f"  ({d.claims.true_positives} matched, {d.claims.predicted} predicted, {d.claims.gold} gold)"
            )
            lines.append(
                f"  indicator right   {d.indicators_right}/{d.indicators_judged} = "
                f"{_ratio(d.indicators_right, d.indicators_judged):.4f}"
            )
        for k, v in sorted(d.entities.items()):
            lines.append(
                f"  entity {k:<11} P {v.precision:.4f}  R {v.recall:.4f}  F1 {v.f1:.4f}  ({v.gold} gold)"
            )
            if misses and d.doc != "TOTAL":
                if v.missed:
                    lines.append(f"    missed {k}: {' | '.join(v.missed)}")
                if v.spurious:
                    lines.append(f"    false {k}: {' | '.join(v.spurious)}")
        if d.findings:
            lines.extend(_finding_lines(d.findings, misses and d.doc != "TOTAL"))
        if misses and d.doc != "TOTAL":
            for title, items in (
                ("missed cells", d.missed_cells),
                ("missed claims", d.missed_claims),
                ("spurious claims", d.spurious_claims),
                ("wrong indicators", d.wrong_indicators),
                ("missed cases", list(d.cases.missed)),
                ("spurious cases", list(d.cases.spurious)),
            ):
                for item in items:
                    lines.append(f"    {title}: {item}")
    if report.missing:
        lines.append(f"gold files with no record in the run: {', '.join(report.missing)}")
    return "\n".join(lines)
