"""The check families; importing this package registers every check with ``reconcile``."""

from nianbao.reconcile.checks import (
    declared_periods,
    formulas,
    level_totals,
    narrative_arithmetic,
    narrative_narrative,
    narrative_table,
    narrative_totals,
    periods,
    rate_columns,
    references,
    slipped_digits,
    stock_flows,
    table_arithmetic,
    table_sums,
    table_table,
    trends,
)

__all__ = [
    "declared_periods",
    "formulas",
    "level_totals",
    "narrative_arithmetic",
    "narrative_narrative",
    "narrative_table",
    "narrative_totals",
    "periods",
    "rate_columns",
    "references",
    "slipped_digits",
    "stock_flows",
    "table_arithmetic",
    "table_sums",
    "table_table",
    "trends",
]
