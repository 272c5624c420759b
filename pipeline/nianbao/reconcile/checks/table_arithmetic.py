"""A table's own arithmetic, discovered from its numbers rather than named by the ontology.

Reports differ in what their tables hold, but the arithmetic inside a table is the same
everywhere: a 合计 row is the sum of the rows it closes, a share column is each row's count
over one whole (or over another column), a change column is the later year against the
earlier one. These checks read the grid only (rows, columns, printed values), so they hold
on tables no rule was written for.

A relation is *declared* when the table prints it (a row labelled 合计, a column headed
变化 with words such as 增加) and *discovered* when it is inferred from the numbers (the
denominator of a share column). A discovered relation is accepted only when it holds,
within printed precision, in at least ``_MIN_SUPPORT`` rows and in a clear majority
(``_MAJORITY``) of the rows it could apply to; the rows where it then fails are reported,
with the relation in the message. A declared total is not trusted blindly either: when it
fails in most of its columns, the rows it closes were misread and nothing is said.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

import regex

from nianbao.data import Cell, Evidence, Finding, Row, Table
from nianbao.link.observations import decimals_of_value
from nianbao.reconcile.checks.common import agreement, finding, fmt, round_to, table_name
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.cells import lexicon

_MIN_SUPPORT = 2
_MAJORITY = Decimal(2) / Decimal(3)
_HUNDRED = Decimal(100)
# Columns whose figures are rates or means: a total row does not add them up.
_RATE_HEADER = regex.compile(r"率|比例|占比|比重|百分比|构成|平均|均|%|％|指数|满意度")
_SHARE_HEADER = regex.compile(r"占|比例|比重|百分比|构成|率")
_CHANGE_HEADER = regex.compile(r"变化|增减|变动|增幅|增长|较上年|同比|比上年")
_CHANGE_WORDS = {
    1: regex.compile(r"^(?:增加|增长|上升|提高|提升|增)$"),
    -1: regex.compile(r"^(?:减少|下降|降低|减)$"),
    0: regex.compile(r"^(?:持平|不变|相同|无变化|—|-)$"),
}
_DASH = regex.compile(r"^[—–\-－/／]+$")


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table as rows × columns of printed cells, in printed order."""

    table: Table
    columns: tuple[str, ...]  # data columns in printed order
    cells: tuple[dict[str, Cell], ...]  # per row: column → cell

    @classmethod
    def of(cls, table: Table) -> _Grid:
        columns: list[str] = []
        for row in table.rows:
            for cell in row.cells:
                if cell.col not in columns:
                    columns.append(cell.col)
        return cls(table, tuple(columns), tuple({c.col: c for c in r.cells} for r in table.rows))

    def numeric(self, row: int, col: str) -> Cell | None:
        cell = self.cells[row].get(col)
        return cell if cell is not None and cell.value is not None else None


# --- totals -------------------------------------------------------------------------


@register_check("discovered_totals")
def check_total_rows(ctx: CheckContext) -> Iterator[Finding]:
    """Each 合计 row against the sum of the rows it closes, column by column."""
    for table in ctx.tables:
        grid = _Grid.of(table)
        for total, members in _total_groups(table.rows):
            yield from _total_findings(ctx, grid, total, members)


def _total_groups(rows: Sequence[Row]) -> Iterator[tuple[int, list[int]]]:
    """A total row and the rows it adds up: the data rows since the previous total (the
    subtotals themselves for a grand total after 小计 rows), or the data rows after it
    when it is printed first."""
    total_label = lexicon().total_label
    previous, subtotals = -1, list[int]()
    totals = [i for i, r in enumerate(rows) if r.kind == "total" or total_label.search(r.label)]
    for t in totals:
        members = [i for i in range(previous + 1, t) if rows[i].kind == "data"]
        if "小计" not in rows[t].label and subtotals and not members:
            members = subtotals
        if not members and t == totals[0]:
            end = next((u for u in totals if u > t), len(rows))
            members = [i for i in range(t + 1, end) if rows[i].kind == "data"]
        if "小计" in rows[t].label:
            subtotals.append(t)
        previous = t
        if len(members) >= _MIN_SUPPORT:
            yield t, members


