"""Rate columns against the counts of their table (rate_columns) on invented content."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from nianbao.data import Row, Table
from reconcile_helpers import cell, kinds, run

# --- rate columns ---------------------------------------------------------------------


def _graduates_table(rate_2023: str, rate_2024: str) -> Table:
    cols = ("毕业生数(人)", "转段人数(人)", "转段率(%)")  # a rate the ontology has no formula for
    return Table(
        "T1",
        "表3",
        "毕业生升学情况",
        False,
        0,
        10,
        ("年份", *cols),
        (
            Row(
                "2023年",
                None,
                (cell(cols[0], "1000"), cell(cols[1], "600"), cell(cols[2], rate_2023, "%")),
                0,
                0,
                period="2023",
            ),
            Row(
                "2024年",
                None,
                (cell(cols[0], "1200"), cell(cols[1], "660"), cell(cols[2], rate_2024, "%")),
                0,
                0,
                period="2024",
            ),
        ),
        "tab_rows",
    )


@pytest.mark.parametrize(
    ("rate_2023", "rate_2024", "expected"),
    [
        ("60.0", "58.0", [("table_internal_ratio", "error", Decimal("58.0"), Decimal("55.00"))]),
        ("60.0", "55.0", []),  # both years follow from the counts
        ("62.0", "58.0", []),  # no year confirms how the rate is computed: no judgement
    ],
)
def test_rate_column_against_the_counts_of_its_table(
    rate_2023: str, rate_2024: str, expected: list[Any]
) -> None:
    found = [
        f for f in run((), (_graduates_table(rate_2023, rate_2024),)) if f.check == "rate_columns"
    ]
    assert kinds(tuple(found)) == expected
