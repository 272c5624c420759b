"""Rate columns against the counts of the same table, for rates the ontology has no formula for.

A table that prints ``毕业生数``, ``升学人数`` and ``升学率(%)`` for several years says how
its rate is computed: the reading (which count over which count) that reproduces the rate
in the other years is the table's own definition. A year where that reading does not give
the printed rate is an inconsistency. Without a year that confirms a reading nothing is
reported: the definition is then unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.ontology import indicator_key
from nianbao.reconcile.checks.common import (
    COUNT_FAMILIES,
    Series,
    agreement,
    evidence_of,
    finding,
    fmt,
    period_series,
    period_text,
    severity_of,
    shown,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check

_RATE_LABEL = regex.compile(r"(?:率|比例|占比|比重)$")
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Reading:
    numerator: Series
    denominator: Series
    agreeing: int  # years where this reading reproduces the printed rate
    failing: tuple[str, ...]  # years where it does not


@register_check("rate_columns")
def check_rate_columns(ctx: CheckContext) -> Iterator[Finding]:
    """A rate whose other years follow from two counts of the same table, but not this one."""
    onto = ctx.links.ontology
    for info in ctx.links.tables:
        series = period_series(ctx.links.table_cells(info.table))
        counts = {k: s for k, s in series.items() if _is_count(s)}
        for label, rate in series.items():
            first = next(iter(rate.values()))
            if first.family != "percent" or not _RATE_LABEL.search(first.key):
                continue
            if first.canonical and onto.formula_for(first.canonical):
                continue  # formula_values checks it
            reading = _best_reading(label, rate, counts)
            if reading is None:
                continue
            for period in reading.failing:
                yield _finding(ctx, rate[period], reading, period)


def _is_count(series: Series) -> bool:
    return all(
        c.family in COUNT_FAMILIES or (c.family is None and c.quantum == 1 and not c.ratio_terms)
        for c in series.values()
    )


def _stem(label: str) -> str:
    """``升学率(%)`` → ``升学``: the words the numerator's label must contain."""
    key = indicator_key(label)
    return regex.sub(r"(?:的)?(?:率|比例|占比|比重)$", "", key)


def _best_reading(label: str, rate: Series, counts: dict[str, Series]) -> Reading | None:
    stem = _stem(label)
    if len(stem) < 2:
        return None
    numerators = [s for k, s in counts.items() if stem in indicator_key(k)]
    readings = []
    for num in numerators:
        for den_label, den in counts.items():
            if den is num or stem in indicator_key(den_label):
                continue
            reading = _read(rate, num, den)
            if reading is not None:
                readings.append(reading)
    confirmed = [r for r in readings if r.agreeing >= 1]
    if not confirmed:
        return None
    best = max(r.agreeing for r in confirmed)
    top = [r for r in confirmed if r.agreeing == best]
    if len({r.failing for r in top}) != 1 or not top[0].failing:
        return None  # readings that disagree on what is wrong: say nothing
    return top[0]


def _read(rate: Series, num: Series, den: Series) -> Reading | None:
    agreeing, failing = 0, []
    for period, r in sorted(rate.items()):
        n, d = num.get(period), den.get(period)
        if n is None or d is None or d.value <= 0 or n.value > d.value:
            continue
        if agreement(r.value, r.quantum, n.value / d.value * _HUNDRED) == "agree":
            agreeing += 1
        else:
            failing.append(period)
    if agreeing + len(failing) < 2:
        return None
    return Reading(num, den, agreeing, tuple(failing))


def _finding(ctx: CheckContext, rate: Observation, reading: Reading, period: str) -> Finding:
    num, den = reading.numerator[period], reading.denominator[period]
    computed = num.value / den.value * _HUNDRED
    result = agreement(rate.value, rate.quantum, computed)
    expected = shown(computed, rate.quantum)
    message = (
        f"{where(ctx, rate)}为{rate.printed}，按同表{period_text(period)}“{num.label}”{num.printed}"
        f"÷“{den.label}”{den.printed}计算应为{fmt(expected)}%，同表其他年份按此口径计算一致"
    )
    if result == "truncated":
        message += "，印刷值为截断而非四舍五入"
    return finding(
        "table_internal_ratio",
        severity_of(result),
        message,
        rate.value,
        expected,
        [evidence_of(rate), evidence_of(num), evidence_of(den)],
    )
