"""The six standard annex tables: recognising one by its printed title, or by its row
labels when the report printed it without a caption."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class AnnexKind:
    kind: str  # "scorecard", "satisfaction", "resources", "service", "international", "policy"
    title: str
    names: tuple[str, ...]
    row_keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _AnnexSpec:
    kinds: tuple[AnnexKind, ...]
    min_rows: int
    min_share: float


@lru_cache(maxsize=1)
def _spec() -> _AnnexSpec:
    raw: dict[str, Any] = json.loads(
        resources.files("nianbao.patterns").joinpath("table_annex.json").read_text("utf-8")
    )
    kinds = tuple(
        AnnexKind(k["kind"], k["title"], tuple(k["names"]), tuple(k["row_keywords"]))
        for k in raw["kinds"]
    )
    return _AnnexSpec(kinds, int(raw["min_rows_to_infer"]), float(raw["min_share_to_infer"]))


def annex_kind_of_title(title: str) -> AnnexKind | None:
    """The annex a caption names (``人才培养质量计分卡`` → scorecard), or ``None``."""
    compact = "".join(title.split())
    for kind in _spec().kinds:
        if any(name in compact for name in kind.names):
            return kind
    return None


def infer_annex_kind(labels: list[str]) -> AnnexKind | None:
    """The annex whose row keywords most labels contain, when clearly one."""
    spec = _spec()
    labels = [label for label in labels if label]
    if len(labels) < spec.min_rows:
        return None
    scored = []
    for kind in spec.kinds:
        hits = sum(1 for label in labels if any(word in label for word in kind.row_keywords))
        scored.append((hits / len(labels), kind))
    scored.sort(key=lambda s: -s[0])
    best_share, best = scored[0]
    if best_share < spec.min_share or (len(scored) > 1 and scored[1][0] == best_share):
        return None
    return best
