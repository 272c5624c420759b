"""Char-level training examples and the readers of the synthetic JSONL source."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

Span = tuple[int, int]
TypedSpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence with what its source labels; ``None`` means "not annotated here".

    ``relations`` are ``(quantity index, target kind, target index)`` with kind ``"IND"``
    (an indicator) or ``"ENT"`` (a domain entity); every other pair is a negative.
    """

    text: str
    source: str
    generic: tuple[TypedSpan, ...] | None = None
    domain: tuple[TypedSpan, ...] | None = None
    quantities: tuple[Span, ...] | None = None
    indicators: tuple[Span, ...] = ()
    relations: tuple[tuple[int, str, int], ...] = ()
    softword: tuple[int, ...] | None = None  # word-feature token types per character (softword.py)


def read_synth_jsonl(path: Path) -> Iterator[Example]:
    """Examples from ``nianbao.synth.write_training_examples`` output."""
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            relations = []
            for q, target, kind in row.get("relations", []):
                relations.append((q, "IND" if kind == "CLAIM_INDICATOR" else "ENT", target))
            yield Example(
                text=row["text"],
                source="synth",
                domain=tuple((s, e, t) for s, e, t in row["entities"]),
                quantities=tuple((s, e) for s, e in row["quantities"]),
                indicators=tuple((s, e) for s, e in row["indicators"]),
                relations=tuple(relations),
            )


def chunk_example(example: Example, max_chars: int) -> list[Example]:
    """Cut a long example into pieces of at most ``max_chars``, never inside a labelled span.

    A span longer than a piece is dropped with its relations (it cannot be learnt whole).
    """
    if len(example.text) <= max_chars:
        return [example]
    spans = [(s, e) for s, e, _ in (example.generic or ()) + (example.domain or ())]
    spans += list(example.quantities or ()) + list(example.indicators)
    inside: set[int] = set()
    for s, e in spans:
        if e - s <= max_chars:
            inside.update(range(s + 1, e))
    pieces, start = [], 0
    while start < len(example.text):
        end = min(start + max_chars, len(example.text))
        while end < len(example.text) and end in inside and end > start + 1:
            end -= 1
        pieces.append(_crop(example, start, end))
        start = end
    return pieces


def _crop(example: Example, start: int, end: int) -> Example:
    """The part ``[start, end)`` with the spans that lie wholly inside it, re-based."""

    def keep(spans: tuple[Span, ...]) -> tuple[dict[int, int], tuple[Span, ...]]:
        kept = [
            (i, (s - start, e - start)) for i, (s, e) in enumerate(spans) if start <= s and e <= end
        ]
        return {i: n for n, (i, _) in enumerate(kept)}, tuple(span for _, span in kept)

    def typed(
        spans: tuple[TypedSpan, ...] | None,
    ) -> tuple[dict[int, int], tuple[TypedSpan, ...] | None]:
        if spans is None:
            return {}, None
        mapping, kept = keep(tuple((s, e) for s, e, _ in spans))
        kinds = [spans[i][2] for i in sorted(mapping, key=mapping.__getitem__)]
        return mapping, tuple((s, e, k) for (s, e), k in zip(kept, kinds, strict=True))

    _, generic = typed(example.generic)
    domain_map, domain = typed(example.domain)
    q_map, quantities = keep(example.quantities or ())
    i_map, indicators = keep(example.indicators)
    relations = []
    for q, kind, t in example.relations:
        target_map = i_map if kind == "IND" else domain_map
        if q in q_map and t in target_map:
            relations.append((q_map[q], kind, target_map[t]))
    return Example(
        text=example.text[start:end],
        source=example.source,
        generic=generic,
        domain=domain,
        quantities=quantities if example.quantities is not None else None,
        indicators=indicators,
        relations=tuple(relations),
        softword=example.softword[start:end] if example.softword is not None else None,
    )


def suffix_types() -> list[tuple[str, str]]:
    """``(suffix, type)`` pairs of ``patterns/entity_suffixes.json``, longest suffix first."""
    from nianbao.entities.patterns import all_suffixes

    return list(all_suffixes())


def type_by_suffix(name: str, pairs: list[tuple[str, str]]) -> str:
    """The report type an organisation name's ending gives; ``OTHER_ORG`` when none does."""
    for suffix, kind in pairs:
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return "OTHER_ORG"


def with_silver_domain(example: Example, pairs: list[tuple[str, str]]) -> Example:
    """A generic-labelled example with silver domain labels: ORG typed by suffix, PER kept."""
    if example.generic is None or example.domain is not None:
        return example
    domain = []
    for start, end, kind in example.generic:
        if kind == "PER":
            domain.append((start, end, "PER"))
        elif kind == "ORG":
            domain.append((start, end, type_by_suffix(example.text[start:end], pairs)))
    return replace(example, domain=tuple(domain))
