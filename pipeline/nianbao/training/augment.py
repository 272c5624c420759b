"""Mention swapping: copies of generic-labelled sentences with other names in the same places.

A small tagger that has seen 中华人民共和国 sixty times learns the string, not the context
(it tags 中华人民共和 when the sentence is short and unlike its training sentences). Putting
other names of the same type in a name's place keeps the context and changes the name, so the
model must read the borders from the context (mention replacement, Dai & Adel 2020).

Glued lists: text converted from layouts (name lists, table cells, PDF columns) loses the
spaces and 、 between names, so 李鹏乔石李瑞环 reaches the tagger as one string. MSRA's own
test split holds hundreds of such names, its training split few (220 glued person pairs
against 1 206 separated by 、). Copies of training sentences with the separator between two
names of one type removed, and their names swapped, teach the tagger to split a run of
names by what names look like.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from nianbao.training.examples import Example

# What separates two names of a list in MSRA text: 、 or a (full-width) space.
LIST_SEPARATORS = frozenset("、 \u3000")

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


def glue_list(example: Example) -> Example | None:
    """``example`` with every list separator between two names of one type removed (spans
    follow the new text), or ``None`` when it has no such list."""
    if example.domain is not None or example.quantities is not None:
        return None  # their spans would need moving too
    spans = sorted(example.generic or ())
    drop = {
        left[1]
        for left, right in pairwise(spans)
        if left[2] == right[2]
        and right[0] - left[1] == 1
        and example.text[left[1]] in LIST_SEPARATORS
    }
    if not drop:
        return None
    text = "".join(c for i, c in enumerate(example.text) if i not in drop)

    def moved(position: int) -> int:
        return position - sum(1 for d in drop if d < position)

    glued = tuple((moved(s), moved(e), kind) for s, e, kind in spans)
    return Example(text=text, source=f"{example.source}+glued", generic=glued)


def with_glued_copies(
    examples: Sequence[Example], copies: int, seed: int, rate: float = 0.5
) -> list[Example]:
    """``examples`` followed by ``copies`` glued-list copies of each sentence with a list;
    all copies but the first have their names swapped at ``rate``, so the runs differ."""
    if copies <= 0:
        return list(examples)
    glued = [g for g in map(glue_list, examples) if g is not None]
    pool = mention_pool(examples)
    rng = random.Random(seed)
    extra = [
        g if copy == 0 else swap_mentions(g, pool, rng, rate)
        for copy in range(copies)
        for g in glued
    ]
    return [*examples, *extra]
