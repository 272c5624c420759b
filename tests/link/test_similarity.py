"""Linking a claim to a row by how its label reads (link/similarity.py)."""

from __future__ import annotations

import pytest
from nianbao.link.similarity import MIN_SCORE, label_score


@pytest.mark.parametrize(
    ("claim", "row"),
    [
        ("配齐体育课专任教师", "体育课专任教师数"),  # a verb in front
        (
            "学生获取职业技能等级证书（含职业资格证书）",
            "职业技能等级证书（含职业资格证书）获取人数",
        ),
        ("2025届毕业生共", "毕业生人数"),  # a cohort in front, an adverb behind
        ("实践教学工位", "校内实践教学工位数"),  # the row adds only where
        ("聘请行业导师", "聘请行业导师人数*"),
    ],
)
def test_the_same_indicator_read_another_way(claim: str, row: str) -> None:
    assert label_score(claim, row) >= MIN_SCORE


@pytest.mark.parametrize(
    ("claim", "row"),
    [
        ("省级在线精品课程", "在线精品课程数"),  # a level: a part of the row
        ("专业在校生", "在校生人数"),  # one major's students
        ("中职学校", "国家重点中职学校"),  # the row names a narrower kind
        ("建筑面积", "校舍建筑面积"),  # one building's area, not the campus's
        ("馆藏纸质图书", "生均纸质图书"),  # per student: another measure
        ("毕业生升学", "毕业生人数"),  # the claim adds what is counted
        ("教师", "教师数"),  # too short to tell
    ],
)
def test_another_indicator_is_not_linked(claim: str, row: str) -> None:
    assert label_score(claim, row) == 0.0


def test_the_score_is_the_share_of_the_row_label_named() -> None:
    assert label_score("配齐体育课专任教师", "体育课专任教师数") == 1.0
    assert 0.7 < label_score("实践教学工位", "校内实践教学工位数") < 0.8
