"""Extract: ``Segmented`` + pattern claims → entities, relations and claims that say where
they came from. The transformer tags the running text; suffix patterns over jieba words
find names too; one merge decides."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from nianbao.data import Claim, Entity, Provenance, Relation, Segmented
from nianbao.entities.aliases import document_aliases, with_declared_aliases
from nianbao.entities.bodies import bureau_units, inner_bodies, names_one_site
from nianbao.entities.events import quoted_events
from nianbao.entities.joins import (
    names_by_nouns,
    namesake_schools,
    used_as_kind,
    with_divisions,
    with_owners,
    without_caption_number,
)
from nianbao.entities.lists import listed_enterprises
from nianbao.entities.patterns import (
    CONTRACT_TYPES,
    GENERIC_TYPES,
    EntityCandidate,
    checked_type,
    glued_particles,
    has_ending,
    is_word_not_name,
    names_a_kind,
    pattern_entities,
    plausible_name,
    suffix_table,
    suffixes_of,
    without_leading_particle,
    words_before_name,
)
from nianbao.entities.short_forms import short_form_organs
from nianbao.layout.segment import entity_regions
from nianbao.text.places import ends_like_place, is_bare_place
from nianbao.text.words import tokenize, word_pos

if TYPE_CHECKING:
    from nianbao.model.tagging import PairScore, TaggedSpan, Tagger, Tagging

# Relation-head probabilities above which its answer is used.
INDICATOR_THRESHOLD = 0.8
SUBJECT_THRESHOLD = 0.5
# Below this mean tag probability a model span is more often a fragment than a name.
MIN_ENTITY_SCORE = 0.6
_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# A stage or venue after a competition's name is part of it: 技能大赛总决赛争夺赛,
# 龙舟联赛（江门·恩平站）.
# Measure words of a count that a model span may take for a name's first character.
_MEASURE_WORDS = "名个家所位支"
_NUMERALS = "一二两三四五六七八九十百千"
# A campus after a school's name is part of it (台山培英职校新校区).
_CAMPUS = re.compile(r"[\u4e00-\u9fff]{0,6}?校区|分校")
# An event of the competition named right after it: …技能大赛康复技术项目 (the schema keeps
# the longest name).
_EVENT = re.compile(r"[\u4e00-\u9fff]{2,8}?(?P<ending>竞赛项目|比赛项目|项目)")
_VENUE = re.compile(r"（[^（）\n]{1,12}(?:站|赛区|分赛区|赛段|赛场)）")


@dataclass(frozen=True, slots=True)
class Extraction:
    """The extract stage's result; ``model`` names the tagger used, ``None`` on the pattern path."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    claims: tuple[Claim, ...]
    model: str | None


def extract(seg: Segmented, claims: tuple[Claim, ...], model: Tagger | None) -> Extraction:
    """Entities of the running text, claim subjects and indicators from the relation head."""
    text = seg.doc.text
    regions = entity_regions(text, seg.layout, seg.sentences)
    # A cell of digits and signs holds no name: the model reads only regions with letters.
    lettered = [r for r in regions if _LETTER.search(text, r[0], r[1])]
    tagging = model.tag(text, lettered, seg.words) if model is not None else None
    candidates = _model_candidates(tagging, text, seg.words) if tagging else []
    patterns = pattern_entities(text, seg.words, regions)
    patterns += short_form_organs(text, seg.words, regions)
    patterns += inner_bodies(text, seg.words, regions)
    patterns += bureau_units(text, regions)
    patterns += quoted_events(text, regions)
    candidates = merge_candidates(candidates, patterns, text)
    candidates = _with_listed(candidates, listed_enterprises(text, seg.words, regions))
    candidates = with_declared_aliases(text, regions, candidates)
    candidates = _with_aliases(candidates, document_aliases(text, seg.words, regions, candidates))
    candidates = with_owners(namesake_schools(candidates, text))
    candidates = [
        without_caption_number(without_counted_measure(with_stage(c, text), text), text)
        for c in candidates
    ]
    candidates = [c for c in candidates if not used_as_kind(c, text)]
    candidates = with_divisions(candidates, text, {e for _, e in seg.words})
    entities = tuple(
        Entity(f"E{i}", c.type, text[c.start : c.end], c.start, c.end, round(c.score, 4), c.source)
        for i, c in enumerate(candidates, 1)
    )
    if tagging is None:
        return Extraction(entities, (), claims, None)
    new_claims, relations = _link_claims(claims, tagging, entities, text)
    return Extraction(entities, relations, new_claims, model.name if model else None)


