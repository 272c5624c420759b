"""A level's count in running text above the table's count of the whole
(level_part_above_whole), on invented content."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, located, row, run, table

RESOURCES = table(
    "T1",
    "教学资源表",
    row("在线精品课程数", "21", "23", unit="门"),
    row("其中：国家级数量", "0", "0", unit="门"),
    row("省级数量", "3", "5", unit="门"),
    appendix=True,
    anchor="表3",
)


@pytest.mark.parametrize(
    ("sentence", "fragment", "number", "indicator", "expected"),
    [
        # the designation after the count names the level and what is counted
        (
            "2024年，遴选认定某某学校《病理学基础》等35门课程为市级在线精品课。",
            "35门课程",
            "35",
            "课程",
            [("narrative_vs_table", "warning", Decimal(35), Decimal(23))],
        ),
        (
            "2024年，累计建成省级在线精品课程26门。",
            "省级在线精品课程26门",
            "26",
            "省级在线精品课程",
            [("narrative_vs_table", "warning", Decimal(26), Decimal(23))],
        ),
        # a level's count within the whole says nothing here
        (
            "2024年，累计建成省级在线精品课程5门。",
            "省级在线精品课程5门",
            "5",
            "省级在线精品课程",
            [],
        ),
        # a plan's year is no year of the table
        (
            "力争到2027年建成省级在线精品课程30门。",
            "省级在线精品课程30门",
            "30",
            "省级在线精品课程",
            [],
        ),
    ],
)
def test_a_level_above_the_whole(
    sentence: str, fragment: str, number: str, indicator: str, expected: list
) -> None:
    period = "2027" if "2027" in sentence else "2024"
    claim = located(sentence, "C1", fragment, number, number, "门", indicator, period=period)
    found = run((claim,), (RESOURCES,), sentence)
    assert kinds(tuple(f for f in found if f.check == "level_part_above_whole")) == expected
