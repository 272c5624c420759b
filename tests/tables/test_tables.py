"""Table blocks and table parsing, on small hand-built tables in both text layouts:
one cell per line (Word export) and one row per line with tabs (PDF / markdown export)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from nianbao.data import CleanDoc, Layout, OffsetMap, Row, SourceDoc, Table
from nianbao.layout.captions import find_captions
from nianbao.layout.table_blocks import find_table_blocks
from nianbao.layout.table_lines import line_kind
from nianbao.tables.parse import parse_tables
from nianbao.text.cells import period_of, read_value

SHARED = Path(__file__).parents[2].parent / "shared"


def parse(text: str, excluded: tuple[tuple[int, int], ...] = ()) -> tuple[Table, ...]:
    captions = find_captions(text)
    blocks = find_table_blocks(text, captions, excluded)
    doc = CleanDoc(SourceDoc("t.txt", "0" * 16, "txt", "utf-8", text), text, OffsetMap((0,), (0,)))
    return parse_tables(doc, Layout((), (), excluded, captions, (), blocks))


def cells_of(table: Table) -> dict[tuple[str, str], tuple[str, Decimal | None, str | None]]:
    return {(r.label, c.col): (c.text, c.value, c.unit) for r in table.rows for c in r.cells}


def row(table: Table, label: str) -> Row:
    return next(r for r in table.rows if r.label == label)


def word_table(rows: list[list[str]]) -> str:
    """Rows as a Word export prints them: each cell on its own tab-led line."""
    return "\n\n".join("\n".join(f"\t{cell}" for cell in r) for r in rows)


# --- reading one cell ---------------------------------------------------------------

VALUES = [
    ("12", Decimal("12"), None),
    ("１２", Decimal("12"), None),
    ("16.7%", Decimal("16.7"), "%"),
    ("16.7％", Decimal("16.7"), "%"),
    ("17.6:1", Decimal("17.6"), "ratio"),
    ("1:11.38", Decimal("11.38"), "ratio"),
    ("34.8:65.2", Decimal("34.8"), "ratio"),
    ("12.75：1", Decimal("12.75"), "ratio"),
    ("11658.00", Decimal("11658"), None),
    ("1,234", Decimal("1234"), None),
    ("-3.5", Decimal("-3.5"), None),
    ("2804人", Decimal("2804"), "人"),
    ("9804 ", Decimal("9804"), None),
    ("-", None, None),
    ("——", None, None),
    ("/", None, None),
    ("仅高职填报", None, None),
    ("问卷调查", None, None),
    ("上升", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "value", "unit"), VALUES)
def test_read_value(text: str, value: Decimal | None, unit: str | None) -> None:
    assert read_value(text) == (value, unit)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023年", "2023"),
        ("2023 年", "2023"),
        ("2024", "2024"),
        ("2022—2023学年", "2022-2023"),
        ("2023-2024学年", "2023-2024"),
        ("2024年度", "2024"),
        ("调查人数", None),
        ("2023—2025年规划", None),
    ],
)
def test_period_of(text: str, period: str | None) -> None:
    assert period_of(text) == period


# --- one cell per line (Word export) --------------------------------------------------

WORD_ANNEX = (
    "前言一段正文。\n"
    "表9 教学资源表\n"
    + word_table(
        [
            ["序号", "指标", "单位", "2023年", "2024年"],
            ["1", "生师比*", "——", "15.1:1", "16.2:1"],
            ["2", "课程总数", "门", "120", "130"],
            ["", "", "学时", "3600", "3900"],
            ["", "其中：合作开发课程数", "门", "12", "15"],
            ["", "", "学时", "360", "450"],
            ["", "      在线课程数", "门", "仅高职填报", "仅高职填报"],
            ["3", "设备总值", "万元", "1,234.5", "1300"],
        ]
    )
    + "\n\n\n后文一段正文。\n"
)


def test_word_layout_reads_every_cell() -> None:
    (table,) = parse(WORD_ANNEX)
    assert (table.id, table.anchor, table.title, table.layout) == (
        "T1",
        "表9",
        "教学资源表",
        "cell_per_line",
    )
    assert (table.appendix, table.annex_kind, table.title_inferred) == (True, "resources", False)
    assert table.columns == ("序号", "指标", "单位", "2023年", "2024年")
    cells = cells_of(table)
    assert cells[("生师比*", "2024年")] == ("16.2:1", Decimal("16.2"), "ratio")
    assert cells[("设备总值", "2023年")] == ("1,234.5", Decimal("1234.5"), "万元")
    assert cells[("在线课程数", "2023年")] == ("仅高职填报", None, None)


def test_word_layout_unit_continuation_and_parts() -> None:
    (table,) = parse(WORD_ANNEX)
    hours = row(table, "课程总数(学时)")
    assert (hours.kind, hours.parent, hours.unit) == ("unit_continuation", "课程总数", "学时")
    assert cells_of(table)[("课程总数(学时)", "2024年")] == ("3900", Decimal("3900"), "学时")
    part = row(table, "其中：合作开发课程数")
    assert (part.kind, part.parent) == ("part", "课程总数")
    assert row(table, "其中：合作开发课程数(学时)").parent == "其中：合作开发课程数"
    assert (row(table, "在线课程数").kind, row(table, "在线课程数").parent) == ("part", "课程总数")
    assert row(table, "设备总值").kind == "data"  # a new serial number ends the part group
    assert [r.number for r in table.rows if r.number] == ["1", "2", "3"]


def test_word_layout_offsets_and_span() -> None:
    (table,) = parse(WORD_ANNEX)
    text = WORD_ANNEX
    assert text[table.start :].startswith("表9 教学资源表")
    assert text[: table.end].endswith("1300")
    for r in table.rows:
        for c in r.cells:
            assert text[c.start : c.end] == c.text


def test_word_layout_wrapped_cell_joins_its_lines() -> None:
    text = (
        "表1-1 近两学年某市学校规模\n"
        "\t年份\n\t单位\n\t学校数\n\n"
        "\t2022—2023\n学年\n\t所\n\t12\n\n"
        "\t2023-2024\n学年\n\t所\n\t13\n\n\n"
        "下文。"
    )
    (table,) = parse(text)
    assert [r.label for r in table.rows] == ["2022—2023学年", "2023-2024学年"]
    assert [r.period for r in table.rows] == ["2022-2023", "2023-2024"]
    first = table.rows[0].cells[0]
    assert (first.col, first.value, first.unit, first.period) == (
        "学校数",
        Decimal("12"),
        "所",
        "2022-2023",
    )


def test_word_layout_line_without_tab_is_a_cell_when_the_row_is_short() -> None:
    rows = word_table([["序号", "指标", "单位", "2023年"], ["1", "在校生数", "人", "500"]])
    text = f"表2 学生\n{rows}\n\n\t2\n年生均拨款\n\t元\n\t6000\n\n\n下文。"
    (table,) = parse(text)
    assert cells_of(table)[("年生均拨款", "2023年")] == ("6000", Decimal("6000"), "元")


def test_word_layout_table_running_into_an_uncaptioned_table() -> None:
    first = word_table([["序号", "指标", "单位", "2024年"], ["1", "毕业生人数", "人", "300"]])
    second = word_table(
        [
            ["1", "在校生满意度", "%", "90.5", "1200"],
            ["", "其中：课堂育人满意度", "%", "91.0", "1200"],
            ["2", "家长满意度", "%", "95.2", "800"],
        ]
    )
    header = "\n".join(f"\t{c}" for c in ["序号", "指标", "单位", "2024年", "调查人数"])
    text = f"表1 人才培养质量计分卡\n{first}\n {header}\n\n{second}\n\n\n下文。"
    scorecard, survey = parse(text)
    assert (scorecard.annex_kind, len(scorecard.rows)) == ("scorecard", 1)
    assert (survey.anchor, survey.title, survey.title_inferred) == ("", "满意度调查表", True)
    assert (survey.appendix, survey.annex_kind) == (True, "satisfaction")
    assert survey.columns == ("序号", "指标", "单位", "2024年", "调查人数")
    assert cells_of(survey)[("家长满意度", "调查人数")] == ("800", Decimal("800"), "人")
    assert cells_of(survey)[("家长满意度", "2024年")] == ("95.2", Decimal("95.2"), "%")
    assert scorecard.end <= survey.start


def test_figure_and_case_lines_with_tabs_are_not_tables() -> None:
    text = "\t[image: ]\n\n\t图2-1 颁奖仪式\n\n\t案例2-1 党建引领\n\t这是一段很长的案例正文，讲述了学校开展活动的经过和成效，共有100名学生参加。\n\n正文。"
    assert parse(text) == ()


# --- one row per line (PDF / markdown export) ------------------------------------------

TAB_TABLE = (
    "正文一段。\n\n"
    "**表 3 某市 2023/2024 年招生情况**\n\n"
    "年份\t初中毕业生数(人)\t中职招生数(人)\t\t\t职普比\n"
    "\t\t合计\t中职学校\t技工学校\t\n"
    "2023\t3100\t1040\t960\t80\t33.4:66.6\n"
    "\n"
    "2024\t3000\t1160\t1030\t130\t34.8:65.2\n"
    "\n## 下一节\n"
)


def test_tab_layout_two_line_header() -> None:
    (table,) = parse(TAB_TABLE)
    assert (table.anchor, table.title, table.layout) == (
        "表 3",
        "某市 2023/2024 年招生情况",
        "tab_rows",
    )
    assert table.columns == (
        "年份",
        "初中毕业生数(人)",
        "中职招生数(人)/合计",
        "中职招生数(人)/中职学校",
        "中职招生数(人)/技工学校",
        "职普比",
    )
    cells = cells_of(table)
    assert cells[("2024", "中职招生数(人)/技工学校")] == ("130", Decimal("130"), "人")
    assert cells[("2023", "职普比")] == ("33.4:66.6", Decimal("33.4"), "ratio")
    assert [r.period for r in table.rows] == ["2023", "2024"]
    assert TAB_TABLE[table.start :].startswith("表 3")


MERGED = (
    "表 6 区域教师队伍情况统计表\n\n"
    "\t指标\t2023 年\t2024 年\n"
    "教师 队伍\t教职工总数\t500\t520\n"
    "\t专任教师数\t400\t410\n"
    "\n"
    "\t兼职教师比例\t11.5%\t12.0%\n"
    "\t生均教学设备值(万元)\t0.72\t-\n"
)


def test_tab_layout_merged_first_column_and_blank_line_inside() -> None:
    (table,) = parse(MERGED)
    assert table.columns == ("教师 队伍", "指标", "2023 年", "2024 年")
    assert [r.label for r in table.rows] == [
        "教职工总数",
        "专任教师数",
        "兼职教师比例",
        "生均教学设备值(万元)",
    ]
    assert {r.group for r in table.rows} == {"教师 队伍"}
    cells = cells_of(table)
    assert cells[("兼职教师比例", "2024 年")] == ("12.0%", Decimal("12.0"), "%")
    assert cells[("生均教学设备值(万元)", "2023 年")] == ("0.72", Decimal("0.72"), "万元")
    assert cells[("生均教学设备值(万元)", "2024 年")] == ("-", None, None)
    assert cells[("教职工总数", "2024 年")][2] == "人"  # implied by the label's ending


SHIFTED = (
    "表3 教学资源表\n"
    "名称：某市(100000)\n\n"
    "序号\t指标\t单位\t2023年\t2024年\n"
    "1\t生师比\t：\t12.75\t11.38\n"
    "2\t专业教学资源库数\t个\t42\t49\n"
    "\t其中：国家级数量\t个\t1\t0\n"
    "\t\t学时\t300\t320\n"
    "接入国家智慧教育平台数\t个\t1\t1\t\n"
    "3\t互联网出口带宽\tMbps\t1000\t1000\t\n"
)


def test_tab_layout_shifted_row_trailing_tabs_and_ratio_unit() -> None:
    (table,) = parse(SHIFTED)
    assert (table.anchor, table.title, table.annex_kind) == ("表3", "教学资源表", "resources")
    cells = cells_of(table)
    assert cells[("生师比", "2024年")] == ("11.38", Decimal("11.38"), "ratio")
    assert cells[("接入国家智慧教育平台数", "2023年")] == ("1", Decimal("1"), "个")
    assert cells[("互联网出口带宽", "2024年")] == ("1000", Decimal("1000"), "Mbps")
    assert row(table, "其中：国家级数量(学时)").kind == "unit_continuation"
    assert row(table, "接入国家智慧教育平台数").parent == "专业教学资源库数"
    assert SHIFTED[table.start :].startswith("表3 教学资源表\n名称")


def test_tab_layout_without_header_gets_default_column_names() -> None:
    text = "表 10 学生实习情况统计表\n\n实习情况\t接收教师实践人数\t324\n\t学生实习比例\t100%\n\t捐赠设备总值（万元）\t883.90\n"
    (table,) = parse(text)
    assert table.columns == ("实习情况", "指标", "数值")
    cells = cells_of(table)
    assert cells[("接收教师实践人数", "数值")] == ("324", Decimal("324"), "人")
    assert cells[("捐赠设备总值（万元）", "数值")] == ("883.90", Decimal("883.90"), "万元")


def test_markdown_pipe_table_and_caption_unit() -> None:
    text = "表 2 某市招生情况（单位：人）\n\n| 年份 | 招生数 | 毕业生数 |\n| --- | --- | --- |\n| 2023年 | 1,234 | 1100 |\n| 2024年 | 1300 | 1150 |\n"
    (table,) = parse(text)
    assert (table.title, table.caption_unit) == ("某市招生情况", "人")
    assert cells_of(table)[("2023年", "招生数")] == ("1,234", Decimal("1234"), "人")


def test_caption_printed_twice_and_below_the_table() -> None:
    twice = "## 表 4 服务贡献表\n\n### 表4 服务贡献表\n\n序号\t指标\t单位\t2024年\n1\t培训项目数\t项\t40\n"
    (table,) = parse(twice)
    assert (table.anchor, table.start) == ("表4", 3)
    below = (
        "正文。\n\n指标\t2023年\t2024年\n在校生\t100\t120\n毕业生\t30\t40\n表 5：学生规模\n\n正文。"
    )
    (table,) = parse(below)
    assert (table.anchor, table.title) == ("表 5", "学生规模")
    assert below[: table.end].endswith("学生规模")


def test_total_rows_and_repeated_header() -> None:
    text = "表 5 教师情况\n指标\t2023年\t2024年\n专任教师\t100\t110\n指标\t2023年\t2024年\n兼职教师\t10\t12\n合计\t110\t122\n"
    (table,) = parse(text)
    assert [r.label for r in table.rows] == ["专任教师", "兼职教师", "合计"]
    assert row(table, "合计").kind == "total"


def test_uncaptioned_ordinary_table_gets_an_inferred_title() -> None:
    text = "指标\t2023年\t2024年\n在校生\t100\t120\n毕业生\t30\t40\n"
    (table,) = parse(text)
    assert (table.anchor, table.appendix, table.title_inferred) == ("", False, True)
    assert table.title


def test_table_of_contents_is_not_a_table() -> None:
    toc = "目录\n1. 基本情况\t1\n1.1 规模结构\t2\n2. 人才培养\t5\n表1 计分卡 ......\t45\n"
    assert parse(toc, excluded=((0, len(toc)),)) == ()
    assert parse(toc.replace("目录\n", "")) == ()


def test_wide_table_survives_a_toc_span_that_overlaps_it() -> None:
    (table,) = parse(MERGED, excluded=((MERGED.index("\t专任"), len(MERGED)),))
    assert len(table.rows) == 4


def test_parsing_is_deterministic() -> None:
    assert parse(SHIFTED + "\n正文。\n" + TAB_TABLE) == parse(SHIFTED + "\n正文。\n" + TAB_TABLE)


# --- the dev corpus --------------------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "dev-gold").is_dir(), reason="../shared dev gold is absent")
def test_dev_gold_bar() -> None:
    from nianbao.scoring.tables import score_corpus

    scores = dict(score_corpus(SHARED / "corpus", SHARED / "dev-gold"))
    assert scores
    for name, score in scores.items():
        assert score.gold_tables_found == score.gold_tables, (name, score.missed_tables)
        assert score.cell_accuracy >= 0.99, (name, score.missed_cells[:5])


def test_short_header_sits_over_the_value_columns() -> None:
    text = "表 7 教师情况\n指标\t2023年\t2024年\n教师 队伍\t教职工总数\t500\t520\n\t专任教师数\t400\t410\n"
    (table,) = parse(text)
    assert table.columns[-2:] == ("2023年", "2024年")
    assert cells_of(table)[("专任教师数", "2023年")] == ("400", Decimal("400"), "人")


def test_word_rows_wider_than_a_merged_header_are_not_cut() -> None:
    header = ["指标", "2023年", "2024年"]
    rows = word_table(
        [header, ["1", "在校生数", "人", "500", "520"], ["2", "毕业生数", "人", "150", "160"]]
    )
    (table,) = parse(f"表8 学生\n{rows}\n\n\n下文。")
    assert cells_of(table)[("毕业生数", "2024年")] == ("160", Decimal("160"), "人")


# --- regressions: running text and captions next to Word-export tables ----------------

PARAGRAPH = "\t全市配备专任教师120人、兼职教师30人，比上一年度增加了5人，师资结构不断优化。"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (PARAGRAPH, "text"),
        (" " + PARAGRAPH, "text"),  # a stray space before the tab
        ("\u3000" + PARAGRAPH, "text"),
        (PARAGRAPH + "\t", "text"),  # a trailing tab is no second cell
        ("\t学校坚持开门办学，与三十余家企业签订合作协议，共建实训基地八个！", "text"),
        ("\t校长说：“我们将持续推进产教融合，让每一名学生都能学有所成。”", "text"),
        ("\t2024年生均财政拨款", "cell"),
        ("\t12.5%", "cell"),
        ("\t", "cell"),
        ("\t合格。", "cell"),  # short, no comma: a cell
        ("\t学生技能大赛获奖情况统计表的数据由各中职学校教务处填报汇总", "cell"),  # no sentence end
        ("\t这是一段很长但是没有任何逗号断句的说明文字只在结尾处有一个句号。", "cell"),
        ("\t指标\t2023年\t2024年", "row"),
        ("正文一段，没有缩进，讲述学校发展情况。", "text"),
    ],
)
def test_tab_indented_paragraph_is_running_text_not_a_cell(line: str, kind: str) -> None:
    assert line_kind(line) == kind


def test_word_table_does_not_swallow_a_tab_indented_paragraph() -> None:
    table_text = word_table([["指标", "2023年", "2024年"], ["专任教师数", "115", "120"]])
    text = (
        f"1.2 师资队伍\n{PARAGRAPH}\n表1-2 某市师资队伍结构\n{table_text}\n\n\n{PARAGRAPH}\n下文。"
    )
    (block,) = find_table_blocks(text, find_captions(text), ())
    assert text[block.start : block.end].startswith("表1-2 某市师资队伍结构")
    assert text[block.start : block.end].endswith("120")
    assert PARAGRAPH.strip() not in text[block.start : block.end]


def test_word_year_columns_keep_their_order_after_an_indented_paragraph() -> None:
    table_text = word_table(
        [
            ["指标", "2020年", "2021年"],
            ["教职工总数(人)", "2336", "2703"],
            ["兼职教师比例", "11.55%", "11.29%"],
        ]
    )
    text = (
        f"1.2 师资队伍\n前文一句。\n{PARAGRAPH}\n表1-2 某市师资队伍结构\n{table_text}\n\n\n下文。"
    )
    (table,) = parse(text)
    assert (table.anchor, table.title) == ("表1-2", "某市师资队伍结构")
    assert table.columns == ("指标", "2020年", "2021年")
    cells = cells_of(table)
    assert cells[("教职工总数(人)", "2020年")] == ("2336", Decimal("2336"), "人")
    assert cells[("教职工总数(人)", "2021年")] == ("2703", Decimal("2703"), "人")
    assert cells[("兼职教师比例", "2021年")] == ("11.29%", Decimal("11.29"), "%")


def test_caption_after_a_tab_indented_lead_in_is_not_a_wrapped_cell() -> None:
    table_text = word_table([["级别", "一等奖", "二等奖"], ["省级", "3", "5"], ["市级", "7", "9"]])
    text = f"正文一段。\n\t各级获奖情况见表2-2。\n表2-2 学生获奖情况\n{table_text}\n\n\n下文。"
    (table,) = parse(text)
    assert (table.anchor, table.title, table.title_inferred) == ("表2-2", "学生获奖情况", False)
    assert table.columns == ("级别", "一等奖", "二等奖")
    assert cells_of(table)[("市级", "二等奖")] == ("9", Decimal("9"), None)
    assert text[table.start :].startswith("表2-2")


def test_tab_row_tables_split_at_the_caption_between_them() -> None:
    text = (
        "表1 学生情况\n指标\t2023年\t2024年\n在校生\t100\t120\n毕业生\t30\t40\n"
        "表2 教师情况\n指标\t2023年\t2024年\n专任教师\t10\t12\n兼职教师\t3\t4\n\n正文。"
    )
    students, teachers = parse(text)
    assert [r.label for r in students.rows] == ["在校生", "毕业生"]
    assert (teachers.anchor, [r.label for r in teachers.rows]) == ("表2", ["专任教师", "兼职教师"])
    assert students.end <= teachers.start


def test_wrapped_word_cell_still_joins_its_short_continuation() -> None:
    header = "\t指标\n\t2024年"
    text = f"表3 学生\n{header}\n\n\t毕业生去向\n落实人数\n\t300\n\n\t在校生数\n\t900\n\n\n下文。"
    (table,) = parse(text)
    assert cells_of(table)[("毕业生去向落实人数", "2024年")] == ("300", Decimal("300"), "人")


# --- a table across a PDF page break ------------------------------------------------

PAGE_BREAK_TABLE = "\n".join(
    [
        "表1-1 2025年学校专业设置及在校生分布（单位：人）",
        "序号\t专业大类\t专业名称\t在校生数",
        "1\t装备制造大类\t机械制造技术\t486",
        "2\t\t新能源汽车运用与维\t524",
        "\t\t修\t",
        "",
        "- 2 -",
        "青山县职业中专2025年度质量报告",
        "",
        "序号\t专业大类\t专业名称\t在校生数",
        "3\t财经商贸大类\t电子商务\t384",
        "合计\t\t\t1394",
        "数据来源：学籍系统",
        "",
        "正文。",
        "",
        "- 3 -",
        "青山县职业中专2025年度质量报告",
        "",
        "正文。",
        "",
        "- 4 -",
        "青山县职业中专2025年度质量报告",
    ]
)


def test_a_table_continues_across_a_page_break() -> None:
    (table,) = parse(PAGE_BREAK_TABLE)
    labels = [r.label for r in table.rows]
    # the repeated header is dropped, the wrapped name joined, the merged 合计 is a label
    assert labels == ["机械制造技术", "新能源汽车运用与维修", "电子商务", "合计"]
    total = row(table, "合计")
    assert total.kind == "total" and total.group is None
    assert cells_of(table)[("合计", "在校生数")][1] == Decimal("1394")
    assert row(table, "电子商务").group == "财经商贸大类"


def test_a_merged_total_label_in_a_word_table() -> None:
    text = "表3 培训一览\n" + word_table(
        [
            ["序号", "培训项目", "培训对象", "人次"],
            ["1", "茶艺培训", "社会人员", "238"],
            ["2", "电商培训", "返乡青年", "612"],
            ["合计", "850"],
        ]
    )
    (table,) = parse(text)
    assert row(table, "合计").kind == "total"
    assert cells_of(table)[("合计", "人次")][1] == Decimal("850")


def test_native_tables_cut_by_a_page_break_are_one_table() -> None:
    title = "青山县职业中专2025年度质量报告"
    part1 = "赛事级别\t一等奖\t二等奖\n国家级\t0\t1\n\n"
    part2 = "赛事级别\t一等奖\t二等奖\n省级\t6\t11\n市级\t14\t19\n\n"
    text = (
        "正文。\n\n- 1 -\n"
        + title
        + "\n表2-2 技能大赛获奖情况（单位：项）\n"
        + part1
        + "- 2 -\n"
        + title
        + "\n"
        + part2
        + "正文。\n\n- 3 -\n"
        + title
        + "\n"
    )
    first = text.index(part1)
    second = text.index(part2)
    native = ((first, first + len(part1) - 1), (second, second + len(part2) - 1))
    captions = find_captions(text)
    blocks = find_table_blocks(text, captions, (), native)
    source = SourceDoc("t.pdf", "0" * 16, "pdf", None, text)
    doc = CleanDoc(source, text, OffsetMap((0,), (0,)))
    (table,) = parse_tables(doc, Layout((), (), (), captions, (), blocks))
    assert table.anchor == "表2-2"
    assert [r.label for r in table.rows] == ["国家级", "省级", "市级"]  # header once
    assert cells_of(table)[("市级", "二等奖")][1] == Decimal(19)


def test_a_caption_at_the_foot_of_the_page_before_its_table() -> None:
    title = "青山县职业中专2025年度质量报告"
    text = (
        "正文。\n\n- 1 -\n" + title + "\n正文。\n表3 培训情况（单位：人次）\n- 2 -\n" + title + "\n"
        "培训类别\t人次\n企业职工培训\t2860\n社区教育\t1306\n\n正文。\n- 3 -\n" + title + "\n"
    )
    (table,) = parse(text)
    assert (table.anchor, table.title) == ("表3", "培训情况")
    assert cells_of(table)[("社区教育", "人次")][1] == Decimal(1306)


def test_a_parts_group_closes_when_its_parts_add_up_or_the_unit_changes() -> None:
    text = "表2-1 2024届毕业生去向统计（单位：人）\n" + word_table(
        [
            ["毕业去向", "人数"],
            ["升学", "568"],
            ["其中：对口升学", "34"],
            ["高职单招", "402"],
            ["五年贯通转段", "132"],  # 34 + 402 + 132 = 568: the parts are complete
            ["就业", "412"],
            ["待就业", "26"],
        ]
    )
    (table,) = parse(text)
    assert [(r.label, r.kind, r.parent) for r in table.rows][3:] == [
        ("五年贯通转段", "part", "升学"),
        ("就业", "data", None),
        ("待就业", "data", None),
    ]
    policy = "表6 落实政策表\n" + "\n".join(
        [
            "指标\t单位\t2024年",
            "聘请行业导师人数\t人\t56",
            "其中：大国工匠人数\t人\t5",
            "行业导师年课时总量\t课时\t4620",  # another unit: no part of the mentors count
        ]
    )
    (table,) = parse(policy)
    assert row(table, "行业导师年课时总量").kind == "data"
    assert row(table, "其中：大国工匠人数").parent == "聘请行业导师人数"


@pytest.mark.parametrize("layout", ["tab", "word"])
def test_a_template_left_empty_is_a_table_with_its_columns(layout: str) -> None:
    header = ["指标", "单位", "2023年", "2024年"]
    body = "\t".join(header) if layout == "tab" else word_table([header])
    (table,) = parse(f"正文。\n表5 国际影响表\n{body}\n\n学校暂未开展国际合作。\n")
    assert (table.anchor, table.columns, table.rows, table.annex_kind) == (
        "表5",
        tuple(header),
        (),
        "international",
    )


def test_a_caption_over_running_text_is_no_empty_table() -> None:
    assert parse("正文。\n表5 国际影响表\n学校暂未开展国际合作，本表从略。\n") == ()


@pytest.mark.parametrize(
    ("caption", "anchor", "title"),
    [
        (
            "附表 1\n人才培养质量计分卡",
            "附表 1",
            "人才培养质量计分卡",
        ),  # the number, then the title
        (
            "表3-1 2024年社会培训情况\n（按培训类别统计）",
            "表3-1",
            "2024年社会培训情况",
        ),  # a subtitle
    ],
)
def test_two_line_captions(caption: str, anchor: str, title: str) -> None:
    rows = "指标\t单位\t2023年\t2024年\n毕业生人数\t人\t1012\t1100\n在校生人数\t人\t3000\t3200\n"
    (table,) = parse(f"正文。\n{caption}\n{rows}\n正文。\n")
    assert (table.anchor, table.title) == (anchor, title)


def test_a_code_column_holds_identifiers_not_quantities() -> None:
    text = (
        "正文。\n表1-1 专业设置\n序号\t专业代码\t专业名称\t在校生数\n"
        "1\t660301\t机械制造技术\t486\n2\t660103\t数控技术应用\t538\n合计\t\t\t1024\n\n正文。\n"
    )
    (table,) = parse(text)
    assert [r.label for r in table.rows] == ["机械制造技术", "数控技术应用", "合计"]
    assert cells_of(table)[("机械制造技术", "专业代码")] == ("660301", None, None)
    assert cells_of(table)[("合计", "在校生数")][1] == Decimal(1024)


def test_a_row_whose_only_text_is_a_merged_label_is_read_not_a_crash() -> None:
    """A label printed in the value column of an otherwise empty row (a merged cell, or a
    shuffled export): the row keeps its place in the text; once an IndexError (fuzz run)."""
    import nianbao

    text = "一、学校概况\n表1 学生情况\n指标\t数值\n在校生（人）\t1200\n\t问卷调查\n毕业生（人）\t300\n"
    doc = nianbao.annotate(text=text, options=nianbao.RunOptions(use_model=False))
    assert doc.status == "ok"
    rows = [row for table in doc.tables for row in table.rows]
    assert [r.label for r in rows] == ["在校生（人）", "问卷调查", "毕业生（人）"]
    merged = rows[1]
    assert text[merged.start : merged.end] == "问卷调查" and merged.cells == ()
