"""Synthetic 质量年报 with planted inconsistencies and full ground truth.

``write_corpus`` writes reports and their gold files (the dev-gold format of ``SCHEMA.md``);
``write_training_examples`` writes char-level examples for the extractor. Both are
deterministic for a seed: the same call writes the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from nianbao.synth.gold import dump_gold, find_quote, gold_document, validate_gold
from nianbao.synth.plant import Planting, plant
from nianbao.synth.render import Rendered, render
from nianbao.synth.report import plan_report
from nianbao.synth.spec import Plan
from nianbao.synth.training import training_examples

__all__ = [
    "SynthReport",
    "find_quote",
    "generate_report",
    "validate_gold",
    "write_corpus",
    "write_training_examples",
]


@dataclass(frozen=True, slots=True)
class SynthReport:
    """One generated report: its file name, text and gold, and how many sites were offered."""

    name: str
    text: str
    gold: dict
    sites: int
    plan: Plan
    rendered: Rendered
    planting: Planting


def generate_report(seed: int, index: int, finding_rate: float = 0.3) -> SynthReport:
    """The ``index``-th report of the corpus of ``seed``; the rate does not change the base text."""
    name = f"synth_{seed}_{index:04d}.txt"
    plan, world = plan_report(name, random.Random(f"nianbao-synth:{seed}:{index}:plan"))
    planting = plant(
        plan, world, random.Random(f"nianbao-synth:{seed}:{index}:plant"), finding_rate
    )
    rendered = render(plan, planting, random.Random(f"nianbao-synth:{seed}:{index}:render"))
    gold = gold_document(plan, planting, rendered, name)
    return SynthReport(name, rendered.text, gold, planting.sites, plan, rendered, planting)


def write_corpus(out_dir: Path, n: int, seed: int, finding_rate: float = 0.3) -> list[Path]:
    """Write ``n`` reports as ``<name>.txt`` with ``<name>.txt.gold.json`` beside each."""
    if not 0 <= finding_rate <= 1:
        raise ValueError(f"finding_rate must be between 0 and 1, got {finding_rate}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        report = generate_report(seed, index, finding_rate)
        path = out_dir / report.name
        path.write_text(report.text, encoding="utf-8")
        (out_dir / f"{report.name}.gold.json").write_text(dump_gold(report.gold), encoding="utf-8")
        paths.append(path)
    return paths


def write_training_examples(out_path: Path, n_docs: int, seed: int) -> int:
    """Write char-level examples of ``n_docs`` reports as JSONL; returns how many lines."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with out_path.open("w", encoding="utf-8") as out:
        for index in range(n_docs):
            report = generate_report(seed, index)
            for example in training_examples(report.plan, report.rendered, report.name):
                out.write(json.dumps(example, ensure_ascii=False) + "\n")
                count += 1
    return count
