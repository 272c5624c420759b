"""Totals stated in the text (listed_parts, count_times_amount) on invented content."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from reconcile_helpers import kinds, located, run

# --- regressions with invented content ------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("15", "15", "22"), [("narrative_arithmetic", "warning", Decimal(54), Decimal(52))]),
        (("15", "17", "24"), [("narrative_arithmetic", "error", Decimal(54), Decimal(56))]),
        (("15", "17", "22"), []),
    ],
)
def test_full_set_of_grades_against_the_total(parts: tuple[str, ...], expected: list[Any]) -> None:
    a, b, c = parts
    doc = f"全市中职学校获奖54项，其中一等奖{a}项、二等奖{b}项、三等奖{c}项。"
    claims = (
        located(doc, "C1", "获奖54项", "54", "54", "项", "获奖"),
        located(doc, "C2", f"一等奖{a}项", a, a, "项", "一等奖"),
        located(doc, "C3", f"二等奖{b}项", b, b, "项", "二等奖"),
        located(doc, "C4", f"三等奖{c}项", c, c, "项", "三等奖"),
    )
    assert kinds(run(claims, (), doc)) == expected


def test_overlapping_parts_are_not_added_up() -> None:
    """Regression: 校企合作教材 and 新形态教材 may be the same books."""
    doc = "全校编写教材9本，其中校企合作编写教材3本、新形态教材7本。"
    claims = (
        located(doc, "C1", "编写教材9本", "9", "9", "本", "编写教材"),
        located(doc, "C2", "校企合作编写教材3本", "3", "3", "本", "校企合作编写教材"),
        located(doc, "C3", "新形态教材7本", "7", "7", "本", "新形态教材"),
    )
    assert run(claims, (), doc) == ()


_PAID = "4名学生获得国家奖学金，每人6000元，共计发放2.2万元。"


_PAID_RIGHT = "获国家奖学金30人（每生6000元），共计发放18万元。"


_PAID_PER_TERM = "每人每学期1000元，共惠及学生48646人次，发放金额4916.33万元。"


@pytest.mark.parametrize(
    ("doc", "count", "per", "total", "expected"),
    [
        (_PAID, ("4名", "4", "人"), "6000", ("2.2万", "22000"), "error"),
        (_PAID_RIGHT, ("30人", "30", "人"), "6000", ("18万", "180000"), None),
        (
            _PAID_PER_TERM,
            ("48646人次", "48646", "人次"),
            "1000",
            ("4916.33万", "49163300"),
            "warning",
        ),
    ],
)
def test_total_paid_is_count_times_amount(
    doc: str,
    count: tuple[str, str, str],
    per: str,
    total: tuple[str, str],
    expected: str | None,
) -> None:
    fragment, number, unit = count
    claims = (
        located(doc, "C1", fragment, number, number, unit, None),
        located(doc, "C2", f"{per}元", per, per, "元", None, kind="money"),
        located(doc, "C3", f"{total[0]}元", total[0], total[1], "元", None, kind="money"),
    )
    found = [f for f in run(claims, (), doc) if f.check == "count_times_amount"]
    assert [f.severity for f in found] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("doc", "per_text", "unit", "expected"),
    [
        ("资助困难学生320人，人均2000元，共计发放68万元。", "2000元", "元", ["error"]),  # 64万
        ("资助困难学生320人，标准为2000元/人，共计发放68万元。", "2000元/人", "元/人", ["error"]),
        ("资助困难学生320人，标准为2000元/人，共计发放64万元。", "2000元/人", "元/人", []),
    ],
)
def test_per_person_wordings(doc: str, per_text: str, unit: str, expected: list[str]) -> None:
    total = "68万" if "68万" in doc else "64万"
    claims = (
        located(doc, "C1", "320人", "320", "320", "人", None),
        located(doc, "C2", per_text, "2000", "2000", unit, None, kind="money"),
        located(doc, "C3", f"{total}元", total, total[:2] + "0000", "元", None, kind="money"),
    )
    found = [f for f in run(claims, (), doc) if f.check == "count_times_amount"]
    assert [f.severity for f in found] == expected
