"""Table versus table: the same indicator and year printed in two tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from itertools import product

import regex

from nianbao.data import Evidence, Finding, Table
from nianbao.link.links import Observation
from nianbao.ontology import Indicator
from nianbao.reconcile.checks.common import (
    compare_printed,
    evidence_of,
    finding,
    fmt,
    severity_of,
    table_name,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check


@register_check("same_indicator_two_tables")
def check_tables_agree(ctx: CheckContext) -> Iterator[Finding]:
    """One indicator, one year, two tables, two values."""
    groups: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    for cell in ctx.links.cells:
        if not cell.report_scope or cell.period is None:
            continue
        key = _identity(ctx, cell)
        if key is not None:
            groups[(key, cell.period, cell.family)].append(cell)
    for cells in groups.values():
        tables = {c.table for c in cells}
        if len(tables) < 2:
            continue
        reference = _reference(ctx, cells)
        reported: set[str | None] = set()
        for cell in cells:
            if cell.table == reference.table or cell.table in reported:
                continue
            result = compare_printed(cell, reference)
            if result == "agree":
                continue
            reported.add(cell.table)
            near = cell.near or reference.near
            message = (
                f"{where(ctx, cell)}为{cell.printed}，{where(ctx, reference)}为{reference.printed}，"
                "同一指标同一年份数值不一致"
            )
            if result == "truncated":
                message += "（一处为截断而非四舍五入）"
            elif near:
                message += "（两表指标名称略有不同，口径可能不同）"
            yield finding(
                "table_vs_table",
                severity_of(result, definite=not near),
                message,
                cell.value,
                reference.value,
                [evidence_of(cell), evidence_of(reference)],
            )


@register_check("comparable_indicators")
def check_comparable(ctx: CheckContext) -> Iterator[Finding]:
    """Indicators whose definitions differ a little but should roughly agree."""
    onto = ctx.links.ontology
    for pair in onto.comparable:
        for a in ctx.links.cells_of(pair.a):
            if not a.report_scope:
                continue
            b = next(
                (
                    c
                    for c in ctx.links.cells_of(pair.b)
                    if c.period == a.period and c.report_scope and c.family == a.family
                ),
                None,
            )
            if b is None or compare_printed(a, b) == "agree":
                continue
            message = (
                f"{where(ctx, a)}为{a.printed}，{where(ctx, b)}为{b.printed}，两者应大体一致"
                f"（{pair.note or '口径略有不同'}）"
            )
            yield finding(
                "table_vs_table",
                "warning",
                message,
                a.value,
                b.value,
                [evidence_of(a), evidence_of(b)],
            )


@register_check("part_above_whole_across_tables")
def check_subsets_across_tables(ctx: CheckContext) -> Iterator[Finding]:
    """A part in one table larger than its whole in another (国家规划教材 ≤ 规划教材)."""
    onto = ctx.links.ontology
    known = {c.canonical for c in ctx.links.cells if c.canonical}
    pairs = [(p, w) for p in sorted(known) for w in sorted(onto.wholes_of(p) & known) if p != w]
    for part_id, whole_id in pairs:
        for part, whole in product(ctx.links.cells_of(part_id), ctx.links.cells_of(whole_id)):
            if (
                whole.table != part.table
                and part.report_scope
                and whole.report_scope
                and part.period is not None
                and whole.period == part.period
                and whole.family == part.family
                and not _printed_together(ctx, part, whole_id)
                and part.value > whole.value
            ):
                message = f"{where(ctx, part)}为{part.printed}，大于其上位指标{where(ctx, whole)}的{whole.printed}"
                yield finding(
                    "table_vs_table",
                    "warning",
                    message,
                    whole.value,
                    part.value,
                    [evidence_of(whole), evidence_of(part)],
                )


@register_check("school_list_groups")
def check_school_list_groups(ctx: CheckContext) -> Iterator[Finding]:
    """A list of schools with a 公办/民办 (市属/县属) column: per-group sums against the
    totals another table prints for the same groups."""
    onto = ctx.links.ontology
    for table in ctx.tables:
        info = ctx.links.table_info(table.id)
        if info is None or info.periods_in_rows or not info.report_scope:
            continue
        numbers = [c for c in ctx.links.table_cells(table.id) if c.canonical is None and c.col]
        for col in dict.fromkeys(c.col for c in numbers):
            cells = [c for c in numbers if c.col == col]
            match = onto.lookup(col, cells[0].unit)
            if match is None or len(cells) < 3:
                continue
            for group in match.indicator.partitions:
                parts = [onto.get(p) for p in group]
                if all(p.qualifier for p in parts):
                    yield from _group_sums(ctx, table, cells, parts)


def _group_sums(
    ctx: CheckContext, table: Table, cells: list[Observation], parts: list[Indicator]
) -> Iterator[Finding]:
    sums: dict[str, list[Observation]] = {p.id: [] for p in parts}
    words: dict[str, dict[str, None]] = {p.id: {} for p in parts}
    for c in cells:
        texts = " ".join(x.text for x in table.rows[c.row_index].cells if x.value is None)
        owners = [(p, m) for p in parts if p.qualifier and (m := regex.search(p.qualifier, texts))]
        if len(owners) != 1:
            return  # a school in no group or in two: the column is not this partition
        part, m = owners[0]
        sums[part.id].append(c)
        words[part.id][m.group(0)] = None
    period = cells[0].period
    for part in parts:
        members = sums[part.id]
        total = sum((m.value for m in members), Decimal(0))
        other = next(
            (
                o
                for o in ctx.links.cells_of(part.id)
                if o.period == period and o.report_scope and o.table != table.id
            ),
            None,
        )
        if other is None or not members or total == other.value:
            continue
        message = (
            f"{table_name(ctx, table.id)}中{'、'.join(words[part.id])}的{len(members)}所学校“{cells[0].col}”"
            f"合计为{fmt(total)}，{where(ctx, other)}为{other.printed}"
        )
        evidence = [
            Evidence(kind="table", table=table.id, start=table.start, end=table.end),
            evidence_of(other),
        ]
        yield finding("table_vs_table", "error", message, total, other.value, evidence)


def _identity(ctx: CheckContext, cell: Observation) -> str | None:
    """What makes two cells the same indicator: the canonical id, or for indicators the
    ontology does not know, the same self-explaining row label."""
    if cell.canonical:
        return cell.canonical
    info = ctx.links.table_info(cell.table or "")
    if info is None or info.periods_in_rows or not info.rows or len(cell.key) < 4:
        return None
    row = info.rows[cell.row_index]
    onto = ctx.links.ontology
    if (
        row.explicit_part
        or row.level
        or row.continuation_of is not None
        or onto.is_level_sub_row(row.label)
    ):
        return None
    return f"label:{cell.key}"


def _reference(ctx: CheckContext, cells: list[Observation]) -> Observation:
    """The value others are held against: an annex table's, else the most common one."""
    for cell in cells:
        table = ctx.table(cell.table or "")
        if table is not None and table.appendix:
            return cell
    counts: dict[object, int] = defaultdict(int)
    for c in cells:
        counts[c.value] += 1
    return max(cells, key=lambda c: counts[c.value])


def _printed_together(ctx: CheckContext, part: Observation, whole_id: str) -> bool:
    """Whether the part's own table prints the whole too (then the in-table check decides)."""
    return any(c.table == part.table for c in ctx.links.cells_of(whole_id))
