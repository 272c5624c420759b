"""Weight averaging ("model soup"): one model whose weights are the mean of several runs'.

Runs that start from the same weights and differ in data order or augmentation end in
nearby minima; their mean usually generalises better than any of them (Wortsman et al.
2022) and costs nothing at inference. Only models of one shape, vocabulary, bigram table and
label set can be averaged; anything else is refused, not guessed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from nianbao.errors import MESSAGES, ModelNotFound, ModelsDiffer
from nianbao.training.train import write_json

SHARED_FILES = ("config.json", "labels.json", "vocab.txt", "bigrams.txt")


def average_models(out_dir: Path, model_dirs: Sequence[Path]) -> Path:
    """Write the mean of ``model_dirs``' weights, with their shared files, to ``out_dir``."""
    dirs = [Path(d) for d in model_dirs]
    if len(dirs) < 2:
        raise ValueError("averaging needs at least two models")
    for d in dirs:
        if not (d / "model.safetensors").is_file():
            raise ModelNotFound(f"找不到模型 {d}（no trained model there）")
    first = dirs[0]
    for other in dirs[1:]:
        for name in SHARED_FILES:
            if _read(first / name) != _read(other / name):
                raise _differ(first, other, name)
    states = [load_file(str(d / "model.safetensors")) for d in dirs]
    names = set(states[0])
    for other, state in zip(dirs[1:], states[1:], strict=True):
        if set(state) != names:
            raise _differ(first, other, ", ".join(sorted(set(state) ^ names)))
    mean = {}
    for name in sorted(names):
        tensors = [s[name] for s in states]
        if tensors[0].is_floating_point():
            total = torch.stack([t.float() for t in tensors]).mean(dim=0)
            mean[name] = total.to(tensors[0].dtype).contiguous()
        else:
            mean[name] = tensors[0]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(mean, str(out_dir / "model.safetensors"))
    for name in SHARED_FILES:
        if (first / name).exists():
            shutil.copyfile(first / name, out_dir / name)
    record = {
        "averaged_from": [
            {"model": d.as_posix(), "training": json.loads(_read(d / "training.json") or "null")}
            for d in dirs
        ]
    }
    write_json(out_dir / "training.json", record)
    return out_dir


def _differ(first: Path, other: Path, what: str) -> ModelsDiffer:
    return ModelsDiffer(MESSAGES["models_differ"].format(first=first, other=other, what=what))


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None
