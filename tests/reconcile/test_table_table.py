"""One table against another (same_indicator_two_tables, comparable_indicators,
part_above_whole_across_tables, school_list_groups) on invented content."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from nianbao.data import Cell, Row
from reconcile_helpers import cell, kinds, row, run, table

# --- table vs table -------------------------------------------------------------------


def test_same_indicator_in_two_tables() -> None:
    narrative = table("T1", "立德树人情况统计表", row("班主任人数", "650", "606"), anchor="表7")
    annex = table("T2", "落实政策表", row("班主任人数", "620", "606"), appendix=True, anchor="表6")
    (f,) = run((), (narrative, annex))
    assert (f.type, f.severity, f.claimed, f.expected) == ("table_vs_table", "error", 650, 620)
    assert f.evidence[0].table == "T1" and f.evidence[1].table == "T2"


def test_unit_conversion_and_truncation_between_tables() -> None:
    narrative = table("T1", "设施设备", row("生均教学设备值(万元)", "0.72", "0.85", unit="万元"))
    annex = table(
        "T2",
        "教学资源表",
        row("生均教学科研仪器设备值", "7262", "8500.00", unit="元/生"),
        appendix=True,
    )
    found = run((), (narrative, annex))
    # 2023: 0.7262万 rounds to 0.73, printed 0.72: truncation → warning; 2024 agrees
    assert kinds(found) == [("table_vs_table", "warning", Decimal("7200"), Decimal("7262"))]


def test_comparable_indicators_are_a_warning() -> None:
    a = table("T1", "服务贡献表", row("毕业生初次就业人数", "500", "520"), appendix=True)
    b = table(
        "T2", "人才培养质量计分卡", row("毕业生面向三次产业就业人数", "500", "510"), appendix=True
    )
    assert kinds(run((), (a, b))) == [("table_vs_table", "warning", Decimal(520), Decimal(510))]


def test_part_in_one_table_above_its_whole_in_another() -> None:
    a = table("T1", "教材建设情况", row("职业教育规划教材数", "1", "3", unit="本"), anchor="表9")
    b = table(
        "T2",
        "教学资源表",
        row("编写教材数", "20", "30", unit="本"),
        row("其中：国家规划教材数", "4", "2", unit="本"),
        appendix=True,
    )
    assert kinds(run((), (a, b))) == [("table_vs_table", "warning", Decimal(1), Decimal(4))]


def test_school_list_groups_against_another_table() -> None:
    cols = ("学校名称", "学校性质", "在校生规模")

    def school(name: str, kind: str, n: str) -> Row:
        return Row(
            name, "人", (Cell("学校性质", kind, None, None, 0, 0), cell("在校生规模", n)), 0, 0
        )

    schools = table(
        "T1",
        "全市各中等职业学校一览表",
        school("甲校", "公办中专", "1000"),
        school("乙校", "公办职高", "500"),
        school("丙校", "民办中职", "300"),
        cols=cols,
    )
    totals_cols = ("年份", "总在校生数(人)", "公办中职学校(人)", "民办中职学校(人)")
    values = ("1800", "1500", "300")
    totals = table(
        "T2",
        "全日制在校生统计表",
        Row(
            "2024",
            None,
            tuple(cell(c, v) for c, v in zip(totals_cols[1:], values, strict=True)),
            0,
            0,
            period="2024",
        ),
        cols=totals_cols,
    )
    assert run((), (schools, totals)) == ()
    wrong = replace(
        totals,
        rows=(
            Row(
                "2024",
                None,
                tuple(
                    cell(c, v)
                    for c, v in zip(totals_cols[1:], ("1810", "1510", "300"), strict=True)
                ),
                0,
                0,
                period="2024",
            ),
        ),
    )
    assert kinds(run((), (schools, wrong))) == [
        ("table_vs_table", "error", Decimal(1500), Decimal(1510))
    ]
