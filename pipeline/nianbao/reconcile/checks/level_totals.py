"""``省级以上…奖项37项`` against a table of levels: the rows at that level and above, added up.

Reports count awards, courses and bases by level (国家级, 省级, 市级, 县级, 校级) in a table
whose rows are the levels, and state in the text how many there are at a level "and above".
The table's own rows give that figure: the sum of the level rows from the top down to the
named one, in the table's total column (or its only value column). The claim and the table
must be about the same thing — the table's title and the claim's indicator share a word of
three characters or more besides 获奖/情况 (技能大赛, 精品课程) — and be counted in the same unit.

Only a ``warning``: whether 以上 includes the named level (省级以上 = 国家级 + 省级) is the
usual reading, but not every report's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Cell, Evidence, Finding, Row, Table
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import evidence_of, finding, fmt, table_name
from nianbao.reconcile.registry import CheckContext, register_check

_LEVELS = ("国家级", "省级", "市级", "县级", "校级")
_AND_ABOVE = regex.compile(r"(国家|省|市|县|校)级?(?:及|和)?以上")
_TOTAL_COLUMN = regex.compile(r"^(?:合计|总计|小计|总数|合计数)")


@register_check("levels_and_above")
def check_levels_and_above(ctx: CheckContext) -> Iterator[Finding]:
    """A claim of 省级以上 N against the level rows of a table about the same thing."""
    if not ctx.text:
        return
    level_tables = [t for t in ctx.tables if len(_level_rows(t)) >= 2]
    if not level_tables:
        return
    for obs in ctx.links.claim_observations:
        claim = ctx.claim(obs.claim_id or "")
        if claim is None or obs.qualifier != "exact" or obs.role != "value":
            continue
        m = _AND_ABOVE.search(claim.indicator or "")
        if m is None:
            continue
        lowest = _LEVELS.index(f"{m.group(1)}级")
        for table in level_tables:
            found = _sum_to_level(table, lowest, obs, claim.indicator or "")
            if found is None:
                continue
            total, cells = found
            if total != obs.value:
                yield _finding(ctx, obs, table, m.group(0), total, cells)
            break


def _level_rows(table: Table) -> dict[str, Row]:
    rows = {}
    for row in table.rows:
        label = unicodedata.normalize("NFKC", row.label).strip()
        if label in _LEVELS:
            rows[label] = row
    return rows


def _sum_to_level(
    table: Table, lowest: int, obs: Observation, indicator: str
) -> tuple[Decimal, list[tuple[Row, Cell]]] | None:
    """The sum of the table's level rows from 国家级 down to ``lowest``, when the table is
    about the claim's thing and has every one of those rows."""
    if not _shares_a_word(table.title, indicator):
        return None
    rows = _level_rows(table)
    wanted = _LEVELS[: lowest + 1]
    if any(level not in rows for level in wanted if _printed_below(rows, level)):
        return None
    cells = []
    for level in wanted:
        if level not in rows:
            continue
        cell = _value_cell(rows[level])
        if cell is None or cell.value is None or not _same_unit(cell, table, obs):
            return None
        cells.append((rows[level], cell))
    if not cells:
        return None
    return sum((c.value for _, c in cells if c.value is not None), Decimal(0)), cells


def _printed_below(rows: dict[str, Row], level: str) -> bool:
    """A level the table could hold: it prints it or a lower one."""
    return any(_LEVELS.index(r) >= _LEVELS.index(level) for r in rows)


def _value_cell(row: Row) -> Cell | None:
    """The row's total column, or its only numeric cell."""
    numeric = [c for c in row.cells if c.value is not None]
    total = [c for c in numeric if _TOTAL_COLUMN.match(c.col.strip())]
    if total:
        return total[0]
    return numeric[0] if len(numeric) == 1 else None


def _same_unit(cell: Cell, table: Table, obs: Observation) -> bool:
    unit = cell.unit or table.caption_unit
    return unit is None or obs.unit is None or unit == obs.unit


_GENERIC = regex.compile(r"获奖|奖项|情况|数量|统计|一览|\d+年度?|[（）()]")


def _shares_a_word(title: str, indicator: str) -> bool:
    """The claim names what the table counts: a common run of three or more characters
    once the words every such table has (获奖, 情况, years) are set aside."""
    a, b = _GENERIC.sub("|", title), _GENERIC.sub("|", indicator)
    return any(b[i : i + 3] in a for i in range(len(b) - 2) if "|" not in b[i : i + 3])


def _finding(
    ctx: CheckContext,
    obs: Observation,
    table: Table,
    words: str,
    total: Decimal,
    cells: list[tuple[Row, Cell]],
) -> Finding:
    parts = "+".join(f"{row.label}{fmt(cell.value)}" for row, cell in cells)
    message = (
        f"正文称{obs.label}{obs.printed}，{table_name(ctx, table.id)}中{words}各级合计为"
        f"{parts}={fmt(total)}（“以上”按含本级计）"
    )
    evidence = [evidence_of(obs)]
    evidence += [
        Evidence(
            kind="cell", table=table.id, row=row.label, col=cell.col, start=cell.start, end=cell.end
        )
        for row, cell in cells
    ]
    return finding("narrative_vs_table", "warning", message, obs.value, total, evidence)
