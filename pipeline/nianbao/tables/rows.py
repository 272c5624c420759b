"""Typed rows from a grid: labels, units, typed cells, periods, and how rows hang
together (``其中`` parts, indented levels, unit-only continuation rows, totals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from nianbao.data import Cell, Row, RowKind
from nianbao.layout.table_lines import CellSpan
from nianbao.tables.grid import Grid
from nianbao.text.cells import (
    bracketed_unit,
    is_unit,
    lexicon,
    normalise_unit,
    period_of,
    read_value,
    suffix_unit,
)

# Spaces before a label that mark it as a level below the rows above (one stray space
# is an export artefact, not a level).
_LEVEL_INDENT = 2


@dataclass(slots=True)
class _Parts:
    """Which row the ``其中`` rows being read belong to (local to one table)."""

    parent: str | None = None  # parent of every row in the open part group
    opener: str | None = None  # label of the 其中 row that opened it


@dataclass(slots=True)
class _Read:
    """The rows placed so far, with the look-ups placing the next one needs (kept as rows
    are added, so a table of 50,000 rows is placed in linear time)."""

    rows: list[Row] = field(default_factory=list)
    indents: list[int] = field(default_factory=list)
    last_main: Row | None = None  # the last row that is no unit-only continuation
    main_by_label: dict[str, Row] = field(default_factory=dict)  # the last such row per label
    # per parent label: how many part rows, and per column how many give a value and their sum
    parts_of: dict[str, int] = field(default_factory=dict)
    part_sums: dict[str, dict[str, tuple[int, Decimal]]] = field(default_factory=dict)

    def add(self, row: Row, indent: int) -> None:
        self.rows.append(row)
        self.indents.append(indent)
        if row.kind != "unit_continuation":
            self.last_main = row
            self.main_by_label[row.label] = row
            if row.kind == "part" and row.parent is not None:
                self.parts_of[row.parent] = self.parts_of.get(row.parent, 0) + 1
                sums = self.part_sums.setdefault(row.parent, {})
                first: dict[str, Decimal | None] = {}
                for c in row.cells:
                    first.setdefault(c.col, c.value)
                for col, value in first.items():
                    if value is not None:
                        n, total = sums.get(col, (0, Decimal(0)))
                        sums[col] = (n + 1, total + value)


def build_rows(grid: Grid, text: str, caption_unit: str | None) -> tuple[Row, ...]:
    """Every body row of ``grid`` as a ``Row``; ``text`` is the document text."""
    read = _Read()
    parts = _Parts()
    group: str | None = None
    for raw in grid.body:
        if not any(c.text for c in raw):
            continue  # a row of empty cells says nothing (and has no place in the text)
        printed_group = raw[grid.group].text if grid.group is not None else ""
        if printed_group:
            if group is not None and printed_group != group:
                parts = _Parts()
            group = printed_group
        row = _row(grid, raw, text, caption_unit, group)
        indent = raw[grid.label].indent if grid.label is not None else 0
        read.add(_placed(row, indent, read, parts), indent)
    return tuple(read.rows)


def _row(
    grid: Grid, raw: tuple[CellSpan, ...], text: str, caption_unit: str | None, group: str | None
) -> Row:
    label = raw[grid.label].text if grid.label is not None else ""
    filled = [c for c in raw if c.text]  # where the row is printed, its merged label too
    merged = _merged_label(grid, raw) if not label else None
    if merged is not None:
        # 合计 printed once across the serial, group and label columns: the row's label,
        # and a total row closes the group above it.
        label = raw[merged].text
        raw = tuple(CellSpan("", c.start, c.start) if j == merged else c for j, c in enumerate(raw))
        group = None if lexicon().total_label.search(label) else group
    printed_unit = raw[grid.unit].text if grid.unit is not None else ""
    row_unit = normalise_unit(printed_unit) if printed_unit else bracketed_unit(label)
    row_period = period_of(label) if grid.label_is_period else None
    has_periods = any(grid.periods[j] for j in grid.data_columns)
    cells = []
    for j in grid.data_columns:
        span = raw[j]
        if not span.text:
            continue
        value, own_unit = read_value(span.text)
        if grid.codes and grid.codes[j]:
            value, own_unit = None, None  # an identifier, printed as digits
        unit = None
        if value is not None:
            # A column that is no period in a table of period columns measures something
            # of its own (调查人数 beside 2023年/2024年): its name's unit beats the row's.
            own_measure = has_periods and not grid.periods[j]
            unit = (
                own_unit
                or grid.units[j]
                or (suffix_unit(grid.names[j]) if own_measure else None)
                or row_unit
                or suffix_unit(label)
                or caption_unit
            )
        period = grid.periods[j] or row_period
        cells.append(
            Cell(
                grid.names[j],
                text[span.start : span.end],
                value,
                unit,
                span.start,
                span.end,
                period,
            )
        )
    return Row(
        label=label,
        unit=row_unit,
        cells=tuple(cells),
        start=filled[0].start,
        end=filled[-1].end,
        number=raw[grid.serial].text if grid.serial is not None else "",
        period=row_period,
        group=group,
    )


def _merged_label(grid: Grid, raw: tuple[CellSpan, ...]) -> int | None:
    """The column of a label printed in another column because its cell was merged: the
    row's first filled cell, a text, where the label column is empty."""
    if grid.label is None or grid.label_is_period:
        return None
    first = next((j for j, c in enumerate(raw) if c.text), None)
    if first is None or first in (grid.label, grid.unit):
        return None
    head = raw[first].text
    if read_value(head)[0] is not None or bracketed_unit(head) or is_unit(head.strip("()（）")):
        return None  # a value, or the unit of the row above printed on its own line
    later_text = any(
        c.text and read_value(c.text)[0] is None for j, c in enumerate(raw) if j > first
    )
    return None if later_text else first


