"""Narrative arithmetic (stated_change, stated_share, rate_in_clause, narrative_parts) on invented content."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from reconcile_helpers import POLICY, claim, kinds, located, row, run, table

# --- narrative arithmetic -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "value", "indicator", "expected"),
    [
        ("全日制在校生较上年增加1000人", "1000", "1000", "全日制在校生", []),
        (
            "全日制在校生较上年增加1100人",
            "1100",
            "1100",
            "全日制在校生",
            [("narrative_arithmetic", "error")],
        ),
        (
            "全日制在校生较上年减少1000人",
            "1000",
            "1000",
            "全日制在校生",
            [("narrative_arithmetic", "error")],
        ),  # wrong sign
        ("专任教师同比增长5%", "5", "5", "专任教师", []),  # 1000 → 1050 is +5%
        ("专任教师同比增长6%", "6", "6", "专任教师", [("narrative_arithmetic", "error")]),
    ],
)
def test_stated_change(
    text: str, number: str, value: str, indicator: str, expected: list[tuple[str, str]]
) -> None:
    unit = "%" if "%" in text else "人"
    c = claim(
        "C1", text, number, value, unit, indicator, kind="percent" if unit == "%" else "count"
    )
    assert [(f.type, f.severity) for f in run((c,), (POLICY,))] == expected


def test_change_in_percentage_points() -> None:
    rates = table("T2", "体质", row("学生体质测评合格率", "90.50", "92.00", unit="%"))
    good = claim("C1", "比上年提高1.5个百分点", "1.5", "1.5", "个百分点", "学生体质测评合格率")
    bad = claim("C1", "比上年提高1.6个百分点", "1.6", "1.6", "个百分点", "学生体质测评合格率")
    assert run((good,), (rates,)) == ()
    assert kinds(run((bad,), (rates,))) == [
        ("narrative_arithmetic", "error", Decimal("1.6"), Decimal("1.50"))
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("52.50", []),
        ("52.5", []),
        ("52.6", [("narrative_vs_table", "error")]),
        ("52.40", [("narrative_vs_table", "error")]),
    ],
)
def test_share_of_named_whole(printed: str, expected: list[tuple[str, str]]) -> None:
    tables = (
        table("T2", "教师", row("专任教师数", "1000", "1000"), row("专业课教师数", "400", "400")),
    )
    count = claim("C1", "“双师型”教师210人", "210", "210", "人", "“双师型”教师", start=0)
    share = claim(
        "C2", f"占专业课教师总数的{printed}%", printed, printed, "%", None, start=12, kind="percent"
    )
    text = "“双师型”教师210人，" + f"占专业课教师总数的{printed}%。"
    found = run((count, share), tables, text)
    assert [(f.type, f.severity) for f in found if f.evidence[0].id == "C2"] == expected


def test_rate_after_its_counts_reports_truncation_only() -> None:
    text = "全区12所学校中，5所公办学校达标，6所民办学校达标，达标率91.6%。"
    parts = (
        claim("C1", "12所学校", "12", "12", "所", "纳入监控的学校", start=2),
        claim("C2", "5所公办学校达标", "5", "5", "所", "达标公办学校", start=text.index("5所")),
        claim("C3", "6所民办学校达标", "6", "6", "所", "达标民办学校", start=text.index("6所")),
    )
    rate = claim(
        "C4",
        "达标率91.6%",
        "91.6",
        "91.6",
        "%",
        "达标率",
        start=text.index("达标率"),
        kind="percent",
    )
    found = run((*parts, rate), (), text)
    assert kinds(found) == [("narrative_arithmetic", "warning", Decimal("91.6"), Decimal("91.67"))]
    rounded = replace(rate, number_text="91.7", value=Decimal("91.7"), text="达标率91.7%")
    assert run((*parts, rounded), (), text.replace("91.6", "91.7")) == ()


def test_parts_of_a_whole_in_text() -> None:
    text = "全市共有中等职业学校12所，其中公办学校10所，民办学校3所。"
    whole = claim("C1", "中等职业学校12所", "12", "12", "所", "中等职业学校", start=4)
    pub = claim("C2", "公办学校10所", "10", "10", "所", "公办学校", start=text.index("公办"))
    pri = claim("C3", "民办学校3所", "3", "3", "所", "民办学校", start=text.index("民办"))
    assert kinds(run((whole, pub, pri), (), text)) == [
        ("narrative_arithmetic", "error", Decimal(12), Decimal(13))
    ]
    fixed = replace(pri, number_text="2", value=Decimal(2), text="民办学校2所")
    assert run((whole, pub, fixed), (), text) == ()


# --- regressions with invented content ------------------------------------------------


def test_stated_change_of_an_indicator_the_ontology_does_not_know() -> None:
    doc = "校外实习实训基地26个，较上年增加了5个。"
    c = replace(
        located(doc, "C1", "增加了5个", "5", "5", "个", "校外实习实训基地"),
        indicator_start=0,
        indicator_end=8,
        role="change",
    )
    t = table("T1", "设施设备情况统计表", row("校外实习实训基地数", "24", "26", unit="个"))
    assert kinds(run((c,), (t,), doc)) == [
        ("narrative_arithmetic", "error", Decimal(5), Decimal(2))
    ]


def test_a_bare_share_is_checked_against_its_sentences_whole() -> None:
    text = (
        "学校现有专任教师352人。专任教师中“双师型”教师248人，占专任教师总数的70.5%；"
        "高级职称教师118人，占35.0%。"
    )
    teachers = located(text, "C1", "专任教师352人", "352", "352", "人", "专任教师")
    senior = located(text, "C2", "高级职称教师118人", "118", "118", "人", "高级职称教师")
    share = replace(
        located(text, "C3", "35.0%", "35.0", "35.0", "%", "高级职称教师"),
        kind="percent",
        role="share",
    )
    found = [f for f in run((teachers, senior, share), (), text) if f.check == "stated_share"]
    assert [(f.claimed, f.expected) for f in found] == [(Decimal("35.0"), Decimal("33.52"))]
