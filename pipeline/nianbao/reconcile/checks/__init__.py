"""The check families; importing this package registers every check with ``reconcile``."""

from nianbao.reconcile.checks import (
    formulas,
    narrative_arithmetic,
    narrative_narrative,
    narrative_table,
    narrative_totals,
    periods,
    rate_columns,
    references,
    table_arithmetic,
    table_sums,
    table_table,
)

__all__ = [
    "formulas",
    "narrative_arithmetic",
    "narrative_narrative",
    "narrative_table",
    "narrative_totals",
    "periods",
    "rate_columns",
    "references",
    "table_arithmetic",
    "table_sums",
    "table_table",
]
