"""The transformer extractor: labels, readers, windowing, a tiny training run, the committed model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from nianbao.model.tagging import Tagging

torch = pytest.importorskip("torch")

from nianbao.model.infer import CharTagger, load_tagger, plan_windows  # noqa: E402
from nianbao.model.labels import decode_bio, encode_bio  # noqa: E402
from nianbao.model.network import ModelSize  # noqa: E402
from nianbao.model.vocab import DIGIT, LATIN, SPACE, build_vocab, char_key  # noqa: E402
from nianbao.training.batches import DOMAIN_LABELS, GENERIC_LABELS  # noqa: E402
from nianbao.training.examples import (  # noqa: E402
    Example,
    chunk_example,
    suffix_types,
    type_by_suffix,
    with_silver_domain,
)
from nianbao.training.msra import bmes_spans, read_msra  # noqa: E402
from nianbao.training.train import train_model  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "models" / "ner-zh-char-v3"
TINY = ModelSize(
    hidden=32,
    layers=1,
    heads=2,
    intermediate=64,
    max_chars=30,
    softword=True,
    lexicon=True,
    bigrams=200,
    bigram_dim=8,
)


@pytest.mark.parametrize(
    ("char", "key"),
    [
        ("7", DIGIT),
        ("７", DIGIT),
        (" ", SPACE),
        ("\t", SPACE),
        ("\u3000", SPACE),
        ("a", LATIN),
        ("Ｂ", LATIN),
        ("校", "校"),
        ("，", ","),
        ("%", "%"),
    ],
)
def test_char_key(char, key):
    assert char_key(char) == key


def test_vocab_gives_one_id_per_character_plus_cls_and_sep():
    vocab = build_vocab(["甲乙丙", "甲乙"], min_count=2)
    assert vocab.encode("甲乙丁") == [2, vocab.index["甲"], vocab.index["乙"], 1, 3]
    assert "丙" not in vocab.index


@pytest.mark.parametrize(
    ("spans", "length"),
    [([], 4), ([(0, 2, "PER")], 4), ([(1, 3, "LOC"), (3, 4, "ORG")], 5), ([(0, 5, "ORG")], 5)],
)
def test_bio_round_trip(spans, length):
    assert decode_bio(encode_bio(length, spans, GENERIC_LABELS), GENERIC_LABELS) == spans


def test_bio_overlapping_span_dropped_and_stray_inside_starts_a_span():
    tags = encode_bio(5, [(0, 3, "PER"), (2, 4, "LOC")], GENERIC_LABELS)
    assert decode_bio(tags, GENERIC_LABELS) == [(0, 3, "PER")]
    i_loc = GENERIC_LABELS.index("I-LOC")
    assert decode_bio([0, i_loc, i_loc, 0], GENERIC_LABELS) == [(1, 3, "LOC")]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "E-PER", "O"], [(0, 2, "PER")]),
        (["S-LOC", "B-ORG", "M-ORG", "E-ORG"], [(0, 1, "LOC"), (1, 4, "ORG")]),
        (["O", "O"], []),
        (["B-PER", "M-PER", "O", "B-LOC", "E-LOC"], [(0, 2, "PER"), (3, 5, "LOC")]),
    ],
)
def test_bmes_spans(tags, spans):
    assert bmes_spans(tags) == spans


def test_read_msra_format(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("张 B-PER\n三 E-PER\n去 O\n\n京 S-LOC\n", encoding="utf-8")
    examples = list(read_msra(path))
    assert [e.text for e in examples] == ["张三去", "京"]
    assert examples[0].generic == ((0, 2, "PER"),)
    assert examples[0].domain is None and examples[0].quantities is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("河山市教育局", "GOV"),
        ("青禾职业学校", "SCHOOL"),
        ("长风电器有限公司", "ENTERPRISE"),
        ("全省技能大赛", "COMPETITION"),
        ("青禾协会", "OTHER_ORG"),
        ("新华社", "OTHER_ORG"),
        ("学校", "OTHER_ORG"),
    ],
)
def test_type_by_suffix(name, kind):
    assert type_by_suffix(name, suffix_types()) == kind


def test_silver_domain_labels_keep_people_and_type_organisations():
    example = Example("李四在河山市教育局", "msra", generic=((0, 2, "PER"), (3, 9, "ORG")))
    silver = with_silver_domain(example, suffix_types())
    assert silver.domain == ((0, 2, "PER"), (3, 9, "GOV"))
    assert with_silver_domain(silver, suffix_types()) is silver


def test_chunk_example_never_cuts_a_span_and_rebases_offsets():
    text = "甲" * 8 + "青禾职业学校" + "乙" * 8 + "在校生300人"
    example = Example(
        text,
        "synth",
        domain=((8, 14, "SCHOOL"),),
        quantities=((25, 29),),
        indicators=((22, 25),),
        relations=((0, "IND", 0),),
    )
    pieces = chunk_example(example, 12)
    assert "".join(p.text for p in pieces) == text
    assert all(len(p.text) <= 12 for p in pieces)
    school = [p for p in pieces if p.domain]
    assert [p.text[s:e] for p in school for s, e, _ in p.domain] == ["青禾职业学校"]
    claim_piece = next(p for p in pieces if p.quantities)
    assert claim_piece.text[slice(*claim_piece.quantities[0])] == "300人"
    assert claim_piece.relations == ((0, "IND", 0),)


@pytest.mark.parametrize(
    ("regions", "max_chars", "overlap"),
    [
        ([(0, 10)], 30, 5),
        ([(0, 100)], 30, 5),
        ([(5, 5), (7, 200), (200, 231)], 30, 8),
        ([(0, 61)], 20, 4),
        ([(3, 4)], 10, 2),
    ],
)
def test_windows_cover_every_character_once_inside_their_region(regions, max_chars, overlap):
    windows = plan_windows(regions, max_chars, overlap)
    for index, (start, end) in enumerate(regions):
        mine = [w for w in windows if w.region == index]
        cores = sorted((w.core_start, w.core_end) for w in mine)
        assert [c for core in cores for c in range(*core)] == list(range(start, end))
        for w in mine:
            assert start <= w.start <= w.core_start < w.core_end <= w.end <= end
            assert w.end - w.start <= max_chars


def test_windows_refuse_overlap_that_leaves_no_core():
    with pytest.raises(ValueError, match="overlap"):
        plan_windows([(0, 50)], 10, 5)


class _MarkerNet(torch.nn.Module):
    """Tags 甲 as B-SCHOOL and 乙 as I-SCHOOL by character id: offsets must come out exact."""

    def __init__(self, first: int, second: int) -> None:
        super().__init__()
        self.first, self.second = first, second

    def forward(self, ids, mask, softword=None, bigrams=None):
        shape = (*ids.shape, len(DOMAIN_LABELS))
        domain = torch.zeros(shape)
        domain[..., 0] = 1.0
        domain[..., DOMAIN_LABELS.index("B-SCHOOL")] += 5.0 * (ids == self.first)
        domain[..., DOMAIN_LABELS.index("I-SCHOOL")] += 5.0 * (ids == self.second)
        hidden = torch.zeros((*ids.shape, 4))
        generic = torch.zeros((*ids.shape, len(GENERIC_LABELS)))
        generic[..., 0] = 1.0
        claim = torch.zeros((*ids.shape, 5))
        claim[..., 0] = 1.0
        return hidden, generic, domain, claim


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A tiny model trained for a few steps on invented sentences."""
    sentences = [
        Example(
            "青禾职业学校全日制在校生300人。",
            "synth",
            domain=((0, 6, "SCHOOL"),),
            quantities=((12, 16),),
            indicators=((6, 12),),
            relations=((0, "IND", 0), (0, "ENT", 0)),
        ),
        Example(
            "河山市教育局组织技能大赛。",
            "synth",
            domain=((0, 6, "GOV"), (8, 12, "COMPETITION")),
            quantities=(),
            indicators=(),
        ),
        Example("李四在长风市工作。", "msra", generic=((0, 2, "PER"), (3, 6, "LOC"))),
    ] * 4
    out = tmp_path_factory.mktemp("tiny")
    return train_model(
        out,
        examples=sentences,
        epochs=3,
        max_minutes=1,
        seed=3,
        size=TINY,
        batch_size=4,
        learning_rate=3e-3,
        pretrained="none",
        log=lambda _: None,
    )


