"""Table totals against their parts: 其中 rows, 国家级/省级/校级 levels, channels that
add up to a total, 合计 rows and columns, and shares that must add up to 100."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Finding, Severity
from nianbao.link.links import Observation, RowInfo, TableInfo
from nianbao.reconcile.checks.common import (
    COUNT_FAMILIES,
    evidence_of,
    finding,
    fmt,
    period_text,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check

_SUMMABLE = COUNT_FAMILIES | {"money", "hours", "area", "person_days", "days"}
_TOTAL_SUFFIX = regex.compile(r"/(?:合计|总计|小计|总数)$")
_TOTAL_LABEL = regex.compile(r"^(?:合计|总计|小计|共计|总和)|(?:合计|总计|小计)$")
_PLAIN_TOTAL_COLUMN = regex.compile(r"^(?:合计|总计|小计|共计|合计数)(?:[(（][^()（）]*[)）])?$")
_SHARE_COLUMN = regex.compile(r"占比|比例|构成|百分比|比重")
_HUNDRED = Decimal(100)
# A row label that names an indicator (升学总人数, 毕业生满意度), not a thing (汽车运用与维修):
# only indicators have parts named after them.
_INDICATOR_LABEL = regex.compile(
    r"(?:人数|人次|数|数量|总数|总额|金额|额|量|学时|课时|面积|规模|经费|率|度|比例|比|值|水平|指数)"
    r"(?:[(（][^()（）]*[)）])?\*?$|总"
)


@register_check("part_exceeds_whole")
def check_parts_within_whole(ctx: CheckContext) -> Iterator[Finding]:
    """A part (其中 row, a row named after its whole, an ontology part) above its whole."""
    onto = ctx.links.ontology
    for info in ctx.links.tables:
        pairs: dict[tuple[int, int], str] = {}
        for row in info.rows:
            if row.explicit_part and row.parent_index is not None:
                pairs.setdefault((row.parent_index, row.index), "其中")
        for total, members, exhaustive in _named_parts(info):
            if not exhaustive:
                for member in members:
                    pairs.setdefault((total.index, member.index), "名称")
        for (w, q), _ in sorted(pairs.items()):
            for whole_cell, part_cell in _aligned(ctx, info, info.rows[w], info.rows[q]):
                if part_cell.value > whole_cell.value:
                    yield _exceeds(ctx, whole_cell, part_cell)
    for info in ctx.links.tables:
        known = [
            c for c in ctx.links.table_cells(info.table) if c.canonical and c.family in _SUMMABLE
        ]
        for whole_cell in known:
            for part_cell in known:
                if (
                    part_cell.period == whole_cell.period
                    and _same_column(part_cell, whole_cell)
                    and part_cell.family == whole_cell.family
                    and part_cell.value > whole_cell.value
                    and onto.related(part_cell.canonical or "", whole_cell.canonical or "")
                ):
                    yield _exceeds(ctx, whole_cell, part_cell)


@register_check("parts_sum")
def check_parts_add_up(ctx: CheckContext) -> Iterator[Finding]:
    """Exhaustive parts (levels, channels named after the total) against their total."""
    for info in ctx.links.tables:
        for whole, parts, complete in _level_groups(info):
            yield from _sum_findings(ctx, info, whole, parts, allow_short=complete, what="各级别")
        for whole, parts, exhaustive in _named_parts(info):
            if exhaustive and len(parts) >= 2:
                yield from _sum_findings(ctx, info, whole, parts, allow_short=True, what="各分项")


@register_check("ontology_partitions")
def check_partitions(ctx: CheckContext) -> Iterator[Finding]:
    """Parts the ontology defines (公办 + 民办, 第一/二/三产业) against their whole, per table."""
    onto = ctx.links.ontology
    for whole in ctx.links.cells:
        if whole.canonical is None or whole.family not in _SUMMABLE:
            continue
        for group in onto.get(whole.canonical).partitions:
            parts = [_partner(ctx, whole, part_id) for part_id in group]
            found = [p for p in parts if p is not None]
            if len(found) != len(group):
                continue
            total = sum((p.value for p in found), Decimal(0))
            if abs(total - whole.value) > _tolerance([whole, *found]):
                yield _sum_finding(ctx, whole, found, total, "组成部分", complete=True)


@register_check("at_least_parts")
def check_at_least_constraints(ctx: CheckContext) -> Iterator[Finding]:
    """A whole that must hold at least the sum of some parts (去向落实 ≥ 升学 + 就业)."""
    onto = ctx.links.ontology
    for constraint in onto.constraints:
        if constraint.op != "at_least" or not constraint.whole:
            continue
        told: set[tuple[str | None, Decimal]] = set()  # a whole printed in two tables, once
        for whole in ctx.links.cells_of(constraint.whole):
            if (whole.period, whole.value) in told:
                continue
            parts = [
                _partner(ctx, whole, part_id, across=constraint.across_tables)
                for part_id in constraint.parts
            ]
            found = [p for p in parts if p is not None]
            if len(found) != len(constraint.parts):
                continue
            total = sum((p.value for p in found), Decimal(0))
            if total > whole.value + _tolerance([whole, *found]):
                names = "+".join(f"“{p.row}”{p.printed}" for p in found)
                message = (
                    f"{where(ctx, whole)}为{whole.printed}，小于{names}={fmt(total)}"
                    f"（{constraint.note}）"
                    if constraint.note
                    else f"{where(ctx, whole)}为{whole.printed}，小于{names}={fmt(total)}"
                )
                told.add((whole.period, whole.value))
                across = any(p.table != whole.table for p in found)
                yield finding(
                    "table_vs_table" if across else "table_internal_sum",
                    "error" if constraint.definite else "warning",
                    message,
                    whole.value,
                    total,
                    [evidence_of(whole), *(evidence_of(p) for p in found)],
                )


@register_check("total_rows_and_columns")
def check_printed_totals(ctx: CheckContext) -> Iterator[Finding]:
    """合计 rows against the rows above them and ``…/合计`` columns against their siblings."""
    for info in ctx.links.tables:
        cells = [c for c in ctx.links.table_cells(info.table) if c.family in _SUMMABLE]
        if info.periods_in_rows:
            yield from _total_columns(ctx, cells)
        else:
            yield from _total_rows(ctx, info, cells)
        yield from _plain_total_columns(ctx, list(ctx.links.table_cells(info.table)))


@register_check("shares_sum_to_100")
def check_share_columns(ctx: CheckContext) -> Iterator[Finding]:
    """Shares of one whole (a 占比 column, the two terms of 34.8:65.2) must add up to 100."""
    for info in ctx.links.tables:
        if info.periods_in_rows:
            continue
        # Shares of one whole add up within a group (学历, 职称 and 年龄 each make 100 %).
        table = ctx.table(info.table)
        by_col: dict[tuple[str, str | None], list[Observation]] = {}
        for c in ctx.links.table_cells(info.table):
            # a share of 100 is the whole itself (毕业生总数 100.00), not one of its parts
            if (
                c.family == "percent"
                and c.col
                and _SHARE_COLUMN.search(c.col)
                and c.value != _HUNDRED
            ):
                row = info.rows[c.row_index] if info.rows else None
                if row is None or row.explicit_part or row.kind in ("total", "part") or row.level:
                    continue
                group = table.rows[c.row_index].group if table is not None else None
                by_col.setdefault((c.col, group), []).append(c)
        for (_, group), shares in by_col.items():
            if len(shares) < 3:
                continue
            total = sum((s.value for s in shares), Decimal(0))
            if abs(total - _HUNDRED) > _tolerance(shares) + max(s.quantum for s in shares):
                of_group = f"“{group}”各项" if group else "各项"
                message = f"{where(ctx, shares[0]).split('“')[0]}“{shares[0].col}”列{of_group}合计为{fmt(total)}%，应为100%"
                yield finding(
                    "table_internal_sum",
                    "error",
                    message,
                    total,
                    _HUNDRED,
                    [evidence_of(s) for s in shares],
                )
    for obs in (*ctx.links.cells, *ctx.links.claim_observations):
        terms = obs.ratio_terms
        if (
            len(terms) != 2
            or min(terms) <= 1
            or not (90 <= sum(terms) <= 110)
            or sum(terms) == _HUNDRED
        ):
            continue
        quantum = obs.quantum if obs.quantum > 0 else Decimal(1)
        total = sum(terms, Decimal(0))
        if abs(total - _HUNDRED) > quantum:
            kind = "narrative_arithmetic" if obs.source == "claim" else "table_internal_ratio"
            place = "正文" if obs.source == "claim" else where(ctx, obs)
            message = f"{place}比例{fmt(terms[0])}:{fmt(terms[1])}两项之和为{fmt(total)}，应为100"
            yield finding(kind, "error", message, total, _HUNDRED, [evidence_of(obs)])


# --- structure --------------------------------------------------------------------


def _named_parts(info: TableInfo) -> Iterator[tuple[RowInfo, list[RowInfo], bool]]:
    """Rows named after a total above them (升学总人数 → 通过职教高考升学人数), and whether they
    enumerate it: a run of rows right under the total, or a run that starts with 其中."""
    rows = [r for r in info.rows if r.continuation_of is None]
    for k, whole in enumerate(rows):
        if len(whole.core) < 2 or whole.level or not _INDICATOR_LABEL.search(whole.label):
            continue  # 新能源汽车运用与维修 is no part of 汽车运用与维修: names, not amounts
        parts = [
            r
            for r in rows[k + 1 :]
            if r.core != whole.core
            and r.core.endswith(whole.core)
            and r.level is None
            and not _summed_together(info, whole, r)
        ]
        if not parts:
            continue
        positions = [rows.index(p) for p in parts]
        contiguous = positions == list(range(positions[0], positions[0] + len(positions)))
        starts_right = positions[0] == k + 1 or parts[0].explicit_part
        yield whole, parts, contiguous and starts_right


def _summed_together(info: TableInfo, a: RowInfo, b: RowInfo) -> bool:
    """Two rows that one 合计 row adds up are siblings, whatever their names."""
    start = 0
    for row in info.rows:
        if row.kind == "total" or _TOTAL_LABEL.search(row.key or row.label):
            if start <= min(a.index, b.index) and max(a.index, b.index) < row.index:
                return True
            start = row.index + 1
    return False


def _level_groups(info: TableInfo) -> Iterator[tuple[RowInfo, list[RowInfo], bool]]:
    groups: dict[int, list[RowInfo]] = {}
    for r in info.rows:
        if r.level is not None and r.level_parent_index is not None:
            groups.setdefault(r.level_parent_index, []).append(r)
    for parent, levels in sorted(groups.items()):
        if len(levels) >= 2:
            yield info.rows[parent], levels, len(levels) >= 3


def _aligned(
    ctx: CheckContext, info: TableInfo, whole: RowInfo, part: RowInfo
) -> Iterator[tuple[Observation, Observation]]:
    """Cells of two rows in the same column, both summable amounts of one unit family."""
    wholes = {c.col: c for c in ctx.links.row_cells(info.table, whole.index)}
    for c in ctx.links.row_cells(info.table, part.index):
        w = wholes.get(c.col)
        if w is not None and w.family == c.family and c.family in _SUMMABLE:
            yield w, c


def _sum_findings(
    ctx: CheckContext,
    info: TableInfo,
    whole: RowInfo,
    parts: list[RowInfo],
    *,
    allow_short: bool,
    what: str,
) -> Iterator[Finding]:
    wholes = {c.col: c for c in ctx.links.row_cells(info.table, whole.index)}
    for col, w in wholes.items():
        if w.family not in _SUMMABLE:
            continue
        cells = [
            next((c for c in ctx.links.row_cells(info.table, p.index) if c.col == col), None)
            for p in parts
        ]
        found = [c for c in cells if c is not None and c.family == w.family]
        if len(found) != len(parts):
            continue
        total = sum((c.value for c in found), Decimal(0))
        gap = total - w.value
        if gap > _tolerance([w, *found]) or (allow_short and -gap > _tolerance([w, *found])):
            yield _sum_finding(ctx, w, found, total, what)


def _sum_finding(
    ctx: CheckContext,
    whole: Observation,
    parts: list[Observation],
    total: Decimal,
    what: str,
    *,
    complete: bool = False,
) -> Finding:
    """``complete``: the parts are all there is (公办 + 民办), so a short sum is an error too."""
    names = "+".join(f"“{p.row}”{p.printed}" for p in parts)
    relation = "超过" if total > whole.value else "少于"
    message = f"{where(ctx, whole)}为{whole.printed}，{what}{names}={fmt(total)}，{relation}总数"
    severity: Severity = "error" if total > whole.value or complete else "warning"
    return finding(
        "table_internal_sum",
        severity,
        message,
        whole.value,
        total,
        [evidence_of(whole), *(evidence_of(p) for p in parts)],
    )


def _exceeds(ctx: CheckContext, whole: Observation, part: Observation) -> Finding:
    message = (
        f"{where(ctx, part)}为{part.printed}，超过其所属的“{whole.row}”"
        f"{period_text(whole.period) or whole.col}{whole.printed}"
    )
    return finding(
        "table_internal_sum",
        "error",
        message,
        whole.value,
        part.value,
        [evidence_of(whole), evidence_of(part)],
    )


def _partner(
    ctx: CheckContext, whole: Observation, indicator_id: str, *, across: bool = False
) -> Observation | None:
    """The cell of another indicator in the same table, year and column (or row); with
    ``across``, else the same year's cell of another table (an annex table first)."""
    cells = ctx.links.cells_of(indicator_id)
    here = next(
        (
            c
            for c in cells
            if c.table == whole.table and c.period == whole.period and _same_column(c, whole)
        ),
        None,
    )
    if here is not None or not across:
        return here
    return next((c for c in cells if c.period == whole.period and c.report_scope), None)


