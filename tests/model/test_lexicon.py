"""Lexical input features: jieba word classes as token types, character bigrams, warm starts."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from nianbao.model.bigrams import Bigrams, bigram_keys, build_bigrams  # noqa: E402
from nianbao.model.network import ExtractorNet, ModelSize, bert_config  # noqa: E402
from nianbao.model.softword import (  # noqa: E402
    LEXICON_TYPES,
    WORD_CLASSES,
    lexicon_ids,
    text_word_ids,
    word_class,
)
from nianbao.training.warm_start import layer_count, load_earlier_weights  # noqa: E402
from safetensors.torch import save_file  # noqa: E402

SMALL = {"hidden": 16, "layers": 1, "heads": 2, "intermediate": 32}


def test_word_class_reads_jiebas_dictionary_and_marks_new_words():
    assert WORD_CLASSES[word_class("北京")] == "place"
    assert WORD_CLASSES[word_class("新华社")] == "organisation"
    assert WORD_CLASSES[word_class("邓小平")] == "person"
    assert WORD_CLASSES[word_class("合作")] == "other"
    assert WORD_CLASSES[word_class("敬修")] == "new"  # no dictionary holds it
    assert WORD_CLASSES[word_class("2023")] == "other"  # digits are not a new word


def test_lexicon_ids_combine_place_in_word_and_word_class():
    text = "北京的"
    ids = lexicon_ids(text, [(0, 2), (2, 3)])
    classes = len(WORD_CLASSES)
    place = WORD_CLASSES.index("place")
    assert ids == [1 + 0 * classes + place, 1 + 2 * classes + place, 1 + 3 * classes + 0]
    assert max(text_word_ids("秦皇岛市教育局与敬修合作。", lexicon=True)) < LEXICON_TYPES


def test_bigram_ids_pair_each_character_with_both_neighbours():
    table = build_bigrams(["甲乙丙", "甲乙"], max_size=10, min_count=2)
    assert bigram_keys("甲乙") == ["[CLS]\t甲", "甲\t乙", "乙\t[SEP]"]
    ids = table.encode("甲乙丙")
    assert len(ids) == 5 and ids[0] == (0, 0) and ids[-1] == (0, 0)
    left, right = ids[1]
    assert table.keys[left] == "[CLS]\t甲" and table.keys[right] == "甲\t乙"
    assert ids[3][1] == table.index["[UNK]"]  # 丙[SEP] was seen once only


def test_bigram_table_round_trips(tmp_path):
    table = build_bigrams(["一二三一二三"], max_size=10, min_count=1)
    table.save(tmp_path / "bigrams.txt")
    assert Bigrams.load(tmp_path / "bigrams.txt") == table


def test_a_warm_started_lexicon_model_computes_what_the_softword_model_did(tmp_path):
    torch.manual_seed(0)
    old = ExtractorNet(bert_config(30, ModelSize(**SMALL, softword=True))).eval()
    save_file(
        {k: v.contiguous() for k, v in old.state_dict().items()},
        str(tmp_path / "model.safetensors"),
    )
    size = ModelSize(**SMALL, softword=True, lexicon=True, bigrams=12)
    new = ExtractorNet(bert_config(30, size), 12, size.bigram_dim).eval()
    fresh = load_earlier_weights(new, tmp_path)
    assert sorted(fresh) == [
        "bigram_embedding.weight",
        "bigram_projection.bias",
        "bigram_projection.weight",
    ]
    ids = torch.tensor([[2, 10, 11, 12, 3]])
    mask = torch.ones_like(ids)
    softword = torch.tensor([[0, 1, 3, 4, 0]])  # B E S
    classes = len(WORD_CLASSES)
    lexicon = torch.tensor([[0, 1 + 0 * classes + 2, 1 + 2 * classes + 2, 1 + 3 * classes, 0]])
    bigrams = torch.tensor([[[0, 0], [2, 3], [3, 4], [4, 5], [0, 0]]])
    with torch.no_grad():
        before = old(ids, mask, softword)[0]
        after = new(ids, mask, lexicon, bigrams)[0]
    assert torch.allclose(before, after, atol=1e-6)


def test_a_deeper_model_starts_with_copies_of_the_earlier_top_layer(tmp_path):
    torch.manual_seed(0)
    old = ExtractorNet(bert_config(30, ModelSize(**SMALL))).eval()
    save_file(
        {k: v.contiguous() for k, v in old.state_dict().items()},
        str(tmp_path / "model.safetensors"),
    )
    deeper = ExtractorNet(bert_config(30, ModelSize(**{**SMALL, "layers": 3}))).eval()
    assert load_earlier_weights(deeper, tmp_path) == []
    weights = deeper.state_dict()
    assert layer_count(weights) == 3
    top = old.state_dict()
    for key, value in top.items():
        if key.startswith("encoder.encoder.layer.0."):
            for layer in (1, 2):
                copied = weights[key.replace("layer.0.", f"layer.{layer}.")]
                assert torch.equal(copied, value)
        else:
            assert torch.equal(weights[key], value)