def test_training_loop_writes_a_loadable_model(tiny_model):
    for name in ("model.safetensors", "vocab.txt", "labels.json", "config.json", "training.json"):
        assert (tiny_model / name).is_file()
    tagger = CharTagger(tiny_model)
    assert tagger.size == TINY
    assert load_tagger(tiny_model) is load_tagger(tiny_model)


def test_training_continues_from_an_earlier_model(tiny_model, tmp_path):
    sentences = [Example("王五在长风市读书。", "msra", generic=((0, 2, "PER"), (3, 6, "LOC")))] * 4
    out = train_model(
        tmp_path / "more",
        examples=sentences,
        epochs=1,
        max_minutes=1,
        size=TINY,
        batch_size=4,
        init_from=tiny_model,
        log=lambda _: None,
    )
    import json

    record = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert record["initialised_from"] == tiny_model.as_posix()
    assert (out / "vocab.txt").read_text() == (tiny_model / "vocab.txt").read_text()
    assert_well_formed(CharTagger(out).tag("王五在长风市读书。", [(0, 9)]), 0, 9)
    deeper = train_model(
        tmp_path / "deeper",
        examples=sentences,
        epochs=1,
        max_minutes=1,
        size=replace(TINY, layers=TINY.layers + 1),
        batch_size=4,
        init_from=tiny_model,
        log=lambda _: None,
    )
    assert json.loads((deeper / "config.json").read_text())["size"]["layers"] == TINY.layers + 1
    assert_well_formed(CharTagger(deeper).tag("王五在长风市读书。", [(0, 9)]), 0, 9)
    with pytest.raises(ValueError, match="another shape"):
        train_model(
            tmp_path / "shallower",
            examples=sentences,
            epochs=1,
            size=TINY,
            init_from=deeper,
            log=lambda _: None,
        )
    with pytest.raises(ValueError, match="another shape"):
        train_model(
            tmp_path / "wider",
            examples=sentences,
            epochs=1,
            size=replace(TINY, hidden=64, intermediate=128),
            init_from=tiny_model,
            log=lambda _: None,
        )


