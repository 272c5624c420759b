"""A table's own arithmetic, discovered from its numbers (invented tables read from text)."""

from __future__ import annotations

from decimal import Decimal

from nianbao.data import Finding, SourceDoc
from nianbao.layout.clean import clean
from nianbao.layout.structure import analyse_layout
from nianbao.link.links import link
from nianbao.ontology import default_ontology
from nianbao.reconcile.run_checks import reconcile
from nianbao.tables.parse import parse_tables

DISCOVERED = ("discovered_totals", "discovered_share_columns", "discovered_change_columns")


def findings(text: str) -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    doc = clean(SourceDoc("t.txt", "0" * 16, "txt", "utf-8", text))
    tables = parse_tables(doc, analyse_layout(doc))
    links = link((), tables, default_ontology(), "2024", None, text=doc.text)
    found: tuple[Finding, ...] = reconcile((), tables, links, "2024", checks=DISCOVERED)
    return [(f.type, f.severity, f.claimed, f.expected) for f in found]


def tab_table(caption: str, *lines: str) -> str:
    return "正文。\n" + caption + "\n" + "\n".join(lines) + "\n数据来源：学校台账\n正文。\n"


GRADES = (
    "序号\t专业名称\t一年级\t二年级\t三年级\t合计",
    "1\t茶艺与茶营销\t118\t112\t104\t334",
    "2\t电子商务\t156\t148\t139\t443",
    "3\t幼儿保育\t96\t96\t98\t290",
)


def test_a_total_row_that_fails_in_one_column_names_that_column() -> None:
    text = tab_table("表1 各专业在校生分布（单位：人）", *GRADES, "\t合计\t370\t356\t368\t1067")
    # 104 + 139 + 98 = 341, printed 368; the other three columns add up
    assert findings(text) == [("table_internal_sum", "error", Decimal(368), Decimal(341))]


def test_a_total_row_that_agrees_says_nothing() -> None:
    text = tab_table("表1 各专业在校生分布（单位：人）", *GRADES, "\t合计\t370\t356\t341\t1067")
    assert findings(text) == []


def test_a_total_that_fails_in_most_columns_is_no_total_of_these_rows() -> None:
    text = tab_table("表1 各专业在校生分布（单位：人）", *GRADES, "\t合计\t999\t999\t999\t1067")
    assert findings(text) == []


SHARES = (
    "毕业去向\t人数\t占毕业生总数比例（%）",
    "毕业生总数\t1012\t100.00",
    "升学\t568\t57.61",
    "就业\t412\t40.71",
    "自主创业\t6\t0.59",
    "待就业\t26\t2.57",
)


def test_a_share_column_over_one_whole_found_in_the_table() -> None:
    # 568 / 1012 = 56.13 %; every other row is its count over 1012
    text = tab_table("表2 毕业生去向（单位：人）", *SHARES)
    assert findings(text) == [("table_internal_ratio", "error", Decimal("57.61"), Decimal("56.13"))]


def test_a_share_column_over_a_whole_the_table_omits() -> None:
    text = tab_table(
        "表3 专任教师结构",
        "项目\t人数（人）\t占专任教师比例（%）",
        "研究生\t61\t17.83",
        "本科\t284\t80.68",
        "专科及以下\t7\t1.99",
        "高级\t118\t33.52",
    )
    assert findings(text) == [("table_internal_ratio", "error", Decimal("17.83"), Decimal("17.33"))]


def test_a_share_column_over_another_column_row_by_row() -> None:
    text = tab_table(
        "表4 各专业就业情况",
        "专业\t毕业生数\t就业人数\t就业率（%）",
        "电子商务\t120\t114\t95.00",
        "幼儿保育\t80\t76\t95.00",
        "茶艺与茶营销\t50\t45\t90.00",
        "机电技术应用\t100\t97\t98.00",
    )
    # 97 / 100 = 97.00 %, printed 98.00
    assert findings(text) == [("table_internal_ratio", "error", Decimal("98.00"), Decimal("97.00"))]


def test_shares_with_no_common_relation_say_nothing() -> None:
    text = tab_table(
        "表5 满意度",
        "项目\t调查人数\t满意度（%）",
        "在校生\t3386\t96.5",
        "毕业生\t1012\t94.2",
        "家长\t800\t97.1",
    )
    assert findings(text) == []


def test_a_change_word_against_the_two_years() -> None:
    text = tab_table(
        "表6 办学条件",
        "指标\t单位\t2023年\t2024年\t变化",
        "纸质图书\t万册\t12.8\t12.6\t增加",
        "校内实训室\t个\t48\t52\t增加",
        "占地面积\t平方米\t124000\t124000\t持平",
    )
    # in base units, as every finding states amounts: 12.6万册 = 126000册
    assert findings(text) == [("table_internal_ratio", "error", Decimal(126000), Decimal(128000))]
