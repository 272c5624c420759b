"""Batched inference gives what one window at a time gives: inputs, decoding, spans, tags."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")

from nianbao.defaults import DEFAULT_MODEL  # noqa: E402
from nianbao.model.bigrams import build_bigrams  # noqa: E402
from nianbao.model.decode import PathDecoder, best_valid_tags, viterbi  # noqa: E402
from nianbao.model.infer import (  # noqa: E402
    HEADS,
    Window,
    load_tagger,
    plan_batches,
    plan_windows,
)
from nianbao.model.inputs import TextInputs  # noqa: E402
from nianbao.model.labels import bio_labels, decode_bio, region_spans  # noqa: E402
from nianbao.model.vocab import build_vocab  # noqa: E402

LABELS = bio_labels(("SCHOOL", "GOV", "ENTERPRISE"))
TEXT = "河山市职业技术学校与A公司共建实训基地12个，　教育局2024年拨款。\n表1\t合计\t3"


def _windows(text: str, count: int, seed: int) -> list[Window]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        start = rng.randrange(len(text) - 1)
        end = rng.randrange(start + 1, min(len(text), start + 20) + 1)
        out.append(Window(0, start, end, start, end))
    return out


def test_text_inputs_build_what_encoding_each_window_builds():
    vocab = build_vocab([TEXT[:20]], min_count=1)  # the rest of the text is out of vocabulary
    bigrams = build_bigrams([TEXT[:30]], max_size=50, min_count=1)
    types = list(range(len(TEXT)))
    inputs = TextInputs(TEXT, vocab, bigrams, types)
    windows = _windows(TEXT, 40, seed=3)
    batch = inputs.batch(windows)
    width = max(w.end - w.start for w in windows) + 2
    assert batch.ids.shape == (40, width) and batch.bigrams.shape == (40, width, 2)
    for row, w in enumerate(windows):
        n = w.end - w.start
        piece = TEXT[w.start : w.end]
        assert batch.ids[row, : n + 2].tolist() == vocab.encode(piece)
        assert set(batch.ids[row, n + 2 :].tolist()) <= {vocab.pad_id}
        assert batch.mask[row].tolist() == [1] * (n + 2) + [0] * (width - n - 2)
        assert batch.bigrams[row, : n + 2].tolist() == [list(p) for p in bigrams.encode(piece)]
        assert batch.types[row, : n + 2].tolist() == [0, *types[w.start : w.end], 0]
        assert batch.lengths[row] == n + 2


def test_batches_cover_every_window_once_shortest_first_with_little_padding():
    rng = random.Random(7)
    lengths = [rng.choice([1, 2, 3, 8, 30, 31, 60, 90, 126]) for _ in range(500)]
    batches = plan_batches(lengths, batch_size=64, max_padding=0.05, min_rows=1)
    assert sorted(i for b in batches for i in b) == list(range(500))
    assert all(len(b) <= 64 for b in batches)
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat)
    padded = sum((max(lengths[i] for i in b) + 2) * len(b) for b in batches)
    assert padded - sum(n + 2 for n in lengths) <= 0.05 * padded


def _random_log_probs(batch: int, length: int, seed: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(batch, length, len(LABELS), generator=generator).log_softmax(-1)


def test_a_row_decodes_the_same_whatever_padding_follows_it():
    log_probs = _random_log_probs(12, 30, seed=1)
    lengths = [30, 1, 2, 5, 17, 29, 30, 3, 9, 12, 26, 8]
    together = viterbi(log_probs, LABELS, lengths)
    checked = best_valid_tags(log_probs, LABELS, lengths)
    for row, n in enumerate(lengths):
        alone = viterbi(log_probs[row : row + 1, :n], LABELS)[0]
        assert together[row, :n].tolist() == alone.tolist()
        assert checked[row, :n].tolist() == alone.tolist()
        assert together[row, n:].tolist() == [0] * (30 - n)


def test_path_decoder_gives_each_rows_own_best_path_and_its_probabilities():
    decoder = PathDecoder(LABELS, pending_rows=5)  # small: rows are decoded in several calls
    expected, got = {}, {}
    for b in range(4):
        log_probs = _random_log_probs(6, 20, seed=10 + b)
        lengths = [20, 4, 11, 2, 20, 7]
        keys = [(b, row) for row in range(6)]
        for row, n in enumerate(lengths):
            path = best_valid_tags(log_probs[row : row + 1, :n], LABELS)[0]
            chances = log_probs[row, :n].gather(-1, path[:, None]).squeeze(-1).exp()
            expected[keys[row]] = (path.tolist(), chances.tolist())
        for key, tags, probs in decoder.add(keys, log_probs, lengths):
            got[key] = (tags.tolist(), probs.tolist())
    for key, tags, probs in decoder.finish():
        got[key] = (tags.tolist(), probs.tolist())
    assert got.keys() == expected.keys()
    for key, (tags, probs) in expected.items():
        assert got[key][0] == tags
        assert got[key][1] == pytest.approx(probs, abs=1e-7)


def test_region_spans_are_decode_bio_of_each_region():
    rng = random.Random(5)
    for _ in range(200):
        length = rng.randrange(1, 40)
        tags = np.array([rng.randrange(len(LABELS)) for _ in range(length)])
        cuts = sorted(rng.sample(range(length + 1), k=min(length + 1, rng.randrange(2, 8))))
        regions = [(a, b) for a, b in itertools.pairwise(cuts) if rng.random() < 0.8]
        inside = np.zeros(length, dtype=bool)
        for a, b in regions:
            inside[a:b] = True
        tags[~inside] = 0  # the tagger writes only inside regions
        expected = [
            (a + s, a + e, kind)
            for a, b in regions
            for s, e, kind in decode_bio(tags[a:b].tolist(), LABELS)
        ]
        assert region_spans(tags, LABELS, regions) == expected


def _sample_text() -> str:
    sample = Path(__file__).resolve().parents[2] / "corpora" / "sample"
    return sorted(sample.glob("*.txt"))[0].read_text(encoding="utf-8")[:6000]


@pytest.mark.skipif(not (DEFAULT_MODEL / "model.safetensors").exists(), reason="no model")
def test_committed_model_tags_a_report_as_one_window_at_a_time_does():
    tagger = load_tagger(DEFAULT_MODEL)
    text = _sample_text()
    regions, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            regions.append((start, start + len(line)))
        start += len(line) + 1
    batched = tagger.tag(text, regions)
    windows = plan_windows(regions, tagger.size.max_chars, tagger.overlap)
    inputs = TextInputs(text, tagger.vocab, tagger.bigrams, tagger._softword(text, regions, None))
    tags = {head: np.zeros(len(text), dtype=np.int64) for head in HEADS}
    with torch.inference_mode():
        for w in windows:  # each window alone: no padding, no neighbours in its batch
            one = inputs.batch([w])
            _, *logits = tagger.network(one.ids, one.mask, one.types, one.bigrams)
            for head, head_logits in zip(HEADS, logits, strict=True):
                path = best_valid_tags(head_logits.log_softmax(-1), tuple(tagger.labels[head]))
                lo, hi = w.core_start - w.start + 1, w.core_end - w.start + 1
                tags[head][w.core_start : w.core_end] = path[0, lo:hi].numpy()
    alone = {
        head: [
            (s, e, kind) for s, e, kind in region_spans(tags[head], tagger.labels[head], regions)
        ]
        for head in HEADS
    }
    assert [(s.start, s.end, s.label) for s in batched.generic] == alone["generic"]
    assert [(s.start, s.end, s.label) for s in batched.domain] == alone["domain"]
    claim = sorted((*batched.quantities, *batched.indicators), key=lambda s: (s.start, s.end))
    assert [(s.start, s.end, s.label) for s in claim] == alone["claim"]
    assert len(batched.domain) > 5 and len(batched.quantities) > 5
