"""Mention swapping: copies of generic-labelled sentences with other names in the same places.

A small tagger that has seen 中华人民共和国 sixty times learns the string, not the context
(it tags 中华人民共和 when the sentence is short and unlike its training sentences). Putting
other names of the same type in a name's place keeps the context and changes the name, so the
model must read the borders from the context (mention replacement, Dai & Adel 2020).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

from pipeline.model.examples import Example

PoolKey = tuple[str, bool]  # (type, one character): 中 in 中美关系 only trades with 美, 日 …


def mention_pool(examples: Iterable[Example]) -> dict[PoolKey, tuple[str, ...]]:
    """The distinct names of each generic type, one-character abbreviations apart, in
    first-seen order."""
    pool: dict[PoolKey, dict[str, None]] = {}
    for example in examples:
        for start, end, kind in example.generic or ():
            pool.setdefault((kind, end - start == 1), {})[example.text[start:end]] = None
    return {key: tuple(names) for key, names in pool.items()}


def swap_mentions(
    example: Example, pool: Mapping[PoolKey, Sequence[str]], rng: random.Random, rate: float = 0.5
) -> Example:
    """A copy of a generic-labelled example with each name replaced at ``rate`` by another
    name of its type; spans follow the new text. Examples with other labels are returned as
    they are (their quantities and relations would need moving too)."""
    if example.generic is None or example.domain is not None or example.quantities is not None:
        return example
    parts: list[str] = []
    spans = []
    cursor = 0
    length = 0
    for start, end, kind in sorted(example.generic):
        name = example.text[start:end]
        others = pool.get((kind, end - start == 1))
        if others and rng.random() < rate:
            name = rng.choice(others)
        before = example.text[cursor:start]
        parts += [before, name]
        length += len(before)
        spans.append((length, length + len(name), kind))
        length += len(name)
        cursor = end
    parts.append(example.text[cursor:])
    return Example(text="".join(parts), source=f"{example.source}+swap", generic=tuple(spans))


def with_swapped_copies(
    examples: Sequence[Example], copies: int, seed: int, rate: float = 0.5
) -> list[Example]:
    """``examples`` followed by ``copies`` swapped copies of each that has names."""
    if copies <= 0:
        return list(examples)
    pool = mention_pool(examples)
    rng = random.Random(seed)
    named = [e for e in examples if e.generic]
    extra = [swap_mentions(e, pool, rng, rate) for _ in range(copies) for e in named]
    return [*examples, *extra]