def _total_findings(
    ctx: CheckContext, grid: _Grid, total: int, members: list[int]
) -> Iterator[Finding]:
    results = []
    for col in grid.columns:
        whole = grid.numeric(total, col)
        if whole is None or whole.unit in ("%", "ratio") or _RATE_HEADER.search(col):
            continue
        parts = [grid.cells[m].get(col) for m in members]
        if any(
            p is not None and p.value is None and not _DASH.match(p.text.strip()) for p in parts
        ):
            continue  # a member that prints text here: not a column of amounts
        numbers = [p for p in parts if p is not None and p.value is not None]
        if len(numbers) < _MIN_SUPPORT:
            continue
        summed = sum((p.value for p in numbers if p.value is not None), Decimal(0))
        slack = sum((_quantum(p.text) for p in (whole, *numbers)), Decimal(0)) / 2
        results.append((whole, numbers, summed, abs(summed - (whole.value or 0)) <= slack))
    failing = [r for r in results if not r[3]]
    if not failing or (len(results) >= 2 and len(failing) * 2 >= len(results)):
        return
    for whole, numbers, summed, _ in failing:
        row = grid.table.rows[total]
        message = (
            f"{table_name(ctx, grid.table.id)}“{row.label}”行“{whole.col}”为{whole.text}，"
            f"其上各行之和为{fmt(summed)}（{len(numbers)}行相加），两者不符"
        )
        factor = _factor(ctx, whole)
        yield finding(
            "table_internal_sum",
            "error",
            message,
            (whole.value or Decimal(0)) * factor,
            summed * factor,
            [_evidence(grid.table, row, whole), *(_evidence_at(grid, n) for n in numbers)],
        )


# --- share columns ------------------------------------------------------------------


@register_check("discovered_share_columns")
def check_share_columns(ctx: CheckContext) -> Iterator[Finding]:
    """A share column against its counts over one whole, or over another column."""
    for table in ctx.tables:
        grid = _Grid.of(table)
        for share in _share_columns(grid):
            best = _best_relation(grid, share)
            if best is not None:
                yield from _share_findings(ctx, grid, share, best)


@dataclass(frozen=True, slots=True)
class _Relation:
    share: str
    part: str
    whole: Decimal | None  # one whole for every row, or None with ``whole_col``
    whole_col: str | None
    rows: tuple[int, ...]  # rows where share and part are both printed
    agreeing: tuple[int, ...]

    def expected(self, grid: _Grid, row: int) -> Decimal | None:
        part = grid.numeric(row, self.part)
        if part is None or part.value is None:
            return None
        whole = self.whole
        if self.whole_col is not None:
            cell = grid.numeric(row, self.whole_col)
            whole = cell.value if cell is not None else None
        if not whole:
            return None
        return part.value / whole * _HUNDRED

    def describe(self) -> str:
        if self.whole_col is not None:
            return f"“{self.part}”÷“{self.whole_col}”×100"
        return f"“{self.part}”÷{fmt(self.whole)}×100"


def _share_columns(grid: _Grid) -> list[str]:
    out = []
    for col in grid.columns:
        cells = [grid.numeric(i, col) for i in range(len(grid.cells))]
        values = [c for c in cells if c is not None]
        percent = [c for c in values if c.unit == "%"]
        in_range = all(c.value is not None and 0 <= c.value <= _HUNDRED for c in values)
        if (
            len(values) >= 3
            and in_range
            and (len(percent) * 2 > len(values))
            and (_SHARE_HEADER.search(col) or percent)
        ):
            out.append(col)
    return out


def _count_columns(grid: _Grid, exclude: str) -> list[str]:
    counts = []
    for col in grid.columns:
        if col == exclude or _RATE_HEADER.search(col):
            continue
        values = [grid.numeric(i, col) for i in range(len(grid.cells))]
        filled = [c for c in values if c is not None]
        if len(filled) >= 3 and all(c.unit not in ("%", "ratio") for c in filled):
            counts.append(col)
    return counts


def _best_relation(grid: _Grid, share: str) -> _Relation | None:
    best: _Relation | None = None
    for part in _count_columns(grid, share):
        rows = tuple(
            i
            for i in range(len(grid.cells))
            if grid.numeric(i, share) is not None and grid.numeric(i, part) is not None
        )
        if len(rows) < _MIN_SUPPORT + 1:
            continue
        candidates: list[_Relation] = []
        for whole in _candidate_wholes(grid, share, part, rows):
            candidates.append(_Relation(share, part, whole, None, rows, ()))
        for other in _count_columns(grid, share):
            if other != part:
                candidates.append(_Relation(share, part, None, other, rows, ()))
        for relation in candidates:
            agreeing = tuple(i for i in rows if _agrees(grid, relation, i))
            scored = _Relation(
                relation.share, relation.part, relation.whole, relation.whole_col, rows, agreeing
            )
            if best is None or len(agreeing) > len(best.agreeing):
                best = scored
    if best is None:
        return None
    support = len(best.agreeing)
    if support < _MIN_SUPPORT or support < _MAJORITY * len(best.rows) or support == len(best.rows):
        return None  # no relation, or one that holds everywhere: nothing to report
    return best


