"""Windowed, batched inference with global offsets: nothing is truncated."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

import numpy as np
import torch
from safetensors.torch import load_file

from nianbao.model.bigrams import Bigrams
from nianbao.model.decode import PathDecoder
from nianbao.model.inputs import TextInputs
from nianbao.model.labels import region_spans
from nianbao.model.network import ExtractorNet, ModelSize, bert_config, pair_row
from nianbao.model.softword import text_word_ids, word_ids
from nianbao.model.tagging import PairKind, PairScore, TaggedSpan, Tagging
from nianbao.model.vocab import Vocab

HEADS = ("generic", "domain", "claim")
# A relation is local: the nearest few candidates of each kind are all a quantity needs.
MAX_TARGETS_PER_QUANTITY = 12
PAIR_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class Window:
    """Characters ``[start, end)`` fed to the encoder; only ``[core_start, core_end)`` is kept."""

    region: int
    start: int
    end: int
    core_start: int
    core_end: int


def plan_windows(regions: Sequence[tuple[int, int]], max_chars: int, overlap: int) -> list[Window]:
    """Windows covering every region; each character lies in exactly one window's core.

    A region longer than ``max_chars`` is cut into cores of ``max_chars - 2 * overlap``
    characters, each seen with up to ``overlap`` characters of context on both sides.
    """
    if max_chars <= 2 * overlap:
        raise ValueError(f"max_chars ({max_chars}) must exceed twice the overlap ({overlap})")
    step = max_chars - 2 * overlap
    windows = []
    for index, (start, end) in enumerate(regions):
        if end - start <= max_chars:
            if end > start:
                windows.append(Window(index, start, end, start, end))
            continue
        core = start
        while core < end:
            core_end = min(core + step, end)
            window_end = min(end, max(start, core - overlap) + max_chars)
            window_start = max(start, window_end - max_chars)
            windows.append(Window(index, window_start, window_end, core, core_end))
            core = core_end
    return windows


def plan_batches(
    lengths: Sequence[int], batch_size: int, *, max_padding: float = 0.1, min_rows: int = 32
) -> list[list[int]]:
    """Window indices in batches of similar length, shortest first.

    Every row of a batch is padded to its longest, and the encoder's cost is per padded
    token: a batch is closed before the share of padding would pass ``max_padding``, once it
    has ``min_rows`` rows (smaller batches cost more in per-call overhead, and use a second
    thread worse, than the padding they save). On the dev corpus: 78k tokens in 64 batches,
    where batches of 64 in length order fed 87k in 42.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    real = 0
    for i in order:
        if current:
            padded = (lengths[i] + 2) * (len(current) + 1)
            waste = padded - (real + lengths[i] + 2)
            if len(current) >= batch_size or (
                len(current) >= min_rows and waste > max_padding * padded
            ):
                batches.append(current)
                current, real = [], 0
        current.append(i)
        real += lengths[i] + 2
    if current:
        batches.append(current)
    return batches


