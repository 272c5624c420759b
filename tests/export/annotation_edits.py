"""Shared by the Label Studio and doccano tests: a real record, and a person's corrections.

The record is the pipeline's output (with the model) for one committed sample report. The
corrections are chosen from the record itself, so that what the scorer must report follows
from them: one SCHOOL name deleted, one GOV name added, one ENTERPRISE relabelled
OTHER_ORG, one claim deleted (with its parts), one claim's indicator cut to one character.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from nianbao.export.contract import to_record
from nianbao.run import RunOptions, annotate_path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample" / "synth_234_0004.txt"
GOLD_TYPES = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG")
# Running-text words that are no predicted name: one becomes the added GOV "name".
ADDED_CANDIDATES = ("学校相关职能部门", "全国中等职业学校管理信息系统", "职能部门")


@cache
def pipeline_record() -> dict[str, Any]:
    """The contract record of the sample report (model on), computed once per process."""
    return to_record(annotate_path(str(SAMPLE), RunOptions()))


def gold_type(entity_type: str) -> str:
    return "OTHER_ORG" if entity_type == "ORG" else entity_type


def in_tables(record: dict[str, Any], start: int) -> bool:
    return any(t["start"] <= start < t["end"] for t in record["tables"])


def running_names(record: dict[str, Any]) -> dict[str, set[str]]:
    """Predicted unique names per gold type outside tables: what the scorer compares."""
    names: dict[str, set[str]] = {t: set() for t in GOLD_TYPES}
    for e in record["entities"]:
        if gold_type(e["type"]) in names and not in_tables(record, e["start"]):
            names[gold_type(e["type"])].add(e["text"])
    return names


@dataclass(frozen=True)
class Edits:
    deleted_entity: dict[str, Any]  # a SCHOOL whose name occurs once
    relabelled_entity: dict[str, Any]  # an ENTERPRISE whose name occurs once → OTHER_ORG
    added: tuple[int, int]  # span labelled GOV
    deleted_claim: dict[str, Any]
    cut_claim: dict[str, Any]  # its INDICATOR becomes its first character

    @property
    def added_name(self) -> str:
        start, end = self.added
        return pipeline_record()["text"][start:end]


def choose_edits(record: dict[str, Any]) -> Edits:
    counts = Counter(
        (gold_type(e["type"]), e["text"]) for e in record["entities"] if e["type"] != "LOC"
    )

    def once(kind: str) -> dict[str, Any]:
        return next(
            e
            for e in record["entities"]
            if e["type"] == kind
            and counts[(kind, e["text"])] == 1
            and not in_tables(record, e["start"])
        )

    names = {n for group in running_names(record).values() for n in group}
    text = record["text"]
    added = next(
        (text.index(w), text.index(w) + len(w))
        for w in ADDED_CANDIDATES
        if w in text and w not in names and not in_tables(record, text.index(w))
    )
    quotes = Counter(c["text"] for c in record["claims"])
    indicators = Counter((c["indicator_start"], c["indicator_end"]) for c in record["claims"])
    plain = [
        c
        for c in record["claims"]
        if quotes[c["text"]] == 1
        and c["indicator"]
        and len(c["indicator"]) >= 3
        and indicators[(c["indicator_start"], c["indicator_end"])] == 1
        and c["start"] <= c["indicator_start"]
        and c["indicator_end"] <= c["end"]
    ]
    return Edits(once("SCHOOL"), once("ENTERPRISE"), added, plain[0], plain[1])


def expected_entity_scores(
    record: dict[str, Any], edits: Edits
) -> dict[str, tuple[Fraction, Fraction]]:
    """Precision and recall per type that the corrections imply (names counted, not spans)."""
    predicted = running_names(record)
    gold = {t: set(v) for t, v in predicted.items()}
    gold["SCHOOL"].discard(edits.deleted_entity["text"])
    gold["ENTERPRISE"].discard(edits.relabelled_entity["text"])
    gold["OTHER_ORG"].add(edits.relabelled_entity["text"])
    gold["GOV"].add(edits.added_name)
    out = {}
    for t in GOLD_TYPES:
        tp = len(gold[t] & predicted[t])
        out[t] = (
            Fraction(tp, len(predicted[t])) if predicted[t] else Fraction(1),
            Fraction(tp, len(gold[t])) if gold[t] else Fraction(1),
        )
    return out


def example_offsets(text: str, examples: list[Any]) -> list[int]:
    """Where each example (a sentence, in order) starts in the document text."""
    starts, cursor = [], 0
    for example in examples:
        cursor = text.index(example.text, cursor)
        starts.append(cursor)
        cursor += len(example.text)
    return starts


def labels_at(text: str, examples: list[Any], start: int, end: int) -> dict[str, set[str]]:
    """The training labels on document characters ``[start, end)``, by layer."""
    found: dict[str, set[str]] = {"domain": set(), "quantities": set(), "indicators": set()}
    for base, example in zip(example_offsets(text, examples), examples, strict=True):
        if not (base <= start and end <= base + len(example.text)):
            continue
        for s, e, kind in example.domain or ():
            if (s + base, e + base) == (start, end):
                found["domain"].add(kind)
        for s, e in example.quantities or ():
            if (s + base, e + base) == (start, end):
                found["quantities"].add("QTY")
        for s, e in example.indicators:
            if (s + base, e + base) == (start, end):
                found["indicators"].add("IND")
    return found
