"""An award total against the prizes another passage lists for the same contest (invented)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, located, run

OVERVIEW = "学校现有名师工作室2个，教师参加省级以上教学能力比赛获奖{total}项。"
CHAPTER = "教师参加某某省职业院校教师教学能力比赛获二等奖1项、三等奖2项。"


def _found(doc: str, total: str, chapter_claims: list[tuple[str, str, str]]) -> list:
    claims = [
        located(
            doc,
            "C1",
            f"教师参加省级以上教学能力比赛获奖{total}项",
            total,
            total,
            "项",
            "教师参加省级以上教学能力比赛获奖",
        ),
    ]
    for i, (fragment, number, indicator) in enumerate(chapter_claims, start=2):
        claims.append(located(doc, f"C{i}", fragment, number, number, "项", indicator))
    return [k for k in kinds(run(tuple(claims), (), doc)) if k[0] == "narrative_vs_narrative"]


LISTED = [
    ("教师教学能力比赛获二等奖1项", "1", "教师教学能力比赛获二等奖"),
    ("三等奖2项", "2", "三等奖"),
]


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("4", [("narrative_vs_narrative", "warning", Decimal(4), Decimal(3))]),
        ("3", []),
    ],
)
def test_a_total_against_the_prizes_listed_elsewhere(total: str, expected: list) -> None:
    doc = OVERVIEW.format(total=total) + "\n" + CHAPTER
    assert _found(doc, total, LISTED) == expected


def test_another_contest_is_not_compared() -> None:
    doc = (
        OVERVIEW.format(total="4") + "\n" + "学生参加某某省职业院校技能大赛获二等奖1项、三等奖2项。"
    )
    listed = [
        ("技能大赛获二等奖1项", "1", "学生参加某某省职业院校技能大赛获二等奖"),
        ("三等奖2项", "2", "三等奖"),
    ]
    assert _found(doc, "4", listed) == []


def test_one_prize_alone_is_no_listing() -> None:
    doc = OVERVIEW.format(total="4") + "\n" + "教师参加某某省职业院校教师教学能力比赛获二等奖1项。"
    assert _found(doc, "4", LISTED[:1]) == []
