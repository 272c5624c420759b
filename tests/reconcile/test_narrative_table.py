"""Narrative against table (narrative_vs_table) on invented content."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
import regex
from reconcile_helpers import POLICY, claim, kinds, row, run, table

# --- narrative vs table ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "value", "indicator", "period", "expected"),
    [
        ("专任教师1050人", "1050", "1050", "专任教师", "2024", []),  # agrees
        ("专任教师1060人", "1060", "1060", "专任教师", "2024", [("narrative_vs_table", "error")]),
        (
            "专任教师1000人",
            "1000",
            "1000",
            "专任教师",
            "2023-2024学年",
            [("narrative_vs_table", "error")],
        ),  # last year's
        ("专任教师1000人", "1000", "1000", "专任教师", "2023", []),  # right year
        (
            "全日制在校生２１０００人",
            "２１０００",
            "21000",
            "全日制在校生",
            "2024",
            [],
        ),  # full-width digits
        ("在校生近2.1万人", "2.1万", "21000", "在校生", "2024", []),  # approximate, fits
        ("体育课专任教师62人次", "62", "62", "体育课专任教师", "2024", []),  # 人次 vs 人 but equal
        (
            "体育课专任教师64人次",
            "64",
            "64",
            "体育课专任教师",
            "2024",
            [("narrative_vs_table", "warning")],
        ),
        (
            "高级专业技术职务专任教师293人",
            "293",
            "293",
            "高级专业技术职务专任教师",
            "2024",
            [],
        ),  # a subset: no link
    ],
)
def test_narrative_against_table(
    text: str, number: str, value: str, indicator: str, period: str, expected: list[tuple[str, str]]
) -> None:
    unit = "人次" if "人次" in text else "人"
    qualifier = "approx" if "近" in text else "exact"
    c = claim("C1", text, number, value, unit, indicator, period=period, qualifier=qualifier)
    found = run((c,), (POLICY,))
    assert [(f.type, f.severity) for f in found] == expected


def test_prior_year_value_is_named_in_the_message() -> None:
    c = claim("C1", "体育课专任教师数60人", "60", "60", "人", "体育课专任教师数")
    (f,) = run((c,), (POLICY,))
    assert f.claimed == 60 and f.expected == 62
    assert "2023年数值相同" in f.message
    assert f.evidence[0].kind == "claim" and f.evidence[0].id == "C1"
    assert (f.evidence[1].table, f.evidence[1].row, f.evidence[1].col) == (
        "T1",
        "体育课专任教师数",
        "2024年",
    )


def test_named_school_is_not_the_reporting_entity() -> None:
    c = replace(claim("C1", "该校专任教师90人", "90", "90", "人", "专任教师"), subject="E3")
    assert run((c,), (POLICY,)) == ()


@pytest.mark.parametrize(
    ("text", "qualifier", "flag"),
    [
        ("在校生近2.5万人", "approx", True),
        ("在校生2万余人", "more_than", False),
        ("在校生超过2.2万人", "more_than", True),
    ],
)
def test_approximate_claims_against_a_table(text: str, qualifier: str, flag: bool) -> None:
    number = regex.search(r"[0-9.]+万", text).group(0)  # type: ignore[union-attr]
    value = str(Decimal(number[:-1]) * 10000)
    c = claim("C1", text, number, value, "人", "在校生", qualifier=qualifier)
    found = run((c,), (POLICY,))
    assert bool(found) is flag
    assert all(f.severity == "warning" for f in found)


# --- rows reached by label similarity (link/similarity.py) -------------------------

SPORTS = table(
    "T6",
    "落实政策表",
    row("专任教师总数", "182", "189"),
    row("体育课专任教师数", "13", "14"),
    anchor="表6",
)


def test_a_claim_read_with_its_verb_reaches_the_row_it_names() -> None:
    text = "配齐体育课专任教师13人"
    c = claim("C1", text, "13", "13", "人", "配齐体育课专任教师")
    found = [f for f in run((c,), (SPORTS,), text) if f.type == "narrative_vs_table"]
    assert kinds(tuple(found)) == [("narrative_vs_table", "error", Decimal(13), Decimal(14))]
    assert "2023年数值相同" in found[0].message


def test_a_similar_row_of_another_order_of_magnitude_is_not_compared() -> None:
    # 7 teachers of one major against the school's 189: a part, not the same figure
    text = "配齐专任教师7人"
    c = claim("C1", text, "7", "7", "人", "配齐专任教师")
    assert run((c,), (SPORTS,), text) == ()


CAMPUS = table(
    "T2",
    "办学条件",
    row("占地面积", "124000", "124000", unit="平方米"),
    row("校舍建筑面积", "76200", "78600", unit="平方米"),
    anchor="表1-2",
)


def test_mu_and_square_metres_convert() -> None:
    agrees = claim("C1", "占地186亩", "186", "186", "亩", "占地")
    assert run((agrees,), (CAMPUS,), "占地186亩") == ()
    differs = claim("C1", "占地196亩", "196", "196", "亩", "占地")
    (found,) = run((differs,), (CAMPUS,), "占地196亩")
    assert (found.claimed, found.expected) == (Decimal(196), Decimal(186))  # in 亩, as written


def test_a_new_buildings_area_is_not_the_campus_stock() -> None:
    text = "新建茶产业实训楼1栋，建筑面积2400平方米"
    c = claim("C1", "建筑面积2400平方米", "2400", "2400", "平方米", "建筑面积", start=11)
    assert run((c,), (CAMPUS,), text) == ()