def _model_candidates(
    tagging: Tagging, text: str, words: tuple[tuple[int, int], ...]
) -> list[EntityCandidate]:
    """Domain-head spans, plus generic PER/LOC where the domain head found nothing.

    A span must be a plausible name on whole jieba words (a span that starts or ends inside
    a word is a fragment: "山培英" of "台山培英"), and not a kind ("市中职学校").
    """
    # jieba glues an unknown name to a particle ("与蓉康"): a border one particle inside a
    # word still counts as a word border.
    before, after = glued_particles()
    starts = {s for s, _ in words} | {s + 1 for s, e in words if e - s > 2 and text[s] in before}
    ends = {e for _, e in words} | {e - 1 for s, e in words if e - s > 2 and text[e - 1] in after}

    word_starts = [s for s, _ in words]

    def trimmed(span: TaggedSpan) -> TaggedSpan | None:
        if span.score < MIN_ENTITY_SCORE or span.start not in starts or span.end not in ends:
            return None
        first, last = bisect_left(word_starts, span.start), bisect_left(word_starts, span.end)
        inside = words[first:last]
        drop = words_before_name(text, inside, span.label) if inside else 0
        if drop is None:
            return None
        start = inside[drop][0] if drop else span.start
        start += without_leading_particle(text[start : span.end])
        name = text[start : span.end]
        if not plausible_name(name) or names_a_kind(name) or is_word_not_name(name):
            return None
        kind = checked_type(name, span.label)
        if kind == "OTHER_ORG" and (word_pos().get(name) == "n" or not names_one_site(name)):
            return None  # a common noun of the dictionary (中心, 大会, 工作室) names no body
        return replace(span, start=start, label=kind) if kind else None

    found = []
    for span in joined_spans(tagging.domain, text):
        name = trimmed(span)
        # The domain types are organisations (and people): a bare place is none of them.
        if name is not None and not is_bare_place(text[name.start : name.end]):
            kind = CONTRACT_TYPES.get(name.label, name.label)
            found.append(EntityCandidate(name.start, name.end, kind, name.score, "model"))
    taken = _SpanIndex(found)
    for s in tagging.generic:
        name = trimmed(s) if s.label in GENERIC_TYPES else None
        if name is not None and not taken.overlapping(name.start, name.end):
            found.append(EntityCandidate(name.start, name.end, name.label, name.score, "model"))
    return sorted(found, key=lambda c: (c.start, c.end, c.type))


def joined_spans(spans: tuple[TaggedSpan, ...], text: str) -> list[TaggedSpan]:
    """Model spans with a name cut in two made whole again.

    A part without any type's ending cannot be a name on its own; it continues into the next
    span of its type when that one has an ending and nothing lies between them
    (秦皇岛和信基业|万怡酒店), a joining word does in a body's name (教育部职业教育|与|成人教育司),
    or one character follows a bare place (广东|为|正食品有限公司: a place, then the brand).
    """
    joining = set(suffix_table()["_joining_stops"])
    across = set(suffix_table()["_joined_across_stops"])
    out: list[TaggedSpan] = []
    for span in spans:
        if out and _continues(out[-1], span, text, joining, across):
            last = out.pop()
            span = replace(span, start=last.start, score=min(last.score, span.score))
        out.append(span)
    return out


def _continues(
    left: TaggedSpan, right: TaggedSpan, text: str, joining: set[str], across: set[str]
) -> bool:
    if left.label != right.label or right.start < left.end or right.start - left.end > 1:
        return False
    head, tail = text[left.start : left.end], text[right.start : right.end]
    if has_ending(head) or not has_ending(tail) or is_word_not_name(head):
        return False
    gap = text[left.end : right.start]
    if not gap:
        return True
    if gap in joining:
        return left.label in across
    return gap.strip() == gap and "\u4e00" <= gap <= "\u9fff" and is_bare_place(head)


def with_stage(candidate: EntityCandidate, text: str) -> EntityCandidate:
    """A competition with the stage (…总决赛争夺赛) or venue (…（江门·恩平站）) that follows
    it; a school with the campus that follows it (…职校新校区, …职校工业新城校区)."""
    if candidate.type == "SCHOOL":
        campus = _CAMPUS.match(text, candidate.end)
        if campus is None or not _names_a_campus(campus.group(0)):
            return candidate
        return replace(candidate, end=campus.end())
    if candidate.type != "COMPETITION":
        return candidate
    end = candidate.end
    stages = suffixes_of("COMPETITION")
    while stage := next((s for s in stages if text.startswith(s, end)), None):
        end += len(stage)
    venue = _VENUE.match(text, end)
    if venue:
        end = venue.end()
    event = _EVENT.match(text, end)
    if event and names_by_nouns(event.group(0).removesuffix(event.group("ending"))):
        end = event.end()
    return replace(candidate, end=end) if end != candidate.end else candidate


def _with_aliases(
    found: list[EntityCandidate], aliases: list[EntityCandidate]
) -> list[EntityCandidate]:
    """The names found and the schools' short forms; a place or person the model read
    inside a short form (清河 of 清河明德) gives way to it."""
    index = _SpanIndex(aliases)
    kept = [
        c
        for c in found
        if c.type not in GENERIC_TYPES
        or not any(a.start <= c.start and c.end <= a.end for a in index.overlapping(c.start, c.end))
    ]
    return sorted([*kept, *aliases], key=lambda c: (c.start, c.end, c.type))


