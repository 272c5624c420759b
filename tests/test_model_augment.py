"""Mention swapping: augmented copies keep every span on the name it labels."""

from __future__ import annotations

import random

from pipeline.model.augment import mention_pool, swap_mentions, with_swapped_copies
from pipeline.model.examples import Example

SENTENCES = [
    Example(
        "中美两国在北京签署协议。", "msra", generic=((0, 1, "LOC"), (1, 2, "LOC"), (5, 7, "LOC"))
    ),
    Example(
        "江泽民会见了新华社记者王明。",
        "msra",
        generic=((0, 3, "PER"), (6, 9, "ORG"), (11, 13, "PER")),
    ),
    Example("上海市人民政府发布通知。", "msra", generic=((0, 7, "ORG"),)),
    Example("今天天气很好。", "msra", generic=()),
]


def test_swapped_names_come_from_the_pool_of_their_type_and_length_class():
    pool = mention_pool(SENTENCES)
    assert pool[("LOC", True)] == ("中", "美")
    assert pool[("LOC", False)] == ("北京",)
    rng = random.Random(3)
    for _ in range(20):
        for example in SENTENCES:
            swapped = swap_mentions(example, pool, rng, rate=1.0)
            assert swapped.source == "msra+swap"
            assert [k for *_, k in swapped.generic] == [k for *_, k in example.generic]
            for (start, end, kind), (s0, e0, _) in zip(
                swapped.generic, example.generic, strict=True
            ):
                name = swapped.text[start:end]
                assert name in pool[(kind, e0 - s0 == 1)]
            # the text between the names is unchanged
            assert _between(swapped) == _between(example)


def _between(example: Example) -> list[str]:
    borders = [0, *(x for s, e, _ in example.generic for x in (s, e)), len(example.text)]
    return [example.text[a:b] for a, b in zip(borders[::2], borders[1::2], strict=True)]


def test_examples_with_other_labels_are_not_swapped():
    labelled = Example(
        "青禾职校在校生300人。", "synth", domain=((0, 4, "SCHOOL"),), quantities=((9, 13),)
    )
    pool = mention_pool(SENTENCES)
    assert swap_mentions(labelled, pool, random.Random(0), rate=1.0) is labelled


def test_copies_are_added_after_the_originals_and_are_seeded():
    first = with_swapped_copies(SENTENCES, copies=2, seed=7)
    assert first[: len(SENTENCES)] == SENTENCES
    assert len(first) == len(SENTENCES) + 2 * 3  # the sentence without names is not copied
    assert first == with_swapped_copies(SENTENCES, copies=2, seed=7)
    assert with_swapped_copies(SENTENCES, copies=0, seed=7) == SENTENCES
