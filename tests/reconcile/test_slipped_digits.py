"""A row that moves tenfold in an otherwise stable table (slipped_digit), on invented tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, row, run, table

STABLE = (
    row("培训项目数", "41", "46", unit="项"),
    row("培训人次", "8120", "8936", unit="人次"),
    row("培训到账经费", "186.35", "213.72", unit="万元"),
)


def _table(suspect_row):  # type: ignore[no-untyped-def]
    return table("T1", "服务贡献表", *STABLE, suspect_row, appendix=True, anchor="表4")


def test_a_figure_that_lost_a_digit() -> None:
    findings = run((), (_table(row("公益项目培训学时", "3260", "320", unit="学时")),))
    assert kinds(findings) == [("table_internal_other", "warning", Decimal(320), Decimal(3260))]
    assert "疑似多写或漏写一位数字" in findings[0].message


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("3260", "3420"),  # ordinary growth
        ("1000", "10000"),  # round tiers (bandwidth): real steps
        ("3", "30"),  # small counts move tenfold by chance
        ("3260", "1200"),  # a large fall, but not tenfold
    ],
)
def test_changes_that_are_not_slips(earlier: str, later: str) -> None:
    assert run((), (_table(row("公益项目培训学时", earlier, later, unit="学时")),)) == ()


def test_a_table_that_moves_everywhere_sets_no_baseline() -> None:
    rows = (
        row("培训项目数", "4", "46", unit="项"),
        row("培训人次", "812", "8936", unit="人次"),
        row("培训到账经费", "18.6", "213.72", unit="万元"),
        row("公益项目培训学时", "3260", "320", unit="学时"),
    )
    assert run((), (table("T1", "服务贡献表", *rows, appendix=True, anchor="表4"),)) == ()


def test_a_per_student_figure_that_moves_fourfold() -> None:
    rows = (*STABLE, row("年生均财政拨款水平", "11658.00", "2514.72", unit="元"))
    findings = run((), (table("T1", "落实政策表", *rows, appendix=True, anchor="表6"),))
    assert kinds(findings) == [
        ("table_internal_other", "warning", Decimal("2514.72"), Decimal("11658.00"))
    ]
    assert "口径可能不同" in findings[0].message


def test_an_ordinary_figure_that_moves_fourfold_is_left_alone() -> None:
    rows = (*STABLE, row("财政专项经费", "11658.00", "2514.72", unit="万元"))
    assert run((), (table("T1", "落实政策表", *rows, appendix=True, anchor="表6"),)) == ()
