"""Instances the text names against a row that counts none of them (invented text)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, row, run, table

RESOURCES = table(
    "T3",
    "教学资源表",
    row("在线精品课程数", "20", "22", unit="门", number="7"),
    row("其中：国家级数量", "0", "0", unit="门"),
    row("省级数量", "2", "0", unit="门"),
    row("校级数量", "18", "22", unit="门"),
    appendix=True,
    anchor="表3",
)
MORAL = table(
    "T7",
    "区域中等职业学校立德树人情况统计表",
    row("学生获国家级大赛、表彰获奖次数", "1", "0", unit="次"),
    anchor="表7",
)


def _found(doc: str, tables: tuple) -> list:
    return [k for k in kinds(run((), tables, text=doc)) if k[0] == "narrative_vs_table"]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("某某学校建设的省级精品课《汽车电工》，讲授了电路基础。", [Decimal(1)]),
        ("某某学校建设的校级精品课《汽车电工》。", []),  # the school level counts 22
        ("2023年，某某学校建成省级精品课《汽车电工》。", []),  # another year
        ("某某学校编写的《汽车电工》获好评。", []),  # no level: no instance of a level
    ],
)
def test_a_named_course_of_a_level_the_table_counts_none_of(
    doc: str, expected: list[Decimal]
) -> None:
    assert [claimed for _, _, claimed, _ in _found(doc, (RESOURCES,))] == expected


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("在2024年全国职业院校技能大赛中，某某卫生学校代表队获铜奖。", [Decimal(1)]),
        ("在2024年某某省职业院校技能大赛中，某某卫生学校代表队获铜奖。", []),  # provincial
        ("在2024年全国职业院校教学能力比赛中，某某学校教师获二等奖。", []),  # teachers
        ("某某卫生学校代表队参加全国职业院校技能大赛。", []),  # no award
    ],
)
def test_a_national_award_against_a_zero_count(doc: str, expected: list[Decimal]) -> None:
    assert [claimed for _, _, claimed, _ in _found(doc, (MORAL,))] == expected