def _same_column(a: Observation, b: Observation) -> bool:
    """Same year column in a table with years across, or same row in a table with years down."""
    if a.period is None or b.period is None:
        return a.col == b.col
    return a.period == b.period


def _tolerance(cells: list[Observation]) -> Decimal:
    """Rounding slack of a sum: none for whole counts, half a printed unit per figure else."""
    if all((c.family in COUNT_FAMILIES or c.family is None) and c.quantum == 1 for c in cells):
        return Decimal(0)
    return sum((c.quantum for c in cells), Decimal(0)) / 2


def _total_columns(ctx: CheckContext, cells: list[Observation]) -> Iterator[Finding]:
    by_row: dict[int, list[Observation]] = {}
    for c in cells:
        by_row.setdefault(c.row_index, []).append(c)
    for row_cells in by_row.values():
        for total in row_cells:
            if not total.col or not _TOTAL_SUFFIX.search(total.col):
                continue
            prefix = total.col.rsplit("/", 1)[0] + "/"
            parts = [c for c in row_cells if c is not total and c.col and c.col.startswith(prefix)]
            if len(parts) < 2:
                continue
            s = sum((p.value for p in parts), Decimal(0))
            if abs(s - total.value) > _tolerance([total, *parts]):
                yield _sum_finding(ctx, total, parts, s, "各列", complete=True)