def test_tiny_model_learns_its_sentences(tiny_model):
    import json

    record = json.loads((tiny_model / "training.json").read_text(encoding="utf-8"))
    assert record["steps"] == 9
    assert record["final_loss"] < 6.0


def test_windowed_tagging_keeps_offsets_exact_across_borders(tiny_model):
    tagger = CharTagger(tiny_model, batch_size=3, overlap=4)
    tagger.vocab = build_vocab(["甲乙丙" * 2])
    tagger.network = _MarkerNet(tagger.vocab.index["甲"], tagger.vocab.index["乙"])
    text = "丙" * 5 + ("丙丙甲乙乙丙丙" * 20) + "甲乙"
    expected = [(i, i + 3) for i in range(len(text)) if text.startswith("甲乙乙", i)]
    expected.append((len(text) - 2, len(text)))
    result = tagger.tag(text, [(0, len(text))])
    found = [(s.start, s.end) for s in result.domain]
    # A span cut by a window core border is still read whole: tags are global.
    assert found == expected
    assert len(plan_windows([(0, len(text))], TINY.max_chars, 4)) > 5


def test_tagging_stays_inside_regions_and_is_deterministic(tiny_model):
    tagger = CharTagger(tiny_model)
    text = "青禾职业学校全日制在校生300人。" * 6 + "\n" + "河山市教育局组织技能大赛。"
    regions = [(0, 100), (100, len(text))]
    first, second = tagger.tag(text, regions), tagger.tag(text, regions)
    assert first == second
    for span in first.generic + first.domain + first.quantities + first.indicators:
        assert any(s <= span.start < span.end <= e for s, e in regions)
    assert tagger.tag(text, []).domain == ()


