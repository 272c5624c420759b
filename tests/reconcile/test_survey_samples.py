"""A survey's respondents against the population they are drawn from (survey_respondents),
on invented tables."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from nianbao.data import Row, Table
from reconcile_helpers import POLICY, kinds, row, run, table

SURVEY_COLUMNS = ("指标", "单位", "2023年", "2024年", "调查人数")


def _survey_row(label: str, *values: str) -> Row:
    """A satisfaction row: two years' % and the count of persons surveyed."""
    r = row(label, *values, unit="%", cols=("2023年", "2024年", "调查人数"))
    cells = tuple(replace(c, unit="人") if c.col == "调查人数" else c for c in r.cells)
    return replace(r, cells=cells)


def _survey(students: str, graduates: str, parents: str) -> Table:
    return table(
        "T2",
        "满意度调查表",
        _survey_row("在校生满意度", "95.1", "96.3", students),
        _survey_row("其中：课堂育人满意度", "95.6", "96.7", students),
        _survey_row("应届毕业生满意度", "93.6", "95.8", graduates),
        _survey_row("家长满意度", "95.7", "96.9", parents),
        appendix=True,
        anchor="表2",
        cols=SURVEY_COLUMNS,
    )


SCORECARD = table("T3", "计分卡", row("毕业生人数", "5000", "5200"), appendix=True, anchor="表1")


def _findings(students: str, graduates: str, parents: str = "30000") -> list:
    found = run((), (_survey(students, graduates, parents), POLICY, SCORECARD))
    return kinds(tuple(f for f in found if f.check == "survey_respondents"))


@pytest.mark.parametrize(
    ("students", "graduates", "expected"),
    [
        # more students surveyed than the school has: once, though every part row repeats it
        ("21412", "3000", [("table_vs_table", "warning", Decimal(21412), Decimal(21000))]),
        ("20998", "5300", [("table_vs_table", "warning", Decimal(5300), Decimal(5200))]),
        ("21000", "5200", []),  # the whole population surveyed is no contradiction
        ("15615", "4086", []),
    ],
)
def test_respondents_against_their_population(
    students: str, graduates: str, expected: list
) -> None:
    assert _findings(students, graduates) == expected


def test_rows_without_a_known_population_are_left_alone() -> None:
    # parents are not counted anywhere in the report: 30000 parents say nothing
    assert _findings("15615", "4086", parents="99999") == []
