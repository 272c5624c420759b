"""Examples to padded tensors: token ids, the three tag sequences and relation candidates."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import torch

from nianbao.model.bigrams import Bigrams
from nianbao.model.labels import (
    CLAIM_PARTS,
    DOMAIN_TYPES,
    GENERIC_TYPES,
    IGNORE,
    bio_labels,
    encode_bio,
)
from nianbao.model.network import pair_row
from nianbao.model.vocab import Vocab
from nianbao.training.examples import Example

GENERIC_LABELS = bio_labels(GENERIC_TYPES)
DOMAIN_LABELS = bio_labels(DOMAIN_TYPES)
CLAIM_LABELS = bio_labels(CLAIM_PARTS)
# A sentence listing many numbers would give hundreds of pairs; a sample teaches as much.
MAX_PAIRS_PER_EXAMPLE = 48


@dataclass(frozen=True, slots=True)
class Batch:
    ids: torch.Tensor
    mask: torch.Tensor
    softword: torch.Tensor
    bigrams: torch.Tensor  # (rows, width, 2): left and right bigram ids, zeros without a table
    generic: torch.Tensor
    domain: torch.Tensor
    claim: torch.Tensor
    pairs: torch.Tensor  # (n, 7) rows of ``network.pair_row``
    pair_labels: torch.Tensor  # (n,) 1.0 for a true relation

    def to(self, device: str) -> Batch:
        """The same batch on ``device``."""
        return Batch(*(getattr(self, f).to(device) for f in Batch.__slots__))


def _tags(length: int, spans: Sequence | None, labels: Sequence[str]) -> list[int]:
    if spans is None:
        return [IGNORE] * (length + 2)
    return [IGNORE, *encode_bio(length, spans, labels), IGNORE]


def _pairs(example: Example, row: int, rng: random.Random) -> list[tuple[list[int], float]]:
    quantities = example.quantities or ()
    positives = set(example.relations)
    candidates = []
    for q, quantity in enumerate(quantities):
        entity_spans = tuple((s, e) for s, e, _ in example.domain or ())
        for kind, targets in (("IND", example.indicators), ("ENT", entity_spans)):
            for t, target in enumerate(targets):
                label = 1.0 if (q, kind, t) in positives else 0.0
                candidates.append((pair_row(row, quantity, target, kind), label))
    if len(candidates) > MAX_PAIRS_PER_EXAMPLE:
        candidates = rng.sample(candidates, MAX_PAIRS_PER_EXAMPLE)
    return candidates


def make_batch(
    examples: Sequence[Example],
    vocab: Vocab,
    rng: random.Random,
    bigrams: Bigrams | None = None,
) -> Batch:
    """Pad a list of examples (each at most the window size) into one batch."""
    width = max(len(e.text) for e in examples) + 2
    ids, mask, softword, bigram_ids, generic, domain, claim = [], [], [], [], [], [], []
    pairs: list[list[int]] = []
    pair_labels: list[float] = []
    for row, example in enumerate(examples):
        n = len(example.text)
        pad = width - n - 2
        ids.append(vocab.encode(example.text) + [vocab.pad_id] * pad)
        mask.append([1] * (n + 2) + [0] * pad)
        words = example.softword if example.softword is not None else [0] * n
        softword.append([0, *words, 0] + [0] * pad)
        pairs_of_row = bigrams.encode(example.text) if bigrams else [(0, 0)] * (n + 2)
        bigram_ids.append(pairs_of_row + [(0, 0)] * pad)
        generic.append(_tags(n, example.generic, GENERIC_LABELS) + [IGNORE] * pad)
        domain.append(_tags(n, example.domain, DOMAIN_LABELS) + [IGNORE] * pad)
        parts = None
        if example.quantities is not None:
            parts = [(s, e, "QTY") for s, e in example.quantities]
            parts += [(s, e, "IND") for s, e in example.indicators]
        claim.append(_tags(n, parts, CLAIM_LABELS) + [IGNORE] * pad)
        for pair, label in _pairs(example, row, rng):
            pairs.append(pair)
            pair_labels.append(label)
    return Batch(
        ids=torch.tensor(ids, dtype=torch.long),
        mask=torch.tensor(mask, dtype=torch.long),
        softword=torch.tensor(softword, dtype=torch.long),
        bigrams=torch.tensor(bigram_ids, dtype=torch.long),
        generic=torch.tensor(generic, dtype=torch.long),
        domain=torch.tensor(domain, dtype=torch.long),
        claim=torch.tensor(claim, dtype=torch.long),
        pairs=torch.tensor(pairs, dtype=torch.long).reshape(-1, 7),
        pair_labels=torch.tensor(pair_labels, dtype=torch.float),
    )


def batch_plan(examples: Sequence[Example], batch_size: int, seed: int) -> list[list[int]]:
    """Example indices grouped into batches of similar length, in a seeded random order."""
    rng = random.Random(seed)
    order = list(range(len(examples)))
    rng.shuffle(order)
    pool = batch_size * 50
    batches = []
    for i in range(0, len(order), pool):
        chunk = sorted(order[i : i + pool], key=lambda k: len(examples[k].text))
        batches += [chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches
