"""Extract: ``Segmented`` + pattern claims → entities, relations and claims that say where
they came from. The transformer tags the running text; suffix patterns over jieba words
find names too; one merge decides."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from pipeline.data import Claim, Entity, Provenance, Relation, Segmented

if TYPE_CHECKING:
    from pipeline.model.tagging import PairScore, TaggedSpan, Tagger, Tagging

# Relation-head probabilities above which its answer is used.
INDICATOR_THRESHOLD = 0.8
SUBJECT_THRESHOLD = 0.5
PATTERN_SCORE = 0.5
# Below this mean tag probability a model span is more often a fragment than a name.
MIN_ENTITY_SCORE = 0.6
# The model's name for "other organisation" and the contract's.
OUTPUT_TYPE = {"OTHER_ORG": "ORG"}
GENERIC_KEPT = ("PER", "LOC")


@dataclass(frozen=True, slots=True)
class Extraction:
    """The extract stage's result; ``model`` names the tagger used, ``None`` on the pattern path."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    claims: tuple[Claim, ...]
    model: str | None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    score: float
    source: Provenance


def extract(seg: Segmented, claims: tuple[Claim, ...], model: Tagger | None) -> Extraction:
    """Entities of the running text, claim subjects and indicators from the relation head."""
    text = seg.doc.text
    regions = [(s.start, s.end) for s in seg.sentences]
    tagging = model.tag(text, regions) if model is not None else None
    candidates = _model_candidates(tagging, text) if tagging else []
    candidates = merge_candidates(candidates, pattern_entities(text, seg.words, regions))
    entities = tuple(
        Entity(f"E{i}", c.type, text[c.start : c.end], c.start, c.end, round(c.score, 4), c.source)
        for i, c in enumerate(candidates, 1)
    )
    if tagging is None:
        return Extraction(entities, (), claims, None)
    new_claims, relations = _link_claims(claims, tagging, entities, text)
    return Extraction(entities, relations, new_claims, model.name if model else None)


def _model_candidates(tagging: Tagging, text: str) -> list[_Candidate]:
    """Domain-head spans, plus generic PER/LOC where the domain head found nothing."""
    found = [
        _Candidate(s.start, s.end, OUTPUT_TYPE.get(s.label, s.label), s.score, "model")
        for s in tagging.domain
        if s.score >= MIN_ENTITY_SCORE and _plausible_name(text[s.start : s.end])
    ]
    taken = [(c.start, c.end) for c in found]
    for s in tagging.generic:
        if s.score < MIN_ENTITY_SCORE:
            continue
        if s.label in GENERIC_KEPT and not any(_overlaps((s.start, s.end), t) for t in taken):
            if _plausible_name(text[s.start : s.end]):
                found.append(_Candidate(s.start, s.end, s.label, s.score, "model"))
    return sorted(found, key=lambda c: (c.start, c.end, c.type))


def _plausible_name(name: str) -> bool:
    """Two characters or more, no punctuation at either end, and not a generic word."""
    stripped = name.strip()
    if len(stripped) < 2 or stripped != name or not (name[0].isalnum() and name[-1].isalnum()):
        return False
    return name not in _generic_names()


@cache
def _generic_names() -> frozenset[str]:
    return frozenset(_suffix_table()["_generic_names"])


@cache
def _suffix_table() -> dict:
    path = resources.files("pipeline.patterns").joinpath("entity_suffixes.json")
    return json.loads(path.read_text("utf-8"))


def merge_candidates(model: list[_Candidate], pattern: list[_Candidate]) -> list[_Candidate]:
    """Pattern spans win where the two overlap (measured: they are the more precise);
    a model span of the same type makes one ``both``; other model spans are kept as they are.
    """
    merged = []
    for p in pattern:
        agreeing = any(
            _overlaps((m.start, m.end), (p.start, p.end)) and m.type == p.type for m in model
        )
        merged.append(replace(p, source="both") if agreeing else p)
    merged += [
        m for m in model if not any(_overlaps((m.start, m.end), (p.start, p.end)) for p in pattern)
    ]
    return sorted(merged, key=lambda c: (c.start, c.end, c.type))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@cache
def _entity_patterns() -> tuple[tuple[tuple[str, str], ...], frozenset[str], int, str]:
    table = _suffix_table()
    kept = set(table["_pattern_types"])
    suffixes = sorted(
        ((s, t) for t in kept for s in table[t]), key=lambda p: (-len(p[0]), p[0], p[1])
    )
    stops = frozenset(table["_left_stops"])
    return tuple(suffixes), stops, table["_max_name_chars"], table["_place_endings"]


