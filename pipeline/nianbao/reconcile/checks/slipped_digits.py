"""A figure that moves tenfold between two years while the rest of its table hardly moves:
a digit dropped or added (``公益项目培训学时 3260 → 320``); and a per-student figure that
moves fourfold (``年生均财政拨款水平 11658 → 2514.72``): computed two ways.

A table of year-on-year indicators changes by a few per cent in most rows. One row whose
value changes by a factor near ten, in a table whose other rows change by less than half
again, is the signature of a digit slipped in printing, not of growth. The table sets the
baseline; nothing about the indicator is assumed. Figures printed as round tiers
(1000 → 10000 Mbps of bandwidth, a target of 300 → 2200) move by such steps for real and
are left alone, as are shares, which are bounded.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Evidence, Finding
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import (
    evidence_of,
    finding,
    period_series,
    printed_numeral,
    table_name,
)
from nianbao.reconcile.registry import CheckContext, register_check

# a slipped digit scales a figure by about ten: 10 ± 20 % covers the digits that can drop
_TENFOLD = (8.0, 12.5)
_STABLE = 1.5  # the table's other rows change by less than this factor (median)
_MIN_PEERS = 3  # rows besides the suspect one that set the baseline
_MIN_PRINTED = 20  # smaller figures move tenfold by chance (2 → 20 competitions)
_ROUND_ZEROS = 2  # a figure ending in this many zeros is a tier or a target, not a count
_BOUNDED = frozenset({"percent", "ratio"})
# A per-student or per-capita figure is one slow aggregate over another: moving fourfold in
# a year while its table holds still, it was computed two ways (11658 → 2514.72 元/生).
_PER_CAPITA = regex.compile(r"^(?:其中[:：])?\s*年?(?:生均|人均)")
_PER_CAPITA_JUMP = 4.0


@register_check("slipped_digit")
def check_slipped_digits(ctx: CheckContext) -> Iterator[Finding]:
    """Rows whose last two years differ about tenfold in a table that is otherwise stable."""
    for info in ctx.links.tables:
        changes = {
            label: pair
            for label, series in period_series(ctx.links.table_cells(info.table)).items()
            if (pair := _last_two(series)) is not None
        }
        if len(changes) <= _MIN_PEERS:
            continue
        factors = {label: _factor(*pair) for label, pair in changes.items()}
        for label, (earlier, later) in changes.items():
            factor = factors[label]
            slipped = _TENFOLD[0] <= factor <= _TENFOLD[1]
            redefined = not slipped and factor >= _PER_CAPITA_JUMP and _PER_CAPITA.match(label)
            if not (slipped or redefined) or not _checkable(earlier, later):
                continue
            baseline = statistics.median(f for other, f in factors.items() if other != label)
            if baseline < _STABLE:
                yield _finding(ctx, info.table, earlier, later, factor, baseline, slipped)


def _last_two(series: dict[str, Observation]) -> tuple[Observation, Observation] | None:
    """The two latest years of a row, when both are positive figures of the same unit."""
    earlier, later = (series[p] for p in sorted(series)[-2:])
    if earlier.value <= 0 or later.value <= 0 or earlier.unit != later.unit:
        return None
    if earlier.family in _BOUNDED or earlier.ratio_terms:
        return None
    return earlier, later


def _factor(earlier: Observation, later: Observation) -> float:
    big, small = max(earlier.value, later.value), min(earlier.value, later.value)
    return math.exp(abs(math.log(big / small))) if small else math.inf


def _checkable(earlier: Observation, later: Observation) -> bool:
    numerals = [printed_numeral(o) for o in (earlier, later)]
    if any(n is None for n in numerals):
        return False
    if min(Decimal(n) for n in numerals if n) < _MIN_PRINTED:
        return False
    return not all(_is_round(n) for n in numerals if n)


def _is_round(numeral: str) -> bool:
    whole, _, fraction = numeral.partition(".")
    return not fraction.strip("0") and len(whole) - len(whole.rstrip("0")) >= _ROUND_ZEROS


def _finding(
    ctx: CheckContext,
    table_id: str,
    earlier: Observation,
    later: Observation,
    factor: float,
    baseline: float,
    slipped: bool,
) -> Finding:
    direction = "增至" if later.value > earlier.value else "降至"
    cause = "疑似多写或漏写一位数字" if slipped else "生均（人均）值不应如此变化，两年口径可能不同"
    message = (
        f"{table_name(ctx, table_id)}“{later.label}”由{earlier.period}年的{earlier.printed}"
        f"{direction}{later.period}年的{later.printed}（约{factor:.1f}倍），而同表其他指标的"
        f"变化中位数仅约{baseline:.2f}倍，{cause}"
    )
    table = ctx.table(table_id)
    evidence = [
        Evidence(
            kind="table",
            table=table_id,
            start=table.start if table else None,
            end=table.end if table else None,
        ),
        evidence_of(later),
        evidence_of(earlier),
    ]
    return finding("table_internal_other", "warning", message, later.value, earlier.value, evidence)
