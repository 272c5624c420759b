"""Constrained decoding: the most probable tag path that is valid BIO.

Per-character arg-max lets ``O I-X`` or ``B-X I-Y`` through, which cuts names into
fragments. A Viterbi pass over the log-probabilities with those transitions forbidden
(an ``I-X`` only after ``B-X`` or ``I-X``) returns whole spans at no training cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import torch


@lru_cache(maxsize=16)
def transition_penalty(labels: tuple[str, ...]) -> torch.Tensor:
    """``(L, L)``: 0 where ``labels[i] → labels[j]`` is valid BIO, minus infinity where not."""
    size = len(labels)
    penalty = torch.zeros(size, size)
    for j, label in enumerate(labels):
        if not label.startswith("I-"):
            continue
        for i, previous in enumerate(labels):
            if previous[2:] != label[2:] or previous == "O":
                penalty[i, j] = float("-inf")
    return penalty


def start_penalty(labels: Sequence[str]) -> torch.Tensor:
    """``(L,)``: a sequence cannot start inside a span."""
    return torch.tensor([float("-inf") if x.startswith("I-") else 0.0 for x in labels])


def viterbi(
    log_probs: torch.Tensor, labels: tuple[str, ...], lengths: Sequence[int] | None = None
) -> torch.Tensor:
    """Best valid paths of ``(B, T, L)`` log-probabilities, as ``(B, T)`` label ids.

    ``lengths``: each row's real length (default ``T``); a row is decoded as if it ended
    there, so padding never changes its path, and positions past it get label 0.

    The recursion runs in numpy: it is sequential in ``T``, and one small torch operation
    per step costs several times a numpy one (torch's dispatch, and its thread pool, which
    contends with other processes); the arithmetic is the same, so are the paths (ties go
    to the first label in both).
    """
    scores = log_probs.detach().float().numpy()
    batch, length, _ = scores.shape
    if length == 0:
        return torch.zeros(batch, 0, dtype=torch.long)
    ends = np.full(batch, length) if lengths is None else np.asarray(lengths, dtype=np.int64)
    transitions = transition_penalty(labels).numpy()
    score = scores[:, 0] + start_penalty(labels).numpy()
    last = np.zeros(batch, dtype=np.int64)  # each row's best label at its own last position
    back = np.empty((length - 1, batch, scores.shape[2]), dtype=np.int64)
    for t in range(1, length):
        ending = ends == t
        if ending.any():
            last[ending] = score[ending].argmax(axis=-1)
        candidates = score[:, :, None] + transitions  # (B, from, to)
        back[t - 1] = candidates.argmax(axis=1)
        score = candidates.max(axis=1) + scores[:, t]
    ending = ends == length
    last[ending] = score[ending].argmax(axis=-1)
    path = np.zeros((batch, length), dtype=np.int64)
    rows = np.arange(batch)
    path[rows, np.maximum(ends - 1, 0)] = last
    for t in range(length - 2, -1, -1):
        inside = t < ends - 1
        path[inside, t] = back[t, rows[inside], path[inside, t + 1]]
    return torch.from_numpy(path)


def best_valid_tags(
    log_probs: torch.Tensor, labels: tuple[str, ...], lengths: Sequence[int] | None = None
) -> torch.Tensor:
    """The same paths as ``viterbi``, cheaper: where the per-position arg-max is already valid
    BIO it is the best valid path, so only the rows that break a rule are decoded again.
    Positions past a row's length (padding) are neither checked nor decoded."""
    best = log_probs.argmax(dim=-1)
    if best.shape[1] == 0:
        return best
    allowed = transition_penalty(labels) == 0
    starts_ok = start_penalty(labels) == 0
    steps_ok = allowed[best[:, :-1], best[:, 1:]]
    if lengths is not None:
        ends = torch.tensor(lengths)
        steps_ok |= torch.arange(1, best.shape[1])[None, :] >= ends[:, None]
    valid = starts_ok[best[:, 0]] & steps_ok.all(dim=1)
    broken = (~valid).nonzero().squeeze(1)
    if broken.numel():
        row_lengths = None if lengths is None else [lengths[i] for i in broken.tolist()]
        best[broken] = viterbi(log_probs[broken], labels, row_lengths)
    return best


class PathDecoder:
    """Best valid paths of many batches' rows, and each position's probability on its path.

    Rows whose arg-max is valid BIO are done at once; the others wait and go through one
    Viterbi pass together: the pass costs per step, not per row, so a document's broken rows
    decode in a few calls instead of one per batch. At most ``pending_rows`` wait (memory).
    """

    def __init__(self, labels: tuple[str, ...], pending_rows: int = 2048) -> None:
        self.labels = labels
        self.pending_rows = pending_rows
        self._pending: list[tuple[object, np.ndarray]] = []
        self._allowed = transition_penalty(labels) == 0
        self._starts_ok = start_penalty(labels) == 0

    def add(
        self, keys: Sequence[object], log_probs: torch.Tensor, lengths: Sequence[int]
    ) -> list[tuple[object, np.ndarray, np.ndarray]]:
        """Rows of a ``(B, T, L)`` batch; returns ``(key, tags, probs)`` of the rows decided."""
        best = log_probs.argmax(dim=-1)
        ends = torch.tensor(lengths)
        steps_ok = self._allowed[best[:, :-1], best[:, 1:]]
        steps_ok |= torch.arange(1, best.shape[1])[None, :] >= ends[:, None]
        valid = (self._starts_ok[best[:, 0]] & steps_ok.all(dim=1)).tolist()
        probs = log_probs.gather(-1, best.unsqueeze(-1)).squeeze(-1).exp().numpy()
        best_np, scores = best.numpy(), log_probs.numpy()
        done = []
        for row, (key, length, ok) in enumerate(zip(keys, lengths, valid, strict=True)):
            if ok:
                done.append((key, best_np[row, :length], probs[row, :length]))
            else:
                self._pending.append((key, scores[row, :length]))
        if len(self._pending) >= self.pending_rows:
            done += self.finish()
        return done

    def finish(self) -> list[tuple[object, np.ndarray, np.ndarray]]:
        """Decode every waiting row."""
        if not self._pending:
            return []
        lengths = [len(row) for _, row in self._pending]
        padded = np.zeros((len(lengths), max(lengths), len(self.labels)), dtype=np.float32)
        for r, (_, row) in enumerate(self._pending):
            padded[r, : len(row)] = row
        keys = [key for key, _ in self._pending]
        self._pending = []
        scores = torch.from_numpy(padded)
        paths = viterbi(scores, self.labels, lengths)
        probs = scores.gather(-1, paths.unsqueeze(-1)).squeeze(-1).exp().numpy()
        paths_np = paths.numpy()
        return [
            (key, paths_np[r, :length], probs[r, :length])
            for r, (key, length) in enumerate(zip(keys, lengths, strict=True))
        ]
