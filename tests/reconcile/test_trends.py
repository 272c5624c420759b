"""Trend statements against a table series (trend_statements), on invented content."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, row, run, table


def _enrolment(*values: str) -> tuple:
    cols = tuple(f"{2022 + i}年" for i in range(len(values)))
    t = table(
        "T1",
        "学生规模统计表",
        row("全日制在校生人数", *values, cols=cols),
        cols=("指标", "单位", *cols),
    )
    return (t,)


@pytest.mark.parametrize(
    ("sentence", "values", "expected"),
    [
        # said to rise every year, fell in the last
        (
            "近年来，全市中职学校全日制在校生人数逐年增长。",
            ("20000", "21000", "20500"),
            [("narrative_vs_table", "warning", Decimal(20500), Decimal(21000))],
        ),
        ("近年来，全市中职学校全日制在校生人数逐年增长。", ("20000", "21000", "21500"), []),
        # said to fall, and it does
        ("全日制在校生人数持续下降。", ("21000", "20500"), []),
        # no indicator the ontology knows before the trend word
        ("办学质量和社会影响力持续提升。", ("20000", "19000"), []),
    ],
)
def test_trends_against_the_series(
    sentence: str, values: tuple[str, ...], expected: list[tuple[str, str, Decimal, Decimal]]
) -> None:
    found = [f for f in run((), _enrolment(*values), sentence) if f.check == "trend_statements"]
    assert kinds(tuple(found)) == expected
