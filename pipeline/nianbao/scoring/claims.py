"""Score predicted numeric claims against a gold file (dev-gold/SCHEMA.md).

A prediction matches a gold claim when their spans overlap, the values are equal as
``Decimal`` and the units agree after trivial normalisation (full-width %, 百分点 →
个百分点, 平米 → 平方米, 周年 → 年). Matching is one-to-one (maximum bipartite matching).

Indicator rule ("indicator right"), for matched claims only. Both indicators are
normalised: whitespace, quotation marks and bracketed asides (（含升学）) are removed, then
a trailing 数/人数/总数/数量 is cut. The prediction is right when the two are equal; or
when one contains the other, the shorter has at least two characters and a longer
prediction is at most twice the gold length plus two (so a whole clause does not pass);
or when their character-bigram Dice coefficient is at least 0.5 (paraphrases such as
学员获得省级证书 / 获省级证书学员数). A claim with no predicted indicator is wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import regex

from nianbao.scoring.quotes import find_quote

_UNIT_SYNONYMS = {
    "％": "%",
    "百分点": "个百分点",
    "平米": "平方米",
    "㎡": "平方米",
    "周年": "年",
    "：": "ratio",
}
_BRACKETED = regex.compile(r"（[^（）]*）|\([^()]*\)|〔[^〔〕]*〕|\[[^\[\]]*\]")
_QUOTES = regex.compile(r"[“”‘’\"'「」『』《》〈〉\s]")
_TRAILING_COUNT = regex.compile(r"(?:总人数|人数|总数|数量|数)$")


@dataclass(frozen=True, slots=True)
class ClaimScore:
    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    gold: int
    indicators_right: int
    indicator_accuracy: float  # over matched claims
    missed: tuple[dict[str, Any], ...]  # gold claims with no matching prediction
    spurious: tuple[dict[str, Any], ...]  # predictions with no matching gold claim
    wrong_indicators: tuple[tuple[str, str | None], ...]  # (gold indicator, predicted)
    unlocated: tuple[dict[str, Any], ...]  # gold claims whose quote is not in the text


def normalise_unit(unit: str | None) -> str:
    """Trivial unit normalisation shared by gold and prediction."""
    unit = (unit or "").strip()
    return _UNIT_SYNONYMS.get(unit, unit)


def normalise_indicator(text: str | None) -> str:
    """Indicator text without spaces, quotes, bracketed asides and a trailing 数/人数/总数."""
    text = _QUOTES.sub("", _BRACKETED.sub("", text or ""))
    return _TRAILING_COUNT.sub("", text) or text


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def indicator_right(gold: str | None, predicted: str | None) -> bool:
    """The module docstring's rule for whether a predicted indicator names the gold one."""
    g, p = normalise_indicator(gold), normalise_indicator(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    shorter, longer = sorted((g, p), key=len)
    if len(shorter) >= 2 and shorter in longer and (len(p) <= len(g) or len(p) <= 2 * len(g) + 2):
        return True
    gb, pb = _bigrams(g), _bigrams(p)
    total = sum(gb.values()) + sum(pb.values())
    return total > 0 and 2 * sum((gb & pb).values()) / total >= 0.5


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _locate(claim: dict[str, Any], text: str) -> tuple[int, int] | None:
    """Span of the gold quote's ``occurrence``-th appearance (1-based, default 1)."""
    return find_quote(text, claim["quote"], int(claim.get("occurrence", 1)))


def _agrees(gold: dict[str, Any], span: tuple[int, int], pred: dict[str, Any]) -> bool:
    if not (pred["start"] < span[1] and span[0] < pred["end"]):
        return False
    if normalise_unit(gold.get("unit")) != normalise_unit(pred.get("unit")):
        return False
    g, p = _decimal(gold.get("value")), _decimal(pred.get("value"))
    return g is not None and p is not None and g == p


def _match(candidates: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching gold → prediction (Kuhn's augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(candidates)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def score_claims(pred_claims: list[dict[str, Any]], gold: dict[str, Any], text: str) -> ClaimScore:
    """Precision, recall and F1 on value + unit, and indicator accuracy over matched claims."""
    located = [(claim, _locate(claim, text)) for claim in gold.get("claims", [])]
    unlocated = tuple(claim for claim, span in located if span is None)
    usable = [(claim, span) for claim, span in located if span is not None]
    candidates = [
        [i for i, pred in enumerate(pred_claims) if _agrees(claim, span, pred)]
        for claim, span in usable
    ]
    matched = _match(candidates)
    tp = len(matched)
    n_gold = len(gold.get("claims", []))
    precision = tp / len(pred_claims) if pred_claims else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    errors = []
    for g, p in sorted(matched.items()):
        gold_indicator, predicted = usable[g][0].get("indicator"), pred_claims[p].get("indicator")
        if not indicator_right(gold_indicator, predicted):
            errors.append((gold_indicator or "", predicted))
    used = set(matched.values())
    return ClaimScore(
        precision=precision,
        recall=recall,
        f1=f1,
        true_positives=tp,
        predicted=len(pred_claims),
        gold=n_gold,
        indicators_right=tp - len(errors),
        indicator_accuracy=(tp - len(errors)) / tp if tp else 0.0,
        missed=tuple(usable[g][0] for g in range(len(usable)) if g not in matched),
        spurious=tuple(p for i, p in enumerate(pred_claims) if i not in used),
        wrong_indicators=tuple(errors),
        unlocated=unlocated,
    )
