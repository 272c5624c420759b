"""A post-LayerNorm BERT encoder in plain torch, under ``transformers.BertModel``'s weight names.

The committed models were trained with ``BertModel(config, add_pooling_layer=False)``. This
module has the same parameters under the same state-dict keys and computes the same function
(SDPA attention with a boolean padding mask, exact-erf GELU, LayerNorm after each residual),
so those weights load with strict key matching. Importing transformers cost about 2.5 s of a
3 s cold start, for three small layer types.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional


@dataclass(frozen=True, slots=True)
class EncoderConfig:
    """The encoder's shape.

    The names are ``BertConfig``'s: the weights were trained under them, and
    ``training.warm_start`` reads ``num_hidden_layers``.
    """

    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int
    dropout: float = 0.1  # BERT's hidden and attention dropout, which were always equal here
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0
    initializer_range: float = 0.02

    def __post_init__(self) -> None:
        if self.hidden_size % self.num_attention_heads:
            raise ValueError(
                f"hidden_size ({self.hidden_size}) is not a multiple of "
                f"num_attention_heads ({self.num_attention_heads})"
            )


class BertEmbeddings(nn.Module):
    """Given character vectors plus position and token-type vectors, normalised."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        hidden = config.hidden_size
        self.word_embeddings = nn.Embedding(
            config.vocab_size, hidden, padding_idx=config.pad_token_id
        )
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, hidden)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.dropout)

    def forward(
        self, inputs_embeds: torch.Tensor, token_type_ids: torch.Tensor | None
    ) -> torch.Tensor:
        batch, length = inputs_embeds.shape[:2]
        device = inputs_embeds.device
        if token_type_ids is None:
            token_type_ids = torch.zeros((batch, length), dtype=torch.long, device=device)
        # Summed in BertModel's order (types, then positions): float addition is not associative.
        embeddings = inputs_embeds + self.token_type_embeddings(token_type_ids)
        positions = torch.arange(length, device=device).unsqueeze(0)
        embeddings = embeddings + self.position_embeddings(positions)
        return self.dropout(self.LayerNorm(embeddings))


class BertSelfAttention(nn.Module):
    """Multi-head scaled dot-product attention over the whole window."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        hidden = config.hidden_size
        self.heads = config.num_attention_heads
        self.head_size = hidden // self.heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.dropout = config.dropout

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor | None) -> torch.Tensor:
        """``keep``: boolean, ``(batch, 1, length, length)``, true where a key may be attended."""
        batch, length = hidden.shape[:2]

        def split_heads(states: torch.Tensor) -> torch.Tensor:
            return states.view(batch, length, self.heads, self.head_size).transpose(1, 2)

        attended = functional.scaled_dot_product_attention(
            split_heads(self.query(hidden)),
            split_heads(self.key(hidden)),
            split_heads(self.value(hidden)),
            attn_mask=keep,
            dropout_p=self.dropout if self.training else 0.0,
            scale=self.head_size**-0.5,
        )
        return attended.transpose(1, 2).reshape(batch, length, -1)


class ResidualNorm(nn.Module):
    """Project, drop out, add the sublayer's input and normalise (BERT's post-LN step)."""

    def __init__(self, width_in: int, config: EncoderConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(width_in, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, states: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(states)) + residual)


class BertAttention(nn.Module):
    """Self-attention and its residual step (keys ``attention.self.*``, ``attention.output.*``)."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.self = BertSelfAttention(config)
        self.output = ResidualNorm(config.hidden_size, config)

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(hidden, keep), hidden)


class BertIntermediate(nn.Module):
    """The feed-forward block's widening projection and exact (erf) GELU."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return functional.gelu(self.dense(hidden))


class BertLayer(nn.Module):
    """One transformer layer: attention, then the feed-forward block."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.attention = BertAttention(config)
        self.intermediate = BertIntermediate(config)
        self.output = ResidualNorm(config.intermediate_size, config)

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor | None) -> torch.Tensor:
        attended = self.attention(hidden, keep)
        return self.output(self.intermediate(attended), attended)


class BertLayers(nn.Module):
    """The layer stack; its own module so that the keys read ``encoder.layer.N``."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList(BertLayer(config) for _ in range(config.num_hidden_layers))

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor | None) -> torch.Tensor:
        for layer in self.layer:
            hidden = layer(hidden, keep)
        return hidden


class BertEncoder(nn.Module):
    """Embeddings and layers: ``BertModel`` without its pooler, for ``inputs_embeds`` input."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = BertEmbeddings(config)
        self.encoder = BertLayers(config)
        self.apply(self._init_weights)

    def _init_weights(self, module: nn.Module) -> None:
        """BertModel's initialisation, so that training from scratch starts from the same law."""
        std = self.config.initializer_range
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=std)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=std)
            if module.padding_idx is not None:
                with torch.no_grad():
                    module.weight[module.padding_idx].zero_()
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)

    def forward(
        self,
        inputs_embeds: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """The last layer's hidden states, ``(batch, length, hidden)``.

        ``attention_mask``: 1 for a real character, 0 for padding, ``(batch, length)``.
        """
        hidden = self.embeddings(inputs_embeds, token_type_ids)
        return self.encoder(hidden, _keep_mask(attention_mask, hidden.shape[1]))


def _keep_mask(attention_mask: torch.Tensor | None, length: int) -> torch.Tensor | None:
    """The padding mask as SDPA's boolean ``(batch, 1, length, length)``, or ``None`` if nothing
    is padded: BertModel passes no mask then, and SDPA may pick another kernel without one."""
    if attention_mask is None or bool(attention_mask.all()):
        return None
    keep = attention_mask.bool()[:, None, None, :]
    return keep.expand(-1, 1, length, length)
