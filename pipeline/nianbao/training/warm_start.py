"""Start training from an earlier model's weights, widening its inputs to new features.

A model trained with plain softword types (5) can continue as a lexicon model (25 types):
each new (word place, word class) row starts as the old row of that word place, and a new
bigram table starts with a zero projection, so the first step computes what the old model
computed. A deeper model starts with the old layers and copies of the old top layer above
them (progressive stacking, Gong et al. 2019): the new layers begin as a trained layer, not
as noise. The vocabulary (and a bigram table, when the old model has one) is the old
model's: its ids are what the weights were trained on.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import load_file

from nianbao.model.bigrams import Bigrams
from nianbao.model.network import ExtractorNet, ModelSize
from nianbao.model.softword import LEXICON_TYPES, SOFTWORD_TAGS, WORD_CLASSES
from nianbao.model.vocab import Vocab

TYPE_KEY = "encoder.embeddings.token_type_embeddings.weight"
LAYER_PREFIX = "encoder.encoder.layer."


def earlier_model(model_dir: Path) -> tuple[Vocab, ModelSize, Bigrams | None]:
    """The vocabulary, size and bigram table (``None`` if it has none) of a trained model."""
    model_dir = Path(model_dir)
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    table = model_dir / "bigrams.txt"
    bigrams = Bigrams.load(table) if table.exists() else None
    return Vocab.load(model_dir / "vocab.txt"), ModelSize(**config["size"]), bigrams


def load_earlier_weights(model: ExtractorNet, model_dir: Path) -> list[str]:
    """Copy an earlier model's weights into ``model``; returns the names left as initialised."""
    weights = {
        k: v.float() for k, v in load_file(str(Path(model_dir) / "model.safetensors")).items()
    }
    types = weights.get(TYPE_KEY)
    wanted = model.state_dict()[TYPE_KEY].shape[0]
    if types is not None and types.shape[0] != wanted:
        weights[TYPE_KEY] = _widen_types(types, wanted)
    weights = _stacked(weights, model.config.num_hidden_layers)
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if unexpected:
        raise ValueError(f"{model_dir} has weights this model lacks: {unexpected}")
    return list(missing)


def _widen_types(types: torch.Tensor, wanted: int) -> torch.Tensor:
    """Softword rows (0, B, M, E, S) spread over the lexicon's (place × word class) rows."""
    if types.shape[0] != len(SOFTWORD_TAGS) or wanted != LEXICON_TYPES:
        raise ValueError(f"cannot widen {types.shape[0]} token types to {wanted}")
    classes = len(WORD_CLASSES)
    rows = [types[0]]
    for place in range(1, len(SOFTWORD_TAGS)):
        rows += [types[place]] * classes
    return torch.stack(rows)


def layer_count(weights: dict[str, torch.Tensor]) -> int:
    """How many encoder layers a state dict holds."""
    numbers = {
        int(k[len(LAYER_PREFIX) :].split(".")[0]) for k in weights if k.startswith(LAYER_PREFIX)
    }
    return max(numbers) + 1 if numbers else 0


def _stacked(weights: dict[str, torch.Tensor], layers: int) -> dict[str, torch.Tensor]:
    """``weights`` with copies of its top encoder layer added until there are ``layers``."""
    have = layer_count(weights)
    if have >= layers or have == 0:
        return weights
    top = f"{LAYER_PREFIX}{have - 1}."
    out = dict(weights)
    for new in range(have, layers):
        for key, value in weights.items():
            if key.startswith(top):
                out[f"{LAYER_PREFIX}{new}.{key[len(top) :]}"] = value.clone()
    return out
