"""Scoring case-study titles and entities against gold annotations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import regex

_SPACE = regex.compile(r"[\s\u3000*]+")


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts behind precision, recall and F1, with what was missed and what was spurious."""

    true_positives: int
    predicted: int
    gold: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.missed + other.missed,
            self.spurious + other.spurious,
        )


def _norm(title: str) -> str:
    return _SPACE.sub("", title)


def score_cases(pred_cases: list[dict[str, Any]], gold: dict[str, Any]) -> PRF:
    """A predicted case title is right when its title equals a gold title (whitespace
    ignored) — number and title together, one-to-one."""
    gold_titles = Counter(_norm(g["title"]) for g in gold.get("case_titles", []))
    pred_titles = Counter(_norm(p["title"]) for p in pred_cases)
    tp = sum((gold_titles & pred_titles).values())
    missed = tuple(sorted((gold_titles - pred_titles).elements()))
    spurious = tuple(sorted((pred_titles - gold_titles).elements()))
    return PRF(tp, sum(pred_titles.values()), sum(gold_titles.values()), missed, spurious)


# Gold's OTHER_ORG is the model's ORG.
ENTITY_TYPE_TO_GOLD = {"ORG": "OTHER_ORG"}


def score_entities(
    pred_entities: list[dict[str, Any]],
    gold: dict[str, Any],
    unscored: list[tuple[int, int]] | tuple[tuple[int, int], ...] = (),
) -> dict[str, PRF]:
    """Per-type P/R/F1 over unique surface strings, for the types the gold lists.

    ``unscored`` are the spans the gold does not annotate (tables: "a name met only inside
    table cells is neither right nor wrong"); a predicted name found only there is left out.
    """
    out: dict[str, PRF] = {}
    gold_sets = {t: set(v) for t, v in (gold.get("entities") or {}).items()}
    pred_sets: dict[str, set[str]] = {}
    for e in pred_entities:
        if _inside(e.get("start"), unscored):
            continue
        pred_sets.setdefault(ENTITY_TYPE_TO_GOLD.get(e["type"], e["type"]), set()).add(e["text"])
    # Types the gold does not annotate (PER, LOC) cannot be scored against it.
    for t in sorted(gold_sets):
        g, p = gold_sets.get(t, set()), pred_sets.get(t, set())
        out[t] = PRF(len(g & p), len(p), len(g), tuple(sorted(g - p)), tuple(sorted(p - g)))
    return out


def _inside(start: int | None, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> bool:
    return start is not None and any(a <= start < b for a, b in spans)
