"""Resources said to be on a platform against the table's own count of them.

The standard 教学资源表 prints, under each level of a resource (国家级/省级/校级 在线精品课程,
专业教学资源库, 虚拟仿真实训基地), how many of them are 接入国家智慧教育平台. A report that
says ``6门在线精品课程全部接入国家智慧教育平台`` states that count as 6; the table's is the
sum of the access rows under the resource's levels for the year. Read from the table's
structure (level rows under their total, the access row under each level: the ontology's
``level_sub_rows``), not from a list of resources. A ``warning``: another platform may be
meant.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import (
    evidence_of,
    finding,
    fmt,
    is_exact_claim,
    period_text,
    table_name,
)
from nianbao.reconcile.registry import CheckContext, register_check

# right after the count: all of them on the platform (全部接入, 均已上线)
_ALL_ON = regex.compile(
    r"\s*(?:已经?)?(?:全部|均|全都|全)(?:已经?)?(?:接入|上线|入驻|登录)[^，。；\n]{0,12}平台"
)


@register_check("platform_access")
def check_platform_access(ctx: CheckContext) -> Iterator[Finding]:
    """``N X 全部接入…平台`` against the sum of the table's access rows under X's levels."""
    if not ctx.text:
        return
    onto = ctx.links.ontology
    for obs in ctx.links.claim_observations:
        if not is_exact_claim(obs) or obs.role != "value" or not obs.period:
            continue
        if not _ALL_ON.match(ctx.text, obs.end):
            continue
        # the link stage leaves a count whose clause goes on unread (6门在线精品课程|全部接入…);
        # here the words after it say it is the whole stock
        match = onto.lookup(obs.label, obs.unit)
        canonical = obs.canonical or (match.indicator.id if match and not match.near else None)
        for total in ctx.links.cells_of(canonical):
            if total.period != obs.period:
                continue
            access = _access_cells(ctx, total)
            if not access:
                continue
            connected = sum((c.value for c in access), Decimal(0))
            if connected != obs.value:
                yield _finding(ctx, obs, total, access, connected)
            break


def _access_cells(ctx: CheckContext, total: Observation) -> list[Observation]:
    """The year's access cells under each level row of ``total``'s row; none unless every
    level has one."""
    info = ctx.links.table_info(total.table or "")
    if info is None or not info.rows:
        return []
    rows = info.rows
    levels = [r for r in rows if r.level_parent_index == total.row_index]
    cells: list[Observation] = []
    for level in levels:
        below = rows[level.index + 1] if level.index + 1 < len(rows) else None
        if below is None or not ctx.links.ontology.is_level_sub_row(below.label):
            return []
        year = [
            c for c in ctx.links.row_cells(total.table, below.index) if c.period == total.period
        ]
        if len(year) != 1:
            return []
        cells.append(year[0])
    return cells


def _finding(
    ctx: CheckContext,
    obs: Observation,
    total: Observation,
    access: list[Observation],
    connected: Decimal,
) -> Finding:
    parts = " + ".join(fmt(c.value) for c in access)
    message = (
        f"正文称{obs.label}{obs.printed}全部接入平台（{period_text(obs.period)}），"
        f"{table_name(ctx, total.table)}各级“接入国家智慧教育平台数”合计为{parts} = {fmt(connected)}"
        "（所指平台可能不同）"
    )
    return finding(
        "narrative_vs_table",
        "warning",
        message,
        obs.value,
        connected,
        [evidence_of(obs), evidence_of(total), *(evidence_of(c) for c in access)],
    )
