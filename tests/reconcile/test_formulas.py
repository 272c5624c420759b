"""Formula checks (formula_values, rate_below_overall, mean_within_components) on invented content."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from nianbao.data import Row, Table
from reconcile_helpers import POLICY, cell, claim, kinds, located, row, run, table

# --- narrative ratios against the table -----------------------------------------------


def test_ratio_claim_against_computed_ratio() -> None:
    ok = claim("C1", "生师比20.0:1", "20.0:1", "20.0", "ratio", "生师比", kind="ratio")
    bad = claim("C1", "生师比21.0:1", "21.0:1", "21.0", "ratio", "生师比", kind="ratio")
    assert run((ok,), (POLICY,)) == ()
    (f,) = run((bad,), (POLICY,))
    # 21000 / 1050 = 20.0; 生师比 definitions vary (折合学生数), so a warning
    assert (f.type, f.severity, f.expected) == ("narrative_vs_table", "warning", Decimal("20.00"))


# --- rates and ratios in tables -------------------------------------------------------


def _admissions(ratio_2023: str) -> Table:
    cols = (
        "年份",
        "普通高中招生数(人)",
        "中职学校招生数(人)/合计",
        "中职学校招生数(人)/中职学校",
        "中职学校招生数(人)/技工学校",
        "职普招生比(不含技工学校)",
    )

    def r(year: str, values: tuple[str, ...]) -> Row:
        units = ("人", "人", "人", "人", "ratio")
        cells = tuple(cell(c, v, u) for c, v, u in zip(cols[1:], values, units, strict=True))
        return Row(year, None, cells, 0, 0, period=year)

    return table(
        "T1",
        "招生情况",
        r("2023", ("6000", "4000", "3000", "1000", ratio_2023)),
        r("2024", ("6000", "4500", "3500", "1000", "36.8:63.2")),
        cols=cols,
    )


def test_ratio_column_definition_is_confirmed_by_another_year() -> None:
    # 2024: 3500 / (3500 + 6000) = 36.84 → 36.8 tells the definition (without 技工学校)
    assert run((), (_admissions("33.3:66.7"),)) == ()  # 3000 / 9000 = 33.33
    found = run((), (_admissions("34.0:66.0"),))
    assert kinds(found) == [("table_internal_ratio", "error", Decimal("34.0"), Decimal("33.33"))]


def test_share_cell_against_counts_in_another_table() -> None:
    teachers = table(
        "T2", "教师队伍", row("专任教师数", "1000", "1100"), row("“双师型”教师总数", "400", "451")
    )
    resources = table(
        "T3",
        "教学资源表",
        row("“双师型”教师比例", "41.00", "41.00", unit="%"),
        appendix=True,
        anchor="表3",
    )
    found = run((), (teachers, resources))
    # 2024: 451/1100 = 41.0 (agrees); 2023: 400/1000 = 40.00 ≠ 41.00, confirmed by 2024
    assert kinds(found) == [("table_vs_table", "error", Decimal("41.00"), Decimal("40.000"))]


def test_mean_outside_its_components() -> None:
    t = table(
        "T1",
        "满意度调查表",
        row("毕业生满意度", "80.00", "93.00", unit="%"),
        row("其中：应届毕业生满意度", "81.00", "91.00", unit="%"),
        row("毕业三年内毕业生满意度", "82.00", "95.00", unit="%"),
        appendix=True,
    )
    assert kinds(run((), (t,))) == [
        ("table_internal_ratio", "warning", Decimal("80.00"), Decimal("81.00"))
    ]


def test_in_province_rate_cannot_exceed_the_overall_rate() -> None:
    t = table(
        "T1",
        "人才培养质量计分卡",
        row("毕业生人数", "1000", "1000"),
        row("毕业去向落实人数", "950", "990"),
        row("毕业生本省去向落实率", "96.00", "98.00", unit="%"),
        appendix=True,
    )
    # 2023: 96.00 > 950/1000 = 95.00 (warning); 2024: 98.00 ≤ 99.00
    assert kinds(run((), (t,))) == [
        ("table_internal_ratio", "warning", Decimal("96.00"), Decimal("95.000"))
    ]


# --- a count only the text states, against the table's per-student value ---------------


def _resources() -> Table:
    return table(
        "T2",
        "教学资源表",
        row("生均校内实践教学工位数", "0.80", "0.81", unit="个/生"),
        appendix=True,
        anchor="表3",
    )


def test_a_count_stated_once_is_told_in_its_own_terms() -> None:
    stations = claim(
        "C1", "校内实践教学工位数23839个", "23839", "23839", "个", "校内实践教学工位数"
    )
    policy = table("T1", "落实政策表", row("全日制在校生人数", "33000", "33577"), appendix=True)
    (f,) = run((stations,), (_resources(), policy))
    # 0.81 个/生 × 33577 students ≈ 27197 stations, against the text's 23839
    assert (f.type, f.claimed, f.expected) == ("narrative_vs_table", Decimal(23839), Decimal(27197))
    assert f.evidence[0].id == "C1"


def test_a_count_whose_rate_the_text_states_leaves_the_table_odd() -> None:
    stations = claim(
        "C1", "校内实践教学工位数23839个", "23839", "23839", "个", "校内实践教学工位数"
    )
    rate = claim(
        "C2",
        "生均校内实践教学工位数0.71个",
        "0.71",
        "0.71",
        "个/生",
        "生均校内实践教学工位数",
        start=100,
        kind="ratio",
    )
    policy = table("T1", "落实政策表", row("全日制在校生人数", "33000", "33577"), appendix=True)
    found = [
        f for f in run((stations, rate), (_resources(), policy)) if f.evidence[0].kind == "cell"
    ]
    assert [(f.claimed, f.expected) for f in found] == [(Decimal("0.81"), Decimal("0.71"))]


def test_a_rate_the_text_defines_over_another_whole_is_not_recomputed() -> None:
    # the table's 81.36 is 96 / 118 专业课教师, as the text says; not 96 / 189 专任教师
    text = "专任教师189人。专任教师中，专业课教师118人，“双师型”教师96人，占专业课教师的81.3%。"
    teachers = table(
        "T1",
        "教学资源表",
        row("专任教师总数", "180", "189"),
        row("“双师型”教师数", "90", "96"),
        row("“双师型”教师比例", "50.00", "81.36", unit="%"),
        appendix=True,
    )
    fragment = "“双师型”教师96人，占专业课教师的81.3%"
    share = located(text, "C1", fragment, "81.3", "81.3", "%", "“双师型”教师", kind="percent")
    share = replace(share, role="share")
    assert [f for f in run((share,), (teachers,), text) if f.check == "formula_values"] == []


# --- a ratio whose label names its terms in the other order -----------------------------


def _enrolment(label: str, ratio: str) -> Table:
    return table(
        "T1",
        "区域规模结构统计表",
        row("中职学校招生数", "9654", "10305"),
        row("普通高中招生数", "19403", "19268"),
        row(label, "33.2:66.8", ratio, unit="ratio"),
    )


def test_a_ratio_label_that_inverts_its_figures() -> None:
    found = [
        f
        for f in run((), (_enrolment("高中阶段普职招生比例", "34.8:65.2"),))
        if f.check == "ratio_label_order"
    ]
    # 10305 ÷ (10305 + 19268) = 34.85 %: the vocational share is printed first
    assert kinds(tuple(found)) == [
        ("label_or_period", "warning", Decimal("34.8"), Decimal("65.15"))
    ]


def test_a_ratio_label_in_the_order_of_its_figures() -> None:
    found = run((), (_enrolment("高中阶段职普招生比例", "34.8:65.2"),))
    assert [f for f in found if f.check == "ratio_label_order"] == []