def _placed(row: Row, indent: int, read: _Read, parts: _Parts) -> Row:
    """The row with its kind and parent, given the rows read before it."""
    lex = lexicon()
    main = read.last_main
    if not row.label and row.unit and row.cells and main:
        parent = main.label
        return _with(row, f"{parent}({row.unit})", "unit_continuation", parent)
    if row.number or lex.total_label.search(row.label):
        parts.parent = parts.opener = None
    if lex.total_label.search(row.label):
        return _with(row, row.label, "total", None)
    if lex.part_prefix.match(row.label) and main:
        # A second 其中 inside a part group breaks down the first one.
        parent = parts.opener if parts.opener is not None else main.label
        parts.parent, parts.opener = parent, row.label
        return _with(row, row.label, "part", parent)
    if parts.parent is not None and _group_closed(row, parts.parent, read):
        parts.parent = parts.opener = None
    if parts.parent is not None:
        return _with(row, row.label, "part", parts.parent)
    if indent >= _LEVEL_INDENT:
        for earlier, earlier_indent in zip(
            reversed(read.rows), reversed(read.indents), strict=True
        ):
            if earlier.kind != "unit_continuation" and earlier_indent < indent:
                return _with(row, row.label, "part", earlier.label)
    return row


def _group_closed(row: Row, parent_label: str, read: _Read) -> bool:
    """A ``其中`` group ends before ``row`` when the row counts something else (another
    unit: 行业导师年课时总量 under 聘请行业导师人数) or when the parts read so far already
    add up to their parent in every column they share (34 + 402 + 132 = 升学 568, so the
    就业 row after them is the parent's sibling)."""
    parent = read.main_by_label.get(parent_label)
    if parent is None:
        return False
    if row.unit and parent.unit and normalise_unit(row.unit) != normalise_unit(parent.unit):
        return True
    members = read.parts_of.get(parent_label, 0)
    if not members:
        return False
    sums = read.part_sums.get(parent_label, {})
    complete = 0
    for cell in parent.cells:
        if cell.value is None or cell.unit in ("%", "ratio"):
            continue  # counts add up; shares of them may carry their own errors
        given, total = sums.get(cell.col, (0, Decimal(0)))
        if given < members:
            continue  # a part without a value in this column
        if total != cell.value:
            return False
        complete += 1
    return complete > 0


def _with(row: Row, label: str, kind: RowKind, parent: str | None) -> Row:
    return Row(
        label,
        row.unit,
        row.cells,
        row.start,
        row.end,
        kind,
        parent,
        row.number,
        row.period,
        row.group,
    )
