"""省级以上 N against the level rows of a table about the same thing (checks/level_totals.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from nianbao.data import Cell, Row, Table
from reconcile_helpers import claim, kinds, run


def _awards(title: str) -> Table:
    def level(label: str, total: str) -> Row:
        cells = (
            Cell("一等奖", "1", Decimal(1), "项", 0, 0, None),
            Cell("合计", total, Decimal(total), "项", 0, 0, None),
        )
        return Row(label, None, cells, 0, 0)

    rows = (level("国家级", "3"), level("省级", "32"), level("市级", "56"))
    return Table(
        "T5", "表2-2", title, False, 0, 1, ("赛事级别", "一等奖", "合计"), rows, "tab_rows"
    )


@pytest.mark.parametrize(
    ("sentence", "indicator", "value", "title", "expected"),
    [
        # 国家级 3 + 省级 32 = 35, not 37
        (
            "学生获省级以上技能大赛奖项37项",
            "学生获省级以上技能大赛奖项",
            "37",
            "2025年学生技能大赛获奖情况",
            [("narrative_vs_table", "warning", Decimal(37), Decimal(35))],
        ),
        (
            "学生获省级以上技能大赛奖项35项",
            "学生获省级以上技能大赛奖项",
            "35",
            "2025年学生技能大赛获奖情况",
            [],
        ),
        (
            "学生获市级及以上技能大赛奖项91项",
            "学生获市级及以上技能大赛奖项",
            "91",
            "2025年学生技能大赛获奖情况",
            [],
        ),
        # teachers' teaching contests are not the students' skills contests of the table
        (
            "教师获省级以上教学能力比赛奖项4项",
            "教师获省级以上教学能力比赛奖项",
            "4",
            "2025年学生技能竞赛获奖情况",
            [],
        ),
    ],
)
def test_levels_and_above_are_the_level_rows_added_up(
    sentence: str, indicator: str, value: str, title: str, expected: list[object]
) -> None:
    c = claim("C1", sentence, value, value, "项", indicator)
    found = [f for f in run((c,), (_awards(title),), sentence) if f.check == "levels_and_above"]
    assert kinds(tuple(found)) == expected