def _plain_total_columns(ctx: CheckContext, cells: list[Observation]) -> Iterator[Finding]:
    """A ``合计`` column against the columns of its row left of it (一等奖+二等奖+三等奖);
    cells without a unit take part when they are whole numbers."""
    by_row: dict[int, list[Observation]] = {}
    for c in cells:
        if c.family in _SUMMABLE or (c.family is None and c.quantum >= 1 and not c.ratio_terms):
            by_row.setdefault(c.row_index, []).append(c)
    for row_cells in by_row.values():
        row_cells.sort(key=lambda c: c.col_index)
        after = -1
        for total in row_cells:
            if not _PLAIN_TOTAL_COLUMN.match(_bare(total.col)):
                continue
            parts = [
                c
                for c in row_cells
                if after < c.col_index < total.col_index
                and c.family == total.family
                and not _bare(c.col).startswith("其中")
                and not _SHARE_COLUMN.search(c.col or "")
            ]
            after = total.col_index
            if len(parts) < 2:
                continue
            s = sum((p.value for p in parts), Decimal(0))
            if abs(s - total.value) > _tolerance([total, *parts]):
                yield _sum_finding(ctx, total, parts, s, "各列", complete=True)


def _bare(label: str | None) -> str:
    return regex.sub(r"\s+", "", label or "")


def _total_rows(ctx: CheckContext, info: TableInfo, cells: list[Observation]) -> Iterator[Finding]:
    start = 0
    for row in info.rows:
        if not (row.kind == "total" or _TOTAL_LABEL.search(row.key or row.label)):
            continue
        members = [
            r
            for r in info.rows[start : row.index]
            if not r.explicit_part
            and r.level is None
            and r.continuation_of is None
            and r.kind == "data"
        ]
        start = row.index + 1
        if len(members) < 2:
            continue
        for total in (c for c in cells if c.row_index == row.index):
            parts = [
                c
                for c in cells
                if c.col == total.col and any(c.row_index == m.index for m in members)
            ]
            if len(parts) != len(members) or any(p.family != total.family for p in parts):
                continue
            s = sum((p.value for p in parts), Decimal(0))
            if abs(s - total.value) > _tolerance([total, *parts]):
                yield _sum_finding(ctx, total, parts, s, "各行", complete=True)