def _candidate_wholes(grid: _Grid, share: str, part: str, rows: tuple[int, ...]) -> list[Decimal]:
    """Wholes a share column may be taken over: a count printed in the part column (毕业生
    总数 1012), or the whole each row implies (61 ÷ 17.33 % ≈ 352) when the table omits it."""
    wholes: set[Decimal] = set()
    for i in rows:
        p, s = grid.numeric(i, part), grid.numeric(i, share)
        if p is None or s is None or p.value is None or s.value is None:
            continue
        wholes.add(p.value)
        if s.value > 0:
            wholes.add(round_to(p.value / s.value * _HUNDRED, Decimal(1)))
    return sorted(w for w in wholes if w > 0)


def _agrees(grid: _Grid, relation: _Relation, row: int) -> bool:
    share = grid.numeric(row, relation.share)
    computed = relation.expected(grid, row)
    if share is None or share.value is None or computed is None:
        return False
    return agreement(share.value, _quantum(share.text), computed) in ("agree", "coarser")


def _share_findings(
    ctx: CheckContext, grid: _Grid, share: str, relation: _Relation
) -> Iterator[Finding]:
    for i in relation.rows:
        if i in relation.agreeing:
            continue
        cell = grid.numeric(i, share)
        computed = relation.expected(grid, i)
        if cell is None or cell.value is None or computed is None:
            continue
        quantum = _quantum(cell.text)
        result = agreement(cell.value, quantum, computed)
        row = grid.table.rows[i]
        shown = round_to(computed, quantum)
        message = (
            f"{table_name(ctx, grid.table.id)}“{row.label}”行“{share}”为{cell.text}，"
            f"按本表其余{len(relation.agreeing)}行都符合的{relation.describe()}计算应为{fmt(shown)}"
        )
        part = grid.numeric(i, relation.part)
        evidence = [_evidence(grid.table, row, cell)]
        if part is not None:
            evidence.append(_evidence(grid.table, row, part))
        yield finding(
            "table_internal_ratio",
            "error" if result == "differs" else "warning",
            message,
            cell.value,
            shown,
            evidence,
        )


# --- change columns -----------------------------------------------------------------


@register_check("discovered_change_columns")
def check_change_columns(ctx: CheckContext) -> Iterator[Finding]:
    """A change column's word (增加, 减少, 持平) against the two years it compares."""
    for table in ctx.tables:
        grid = _Grid.of(table)
        for col in grid.columns:
            if not _CHANGE_HEADER.search(col):
                continue
            for i, row in enumerate(table.rows):
                yield from _change_finding(ctx, grid, i, row, col)


def _change_finding(
    ctx: CheckContext, grid: _Grid, i: int, row: Row, col: str
) -> Iterator[Finding]:
    cell = grid.cells[i].get(col)
    if cell is None or cell.value is not None:
        return
    direction = next((d for d, p in _CHANGE_WORDS.items() if p.match(cell.text.strip())), None)
    years = sorted(
        (c for c in row.cells if c.period and c.value is not None and c.col != col),
        key=lambda c: c.period or "",
    )
    if direction is None or len(years) != 2 or years[0].period == years[1].period:
        return
    earlier, later = years
    if earlier.value is None or later.value is None:
        return
    actual = (later.value > earlier.value) - (later.value < earlier.value)
    if actual == direction:
        return
    said = {1: "增加", -1: "减少", 0: "持平"}
    message = (
        f"{table_name(ctx, grid.table.id)}“{row.label}”的“{col}”标为{cell.text.strip()}，"
        f"但{earlier.col}{earlier.text}→{later.col}{later.text}为{said[actual]}"
    )
    yield finding(
        "table_internal_ratio",
        "error",
        message,
        later.value * _factor(ctx, later),
        earlier.value * _factor(ctx, earlier),
        [
            _evidence(grid.table, row, cell),
            _evidence(grid.table, row, later),
            _evidence(grid.table, row, earlier),
        ],
    )


# --- helpers ------------------------------------------------------------------------


def _factor(ctx: CheckContext, cell: Cell) -> Decimal:
    """Findings state amounts in base units, as every check does (万元 → 元)."""
    info = ctx.links.ontology.unit(cell.unit)
    return info.factor if info else Decimal(1)


def _quantum(text: str) -> Decimal:
    """The printed precision of a figure: 0.01 for "57.61", 1 for "1012"."""
    return Decimal(1).scaleb(-decimals_of_value(text, Decimal(0), ()))


def _evidence(table: Table, row: Row, cell: Cell) -> Evidence:
    return Evidence(
        kind="cell", table=table.id, row=row.label, col=cell.col, start=cell.start, end=cell.end
    )


def _evidence_at(grid: _Grid, cell: Cell) -> Evidence:
    row = next(r for r in grid.table.rows if cell in r.cells)
    return _evidence(grid.table, row, cell)
