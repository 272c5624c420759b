"""Linking: periods, claims to canonical indicators in context, tables read into
observations (orientation, continuation rows, 其中 parents, level groups), scope."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from nianbao.data import Cell, Claim, Entity, Row, Table
from nianbao.link.links import (
    claim_quantum,
    claim_year,
    is_period_label,
    link,
    period_year,
    ratio_terms,
)
from nianbao.ontology import default_ontology

ONTO = default_ontology()


def cell(col: str, text: str, unit: str | None = "人") -> Cell:
    value = Decimal(text.split(":")[0]) if text[:1].isdigit() else None
    period = col[:4] if col[:4].isdigit() else None
    return Cell(col=col, text=text, value=value, unit=unit, start=0, end=0, period=period)


def row(label: str, *values: str, unit: str | None = "人", **kw: object) -> Row:
    cols = ("2023年", "2024年")
    return Row(
        label, unit, tuple(cell(c, v, unit) for c, v in zip(cols, values, strict=False)), 0, 0, **kw
    )  # type: ignore[arg-type]


def table(tid: str, title: str, *rows: Row, appendix: bool = False) -> Table:
    return Table(tid, "", title, appendix, 0, 1, ("指标", "2023年", "2024年"), rows, "tab_rows")


def claim_in(
    text: str, fragment: str, number: str, unit: str, indicator: str, cid: str = "C1", **kw: object
) -> Claim:
    """A claim located in ``text`` the way the claim stage locates one."""
    start = text.index(fragment)
    n = start + fragment.index(number)
    i = text.find(indicator, max(0, start - 10))
    value = Decimal(number.replace("万", "")) * (10000 if "万" in number else 1)
    return Claim(
        id=cid,
        start=start,
        end=start + len(fragment),
        text=fragment,
        number_text=number,
        number_start=n,
        number_end=n + len(number),
        value=value,
        unit=unit,
        qualifier="exact",
        kind="count",
        indicator=indicator,
        indicator_start=i if i >= 0 else None,
        indicator_end=i + len(indicator) if i >= 0 else None,
        period=kw.pop("period", "2024"),
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2023-2024学年", "2024"),
        ("2022—2023学年", "2023"),
        ("2024年", "2024"),
        ("2024 年", "2024"),
        ("２０２４年", "2024"),
        ("本学年", "2024"),
        ("上一年", "2023"),
        ("2024—2026年", None),  # a span is no year
        ("", None),
        (None, None),
    ],
)
def test_period_year(text: str | None, year: str | None) -> None:
    assert period_year(text, "2024") == year


def test_claim_year_defaults_to_the_report_year_but_not_for_spans() -> None:
    assert claim_year(None, "2024") == "2024"
    assert claim_year("近三年", "2024") is None
    assert claim_year("2023", "2024") == "2023"


@pytest.mark.parametrize(
    ("label", "yes"),
    [
        ("2023年", True),
        ("2023-2024学年", True),
        ("2023 年", True),
        ("2023年度", True),
        ("毕业生人数", False),
        ("2023年毕业生", False),
    ],
)
def test_is_period_label(label: str, yes: bool) -> None:
    assert is_period_label(label) is yes


@pytest.mark.parametrize(
    ("number", "value", "quantum"),
    [
        ("1249", "1249", "1"),
        ("97.6", "97.6", "0.1"),
        ("36.10", "36.1", "0.01"),
        ("1.07624万", "10762.4", "0.1"),
        ("36136.914", "361369140", "10"),
        ("17.6:1", "17.6", "0.1"),
        ("1:11.38", "11.38", "0.01"),
        ("两", "2", "1"),
    ],
)
def test_claim_quantum(number: str, value: str, quantum: str) -> None:
    c = Claim(
        "C1",
        0,
        5,
        number,
        number,
        0,
        len(number),
        Decimal(value),
        "人",
        "exact",
        "count",
        None,
        None,
        None,
        None,
    )
    assert claim_quantum(c) == Decimal(quantum)


def test_ratio_terms() -> None:
    assert ratio_terms("34.8:65.2") == (Decimal("34.8"), Decimal("65.2"))
    assert ratio_terms("１７.６：１") == (Decimal("17.6"), Decimal(1))
    assert ratio_terms("97.6%") == ()


POLICY = table(
    "T1",
    "落实政策表",
    row("教职工总数", "1500", "1600"),
    row("其中：专任教师总数", "1000", "1050"),
    appendix=True,
)


@pytest.mark.parametrize(
    ("subject", "report_scope"),
    [("青山市教育局", True), ("青山市青禾职业学校", False)],
)
def test_a_claims_subject_keeps_the_report_scope_only_when_it_is_the_reporting_entity(
    subject: str, report_scope: bool
) -> None:
    text = f"{subject}：专任教师1050人。"
    c = replace(claim_in(text, "专任教师1050人", "1050", "人", "专任教师"), subject="E1")
    entity = Entity("E1", "GOV", subject, 0, len(subject), 0.9, "model")
    links = link((c,), (POLICY,), ONTO, "2024", "青山市教育局", text=text, entities=(entity,))
    assert links.observation_of("C1").report_scope is report_scope


@pytest.mark.parametrize(
    ("text", "fragment", "report_scope"),
    [
        # a named school opening a list of examples (X等35门) does not own the count
        ("遴选认定青山市青禾职业学校《病理学基础》等35门课程为市级在线精品课。", "35门课程", True),
        ("青山市青禾职业学校开设35门课程。", "35门课程", False),
    ],
)
def test_a_school_named_as_one_example_does_not_scope_the_count(
    text: str, fragment: str, report_scope: bool
) -> None:
    c = replace(claim_in(text, fragment, "35", "门", "课程"), subject="E1")
    name = "青山市青禾职业学校"
    at = text.index(name)
    entity = Entity("E1", "SCHOOL", name, at, at + len(name), 0.9, "model")
    links = link((c,), (), ONTO, "2024", "青山市教育局", text=text, entities=(entity,))
    assert links.observation_of("C1").report_scope is report_scope


@pytest.mark.parametrize(
    ("reporter", "text", "fragment", "number", "report_scope"),
    [
        # a school's report cites its city and the country; it speaks for neither
        ("青山市青禾职业学校", "全市中职学校在校生32000人。", "在校生32000人", "32000", False),
        ("青山市青禾职业学校", "2024年，全国共有中职学校7000所。", "中职学校7000所", "7000", False),
        # a name or an indicator that opens with a region is no region speaking
        (
            "青山市青禾职业学校",
            "在全国职业院校技能大赛中，学校获二等奖1项。",
            "二等奖1项",
            "1",
            True,
        ),
        ("青山市青禾职业学校", "毕业生本省去向落实率88%。", "本省去向落实率88%", "88", True),
        # a city's report speaks for the city, not for its province
        ("青山市教育局", "全市中职学校在校生32000人。", "在校生32000人", "32000", True),
        ("青山市教育局", "全省中职学校在校生90万人。", "在校生90万人", "90", False),
    ],
)
def test_a_wider_region_as_subject_is_not_the_reports_scope(
    reporter: str, text: str, fragment: str, number: str, report_scope: bool
) -> None:
    unit = "%" if fragment.endswith("%") else fragment[-1]
    c = claim_in(text, fragment, number, unit, fragment.split(number)[0])
    links = link((c,), (), ONTO, "2024", reporter, text=text)
    assert links.observation_of("C1").report_scope is report_scope


def test_claims_get_canonical_by_replace_and_inputs_are_untouched() -> None:
    text = "全市专任教师1050人。"
    c = claim_in(text, "专任教师1050人", "1050", "人", "专任教师")
    links = link((c,), (POLICY,), ONTO, "2024", None, text=text)
    assert c.canonical is None  # never mutated
    assert links.claims[0].canonical == "teachers.full_time"
    assert [(o.table, o.row, o.period, o.value) for o in links.cells_for("C1")] == [
        ("T1", "其中：专任教师总数", "2023", 1000),
        ("T1", "其中：专任教师总数", "2024", 1050),
    ]


@pytest.mark.parametrize(
    ("text", "fragment", "number", "unit", "indicator", "canonical"),
    [
        ("学校共开设145个专业（含专业方向）。", "145个专业", "145", "个", "专业", "majors.count"),
        (
            "共优化调整47个专业，其中新增20个专业。",
            "47个专业",
            "47",
            "个",
            "专业",
            None,
        ),  # an action, not the stock
        (
            "淘汰27个不符合需求的专业。",
            "27个不符合需求的专业",
            "27",
            "个",
            "专业",
            None,
        ),  # modifiers in between
        (
            "全市24所中等职业学校共举办校赛。",
            "24所中等职业学校",
            "24",
            "所",
            "中等职业学校",
            None,
        ),  # a verb follows
        (
            "新增适应区域经济发展的专业15个。",
            "专业15个",
            "15",
            "个",
            "专业",
            None,
        ),  # 的 before the noun
        ("全市共设置专业145个。", "专业145个", "145", "个", "专业", "majors.count"),
        (
            "目前全市已建设各类产教融合载体29个。",
            "建设各类产教融合载体29个",
            "29",
            "个",
            "建设各类产教融合载体",
            "carriers.integration",
        ),  # stock words before the indicator
        (
            "学校与企业联合培养专业28个。",
            "联合培养专业28个",
            "28",
            "个",
            "联合培养专业",
            None,
        ),  # another verb makes a kind of 专业
        (
            "学校与86家企业建立了稳定合作关系。",
            "86家企业",
            "86",
            "家",
            "企业",
            "enterprises.partners",
        ),  # partners by the cooperation frame
        (
            "(含技工学校职普比37.6:62.4)",
            "职普比37.6:62.4",
            "37.6",
            "ratio",
            "职普比",
            "ratio.vocational_general_incl_technical",
        ),
        (
            "秦岭市中等职业学校教职工总数2740人。",
            "教职工总数2740人",
            "2740",
            "人",
            "教职工总数",
            "staff.total",
        ),
    ],
)
def test_claim_context_decides_the_indicator(
    text: str, fragment: str, number: str, unit: str, indicator: str, canonical: str | None
) -> None:
    c = claim_in(text, fragment, number, unit, indicator)
    assert link((c,), (), ONTO, "2024", None, text=text).claims[0].canonical == canonical


def test_without_text_the_indicator_alone_decides() -> None:
    text = "共优化调整47个专业。"
    c = claim_in(text, "47个专业", "47", "个", "专业")
    assert link((c,), (), ONTO, "2024", None).claims[0].canonical == "majors.count"


@pytest.mark.parametrize(
    ("fragment", "indicator", "role", "direction", "canonical"),
    [
        ("全日制在校生数增加1162人", "全日制在校生数", "change", 1, "enrolment.full_time"),
        (
            "较上一学年减少1283人",
            "全日制在校生较上一学年减少数",
            "change",
            -1,
            "enrolment.full_time",
        ),
        ("比上年提高1.5个百分点", "学生体质测评合格率", "change", 1, "fitness.pass_rate"),
        (
            "校园占地面积为1000平方米",
            "校园占地面积",
            "value",
            0,
            "land.total",
        ),  # 占 of 占地 is no share
    ],
)
def test_roles_read_from_wording(
    fragment: str, indicator: str, role: str, direction: int, canonical: str
) -> None:
    unit = "个百分点" if "百分点" in fragment else "平方米" if "平方米" in fragment else "人"
    number = next(t for t in ("1162", "1283", "1.5", "1000") if t in fragment)
    c = claim_in(fragment, fragment, number, unit, indicator)
    obs = link((c,), (), ONTO, "2024", None).observation_of("C1")
    assert obs is not None
    assert (obs.role, obs.direction, obs.canonical) == (role, direction, canonical)


def test_share_terms_from_the_clause() -> None:
    text = "专任教师中“双师型”教师826人，占专任教师总数的36.10%，占专业课教师总数的65.92%。"
    share = replace(
        claim_in(text, "36.10%", "36.10", "%", "专任教师中“双师型”教师", cid="C2"),
        role="share",
        indicator_start=0,
        indicator_end=11,
    )
    other = replace(
        claim_in(text, "65.92%", "65.92", "%", "专任教师中“双师型”教师", cid="C3"),
        role="share",
        indicator_start=0,
        indicator_end=11,
    )
    links = link((share, other), (), ONTO, "2024", None, text=text)
    a, b = links.observation_of("C2"), links.observation_of("C3")
    assert a is not None and b is not None
    assert (a.numerator, a.denominator, a.canonical) == (
        "teachers.dual",
        "teachers.full_time",
        "teachers.dual_share",
    )
    assert (b.numerator, b.denominator, b.canonical) == (
        "teachers.dual",
        "teachers.specialty",
        None,
    )


def test_table_reading_periods_in_columns() -> None:
    t = table(
        "T1",
        "教学资源表",
        row("教学计划内课程总数", "100", "120", unit="门", number="5"),
        row("", "2000", "2400", unit="学时", kind="unit_continuation"),
        row("其中：课证融通课程数", "10", "12", unit="门"),
        row("", "200", "240", unit="学时", kind="unit_continuation"),
        row("专业教学资源库数", "5", "6", unit="个", number="6"),
        row("其中：国家级数量", "0", "0", unit="个"),
        row("接入国家智慧教育平台数", "0", "0", unit="个"),
        row("省级数量", "1", "1", unit="个"),
        row("校级数量", "4", "5", unit="个"),
        appendix=True,
    )
    links = link((), (t,), ONTO, "2024", None)
    info = links.table_info("T1")
    assert info is not None and not info.periods_in_rows and info.report_scope
    rows = info.rows
    assert rows[1].continuation_of == 0 and rows[1].label == "教学计划内课程总数"
    assert rows[2].explicit_part and rows[2].parent_index == 0
    assert rows[3].parent_index == 1  # the part's 学时 row belongs to the whole's 学时 row
    assert [r.level_parent_index for r in rows[5:]] == [4, None, 4, 4]
    hours = [o for o in links.cells if o.row_index == 1]
    assert {(o.canonical, o.unit, o.period) for o in hours} == {
        ("courses.planned", "学时", "2023"),
        ("courses.planned", "学时", "2024"),
    }


def test_table_reading_periods_in_rows_and_units() -> None:
    cols = ("年份", "总在校生数(人)", "生均教学设备值(万元)")
    rows = tuple(
        Row(year, None, (cell(cols[1], n), cell(cols[2], v, "万元")), 0, 0, period=year)
        for year, n, v in (("2023", "900", "0.72"), ("2024", "1000", "0.85"))
    )
    t = Table("T2", "表 5", "设施设备情况", False, 0, 1, cols, rows, "tab_rows")
    links = link((), (t,), ONTO, "2024", None)
    info = links.table_info("T2")
    assert info is not None and info.periods_in_rows
    money = next(o for o in links.cells if o.col == cols[2] and o.period == "2024")
    assert (money.canonical, money.value, money.quantum, money.family) == (
        "equipment.per_student",
        Decimal("8500.00"),
        Decimal(100),
        "money",
    )


def test_part_rows_keep_a_canonical_only_under_their_whole() -> None:
    t = table(
        "T3",
        "国际影响表",
        row("中外合作办学专业数", "2", "3", unit="个"),
        row("其中：在校生数", "40", "60"),
        appendix=True,
    )
    cells = link((), (t,), ONTO, "2024", None).cells
    assert {o.canonical for o in cells if o.row_index == 1} == {
        None
    }  # 在校生 of those majors, not of the region


@pytest.mark.parametrize(
    ("title", "scope"),
    [
        ("近两学年某市中等职业学校办学规模", True),
        ("某市各中等职业学校一览表", True),
        ("某某职校2024年招生情况", False),
        ("某市卫生学校护理专业建设情况", False),
    ],
)
def test_table_scope(title: str, scope: bool) -> None:
    t = table("T1", title, row("在校生数", "1", "2"))
    info = link((), (t,), ONTO, "2024", "某市教育局").table_info("T1")
    assert info is not None and info.report_scope is scope


def test_named_school_claims_link_to_no_cells() -> None:
    text = "该校专任教师90人。"
    c = replace(claim_in(text, "专任教师90人", "90", "人", "专任教师"), subject="E1")
    assert link((c,), (POLICY,), ONTO, "2024", None, text=text).cells_for("C1") == ()


# --- scope read from the text (no entity model needed) --------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "scope"),
    [
        # a paragraph about one named school: its figures are that school's
        (
            "丰和县农业职业高级中学推进课堂改革。学校组建服务队，专业教师14人。",
            "专业教师14人",
            False,
        ),
        ("某某职校与某某公司共建实训基地，专业教师14人常驻企业。", "专业教师14人", False),
        # a reset word brings the paragraph back to the reporting entity
        ("某某职校与某某公司共建实训基地。全市专业教师1400人。", "专业教师1400人", True),
        # a place opening a clause speaks for the region
        (
            "某某职校被认定为示范基地。丰乐市面向社会开展培训，专业教师1400人。",
            "专业教师1400人",
            True,
        ),
        # a class of schools is no named school
        ("全市中等职业学校共有专业教师1400人。", "专业教师1400人", True),
        ("近年来，通过举办中等职业学校技能大赛，专业教师1400人得到锻炼。", "专业教师1400人", True),
        ("市隶属教育部门管理的中等职业学校共有专业教师1400人。", "专业教师1400人", True),
    ],
)
def test_claim_scope_from_its_paragraph(text: str, fragment: str, scope: bool) -> None:
    number = next(t for t in ("1400", "14") if t in fragment)
    c = claim_in(text, fragment, number, "人", "专业教师")
    obs = link((c,), (), ONTO, "2024", "某市教育局", text=text).observation_of("C1")
    assert obs is not None and obs.report_scope is scope


def test_a_school_report_speaks_for_the_school_its_title_names() -> None:
    """The reporting entity read from the text may be wrong; the title line still names the
    school, so its own tables and paragraphs are in scope."""
    text = "丰和县职业教育中心质量年度报告（2024年度）\n\n丰和县职业教育中心推进课堂改革，专业教师140人。\n"
    c = claim_in(text, "专业教师140人", "140", "人", "专业教师")
    t = table("T1", "近两年丰和县职业教育中心师资队伍结构", row("专任教师数", "1", "2"))
    links = link((c,), (t,), ONTO, "2024", "为客观反映学校", text=text)
    obs, info = links.observation_of("C1"), links.table_info("T1")
    assert obs is not None and obs.report_scope
    assert info is not None and info.report_scope


@pytest.mark.parametrize(
    ("text", "fragment", "number", "unit", "indicator", "canonical"),
    [
        # people who took part in something are no stock of them
        (
            "学校建成智慧教室，专业教师6人参与混合式教学改革。",
            "专业教师6人",
            "6",
            "人",
            "专业教师",
            None,
        ),
        (
            "专业教师60人，深入班级开展帮扶。",
            "专业教师60人",
            "60",
            "人",
            "专业教师",
            "teachers.specialty",
        ),
        # a leading place name is the region's own figure
        (
            "丰乐市合作企业达到59家。",
            "丰乐市合作企业达到59家",
            "59",
            "家",
            "丰乐市合作企业",
            "enterprises.partners",
        ),
        (
            "城市轨道交通专业在校生59人。",
            "城市轨道交通专业在校生59人",
            "59",
            "人",
            "城市轨道交通专业在校生",
            None,
        ),
        # a period word before the indicator does not hide it
        (
            "上一学年全日制在校生23827人。",
            "上一学年全日制在校生23827人",
            "23827",
            "人",
            "上一学年全日制在校生",
            "enrolment.full_time",
        ),
    ],
)
def test_indicator_read_with_its_surroundings(
    text: str, fragment: str, number: str, unit: str, indicator: str, canonical: str | None
) -> None:
    c = claim_in(text, fragment, number, unit, indicator)
    obs = link((c,), (), ONTO, "2024", None, text=text).observation_of("C1")
    assert obs is not None and obs.canonical == canonical


def test_share_role_read_from_the_clause_before_the_claim() -> None:
    text = "其中升入高一级学校3252人，占毕业生总数的比例为50.4%。"
    c = replace(claim_in(text, "比例为50.4%", "50.4", "%", "比例"), kind="percent")
    obs = link((c,), (), ONTO, "2024", None, text=text).observation_of("C1")
    assert obs is not None
    assert (obs.role, obs.denominator) == ("share", "graduates.total")


def test_a_count_among_a_population_takes_the_counted_indicator() -> None:
    text = "2025届毕业生中升入高一级学校1178人。"
    c = claim_in(
        text, "2025届毕业生中升入高一级学校1178人", "1178", "人", "2025届毕业生中升入高一级学校"
    )
    obs = link((c,), (), ONTO, "2025", None, text=text).observation_of("C1")
    assert obs is not None and obs.canonical == "graduates.further_study"


def test_claims_in_mu_are_read_in_square_metres() -> None:
    text = "学校占地186亩。"
    c = claim_in(text, "占地186亩", "186", "亩", "占地")
    obs = link((c,), (), ONTO, "2024", None, text=text).observation_of("C1")
    assert obs is not None and obs.canonical == "land.total"
    assert obs.value.quantize(Decimal(1)) == 124000 and obs.family == "area"


def test_a_list_item_is_read_with_the_indicator_it_shares() -> None:
    # 培训 of the second figure is the end of 开展实用技术培训: that training, not all training
    text = "开展实用技术培训10期、1954人次。"
    first = claim_in(text, "开展实用技术培训10期", "10", "期", "开展实用技术培训")
    second = claim_in(text, "培训10期、1954人次", "1954", "人次", "培训", cid="C2")
    second = replace(
        second, indicator_start=text.index("培训"), indicator_end=text.index("培训") + 2
    )
    links = link((first, second), (), ONTO, "2024", None, text=text)
    obs = links.observation_of("C2")
    assert obs is not None and obs.canonical is None
    assert links.claims[1].indicator == "培训"  # the record keeps its own indicator


def _training_table(title: str) -> Table:
    def category(label: str, hours: str, kind: str = "data") -> Row:
        cells = (cell("项目数（项）", "5", None), cell("培训学时", hours, None))
        return Row(label, None, cells, 0, 0, kind)  # type: ignore[arg-type]

    rows = (category("企业职工培训", "7840"), category("社区教育", "2780"))
    return Table(
        "T1",
        "表3-1",
        title,
        False,
        0,
        1,
        ("培训类别", "项目数（项）", "培训学时"),
        (*rows, category("合计", "10620", "total")),
        "tab_rows",
    )


def test_the_total_row_of_a_table_of_categories_is_its_columns_indicator() -> None:
    links = link((), (_training_table("2024年学校社会培训情况"),), ONTO, "2024", None)
    total = [c for c in links.cells if c.row == "合计" and c.col == "培训学时"]
    assert [(c.canonical, c.family, c.period) for c in total] == [
        ("training.hours", "hours", "2024")
    ]
    categories = [c for c in links.cells if c.row != "合计" and c.col == "培训学时"]
    assert all(c.canonical is None for c in categories)


def test_a_table_titled_with_another_year_keeps_its_total_to_itself() -> None:
    links = link((), (_training_table("2023年学校社会培训情况"),), ONTO, "2024", None)
    assert all(c.canonical is None for c in links.cells)


def test_a_bare_share_takes_the_whole_an_earlier_share_of_its_sentence_named() -> None:
    text = "专任教师中“双师型”教师248人，占专任教师总数的70.5%；高级职称教师118人，占33.5%。"
    c = replace(claim_in(text, "33.5%", "33.5", "%", "教师"), kind="percent", role="share")
    obs = link((c,), (), ONTO, "2025", None, text=text).observation_of("C1")
    assert obs is not None and obs.denominator == "teachers.full_time"


def test_a_bare_share_takes_the_whole_of_the_sentence_frame() -> None:
    text = "专任教师中，高级职称教师118人，占33.5%。"
    c = replace(claim_in(text, "33.5%", "33.5", "%", "教师"), kind="percent", role="share")
    obs = link((c,), (), ONTO, "2025", None, text=text).observation_of("C1")
    assert obs is not None and obs.denominator == "teachers.full_time"
