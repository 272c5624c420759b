"""The encoder (a plain-torch BERT, ``model/encoder.py``) and its four heads."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass

import torch
from torch import nn

from nianbao.model.encoder import BertEncoder, EncoderConfig
from nianbao.model.labels import CLAIM_PARTS, DOMAIN_TYPES, GENERIC_TYPES, bio_labels
from nianbao.model.softword import type_count

# Relation candidates are told how far apart the two spans are, in these character buckets.
DISTANCE_BUCKETS = (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64)
TARGET_KINDS = ("IND", "ENT")


@dataclass(frozen=True, slots=True)
class ModelSize:
    """The encoder's shape; the defaults are the size chosen by measurement (MODEL_CARD.md)."""

    hidden: int = 128
    layers: int = 2
    heads: int = 4
    intermediate: int = 512
    max_chars: int = 126  # characters per window, without [CLS] and [SEP]
    dropout: float = 0.1
    softword: bool = False  # jieba word-boundary tags as token types (model/softword.py)
    lexicon: bool = False  # word borders × jieba word class as token types (implies softword)
    bigrams: int = 0  # rows of the character-bigram table (model/bigrams.py); 0: none
    bigram_dim: int = 64

    def as_dict(self) -> dict:
        return asdict(self)


def bert_config(vocab_size: int, size: ModelSize) -> EncoderConfig:
    """A small BERT configuration; no pretrained weights exist or are fetched."""
    return EncoderConfig(
        vocab_size=vocab_size,
        hidden_size=size.hidden,
        num_hidden_layers=size.layers,
        num_attention_heads=size.heads,
        intermediate_size=size.intermediate,
        max_position_embeddings=size.max_chars + 2,
        type_vocab_size=type_count(softword=size.softword, lexicon=size.lexicon),
        dropout=size.dropout,
        pad_token_id=0,
    )


def distance_bucket(distance: int) -> int:
    """Index of the largest bucket edge not above ``distance``."""
    return max(0, bisect_right(DISTANCE_BUCKETS, distance) - 1)


class ExtractorNet(nn.Module):
    """Character encoder with entity (generic, domain), claim-part and relation heads."""

    def __init__(self, config: EncoderConfig, bigram_rows: int = 0, bigram_dim: int = 64) -> None:
        super().__init__()
        hidden = config.hidden_size
        self.config = config
        self.encoder = BertEncoder(config)
        self.bigram_embedding = None
        if bigram_rows:
            self.bigram_embedding = nn.Embedding(bigram_rows, bigram_dim, padding_idx=0)
            nn.init.normal_(self.bigram_embedding.weight, std=0.02)
            # Zero at first: a model without bigrams is where training starts from.
            self.bigram_projection = nn.Linear(2 * bigram_dim, hidden)
            nn.init.zeros_(self.bigram_projection.weight)
            nn.init.zeros_(self.bigram_projection.bias)
        self.generic_head = nn.Linear(hidden, len(bio_labels(GENERIC_TYPES)))
        self.domain_head = nn.Linear(hidden, len(bio_labels(DOMAIN_TYPES)))
        self.claim_head = nn.Linear(hidden, len(bio_labels(CLAIM_PARTS)))
        self.kind_embedding = nn.Embedding(len(TARGET_KINDS), hidden)
        self.distance_embedding = nn.Embedding(len(DISTANCE_BUCKETS) * 2, hidden)
        self.pair_head = nn.Sequential(
            nn.Linear(hidden * 5, hidden), nn.GELU(), nn.Linear(hidden, 1)
        )

    def forward(
        self,
        ids: torch.Tensor,
        mask: torch.Tensor,
        softword: torch.Tensor | None = None,
        bigrams: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """Hidden states and the logits of the three tagging heads.

        ``softword`` (token types, same shape as ``ids``) and ``bigrams`` (left and right
        bigram ids, shape ``ids`` × 2) are ignored by a model trained without them.
        """
        if self.config.type_vocab_size == 1:
            softword = None
        embeds = self.encoder.embeddings.word_embeddings(ids)
        if self.bigram_embedding is not None and bigrams is not None:
            pair = self.bigram_embedding(bigrams).flatten(-2)
            embeds = embeds + self.bigram_projection(pair)
        hidden = self.encoder(inputs_embeds=embeds, attention_mask=mask, token_type_ids=softword)
        return hidden, self.generic_head(hidden), self.domain_head(hidden), self.claim_head(hidden)

    def score_pairs(self, hidden: torch.Tensor, pairs: torch.Tensor) -> torch.Tensor:
        """Logits of candidate pairs.

        ``pairs`` rows: batch row, quantity start, quantity end (exclusive), target start,
        target end, target kind, signed distance bucket; positions are token positions.
        """
        row = pairs[:, 0]

        def span(start: torch.Tensor, end: torch.Tensor) -> torch.Tensor:
            return torch.cat([hidden[row, start], hidden[row, end - 1]], dim=-1)

        features = torch.cat(
            [
                span(pairs[:, 1], pairs[:, 2]),
                span(pairs[:, 3], pairs[:, 4]),
                self.kind_embedding(pairs[:, 5]) + self.distance_embedding(pairs[:, 6]),
            ],
            dim=-1,
        )
        return self.pair_head(features).squeeze(-1)


def pair_row(
    batch_row: int, quantity: tuple[int, int], target: tuple[int, int], kind: str
) -> list[int]:
    """One ``pairs`` row for character spans of a sequence (shifted by one for [CLS])."""
    q_start, q_end = quantity
    t_start, t_end = target
    if t_end <= q_start:
        gap, side = q_start - t_end, 0
    else:
        gap, side = max(0, t_start - q_end), 1
    bucket = distance_bucket(gap) + side * len(DISTANCE_BUCKETS)
    return [
        batch_row,
        q_start + 1,
        q_end + 1,
        t_start + 1,
        t_end + 1,
        TARGET_KINDS.index(kind),
        bucket,
    ]
