"""Narrative versus table: a number in running text against the cell for the same
indicator, period and scope."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import (
    compare_printed,
    evidence_of,
    finding,
    fits_qualifier,
    period_text,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check


@register_check("narrative_vs_table")
def check_narrative_against_tables(ctx: CheckContext) -> Iterator[Finding]:
    """A claim that disagrees with every table cell of its indicator and period."""
    for obs in ctx.links.claim_observations:
        if obs.claim_id is None or obs.period is None or obs.role == "change":
            continue
        cells = [
            c
            for c in ctx.links.cells_for(obs.claim_id)
            if c.period == obs.period and (not c.by_label or _plausible(obs, c))
        ]
        if not cells:
            continue
        results = [(c, _compare(obs, c)) for c in cells]
        if any(r == "agree" for _, r in results):
            continue  # the tables disagree among themselves: table_vs_table says so
        yield _finding(ctx, obs, results)


# A cell reached by label similarity alone is compared only when its value is of the
# claim's order: one school's or one building's figure is often a small part of the row.
_PLAUSIBLE_RATIO = (Decimal("0.5"), Decimal(2))


def _plausible(obs: Observation, cell: Observation) -> bool:
    if cell.value <= 0 or obs.value <= 0:
        return obs.value == cell.value
    low, high = _PLAUSIBLE_RATIO
    return low <= obs.value / cell.value <= high


def _compare(obs: Observation, cell: Observation) -> str:
    if obs.qualifier != "exact":
        return "agree" if fits_qualifier(obs, cell.value) else "differs"
    return compare_printed(obs, cell)


def _finding(
    ctx: CheckContext, obs: Observation, results: list[tuple[Observation, str]]
) -> Finding:
    cell, result = min(results, key=lambda cr: (cr[1] == "differs", cr[0].table or ""))
    near = (
        obs.near
        or cell.near
        or obs.family != cell.family
        or obs.qualifier != "exact"
        or cell.link_score < 1
    )
    definite = result == "differs" and not near
    others = [c for c, _ in results if c is not cell and c.value == cell.value]
    also = "、".join(dict.fromkeys(where(ctx, c) for c in others))
    message = f"正文称{obs.label}{obs.printed}（{period_text(obs.period)}），{where(ctx, cell)}为{cell.printed}"
    if also:
        message += f"（{also}同）"
    message += _hint(ctx, obs, cell, result)
    if cell.link_score < 1:
        message += f"（按指标名称相近对应，名称覆盖度{cell.link_score:.2f}）"
    return finding(
        "narrative_vs_table",
        "error" if definite else "warning",
        message,
        *_in_claim_unit(ctx, obs, cell),
        [evidence_of(obs), evidence_of(cell), *(evidence_of(c) for c in others)],
    )


def _in_claim_unit(
    ctx: CheckContext, obs: Observation, cell: Observation
) -> tuple[Decimal, Decimal]:
    """Both numbers in the unit the claim is written in (263 亩 against 236 亩, not in 平方米)."""
    info = ctx.links.ontology.unit(obs.unit)
    factor = info.factor if info else Decimal(1)
    if factor == 1:
        return obs.value, cell.value
    places = Decimal("0.000001")
    return (obs.value / factor).quantize(places).normalize(), (cell.value / factor).quantize(
        places
    ).normalize()


def _hint(ctx: CheckContext, obs: Observation, cell: Observation, result: str) -> str:
    """Why the two may differ, when the data suggest a reason."""
    if result == "truncated":
        return "；正文数值按四舍五入应与表中一致，表中或正文为截断"
    if result == "coarser":
        return "；两者只在少一位小数时一致"
    same_series = [
        c
        for c in ctx.links.cells_for(obs.claim_id or "")
        if c.table == cell.table and c.label == cell.label and c.period != obs.period and c.period
    ]
    for c in same_series:
        if compare_printed(obs, c) == "agree":
            return f"；正文数值与该表{period_text(c.period)}数值相同，疑为引用了其他年份的数据"
    if obs.family != cell.family:
        return "；两者计量单位不同（如人与人次），口径可能不同"
    if obs.near or cell.near:
        return "；两者指标名称略有不同，口径可能不同"
    return ""
