"""Score predicted findings against a gold file (dev-gold/SCHEMA.md).

Matching rule. A predicted finding matches a gold finding only when it names the gold's
problem, not merely the same table:
1. their types are in the same family: narrative (``narrative_vs_table``,
   ``narrative_vs_narrative``, ``narrative_arithmetic``), table (``table_internal_sum``,
   ``table_internal_ratio``, gold-only ``table_internal_other``, ``table_vs_table``) or
   ``label_or_period``;
2. it is in the same place: one of its evidence items (a claim, a text span, a cell, or a
   cited table with its caption) overlaps the gold ``quote`` or the gold
   ``reference_quote``; and
3. it names the gold's numbers: predicted (claimed, expected) equals gold (claimed,
   reference) in either order, or one of the two is equal and the other within 25 % (the
   same anomaly measured against another reference). Two numbers are equal when they differ
   by at most 0.5 % of the larger, also after scaling by 万 (1286.5 万元 = 12865000 元).
Matching is one-to-one: first over pairs of the same type, then over pairs of the same
family (maximum bipartite matching each time), so a prediction counts for one gold
finding only.

False alarms are predicted findings raised on a claim the gold file lists as
``consistent``: the finding's first evidence item is a claim whose span overlaps a
consistent quote. Consistent quotes that are also the quote of a gold finding (a claim
that agrees with one source and not another) are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from nianbao.scoring.quotes import find_all, find_quote

FAMILIES = {
    "narrative_vs_table": "narrative",
    "narrative_vs_narrative": "narrative",
    "narrative_arithmetic": "narrative",
    "table_internal_sum": "table",
    "table_internal_ratio": "table",
    "table_internal_other": "table",
    "table_vs_table": "table",
    "label_or_period": "label",
}
_RELATIVE_TOLERANCE = Decimal("0.005")
_OTHER_REFERENCE_TOLERANCE = Decimal("0.25")
_WAN = Decimal(10000)


@dataclass(frozen=True, slots=True)
class FindingScore:
    """Recall of gold findings by severity and type, and false alarms on consistent claims."""

    definite_gold: int
    definite_found: int
    possible_gold: int
    possible_found: int
    predicted: int
    false_alarms: int
    unmatched_predictions: int  # neither a gold finding nor a false alarm: to be read by a person
    per_type: tuple[
        tuple[str, int, int, int, int], ...
    ]  # type, definite gold/found, possible gold/found
    matches: tuple[tuple[str, str], ...]  # (gold id, predicted id)
    missed: tuple[str, ...]  # gold ids not found
    false_alarm_ids: tuple[str, ...]
    unlocated: tuple[str, ...]  # gold quotes not found in the text
    false_alarm_messages: tuple[str, ...] = ()  # "F2: 正文称…", one per false alarm
    missed_findings: tuple[str, ...] = ()  # "G1 definite narrative_vs_table 13 vs 14 «quote»"

    @property
    def definite_recall(self) -> float:
        return self.definite_found / self.definite_gold if self.definite_gold else 1.0

    @property
    def possible_recall(self) -> float:
        return self.possible_found / self.possible_gold if self.possible_gold else 1.0

    def as_dict(self) -> dict[str, Any]:
        """Counts at the top level (they add up over documents); details nested."""
        return {
            "definite_gold": self.definite_gold,
            "definite_found": self.definite_found,
            "possible_gold": self.possible_gold,
            "possible_found": self.possible_found,
            "predicted": self.predicted,
            "false_alarms": self.false_alarms,
            "unmatched_predictions": self.unmatched_predictions,
            "recall": {
                "definite": round(self.definite_recall, 4),
                "possible": round(self.possible_recall, 4),
            },
            "per_type": {
                t: {
                    "definite_gold": dg,
                    "definite_found": df,
                    "possible_gold": pg,
                    "possible_found": pf,
                }
                for t, dg, df, pg, pf in self.per_type
            },
            "matches": [list(m) for m in self.matches],
            "missed": list(self.missed),
            "false_alarm_ids": list(self.false_alarm_ids),
            "unlocated": list(self.unlocated),
            "false_alarm_messages": list(self.false_alarm_messages),
            "missed_findings": list(self.missed_findings),
        }


def score_findings(
    pred_findings: list[dict[str, Any]],
    pred_claims: list[dict[str, Any]],
    gold: dict[str, Any],
    text: str,
    pred_tables: list[dict[str, Any]] | None = None,
) -> FindingScore:
    """Match predicted findings (contract dicts) to gold findings; count false alarms.

    ``pred_tables`` (the record's tables) lets a finding that cites a cell be placed by its
    table's span, caption included.
    """
    places = _Places(
        claims={c["id"]: (c["start"], c["end"]) for c in pred_claims if "id" in c},
        tables={t["id"]: (t["start"], t["end"]) for t in pred_tables or () if "id" in t},
    )
    golds = gold.get("findings", [])
    unlocated: list[str] = []
    gold_places = []
    for g in golds:
        span = locate(text, g.get("quote", ""), g.get("occurrence", 1))
        if span is None:
            unlocated.append(g.get("id", g.get("quote", "")))
        gold_places.append(
            ([span] if span else []) + locate_all(text, g.get("reference_quote") or "")
        )
    allowed = [
        [_edge(p, g, where, places) for p in pred_findings]
        for g, where in zip(golds, gold_places, strict=True)
    ]
    pairs = _match(allowed)
    matched_pred = {p for _, p in pairs}
    matched_gold = {g for g, _ in pairs}
    alarms = _false_alarms(pred_findings, places.claims, gold, text)
    per_type = _per_type(golds, matched_gold)
    return FindingScore(
        definite_gold=sum(1 for g in golds if g.get("severity") == "definite"),
        definite_found=sum(1 for i in matched_gold if golds[i].get("severity") == "definite"),
        possible_gold=sum(1 for g in golds if g.get("severity") == "possible"),
        possible_found=sum(1 for i in matched_gold if golds[i].get("severity") == "possible"),
        predicted=len(pred_findings),
        false_alarms=len(alarms),
        unmatched_predictions=sum(
            1 for i in range(len(pred_findings)) if i not in matched_pred and i not in alarms
        ),
        per_type=per_type,
        matches=tuple(
            sorted(
                (str(golds[g].get("id", g)), str(pred_findings[p].get("id", p))) for g, p in pairs
            )
        ),
        missed=tuple(str(g.get("id", i)) for i, g in enumerate(golds) if i not in matched_gold),
        false_alarm_ids=tuple(str(pred_findings[i].get("id", i)) for i in sorted(alarms)),
        unlocated=tuple(unlocated),
        false_alarm_messages=tuple(
            f"{pred_findings[i].get('id', i)}: {pred_findings[i].get('message', '')}"
            for i in sorted(alarms)
        ),
        missed_findings=tuple(_describe(g) for i, g in enumerate(golds) if i not in matched_gold),
    )


def _describe(g: dict[str, Any]) -> str:
    return (
        f"{g.get('id', '?')} {g.get('severity', '?')} {g.get('type', '?')} "
        f"{g.get('claimed')} vs {g.get('reference')} «{g.get('quote', '')}»"
    )


def locate(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th appearance of ``quote`` in ``text``."""
    return find_quote(text, quote, occurrence)


def locate_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span where ``quote`` appears (a reference quote such as ``1286`` may recur)."""
    return find_all(text, quote)


@dataclass(frozen=True, slots=True)
class _Places:
    """Where the predicted record's claims and tables lie in the text."""

    claims: dict[str, tuple[int, int]]
    tables: dict[str, tuple[int, int]]


def _edge(
    pred: dict[str, Any], gold: dict[str, Any], where: list[tuple[int, int]], places: _Places
) -> int:
    """0: cannot match; 1: same family; 2: same type."""
    family = FAMILIES.get(gold.get("type", ""))
    if family is None or FAMILIES.get(pred.get("type", "")) != family:
        return 0
    if not _names_the_numbers(pred, gold):
        return 0
    if not any(_overlaps(s, w) for s in _spans(pred, places) for w in where):
        return 0
    return 2 if pred.get("type") == gold.get("type") else 1


def _names_the_numbers(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Both gold numbers, or one of them and the other within 25 % (another reference)."""
    g = (_dec(gold.get("claimed")), _dec(gold.get("reference")))
    p = (_dec(pred.get("claimed")), _dec(pred.get("expected")))
    for first, second in ((p[0], p[1]), (p[1], p[0])):
        if _close(first, g[0]) and _close(second, g[1]):
            return True
        if _close(first, g[0]) and _near(second, g[1]):
            return True
        if _close(second, g[1]) and _near(first, g[0]):
            return True
    return False


def _match(allowed: list[list[int]]) -> list[tuple[int, int]]:
    """Maximum bipartite matching over same-type edges, then extended over family edges."""
    owner: dict[int, int] = {}
    for level in (2, 1):
        for g in range(len(allowed)):
            if g in owner.values():
                continue
            _augment(g, allowed, level, owner, set())
    return sorted((g, p) for p, g in owner.items())


def _augment(
    g: int, allowed: list[list[int]], level: int, owner: dict[int, int], seen: set[int]
) -> bool:
    for p, weight in enumerate(allowed[g]):
        if weight < level or p in seen:
            continue
        seen.add(p)
        if p not in owner or _augment(owner[p], allowed, level, owner, seen):
            owner[p] = g
            return True
    return False


def _false_alarms(
    preds: list[dict[str, Any]], claims: dict[str, tuple[int, int]], gold: dict[str, Any], text: str
) -> set[int]:
    finding_spans = [
        locate(text, g.get("quote", ""), g.get("occurrence", 1)) for g in gold.get("findings", [])
    ]
    consistent = []
    for c in gold.get("consistent", []):
        span = locate(text, c.get("quote", ""), c.get("occurrence", 1))
        if span is not None and not any(
            f is not None and _overlaps(span, f) for f in finding_spans
        ):
            consistent.append(span)
    alarms = set()
    for i, pred in enumerate(preds):
        evidence = pred.get("evidence") or []
        first = evidence[0] if evidence else {}
        if first.get("kind") != "claim" or first.get("id") not in claims:
            continue
        if any(_overlaps(claims[first["id"]], span) for span in consistent):
            alarms.add(i)
    return alarms


def _per_type(
    golds: list[dict[str, Any]], found: set[int]
) -> tuple[tuple[str, int, int, int, int], ...]:
    types = sorted({g.get("type", "") for g in golds})
    out = []
    for t in types:
        idx = [i for i, g in enumerate(golds) if g.get("type") == t]
        dg = [i for i in idx if golds[i].get("severity") == "definite"]
        pg = [i for i in idx if golds[i].get("severity") == "possible"]
        out.append(
            (
                t,
                len(dg),
                sum(1 for i in dg if i in found),
                len(pg),
                sum(1 for i in pg if i in found),
            )
        )
    return tuple(out)


def _spans(pred: dict[str, Any], places: _Places) -> list[tuple[int, int]]:
    """The text spans a prediction's evidence covers: claims, text, cells and their tables."""
    spans = []
    for e in pred.get("evidence") or []:
        if e.get("kind") == "claim" and e.get("id") in places.claims:
            spans.append(places.claims[e["id"]])
        elif e.get("start") is not None and e.get("end") is not None:
            spans.append((e["start"], e["end"]))
        if e.get("kind") == "cell" and e.get("table") in places.tables:
            spans.append(places.tables[e["table"]])
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    """Equal within printed precision, also when one side is in 万 and the other is not."""
    return _within(a, b, _RELATIVE_TOLERANCE)


def _near(a: Decimal | None, b: Decimal | None) -> bool:
    return _within(a, b, _OTHER_REFERENCE_TOLERANCE)


def _within(a: Decimal | None, b: Decimal | None, tolerance: Decimal) -> bool:
    if a is None or b is None:
        return False
    for scaled in (a, a * _WAN, a / _WAN):
        if abs(scaled - b) <= tolerance * max(abs(scaled), abs(b)):
            return True
    return False