@pytest.mark.skipif(not (COMMITTED / "model.safetensors").exists(), reason="no committed model")
def test_committed_model_tags_a_known_sentence():
    tagger = load_tagger(COMMITTED)
    text = "2023年，河山市教育局组织青禾职业学校学生参加全省职业院校技能大赛，全日制在校生3000人。"
    result = tagger.tag(text, [(0, len(text))])
    found = {(text[s.start : s.end], s.label) for s in result.domain}
    assert ("河山市教育局", "GOV") in found
    assert any(label == "SCHOOL" and "青禾" in name for name, label in found)
    (quantity,) = [q for q in result.quantities if text[q.start : q.end].startswith("3000")]
    indicators = [text[i.start : i.end] for i in result.indicators]
    assert "全日制在校生" in indicators
    q = result.quantities.index(quantity)
    best = max(
        (p for p in result.pairs if p.quantity == q and p.kind == "CLAIM_INDICATOR"),
        key=lambda p: p.score,
    )
    assert indicators[best.target] == "全日制在校生"


@pytest.mark.skipif(not (COMMITTED / "model.safetensors").exists(), reason="no committed model")
def test_committed_model_tags_the_same_with_one_or_two_threads():
    # The corpus runner gives workers fewer threads than a single run: same output either way.
    sample = sorted((REPO / "corpora" / "sample").glob("*.txt"))[0]
    text = sample.read_text(encoding="utf-8")[:6000]
    regions = [(s, min(s + 300, len(text))) for s in range(0, len(text), 300)]
    tagger = load_tagger(COMMITTED)
    threads = torch.get_num_threads()
    try:
        results = []
        for n in (1, 2):
            torch.set_num_threads(n)
            results.append(tagger.tag(text, regions))
    finally:
        torch.set_num_threads(threads)
    assert results[0] == results[1]


@pytest.mark.parametrize(
    ("tp", "predicted", "gold", "f1"),
    [(0, 0, 0, 0.0), (5, 10, 10, 0.5), (10, 10, 10, 1.0), (0, 3, 4, 0.0), (3, 4, 6, 0.6)],
)
def test_prf(tp, predicted, gold, f1):
    from nianbao.training.evaluate import prf

    assert prf(tp, predicted, gold)["f1"] == f1


def test_format_evaluation_lists_every_type():
    from nianbao.training.evaluate import format_evaluation, prf

    result = {
        "model": "m",
        "msra_test": {
            "PER": prf(1, 2, 2),
            "micro": prf(1, 2, 2),
            "chars_per_second": 9,
            "sentences": 1,
            "touching_names": {**prf(1, 2, 2), "sentences": 1},
        },
        "dev_gold": {"documents": ["a"], "model": {"GOV": prf(1, 1, 1)}},
    }
    text = format_evaluation(result)
    assert "PER" in text and "micro" in text and "GOV" in text and "LOC" not in text
    assert "on the 1 sentences where two names touch" in text and "the rest" not in text


def test_names_touch_only_without_anything_between_them():
    from nianbao.training.evaluate import names_touch

    assert names_touch([(2, 4, "PER"), (0, 2, "PER")])  # 李鹏乔石, in any order
    assert names_touch([(0, 7, "LOC"), (7, 14, "LOC")])  # 中华人民共和国香港特别行政区
    assert not names_touch([(0, 2, "PER"), (3, 5, "PER")])  # 李鹏、乔石
    assert not names_touch([])


def assert_well_formed(tagging: Tagging, start: int, end: int) -> None:
    """Every span lies inside the tagged region with a probability score; pairs point at spans."""
    spans = [*tagging.generic, *tagging.domain, *tagging.quantities, *tagging.indicators]
    assert all(start <= s.start < s.end <= end and 0.0 <= s.score <= 1.0 for s in spans)
    assert all(0.0 <= p.score <= 1.0 for p in tagging.pairs)
