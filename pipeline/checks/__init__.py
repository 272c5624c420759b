"""The check families; importing this package registers every check with ``reconcile``."""

from pipeline.checks import (
    formulas,
    narrative_arithmetic,
    narrative_narrative,
    narrative_table,
    periods,
    table_sums,
    table_table,
)

__all__ = [
    "formulas",
    "narrative_arithmetic",
    "narrative_narrative",
    "narrative_table",
    "periods",
    "table_sums",
    "table_table",
]
