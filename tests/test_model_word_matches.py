"""Dictionary-match features: every jieba word over a character, fed to the encoder."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

torch = pytest.importorskip("torch")

from safetensors.torch import save_file  # noqa: E402

from pipeline.model.batches import make_batch  # noqa: E402
from pipeline.model.examples import Example, chunk_example  # noqa: E402
from pipeline.model.infer import CharTagger  # noqa: E402
from pipeline.model.network import ExtractorNet, ModelSize, bert_config  # noqa: E402
from pipeline.model.train import train_model  # noqa: E402
from pipeline.model.vocab import build_vocab  # noqa: E402
from pipeline.model.warm_start import load_earlier_weights  # noqa: E402
from pipeline.model.word_matches import (  # noqa: E402
    MATCH_CLASSES,
    MATCH_PLACES,
    match_bits,
    region_match_bits,
)

SMALL = {"hidden": 16, "layers": 1, "heads": 2, "intermediate": 32, "max_chars": 24}


def bit(place: str, kind: str) -> int:
    return 1 << (MATCH_PLACES.index(place) * len(MATCH_CLASSES) + MATCH_CLASSES.index(kind))


def test_every_dictionary_word_over_a_character_sets_its_bits():
    bei, jing, shi = match_bits("北京市")
    # jieba's dictionary holds the places 北京 and 北京市; 京市 is no word.
    assert bei & bit("begins", "place") and bei & bit("begins", "word")
    assert jing & bit("ends", "place") and jing & bit("inside", "place")
    assert shi & bit("ends", "place") and not shi & bit("begins", "word")
    # Only words of two or more characters count: 的 alone covers nothing.
    assert match_bits("的") == [0]
    assert match_bits("") == []


def test_a_word_inside_the_segmenters_word_is_still_seen():
    # jieba segments 北京市 as one word; the place 北京 inside it is still marked.
    bits = match_bits("北京市教育局")
    assert bits[1] & bit("ends", "place")
    assert bits[3] & bit("begins", "word")  # 教育局, 教育
    assert not bits[3] & bit("begins", "place")


def test_matches_stay_inside_each_region():
    text = "北京市"
    bits = region_match_bits(text, [(0, 1), (2, 3)])
    assert bits == [0, 0, 0]  # 北京 and 北京市 cross the region borders
    assert region_match_bits(text, [(0, 2)]) == [*match_bits("北京"), 0]


def test_cropped_examples_and_batches_carry_the_bits():
    text = "秦皇岛市教育局与河北省教育厅"
    example = Example(text, "msra", generic=(), matches=tuple(match_bits(text)))
    pieces = chunk_example(example, 8)
    assert [b for p in pieces for b in p.matches] == list(example.matches)
    vocab = build_vocab([text])
    batch = make_batch(pieces, vocab, random.Random(0))
    assert batch.matches.shape == batch.ids.shape
    assert batch.matches[0, 1:9].tolist() == list(example.matches[:8])
    assert batch.matches[:, 0].tolist() == [0, 0]  # [CLS]


def test_a_warm_started_model_with_match_bits_computes_what_the_old_one_did(tmp_path):
    torch.manual_seed(0)
    old = ExtractorNet(bert_config(30, ModelSize(**SMALL))).eval()
    save_file(
        {k: v.contiguous() for k, v in old.state_dict().items()},
        str(tmp_path / "model.safetensors"),
    )
    new = ExtractorNet(bert_config(30, ModelSize(**SMALL, matches=True)), matches=True).eval()
    assert sorted(load_earlier_weights(new, tmp_path)) == [
        "match_projection.bias",
        "match_projection.weight",
    ]
    ids = torch.tensor([[2, 10, 11, 12, 3]])
    mask = torch.ones_like(ids)
    bits = torch.tensor([[0, 7, 224, 3072, 0]])
    with torch.no_grad():
        before = old(ids, mask)[0]
        after = new(ids, mask, matches=bits)[0]
        assert torch.allclose(before, after, atol=1e-6)
        torch.nn.init.normal_(new.match_projection.weight)
        assert not torch.allclose(before, new(ids, mask, matches=bits)[0], atol=1e-3)
        # The same model reads no bits where none are given.
        assert torch.allclose(before, new(ids, mask)[0], atol=1e-6)


def test_a_model_trained_with_match_bits_tags_through_the_pipeline_path(tmp_path):
    sentences = [
        Example("李四在秦皇岛市工作。", "msra", generic=((0, 2, "PER"), (3, 7, "LOC"))),
        Example("河北省教育厅组织技能大赛。", "synth", domain=((0, 6, "GOV"),), quantities=()),
    ] * 3
    size = ModelSize(**SMALL, matches=True)
    out = train_model(
        tmp_path / "m",
        examples=sentences,
        epochs=2,
        max_minutes=1,
        size=size,
        batch_size=3,
        learning_rate=3e-3,
        pretrained="none",
        log=lambda _: None,
    )
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["size"]["matches"] is True
    tagger = CharTagger(out)
    assert tagger.network.match_projection is not None
    assert tagger.network.match_projection.weight.abs().sum() > 0  # it learnt from the bits
    text = "王五在秦皇岛市读书。" * 5
    first = tagger.tag(text, [(0, len(text))])
    assert first == tagger.tag(text, [(0, len(text))])
    assert replace(tagger.size, matches=False) != tagger.size
