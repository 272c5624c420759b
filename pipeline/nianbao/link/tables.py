"""Reading tables for the link stage: which indicator and year each numeric cell is,
where a 其中 row belongs, which rows are 国家级/省级/校级 levels of which total."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from decimal import Decimal

import regex

from nianbao.data import Row, Table
from nianbao.link.observations import (
    Observation,
    RowInfo,
    TableInfo,
    decimals_of_value,
    is_period_label,
    period_year,
    ratio_terms,
)
from nianbao.link.scope import table_about_other_school
from nianbao.ontology import IndicatorOntology, Match, core_key, indicator_key
from nianbao.text.cells import bracketed_unit, lexicon
from nianbao.text.periods import YEAR


def table_info(table: Table, onto: IndicatorOntology, own: tuple[str, ...]) -> TableInfo:
    """How a table is laid out, whom it speaks for (``own``: the report's own names), and
    its rows' relations."""
    period_rows = sum(1 for r in table.rows if r.period or is_period_label(r.label))
    periods_in_rows = bool(table.rows) and period_rows * 2 >= len(table.rows)
    rows = _row_infos(table, onto) if not periods_in_rows else ()
    report_scope = table.appendix or not table_about_other_school(table.title, own, onto)
    return TableInfo(table.id, periods_in_rows, report_scope, rows)


def _row_infos(table: Table, onto: IndicatorOntology) -> tuple[RowInfo, ...]:
    base: list[RowInfo] = []
    for i, (row, continuation) in enumerate(zip(table.rows, _continued_rows(table), strict=True)):
        label = (
            table.rows[continuation].label
            if continuation is not None and not row.label.strip()
            else row.label
        )
        unit = row.unit or next((c.unit for c in row.cells if c.unit), None) or table.caption_unit
        base.append(
            RowInfo(
                index=i,
                label=label,
                key=indicator_key(label),
                core=core_key(label),
                unit=unit,
                family=onto.family(unit),
                kind=row.kind,
                explicit_part=_is_explicit_part(label),
                parent_index=None,
                level=onto.is_level_label(label),
                level_parent_index=None,
                number=row.number,
                continuation_of=continuation,
            )
        )
    with_parents = [
        replace(r, parent_index=parent)
        for r, parent in zip(base, _part_parents(base, table), strict=True)
    ]
    with_parents = [_continuation_parent(with_parents, r) for r in with_parents]
    return tuple(_with_level_parents(with_parents, onto))


def _continued_rows(table: Table) -> list[int | None]:
    """Per row, the row a unit-only continuation row (``| | 学时 | …``) continues: the row
    its parser ``parent`` names, else the last labelled row above. One pass, so a long
    table of unlabelled rows is not scanned back once per row."""
    out: list[int | None] = []
    last_labelled: int | None = None
    by_label: dict[str, int] = {}
    for i, row in enumerate(table.rows):
        if row.kind != "unit_continuation" and row.label.strip():
            out.append(None)
        elif row.parent and row.parent in by_label:
            out.append(by_label[row.parent])
        else:
            out.append(last_labelled)
        by_label[row.label] = i
        if row.kind != "unit_continuation" and row.label.strip():
            last_labelled = i
    return out


def _is_explicit_part(label: str) -> bool:
    return unicodedata.normalize("NFKC", label).lstrip().startswith("其中")


def _part_parents(rows: list[RowInfo], table: Table) -> list[int | None]:
    """Per row, the whole an explicit 其中 row belongs to: the nearest row above whose head
    noun it ends with (in the same family), else the row the parser's ``parent`` names,
    else the nearest row above that is no part itself. Continuation rows are neither parts
    nor wholes. One pass with look-ups by core and label, so it stays linear in the rows."""
    out: list[int | None] = []
    by_core: dict[tuple[str, str | None], int] = {}  # (core, family) → last row above
    by_label: dict[str, int] = {}
    last_whole: int | None = None  # the last row that is neither a part nor a level
    for row in rows:
        if not row.explicit_part or row.continuation_of is not None:
            out.append(None)
        else:
            core = row.core
            ends_with = [
                by_core[key]
                for n in range(1, len(core))  # proper suffixes: a row is not its own whole
                if (key := (core[n:], row.family)) in by_core
            ]
            parent_label = table.rows[row.index].parent
            if ends_with:
                out.append(max(ends_with))
            elif parent_label and parent_label in by_label:
                out.append(by_label[parent_label])
            else:
                out.append(last_whole)
        if row.continuation_of is None:
            if row.core:
                by_core[(row.core, row.family)] = row.index
            by_label[row.label] = row.index
            if not row.explicit_part and row.level is None:
                last_whole = row.index
    return out


def _continuation_parent(rows: list[RowInfo], row: RowInfo) -> RowInfo:
    """A continuation row of a part belongs to the whole's continuation row in the same unit."""
    if row.continuation_of is None:
        return row
    base = rows[row.continuation_of]
    whole = base.parent_index
    if whole is None:
        return replace(row, explicit_part=base.explicit_part)
    for r in rows[whole + 1 :]:
        if r.continuation_of == whole and r.unit == row.unit:
            return replace(row, explicit_part=base.explicit_part, parent_index=r.index)
    return replace(row, explicit_part=base.explicit_part)


def _with_level_parents(rows: list[RowInfo], onto: IndicatorOntology) -> list[RowInfo]:
    """Level rows (国家级/省级/校级) grouped under the total above them."""
    out = list(rows)
    group_parent: int | None = None
    seen_levels: set[str] = set()
    for r in rows:
        if r.level is None:
            if r.number and group_parent is not None:
                group_parent, seen_levels = None, set()
            continue
        if group_parent is None or r.level in seen_levels or rows[group_parent].family != r.family:
            group_parent = _level_total(rows, r, onto)
            seen_levels = set()
        seen_levels.add(r.level)
        out[r.index] = replace(r, level_parent_index=group_parent)
    return out


def _level_total(rows: list[RowInfo], level_row: RowInfo, onto: IndicatorOntology) -> int | None:
    for r in reversed(rows[: level_row.index]):
        if r.level is not None or r.continuation_of is not None or onto.is_level_sub_row(r.label):
            continue
        if r.family == level_row.family:
            return r.index
    return None


def cell_observations(
    table: Table, info: TableInfo, onto: IndicatorOntology, report_year: str | None
) -> list[Observation]:
    title_year = _single_year(table.title)
    out: list[Observation] = []
    has_period_columns = any(
        c.period or is_period_label(c.col) for r in table.rows for c in r.cells
    )
    for i, row in enumerate(table.rows):
        row_info = info.rows[i] if info.rows else None
        for j, cell in enumerate(row.cells):
            if cell.value is None:
                continue
            unit = cell.unit or row.unit or table.caption_unit
            if info.periods_in_rows:
                label, period = cell.col, period_year(row.period or row.label, report_year)
                indicator_column = True
            else:
                label = row_info.label if row_info else row.label
                period_text = cell.period or (cell.col if is_period_label(cell.col) else None)
                period = period_year(period_text, report_year)
                indicator_column = period_text is not None or (
                    not has_period_columns and _generic_column(cell.col, onto)
                )
                if period is None and (indicator_column or not has_period_columns):
                    period = title_year or report_year
                if not indicator_column:
                    label = f"{label}/{cell.col}"
            match = onto.lookup(label, unit) if indicator_column else None
            # (not in a table titled with another year than the report's: historical, or
            # mislabelled, which the period checks report)
            if (
                match is None
                and _grand_total(row, has_period_columns)
                and title_year in (None, report_year)
            ):
                # the 合计 row of a table of categories (培训类别 × 项目数/人次/学时): each
                # of its cells is the whole of its column's indicator, 培训学时 21580
                unit = unit or bracketed_unit(cell.col)
                match = onto.lookup(cell.col, unit)
                if match is not None and unit is None and match.indicator.units:
                    unit = match.indicator.units[0]  # 培训学时 counts 学时
            if (
                match
                and row_info
                and row_info.explicit_part
                and not _fits_parent(match, row_info, info, onto)
            ):
                match = None
            out.append(_cell_observation(table, info, i, j, label, period, unit, match, onto))
    return out


def _grand_total(row: Row, has_period_columns: bool) -> bool:
    return (
        row.kind == "total"
        and not has_period_columns
        and lexicon().total_label.search(row.label) is not None
    )


def _fits_parent(match: Match, row: RowInfo, info: TableInfo, onto: IndicatorOntology) -> bool:
    """A 其中 row keeps a canonical only if the ontology makes it a part of the row above it."""
    if row.parent_index is None:
        return False
    parent = onto.lookup(info.rows[row.parent_index].label, info.rows[row.parent_index].unit)
    return parent is not None and onto.related(match.indicator.id, parent.indicator.id)


def _generic_column(col: str, onto: IndicatorOntology) -> bool:
    return regex.sub(r"\s+", "", col) in onto.generic_value_columns


def _single_year(text: str) -> str | None:
    years = set(YEAR.findall(unicodedata.normalize("NFKC", text)))
    return years.pop() if len(years) == 1 else None


def _cell_observation(
    table: Table,
    info: TableInfo,
    i: int,
    j: int,
    label: str,
    period: str | None,
    unit: str | None,
    match: Match | None,
    onto: IndicatorOntology,
) -> Observation:
    row = table.rows[i]
    cell = row.cells[j]
    assert cell.value is not None
    unit_info = onto.unit(unit)
    factor = unit_info.factor if unit_info else Decimal(1)
    terms = ratio_terms(cell.text)
    decimals = decimals_of_value(cell.text, cell.value, terms)
    return Observation(
        source="cell",
        label=label,
        key=indicator_key(label),
        canonical=match.indicator.id if match else None,
        near=bool(match and match.near),
        period=period,
        value=cell.value * factor,
        quantum=Decimal(1).scaleb(-decimals) * factor,
        printed=f"{cell.text.strip()}{'' if unit in (None, 'ratio') or cell.text.strip().endswith(unit) else unit}",
        unit=unit,
        family=unit_info.family if unit_info else None,
        table=table.id,
        row=row.label if row.label.strip() else label,
        col=cell.col,
        row_index=i,
        col_index=j,
        start=cell.start,
        end=cell.end,
        report_scope=info.report_scope,
        ratio_terms=terms,
    )