def without_counted_measure(candidate: EntityCandidate, text: str) -> EntityCandidate:
    """A name that opens with the measure word of a count before it loses it: 2|名|德阳蓉达
    数控机床有限公司 (the model read 名 as the name's first character)."""
    first = text[candidate.start : candidate.start + 1]
    before = text[candidate.start - 1 : candidate.start] if candidate.start else ""
    if first in _MEASURE_WORDS and before and (before.isdigit() or before in _NUMERALS):
        return replace(candidate, start=candidate.start + 1)
    return candidate


def _names_a_campus(words: str) -> bool:
    """新校区, 工业新城校区: nouns and adjectives before 校区, never a verb (迁入新校区)."""
    head = words.removesuffix("校区").removesuffix("分校")
    pos = word_pos()
    return all(pos.get(head[s:e], "n")[:1] in ("n", "a", "b") for s, e in tokenize(head))


def _with_listed(
    found: list[EntityCandidate], listed: list[EntityCandidate]
) -> list[EntityCandidate]:
    """The names found, and the listed enterprises (``entity_lists``) that no name overlaps
    but a model fragment inside them (曼国 of 曼国化工) or the model's untyped ORG of the
    same span: the list says what the whole item is, and the model's name gives way."""
    index = _SpanIndex(found)
    extra: list[EntityCandidate] = []
    fragments: set[tuple[int, int, str]] = set()
    for item in listed:
        overlapping = index.overlapping(item.start, item.end)
        if all(_gives_way(o, item) for o in overlapping):
            extra.append(item)
            fragments.update((o.start, o.end, o.type) for o in overlapping)
    kept = [c for c in found if (c.start, c.end, c.type) not in fragments]
    return sorted([*kept, *extra], key=lambda c: (c.start, c.end, c.type))


def _gives_way(name: EntityCandidate, item: EntityCandidate) -> bool:
    """A model-only name inside a listed item: a fragment of it, or the whole item as the
    untyped ORG (the list knows which kind it is)."""
    inside = item.start <= name.start and name.end <= item.end
    whole = (name.start, name.end) == (item.start, item.end)
    return name.source == "model" and inside and (not whole or name.type == "ORG")


def merge_candidates(
    model: list[EntityCandidate], pattern: list[EntityCandidate], text: str
) -> list[EntityCandidate]:
    """Pattern spans win where the two overlap (measured: they are the more precise);
    a model span of the same type makes one ``both``; other model spans are kept as they are.

    A model name that holds a pattern name of another type and goes on to an ending of its
    own is the outer body (江门市第一职业技术学校 + 教育集团): it wins over the names inside
    it. One of the same type is a part (…技能大赛 + 安全知识竞赛项目), and loses.
    """
    patterns = _SpanIndex(pattern)
    outer = []
    for m in model:
        inside = patterns.overlapping(m.start, m.end)
        if (
            any(m.start <= p.start and p.end < m.end and p.type != m.type for p in inside)
            and all(p.end <= m.end for p in inside)
            and has_ending(text[m.start : m.end])
        ):
            outer.append(m)
    if outer:
        bodies = _SpanIndex(outer)
        pattern = [
            p
            for p in pattern
            if not any(
                o.start <= p.start and p.end <= o.end for o in bodies.overlapping(p.start, p.end)
            )
        ]
        patterns = _SpanIndex(pattern)
    models = _SpanIndex(model)
    merged = []
    for p in pattern:
        same = [m for m in models.overlapping(p.start, p.end) if m.type == p.type]
        longer = next((m for m in same if _opens_further_left(m, p, text)), None)
        if longer is not None:
            merged.append(replace(longer, source="both"))
        else:
            merged.append(replace(p, source="both") if same else p)
    merged += [m for m in model if not patterns.overlapping(m.start, m.end)]
    merged = list({(c.start, c.end, c.type): c for c in merged}.values())
    return sorted(merged, key=lambda c: (c.start, c.end, c.type))


def _opens_further_left(model: EntityCandidate, pattern: EntityCandidate, text: str) -> bool:
    """The model's name ends where the pattern's does and opens earlier with a place of its
    own: 秦皇岛|翰丰长白科技有限责任公司, where the pattern stopped at the county 长白."""
    if model.end != pattern.end or model.start >= pattern.start:
        return False
    head = text[model.start : pattern.start]
    return any(is_bare_place(head[:k]) or ends_like_place(head[:k]) for k in (2, 3, 4))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _SpanIndex:
    """Candidates by start, to find those overlapping a span without a scan of all."""

    def __init__(self, candidates: list[EntityCandidate]) -> None:
        self.items = sorted(candidates, key=lambda c: (c.start, c.end))
        self.starts = [c.start for c in self.items]
        self.longest = max((c.end - c.start for c in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[EntityCandidate]:
        """The candidates that share a character with ``[start, end)``."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [c for c in self.items[lo:hi] if c.end > start]


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
