"""The encoder's inputs for one text, looked up once, then cut into padded batches of windows.

A character's vocabulary id, its word feature and the bigram it forms with its left
neighbour do not depend on the window it is seen in, so they are looked up once per text
(numpy arrays) instead of once per window; only the window's first and last bigram (paired
with ``[CLS]`` and ``[SEP]``) are window-specific. The tensors are the ones ``Vocab.encode``
and ``Bigrams.encode`` build window by window (``tests/model/test_inputs.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import torch

from nianbao.model.bigrams import UNKNOWN, Bigrams
from nianbao.model.vocab import CLS, SEP, UNK, Vocab, char_key


class Span(Protocol):
    """Characters ``[start, end)`` of the text (a ``Window``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class BatchInputs:
    """One padded batch: ``(B, W)`` ids, mask and token types, ``(B, W, 2)`` bigrams."""

    ids: torch.Tensor
    mask: torch.Tensor
    types: torch.Tensor | None
    bigrams: torch.Tensor | None
    lengths: list[int]  # each row's length with [CLS] and [SEP]


class TextInputs:
    """Per-character ids of one text, and the batches cut from them."""

    def __init__(
        self, text: str, vocab: Vocab, bigrams: Bigrams | None, types: Sequence[int] | None
    ) -> None:
        self.text = text
        self.vocab = vocab
        self.bigrams = bigrams
        keys = [char_key(c) for c in text]
        unknown = vocab.index[UNK]
        self.chars = np.fromiter(
            (vocab.index.get(k, unknown) for k in keys), dtype=np.int64, count=len(text)
        )
        self.types = None if types is None else np.asarray(types, dtype=np.int64)
        self.keys = keys
        self.between: np.ndarray | None = None
        if bigrams is not None:
            # between[k]: the bigram (text[k - 1], text[k]); between[0] is never read.
            missing = bigrams.index[UNKNOWN]
            lookup = bigrams.index.get
            self.between = np.fromiter(
                (lookup(f"{a}\t{b}", missing) for a, b in zip(["", *keys], keys, strict=False)),
                dtype=np.int64,
                count=len(text),
            )

    def batch(self, windows: Sequence[Span]) -> BatchInputs:
        """``[CLS] chars [SEP]`` of each window, padded to the longest."""
        lengths = [w.end - w.start + 2 for w in windows]
        width = max(lengths)
        rows = len(windows)
        ids = np.full((rows, width), self.vocab.pad_id, dtype=np.int64)
        types = None if self.types is None else np.zeros((rows, width), dtype=np.int64)
        pairs = None if self.between is None else np.zeros((rows, width, 2), dtype=np.int64)
        cls, sep = self.vocab.index[CLS], self.vocab.index[SEP]
        for r, w in enumerate(windows):
            n = w.end - w.start
            ids[r, 0], ids[r, 1 : n + 1], ids[r, n + 1] = cls, self.chars[w.start : w.end], sep
            if types is not None and self.types is not None:
                types[r, 1 : n + 1] = self.types[w.start : w.end]
            if pairs is not None:
                self._window_bigrams(pairs[r], w.start, w.end)
        mask = (np.arange(width)[None, :] < np.asarray(lengths)[:, None]).astype(np.int64)
        return BatchInputs(
            torch.from_numpy(ids),
            torch.from_numpy(mask),
            None if types is None else torch.from_numpy(types),
            None if pairs is None else torch.from_numpy(pairs),
            lengths,
        )

    def _window_bigrams(self, out: np.ndarray, start: int, end: int) -> None:
        """Left and right bigram ids of the window's characters into ``out[1 : n + 1]``."""
        assert self.bigrams is not None and self.between is not None
        n = end - start
        index, missing = self.bigrams.index, self.bigrams.index[UNKNOWN]
        out[1 : n + 1, 0] = self.between[start:end]
        out[1, 0] = index.get(f"{CLS}\t{self.keys[start]}", missing)
        out[1:n, 1] = self.between[start + 1 : end]
        out[n, 1] = index.get(f"{self.keys[end - 1]}\t{SEP}", missing)