def pattern_entities(
    text: str, words: tuple[tuple[int, int], ...], regions: list[tuple[int, int]]
) -> list[_Candidate]:
    """Names ending in a typed suffix, grown leftwards over whole jieba words up to a stop word."""
    suffixes, stops, max_chars, places = _entity_patterns()
    word_starts = [w[0] for w in words]
    found = []
    for region_start, region_end in regions:
        first = bisect_left(word_starts, region_start)
        last = bisect_right(word_starts, region_end)
        region_words = [w for w in words[first:last] if w[1] <= region_end]
        for k, (start, end) in enumerate(region_words):
            word = text[start:end]
            kind = next((t for s, t in suffixes if word.endswith(s)), None)
            if kind is None:
                continue
            span_words = [(start, end)]
            for prev_start, prev_end in reversed(region_words[:k]):
                prev = text[prev_start:prev_end]
                if prev in stops or not all("\u4e00" <= c <= "\u9fff" for c in prev):
                    break
                if end - prev_start > max_chars or prev_end != span_words[0][0]:
                    break
                span_words.insert(0, (prev_start, prev_end))
            # The name starts at its outermost place word ("河北省", "市"); none, no name.
            place = next((w for w in span_words[:-1] if text[w[1] - 1] in places), None)
            if place is not None and _plausible_name(text[place[0] : end]):
                found.append(_Candidate(place[0], end, kind, PATTERN_SCORE, "pattern"))
    return found


def _link_claims(
    claims: tuple[Claim, ...], tagging: Tagging, entities: tuple[Entity, ...], text: str
) -> tuple[tuple[Claim, ...], tuple[Relation, ...]]:
    """Mark claims the model also found; fill indicators and subjects from confident pairs."""
    by_span = {(e.start, e.end): e for e in entities}
    best_pairs = _best_pairs(tagging)
    quantity_starts = [q.start for q in tagging.quantities]
    relations: list[Relation] = []
    updated = []
    for claim in claims:
        q = _quantity_of(claim, tagging.quantities, quantity_starts)
        changes: dict = {}
        if q is not None:
            changes["source"] = "both"
            indicator = _confident(best_pairs.get((q, "CLAIM_INDICATOR")), INDICATOR_THRESHOLD)
            if indicator is not None and claim.indicator is None:
                span = tagging.indicators[indicator.target]
                changes |= _with_indicator(claim, span, text)
            subject = _confident(best_pairs.get((q, "CLAIM_SUBJECT")), SUBJECT_THRESHOLD)
            if subject is not None:
                span = tagging.domain[subject.target]
                entity = by_span.get((span.start, span.end))
                if entity is not None:
                    changes["subject"] = entity.id
                    relations.append(
                        Relation("CLAIM_SUBJECT", claim.id, entity.id, "model", subject.score)
                    )
        claim = replace(claim, **changes) if changes else claim
        if claim.indicator:
            source: Provenance = "model" if "indicator" in changes else "pattern"
            relations.append(Relation("CLAIM_INDICATOR", claim.id, claim.indicator, source, None))
        updated.append(claim)
    return tuple(updated), tuple(relations)


def _quantity_of(claim: Claim, quantities: tuple[TaggedSpan, ...], starts: list[int]) -> int | None:
    """The first model quantity overlapping the claim's number (quantities sorted by start)."""
    i = bisect_left(starts, claim.number_start)
    for j in range(max(0, i - 2), len(quantities)):
        q = quantities[j]
        if q.start >= claim.number_end:
            break
        if _overlaps((q.start, q.end), (claim.number_start, claim.number_end)):
            return j
    return None


def _best_pairs(tagging: Tagging) -> dict[tuple[int, str], PairScore]:
    """The best-scoring pair per (quantity, kind), found in one pass over all pairs."""
    best: dict[tuple[int, str], PairScore] = {}
    for p in tagging.pairs:
        key = (p.quantity, p.kind)
        held = best.get(key)
        if held is None or (p.score, -p.target) > (held.score, -held.target):
            best[key] = p
    return best


def _confident(pair: PairScore | None, threshold: float) -> PairScore | None:
    return pair if pair is not None and pair.score >= threshold else None


def _with_indicator(claim: Claim, span: TaggedSpan, text: str) -> dict:
    start, end = min(claim.start, span.start), max(claim.end, span.end)
    return {
        "indicator": text[span.start : span.end],
        "indicator_start": span.start,
        "indicator_end": span.end,
        "start": start,
        "end": end,
        "text": text[start:end],
    }
