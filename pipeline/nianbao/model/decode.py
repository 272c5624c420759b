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


def viterbi(log_probs: torch.Tensor, labels: tuple[str, ...]) -> torch.Tensor:
    """Best valid paths of ``(B, T, L)`` log-probabilities, as ``(B, T)`` label ids.

    The recursion runs in numpy: it is sequential in ``T``, and one small torch operation
    per step costs several times a numpy one (torch's dispatch, and its thread pool, which
    contends with other processes); the arithmetic is the same, so are the paths (ties go
    to the first label in both).
    """
    scores = log_probs.detach().float().numpy()
    batch, length, _ = scores.shape
    if length == 0:
        return torch.zeros(batch, 0, dtype=torch.long)
    transitions = transition_penalty(labels).numpy()
    score = scores[:, 0] + start_penalty(labels).numpy()
    back = np.empty((length - 1, batch, scores.shape[2]), dtype=np.int64)
    for t in range(1, length):
        candidates = score[:, :, None] + transitions  # (B, from, to)
        previous = candidates.argmax(axis=1)
        back[t - 1] = previous
        score = np.take_along_axis(candidates, previous[:, None, :], axis=1)[:, 0] + scores[:, t]
    path = np.empty((batch, length), dtype=np.int64)
    path[:, -1] = score.argmax(axis=-1)
    rows = np.arange(batch)
    for t in range(length - 2, -1, -1):
        path[:, t] = back[t, rows, path[:, t + 1]]
    return torch.from_numpy(path)


def best_valid_tags(log_probs: torch.Tensor, labels: tuple[str, ...]) -> torch.Tensor:
    """The same paths as ``viterbi``, cheaper: where the per-position arg-max is already valid
    BIO it is the best valid path, so only the rows that break a rule are decoded again."""
    best = log_probs.argmax(dim=-1)
    if best.shape[1] == 0:
        return best
    allowed = transition_penalty(labels) == 0
    starts_ok = start_penalty(labels) == 0
    valid = starts_ok[best[:, 0]] & allowed[best[:, :-1], best[:, 1:]].all(dim=1)
    broken = (~valid).nonzero().squeeze(1)
    if broken.numel():
        best[broken] = viterbi(log_probs[broken], labels)
    return best
