"""The 国际影响表 against the running text: a figure is read as one of its indicators only
where its sentence is abroad (invented text)."""

from __future__ import annotations

import pytest
from nianbao.text.places import names_abroad
from reconcile_helpers import kinds, located, row, run, table

INTERNATIONAL = table(
    "T5",
    "国际影响表",
    row("接收国外访学教师人数", "0", "0"),
    row("专任教师赴国外指导和开展培训时间", "0", "30", unit="人日"),
    appendix=True,
    anchor="表5",
)


@pytest.mark.parametrize(
    ("text", "abroad"),
    [
        ("学校接待老挝某职业技术学院2名教师来校访学", "老挝"),
        ("选派教师赴柬埔寨开展培训", "柬埔寨"),
        ("聘请外籍教师3人", "外籍"),
        ("与新疆巴音郭楞蒙古自治州卫生学校结对", None),  # 蒙古 inside a Chinese division
        ("学校朝鲜族学生120人", None),  # a nationality of China
        ("与对口帮扶学校开展教师交流", None),
    ],
)
def test_what_names_abroad(text: str, abroad: str | None) -> None:
    assert names_abroad(text) == abroad


def _findings(doc: str, fragment: str, number: str, unit: str, indicator: str | None) -> list:
    claim = located(doc, "C1", fragment, number, number, unit, indicator)
    return kinds(run((claim,), (INTERNATIONAL,), text=doc))


def test_visitors_from_abroad_against_a_zero_row() -> None:
    doc = "2024年，学校接待老挝某职业技术学院2名教师来校访学，开展为期10天的研修。"
    found = _findings(doc, "2名教师来校", "2", "人", "教师来校")
    assert [(t, s) for t, s, *_ in found] == [("narrative_vs_table", "error")]


def test_the_object_after_the_foreign_party() -> None:
    doc = "学校接待泰国某职业技术学院访学教师3人。"
    fragment = "接待泰国某职业技术学院访学教师3人"
    assert [t for t, *_ in _findings(doc, fragment, "3", "人", fragment[:-2])] == [
        "narrative_vs_table"
    ]


def test_teachers_of_a_partner_school_at_home_are_no_visitors_from_abroad() -> None:
    doc = "学校与对口帮扶学校开展教师交流，接待12名教师来校访学。"
    assert _findings(doc, "12名教师来校", "12", "人", "教师来校") == []


def test_the_unit_alone_names_time_abroad_but_only_as_near() -> None:
    doc = "学校选派专业教师赴德国开展技术技能培训，累计42人日。"
    found = _findings(doc, "累计42人日", "42", "人日", None)
    assert [(t, s) for t, s, *_ in found] == [("narrative_vs_table", "warning")]
    agreeing = "学校选派专业教师赴德国开展技术技能培训，累计30人日。"
    assert _findings(agreeing, "累计30人日", "30", "人日", None) == []
    at_home = "学校选派专业教师赴对口帮扶学校开展培训，累计42人日。"
    assert _findings(at_home, "累计42人日", "42", "人日", None) == []


def test_visitors_named_after_where_they_come_from() -> None:
    doc = "学校接待来自德国的访学教师4人，开展为期两周的专业研修。"
    found = _findings(doc, "访学教师4人", "4", "人", "访学教师")
    assert [(t, s) for t, s, *_ in found] == [("narrative_vs_table", "error")]
