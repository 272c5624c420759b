"""The indicator ontology: keys, lookups by name, synonym and row label, relations, loading."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from nianbao.errors import UnknownName
from nianbao.ontology import (
    ONTOLOGY_PATH,
    core_key,
    default_ontology,
    indicator_key,
    load_ontology,
)

ONTO = default_ontology()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("其中：专任教师总数*", "专任教师"),
        ("专任教师数", "专任教师"),
        ("全日制在校生人数", "全日制在校生"),
        ("“双师型”教师总数", "双师型教师"),
        ("生均教学设备值(万元)", "生均教学设备值"),
        ("生均纸质图书数量（册）", "生均纸质图书"),
        ("职普招生比(不含技工学校)", "职普招生比不含技工学校"),  # a qualifier is kept
        ("其中：A类：留在当地就业人数", "留在当地就业"),
        ("全市中等职业学校总数", "中等职业学校"),
        ("2024年毕业生人数", "毕业生"),
        ("专任教师　数", "专任教师"),  # ideographic space
        ("上一学年全日制在校生人数", "全日制在校生"),  # a period word names no indicator
        ("另有国家级重点中职学校", "国家级重点中职学校"),
    ],
)
def test_indicator_key(name: str, key: str) -> None:
    assert indicator_key(name) == key


@pytest.mark.parametrize(
    ("label", "core"),
    [
        ("升学总人数", "升学"),
        ("通过普通高考升学情况(本科、专科)", "通过普通高考升学"),
        ("总在校生数(人)", "在校生"),
    ],
)
def test_core_key(label: str, core: str) -> None:
    assert core_key(label) == core


@pytest.mark.parametrize(
    ("name", "unit", "expected", "near"),
    [
        ("专任教师", "人", "teachers.full_time", False),
        ("其中：专任教师总数", None, "teachers.full_time", False),
        ("毕业人数", "人", "graduates.total", False),
        ("就业学生（含升学）", "人", "graduates.placed", False),
        ("新形态一体化教材数", "本", "textbooks.new_form", False),
        ("生均教学、实习仪器设备资产值", "元", "equipment.per_student", True),  # wording differs
        ("就业率", "%", "graduates.placement_rate", True),
        ("体育课专任教师", "人次", "teachers.pe", True),  # 人 vs 人次
        ("职普招生比(含技工学校)", "ratio", "ratio.vocational_general_incl_technical", False),
        ("职普招生比(不含技工学校)", "ratio", "ratio.vocational_general", False),
        (
            "公办中职学校(人)",
            "人",
            "enrolment.public",
            False,
        ),  # the unit tells students from schools
        ("公办中职学校", "所", "schools.public", False),
        ("在线精品课程数", "学时", "courses.quality_online", False),
        ("校企合作企业", "家", "enterprises.partners", False),
        ("新设专业", "个", "majors.new", False),
        ("社会培训", "人次", "training.person_times", False),
        ("招生人数", "人", "admissions.vocational", False),
        ("第二产业", "人", "graduates.employed_secondary", False),
        ("初次就业平均月薪", "元", "graduates.monthly_income", True),
        ("全日制在校生规模", "人", "enrolment.full_time", True),
    ],
)
def test_lookup(name: str, unit: str | None, expected: str, near: bool) -> None:
    match = ONTO.lookup(name, unit)
    assert match is not None
    assert (match.indicator.id, match.near) == (expected, near)


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("高级专业技术职务专任教师比例", "人"),  # a % indicator cannot be counted in 人
        ("公办中职学校", None),  # schools or students: the unit must decide
        ("专任教师", "%"),
        ("国家级数量", "个"),  # a level row names no indicator by itself
        ("", None),
        ("某某指标", "人"),
        ("第二产业", "个"),  # 第二产业专业 are counted in 个, graduates in 人
        ("合作企业", "人"),
    ],
)
def test_lookup_negative(name: str, unit: str | None) -> None:
    assert ONTO.lookup(name, unit) is None


def test_units_and_families() -> None:
    info = ONTO.unit("万元")
    assert info is not None and info.family == "money" and info.factor == Decimal(10000)
    assert ONTO.family("％") == "percent"
    assert ONTO.family("个百分点") == "points"  # percentage points are not percent
    assert ONTO.family("所") == ONTO.family("个")
    assert ONTO.family("火星单位") is None


def test_relations() -> None:
    assert ONTO.related("teachers.full_time", "staff.total")
    assert ONTO.related("graduates.bachelor", "graduates.total")  # through 升学 and 去向落实
    assert ONTO.related("textbooks.national_planned", "textbooks.planned")
    assert not ONTO.related("staff.total", "teachers.full_time")
    # every whole, however far up, and only wholes: the relation read from one set
    wholes = ONTO.wholes_of("graduates.bachelor")
    assert "graduates.total" in wholes and "graduates.bachelor" not in wholes
    assert all(ONTO.related("graduates.bachelor", w) for w in wholes)
    assert ONTO.wholes_of("no.such.indicator") == frozenset()
    assert ONTO.get("graduates.employed_by_industry").partitions[0] == (
        "graduates.employed_primary",
        "graduates.employed_secondary",
        "graduates.employed_tertiary",
    )
    dual_share = ONTO.formula_for("teachers.dual_share")
    assert dual_share is not None
    assert (dual_share.op, dual_share.inputs) == ("share", ("teachers.dual", "teachers.full_time"))
    assert ONTO.formula_for("teachers.full_time") is None


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("其中：国家级数量*", "国家级"),
        ("省级数量", "省级"),
        ("校级数量", "校级"),
        ("接入国家智慧教育平台数", None),
        ("专业数量", None),
    ],
)
def test_level_rows(label: str, level: str | None) -> None:
    assert ONTO.is_level_label(label) == level


def test_level_sub_rows() -> None:
    assert ONTO.is_level_sub_row("接入国家智慧教育平台数*")
    assert not ONTO.is_level_sub_row("省级数量")


def test_annex_tables_are_covered() -> None:
    kinds = {ind.table for ind in ONTO.indicators}
    assert {"scorecard", "satisfaction", "resources", "service", "international", "policy"} <= kinds


def test_unknown_id_lists_known_ones() -> None:
    with pytest.raises(UnknownName, match="指标"):
        ONTO.get("no.such.indicator")


def test_bad_reference_fails_at_load_time(tmp_path: Path) -> None:
    raw = json.loads(ONTOLOGY_PATH.read_text("utf-8"))
    raw["indicators"][0]["parent"] = "no.such.parent"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    with pytest.raises(UnknownName):
        load_ontology(bad)


def test_duplicate_id_fails_at_load_time(tmp_path: Path) -> None:
    raw = json.loads(ONTOLOGY_PATH.read_text("utf-8"))
    raw["indicators"].append(dict(raw["indicators"][0]))
    bad = tmp_path / "dup.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    with pytest.raises(ValueError, match="重复"):
        load_ontology(bad)


def test_unknown_formula_op_fails_at_load_time(tmp_path: Path) -> None:
    raw = json.loads(ONTOLOGY_PATH.read_text("utf-8"))
    raw["formulas"][0]["op"] = "median"
    bad = tmp_path / "op.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    with pytest.raises(ValueError, match="share"):
        load_ontology(bad)


def test_scope_words_are_loaded() -> None:
    scope = ONTO.scope
    assert "职教中心" in scope.school_suffixes and "中等职业学校" in scope.class_words
    assert "全市" in scope.reset_words and "我校" in scope.own_school_reset_words
    assert ("一等奖", "二等奖", "三等奖") in ONTO.complete_part_sets
    assert "参与" in ONTO.subset_actions
