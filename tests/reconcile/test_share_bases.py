"""The whole a column of shares was computed over (share_base), on invented tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from nianbao.data import Table
from reconcile_helpers import kinds, row, run, table

# 9, 10, 6, 5, 24 of 54 majors, printed to 0.1 %
SHARES = ("16.7", "18.5", "11.1", "9.3", "44.4")
CATEGORIES = ("电子与信息大类", "文化艺术大类", "装备制造大类", "财经商贸大类", "教育与体育大类")


def _shares_table(title: str, shares: tuple[str, ...] = SHARES) -> Table:
    rows = [
        row(label, share, unit="%", cols=("占比",))
        for label, share in zip(CATEGORIES, shares, strict=True)
    ]
    return table("T1", title, *rows, cols=("序号", "专业大类", "占比"))


def _resources(majors: str) -> Table:
    return table(
        "T2", "教学资源表", row("专业数量", "50", majors, unit="个"), appendix=True, anchor="表3"
    )


def _found(shares_table: Table, *others: Table) -> list:
    found = run((), (shares_table, *others))
    return kinds(tuple(f for f in found if f.check == "share_base"))


@pytest.mark.parametrize(
    ("majors", "expected"),
    [
        # 16.7 % of 148 majors is 24.7: the shares rest on 54, not on the 148 the report states
        ("148", [("table_internal_ratio", "warning", Decimal(54), Decimal(148))]),
        ("54", []),
        ("108", []),  # shares of 108 are the same fractions
    ],
)
def test_shares_against_the_whole_the_report_states(majors: str, expected: list) -> None:
    assert (
        _found(_shares_table("2024年某市中职学校各专业大类占比情况"), _resources(majors))
        == expected
    )


def test_a_large_whole_is_not_judged() -> None:
    # at 0.1 % one student of 3386 moves a share by 0.03 %: any share fits, nothing is told
    policy = table("T2", "落实政策表", row("全日制在校生人数", "3200", "3386"), appendix=True)
    shares = _shares_table("2024年各专业大类在校生分布")
    assert _found(shares, policy) == []


def test_a_title_that_names_no_counted_whole_is_left_alone() -> None:
    assert _found(_shares_table("2024年经费收入构成"), _resources("148")) == []


def test_a_title_a_year_off_is_left_to_the_period_check() -> None:
    # the shares are of the report year's 54 majors; the title says 2023 (when there were 50)
    resources = table(
        "T2", "教学资源表", row("专业数量", "148", "54", unit="个"), appendix=True, anchor="表3"
    )
    assert _found(_shares_table("2023年某市中职学校各专业大类占比情况"), resources) == []
    # and where neither year's whole gives the shares, the title year's is named
    resources = table(
        "T2", "教学资源表", row("专业数量", "148", "150", unit="个"), appendix=True, anchor="表3"
    )
    assert _found(_shares_table("2023年某市中职学校各专业大类占比情况"), resources) == [
        ("table_internal_ratio", "warning", Decimal(54), Decimal(148))
    ]
