"""A year's additions and removals against the table's stock (stock_flows), on invented content."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, located, row, run, table

RESOURCES = table(
    "T1",
    "教学资源表",
    row("专业数量", "138", "145", unit="个"),
    row("在校生数", "20000", "21000"),
    appendix=True,
    anchor="表3",
)


def _flows(sentence: str, added: str, removed: str) -> tuple[str, tuple]:
    a = located(sentence, "C1", f"专业{added}个", added, added, "个", "专业")
    r = located(sentence, "C2", f"撤销专业{removed}个", removed, removed, "个", "撤销专业")
    return sentence, (a, r)


@pytest.mark.parametrize(
    ("sentence", "added", "removed", "expected"),
    [
        (
            "2024年，面向紧缺领域新增专业15个，撤销专业16个。",
            "15",
            "16",
            [("narrative_vs_table", "warning", Decimal(137), Decimal(145))],
        ),
        ("2024年，面向紧缺领域新增专业15个，撤销专业8个。", "15", "8", []),  # 138 + 15 − 8
        # three years of flows say nothing about one year's change
        ("近三年，面向紧缺领域新增专业15个，撤销专业16个。", "15", "16", []),
    ],
)
def test_flows_against_the_stock(
    sentence: str, added: str, removed: str, expected: list[tuple[str, str, Decimal, Decimal]]
) -> None:
    text, claims = _flows(sentence, added, removed)
    assert kinds([f for f in run(claims, (RESOURCES,), text) if f.check == "stock_flows"]) == (
        expected
    )


def test_additions_alone_leave_the_removals_unknown() -> None:
    text = "2024年，面向紧缺领域新增专业15个。"
    added = located(text, "C1", "专业15个", "15", "15", "个", "专业")
    assert [f for f in run((added,), (RESOURCES,), text) if f.check == "stock_flows"] == []
