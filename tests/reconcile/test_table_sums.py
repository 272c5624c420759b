"""Sums inside one table (part_exceeds_whole, parts_sum, ontology_partitions, at_least_parts,
total_rows_and_columns, shares_sum_to_100) on invented content."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from nianbao.data import Row
from reconcile_helpers import cell, kinds, row, run, table

# --- table sums -----------------------------------------------------------------------


def test_part_row_exceeds_its_whole() -> None:
    t = table(
        "T1",
        "服务贡献表",
        row("知识产权项目数量", "5", "6", unit="项"),
        row("其中：专利授权数量", "2", "1", unit="项"),
        row("发明专利授权数量", "1", "2", unit="项"),
    )
    found = run((), (t,))
    assert kinds(found) == [("table_internal_sum", "error", Decimal(1), Decimal(2))]
    assert (
        found[0].evidence[0].row == "其中：专利授权数量"
        and found[0].evidence[1].row == "发明专利授权数量"
    )


def test_levels_against_total() -> None:
    t = table(
        "T1",
        "教学资源表",
        row("在线精品课程数", "10", "12", unit="门"),
        row("", "400", "500", unit="学时", kind="unit_continuation"),
        row("其中：国家级数量", "1", "1", unit="门"),
        row("接入国家智慧教育平台数", "1", "1", unit="门"),
        row("省级数量", "3", "3", unit="门"),
        row("接入国家智慧教育平台数", "1", "2", unit="门"),
        row("校级数量", "6", "9", unit="门"),
        row("虚拟仿真实训基地数", "2", "2", unit="个", number="8"),
        row("其中：国家级数量", "0", "0", unit="个"),
        row("省级数量", "0", "0", unit="个"),
        row("校级数量", "2", "1", unit="个"),
    )
    found = run((), (t,))
    # 2024: 1+3+9 = 13 > 12 (error); 虚拟仿真 2024: 0+0+1 = 1 < 2 (warning)
    assert sorted(kinds(found)) == [
        ("table_internal_sum", "error", Decimal(12), Decimal(13)),
        ("table_internal_sum", "warning", Decimal(2), Decimal(1)),
    ]


def test_channels_named_after_their_total() -> None:
    t = table(
        "T1",
        "升学情况",
        row("毕业生总数", "900", "1000"),
        row("升学总人数", "400", "500"),
        row("通过贯通培养升学人数", "150", "300"),
        row("通过职教高考升学人数", "250", "250"),
    )
    assert kinds(run((), (t,))) == [("table_internal_sum", "error", Decimal(500), Decimal(550))]


def test_rows_named_after_a_total_but_not_listed_under_it_are_only_bounded() -> None:
    t = table(
        "T1",
        "教师",
        row("其中：专任教师总数", "1000", "1050"),
        row("思政课教师数", "50", "52"),
        row("体育课专任教师数", "60", "62"),
        row("美育课专任教师数", "40", "41"),
    )
    assert run((), (t,)) == ()  # 62 + 41 < 1050 is no error: the list is not exhaustive


def test_ontology_partition_and_at_least() -> None:
    t = table(
        "T1",
        "人才培养质量计分卡",
        row("毕业生人数", "1000", "1000"),
        row("毕业去向落实人数", "900", "950"),
        row("其中：升学人数", "400", "500"),
        row("毕业生面向三次产业就业人数", "480", "420"),
        row("其中：面向第一产业就业人数", "80", "20"),
        row("面向第二产业就业人数", "200", "200"),
        row("面向第三产业就业人数", "200", "200"),
        appendix=True,
    )
    found = kinds(run((), (t,)))
    assert (
        "table_internal_sum",
        "error",
        Decimal(950),
        Decimal(920),
    ) not in found  # 500 + 420 ≤ 950
    assert ("table_internal_sum", "error", Decimal(900), Decimal(880)) not in found
    assert ("table_internal_sum", "error", Decimal(420), Decimal(420)) not in found
    assert ("table_internal_sum", "error", Decimal(480), Decimal(480)) not in found
    assert found == []
    broken = replace(t, rows=(*t.rows[:2], row("其中：升学人数", "500", "500"), *t.rows[3:]))
    assert kinds(run((), (broken,))) == [
        ("table_internal_sum", "error", Decimal(900), Decimal(980))
    ]


def test_partition_columns() -> None:
    cols = ("年份", "总在校生数(人)", "公办中职学校(人)", "民办中职学校(人)")
    t = table(
        "T1",
        "在校生统计表",
        Row(
            "2023",
            None,
            tuple(cell(c, v) for c, v in zip(cols[1:], ("900", "600", "300"), strict=True)),
            0,
            0,
            period="2023",
        ),
        Row(
            "2024",
            None,
            tuple(cell(c, v) for c, v in zip(cols[1:], ("1000", "650", "340"), strict=True)),
            0,
            0,
            period="2024",
        ),
        cols=cols,
    )
    assert kinds(run((), (t,))) == [("table_internal_sum", "error", Decimal(1000), Decimal(990))]


def test_total_row_and_money_rounding() -> None:
    cols = ("学校", "经费")
    t = table(
        "T1",
        "经费",
        Row("甲校", "万元", (cell("经费", "10.25", "万元"),), 0, 0),
        Row("乙校", "万元", (cell("经费", "20.36", "万元"),), 0, 0),
        Row("合计", "万元", (cell("经费", "30.61", "万元"),), 0, 0, kind="total"),
        cols=cols,
    )
    assert run((), (t,)) == ()
    wrong = replace(
        t,
        rows=(
            *t.rows[:2],
            Row("合计", "万元", (cell("经费", "30.71", "万元"),), 0, 0, kind="total"),
        ),
    )
    assert kinds(run((), (wrong,))) == [
        ("table_internal_sum", "error", Decimal("307100.00"), Decimal("306100.00"))
    ]


@pytest.mark.parametrize(
    ("values", "flag"), [(("50.0", "30.0", "20.1"), False), (("50.0", "30.0", "22.0"), True)]
)
def test_share_column_adds_up_to_100(values: tuple[str, ...], flag: bool) -> None:
    rows = tuple(Row(f"类{i}", "%", (cell("占比", v, "%"),), 0, 0) for i, v in enumerate(values))
    t = table("T1", "2024年专业大类占比", *rows, cols=("专业大类", "占比"))
    assert bool(run((), (t,))) is flag


def test_ratio_terms_add_up_to_100() -> None:
    t = table("T1", "比例", row("职普比", "35.0:65.0", "35.0:66.0", unit="ratio"))
    assert kinds(run((), (t,))) == [
        ("table_internal_ratio", "error", Decimal("101.0"), Decimal(100))
    ]


def test_total_columns_against_their_siblings() -> None:
    cols = ("年份", "招生数/合计", "招生数/中职学校", "招生数/技工学校")
    good = Row(
        "2024",
        None,
        tuple(cell(c, v) for c, v in zip(cols[1:], ("100", "70", "30"), strict=True)),
        0,
        0,
        period="2024",
    )
    bad = Row(
        "2023",
        None,
        tuple(cell(c, v) for c, v in zip(cols[1:], ("100", "70", "40"), strict=True)),
        0,
        0,
        period="2023",
    )
    assert run((), (table("T1", "招生", good, cols=cols),)) == ()
    assert kinds(run((), (table("T1", "招生", bad, good, cols=cols),))) == [
        ("table_internal_sum", "error", Decimal(100), Decimal(110))
    ]


# --- regressions with invented content ------------------------------------------------


def test_a_name_inside_another_name_is_no_part_of_it() -> None:
    """Regression: 新能源汽车运用与维修 is a major of its own, not a part of 汽车运用与维修."""
    cols = ("在校生数(人)",)
    t = table(
        "T1",
        "各专业在校生分布情况",
        row("汽车运用与维修", "173", cols=cols),
        row("学前教育", "361", cols=cols),
        row("新能源汽车运用与维修", "178", cols=cols),
        row("合计", "712", cols=cols, kind="total"),
        cols=("专业名称", *cols),
    )
    assert run((), (t,)) == ()


@pytest.mark.parametrize(("total", "flag"), [("11", True), ("13", False)])
def test_total_column_of_unitless_counts(total: str, flag: bool) -> None:
    cols = ("一等奖", "二等奖", "三等奖", "合计")
    t = table(
        "T1",
        "技能大赛获奖统计表",
        row("国家级", "1", "6", "6", total, unit=None, cols=cols),
        row("省级", "10", "24", "16", "50", unit=None, cols=cols),
        cols=("级别", *cols),
    )
    expected = [("table_internal_sum", "error", Decimal(total), Decimal(13))] if flag else []
    assert kinds(run((), (t,))) == expected


def test_students_tested_cannot_outnumber_the_students() -> None:
    policy = table(
        "T6",
        "落实政策表",
        row("全日制在校生人数", "5874", "6128"),
        row("参加国家学生体质健康标准测试人数", "5712", "6203"),
        appendix=True,
        anchor="表6",
    )
    assert [(k, c, e) for k, _, c, e in kinds(run((), (policy,)))] == [
        ("table_internal_sum", Decimal(6128), Decimal(6203))
    ]


def test_parts_from_another_table_above_the_whole() -> None:
    scorecard = table(
        "T1",
        "人才培养质量计分卡",
        row("毕业生人数", "9414", "9800"),
        row("升学人数", "4722", "4900"),
        appendix=True,
        anchor="表1",
    )
    service = table(
        "T2",
        "服务贡献表",
        row("毕业生初次就业人数", "5438", "4500"),
        appendix=True,
        anchor="表4",
    )
    found = [f for f in run((), (scorecard, service)) if f.check == "at_least_parts"]
    # 2023: 4722 + 5438 = 10160 > 9414; 2024: 4900 + 4500 = 9400 ≤ 9800
    assert kinds(tuple(found)) == [("table_vs_table", "warning", Decimal(9414), Decimal(10160))]
