"""Trend statements in the generator: written as the world's two years move, and planted
the other way round with a gold finding that names the table's two figures."""

from __future__ import annotations

import json
from pathlib import Path

from nianbao.synth import write_corpus
from nianbao.synth.sentences import FALLING_TRENDS, RISING_TRENDS


def test_planted_trends_contradict_the_two_years_they_name(tmp_path: Path) -> None:
    planted = []
    for path in write_corpus(tmp_path, 60, seed=7):
        gold = json.loads(Path(f"{path}.gold.json").read_text("utf-8"))
        planted += [
            f for f in gold["findings"] if f["quote"].endswith(RISING_TRENDS + FALLING_TRENDS)
        ]
    assert planted, "the generator planted no trend in 60 reports"
    for finding in planted:
        rising = finding["quote"].endswith(RISING_TRENDS)
        # the statement says one direction; the two years (claimed = later) move the other
        assert (finding["claimed"] > finding["reference"]) != rising
        assert finding["severity"] == "possible"