class CharTagger:
    """The trained network with its vocabulary and label maps."""

    def __init__(
        self, model_dir: Path, *, batch_size: int = 64, overlap: int | None = None
    ) -> None:
        model_dir = Path(model_dir)
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.name = model_dir.as_posix()
        self.size = ModelSize(**config["size"])
        self.vocab = Vocab.load(model_dir / "vocab.txt")
        self.labels = json.loads((model_dir / "labels.json").read_text(encoding="utf-8"))
        self.bigrams = None
        if self.size.bigrams:
            self.bigrams = Bigrams.load(model_dir / "bigrams.txt")
        rows = len(self.bigrams.keys) if self.bigrams else 0
        config = bert_config(len(self.vocab.keys), self.size)
        self.network = ExtractorNet(config, rows, self.size.bigram_dim)
        weights = load_file(str(model_dir / "model.safetensors"))
        self.network.load_state_dict({k: v.float() for k, v in weights.items()})
        self.network.eval()
        self.batch_size = batch_size
        # Context each side of a window's core; a quarter of the window at most.
        self.overlap = overlap if overlap is not None else min(16, self.size.max_chars // 4)

    def tag(
        self,
        text: str,
        regions: Sequence[tuple[int, int]],
        words: Sequence[tuple[int, int]] | None = None,
    ) -> Tagging:
        """Tag every region of ``text``; spans never cross a region's border.

        ``words`` are jieba word spans over ``text`` (the segment stage's); a model with
        word features segments the regions itself when they are not given.
        """
        windows = plan_windows(regions, self.size.max_chars, self.overlap)
        inputs = TextInputs(text, self.vocab, self.bigrams, self._softword(text, regions, words))
        decoders = {head: PathDecoder(tuple(self.labels[head])) for head in HEADS}
        tags = {head: np.zeros(len(text), dtype=np.int64) for head in HEADS}
        probs = {head: np.zeros(len(text), dtype=np.float32) for head in HEADS}
        hidden_of: dict[int, tuple[torch.Tensor, int]] = {}

        def keep_core(decided: list[tuple[object, np.ndarray, np.ndarray]], head: str) -> None:
            for key, best_tag, best_prob in decided:
                window = windows[cast(int, key)]
                lo, hi = window.core_start - window.start + 1, window.core_end - window.start + 1
                tags[head][window.core_start : window.core_end] = best_tag[lo:hi]
                probs[head][window.core_start : window.core_end] = best_prob[lo:hi]

        with torch.inference_mode():
            for members in plan_batches([w.end - w.start for w in windows], self.batch_size):
                batch = inputs.batch([windows[i] for i in members])
                hidden, *logits = self.network(batch.ids, batch.mask, batch.types, batch.bigrams)
                for row, i in enumerate(members):
                    hidden_of[i] = (hidden, row)
                for head, head_logits in zip(HEADS, logits, strict=True):
                    log_probs = head_logits.log_softmax(-1)
                    keep_core(decoders[head].add(members, log_probs, batch.lengths), head)
            for head in HEADS:
                keep_core(decoders[head].finish(), head)
            spans = {head: self._spans(head, tags[head], probs[head], regions) for head in HEADS}
            quantities = tuple(s for s in spans["claim"] if s.label == "QTY")
            indicators = tuple(s for s in spans["claim"] if s.label == "IND")
            pairs = self._pairs(windows, hidden_of, quantities, indicators, spans["domain"])
        return Tagging(spans["generic"], spans["domain"], quantities, indicators, pairs)

    def _softword(self, text: str, regions: Sequence[tuple[int, int]], words) -> list[int] | None:
        """Word-feature ids over the whole text, or ``None`` for a model trained without them."""
        lexicon = self.size.lexicon
        if not (self.size.softword or lexicon):
            return None
        if words is None:
            ids = [0] * len(text)
            for start, end in regions:
                ids[start:end] = text_word_ids(text[start:end], lexicon=lexicon)
            return ids
        return word_ids(text, words, lexicon=lexicon)

    def _spans(
        self, head: str, tags: np.ndarray, probs: np.ndarray, regions
    ) -> tuple[TaggedSpan, ...]:
        """The head's spans, each scored by its characters' mean probability."""
        found = region_spans(tags, self.labels[head], regions)
        chances = probs.tolist()
        return tuple(
            sorted(
                (
                    TaggedSpan(s, e, kind, round(sum(chances[s:e]) / (e - s), 4))
                    for s, e, kind in found
                ),
                key=lambda span: (span.start, span.end, span.label),
            )
        )

    def _pairs(self, windows, hidden_of, quantities, indicators, domain) -> tuple[PairScore, ...]:
        """Score each quantity against indicators and entities seen in the same window."""
        candidates: list[tuple[int, list[int], int, int, PairKind]] = []
        cores = sorted((win.core_start, i) for i, win in enumerate(windows))
        core_starts = [c for c, _ in cores]
        targets_of: tuple[tuple[str, PairKind, tuple[TaggedSpan, ...]], ...] = (
            ("IND", "CLAIM_INDICATOR", indicators),
            ("ENT", "CLAIM_SUBJECT", domain),
        )
        starts_of = {kind: [t.start for t in targets] for kind, _, targets in targets_of}
        for q, quantity in enumerate(quantities):
            w = cores[bisect_right(core_starts, quantity.start) - 1][1]
            window = windows[w]
            q_span = (quantity.start - window.start, min(quantity.end, window.end) - window.start)
            for kind, relation, targets in targets_of:
                for t in _nearest(targets, starts_of[kind], quantity, window):
                    target = targets[t]
                    t_span = (target.start - window.start, target.end - window.start)
                    candidates.append((w, pair_row(0, q_span, t_span, kind), q, t, relation))
        scores: list[float] = []
        # Scored in chunks: a huge document has hundreds of thousands of candidates.
        for c in range(0, len(candidates), PAIR_CHUNK):
            chunk = candidates[c : c + PAIR_CHUNK]
            logits = self.network.score_pairs(
                _span_ends(chunk, hidden_of),
                torch.tensor([[i, 0, 2, 2, 4, *pair[5:]] for i, (_, pair, *_) in enumerate(chunk)]),
            )
            scores += torch.sigmoid(logits).tolist()
        return tuple(
            PairScore(q, t, relation, round(score, 4))
            for (_, _, q, t, relation), score in zip(candidates, scores, strict=True)
        )


def _span_ends(
    chunk: Sequence[tuple[int, list[int], int, int, PairKind]],
    hidden_of: dict[int, tuple[torch.Tensor, int]],
) -> torch.Tensor:
    """``(len(chunk), 4, H)``: each candidate's quantity and target end vectors.

    Only these four vectors of a pair are read, so they are gathered (one indexing per batch
    of windows, not per pair) and the pair rows then point at positions 0..3.
    """
    by_batch: dict[int, tuple[torch.Tensor, list[int], list[int], list[list[int]]]] = {}
    for i, (w, pair, *_) in enumerate(chunk):
        hidden, row = hidden_of[w]
        _, members, rows, positions = by_batch.setdefault(id(hidden), (hidden, [], [], []))
        members.append(i)
        rows.append(row)
        positions.append([pair[1], pair[2] - 1, pair[3], pair[4] - 1])
    some = next(iter(by_batch.values()))[0]
    ends = some.new_empty((len(chunk), 4, some.shape[-1]))
    for hidden, members, rows, positions in by_batch.values():
        ends[members] = hidden[torch.tensor(rows)[:, None], torch.tensor(positions)]
    return ends


def _nearest(
    targets: tuple[TaggedSpan, ...], starts: list[int], quantity: TaggedSpan, window: Window
) -> list[int]:
    """Indices of the targets inside ``window`` nearest to ``quantity``, at most a few."""
    lo, hi = bisect_left(starts, window.start), bisect_left(starts, window.end)
    inside = [t for t in range(lo, hi) if targets[t].end <= window.end]
    inside.sort(key=lambda t: (abs(targets[t].start - quantity.start), t))
    return sorted(inside[:MAX_TARGETS_PER_QUANTITY])


@lru_cache(maxsize=4)
def _load(resolved: str) -> CharTagger:
    return CharTagger(Path(resolved))


def load_tagger(model_dir: Path) -> CharTagger:
    """The tagger of a model folder, loaded once per process."""
    model_dir = Path(model_dir)
    if not (model_dir / "model.safetensors").exists():
        raise FileNotFoundError(
            f"no model at {model_dir}: expected model.safetensors, vocab.txt, labels.json, config.json"
        )
    return _load(str(model_dir.resolve()))
