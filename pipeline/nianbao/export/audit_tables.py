"""Tables of a record as HTML: the whole table, or only the cited rows, cited cells marked.

A cell is addressed by its position (row index, cell index), found from its offsets by
``DocumentIndex.locate_cell``; the printed row label is shown, never used to find a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nianbao.export.audit_locate import CellAt
from nianbao.export.audit_text import escape

Record = dict[str, Any]
_EXCERPT_MAX_COLUMNS = 8  # wider tables show only the cited columns in a finding


@dataclass(frozen=True, slots=True)
class Grid:
    """How a table's rows line up under one header row."""

    number_header: str | None  # the 序号 column, None when no row is numbered
    label_header: str
    unit_header: str | None  # None when no row has a unit
    columns: tuple[str, ...]  # the value columns, in printed order
    placement: tuple[tuple[int, ...], ...]  # rows[r].cells[c] sits in columns[placement[r][c]]


def table_grid(table: Record) -> Grid:
    rows = table.get("rows") or []
    widest: Record = max(rows, key=lambda r: len(r.get("cells") or []), default={})
    columns = [c.get("col", "") for c in widest.get("cells") or []]
    for row in rows:
        for cell in row.get("cells") or []:
            if cell.get("col", "") not in columns:
                columns.append(cell.get("col", ""))
    placement = tuple(_place_row(row, columns) for row in rows)
    has_number = any(r.get("number") for r in rows)
    has_unit = any(r.get("unit") for r in rows)
    leading = [c for c in table.get("columns") or [] if c not in columns]
    if len(leading) == 1 + has_number + has_unit:
        number = leading.pop(0) if has_number else None
        label = leading.pop(0)
        unit = leading.pop(0) if has_unit else None
    else:
        number = "序号" if has_number else None
        label = leading[1 if has_number and len(leading) > 1 else 0] if leading else "项目"
        unit = "单位" if has_unit else None
    return Grid(number, label, unit, tuple(columns), placement)


def _place_row(row: Record, columns: list[str]) -> tuple[int, ...]:
    """Each cell under the next column of its name, so repeated column names keep order."""
    out: list[int] = []
    pointer = 0
    for cell in row.get("cells") or []:
        col = cell.get("col", "")
        j = next((j for j in range(pointer, len(columns)) if columns[j] == col), None)
        if j is None:
            j = next(j for j in range(len(columns)) if columns[j] == col)
        out.append(j)
        pointer = j + 1
    return tuple(out)


def caption(table: Record) -> str:
    return " ".join(x for x in (table.get("anchor"), table.get("title")) if x) or table["id"]


def render_table(table: Record, dom_id: str, cited: dict[CellAt, list[str]]) -> str:
    """The whole table; each cited cell gets an id ``{dom_id}-r{row}-c{cell}`` and the ids
    of the findings citing it."""
    grid = table_grid(table)
    everything = list(range(len(grid.columns)))
    body = "".join(
        _row_html(table, grid, ri, everything, cited, dom_id)
        for ri in range(len(table.get("rows") or []))
    )
    return (
        f"<div class='scroll'><table class='tbl' id='{escape(dom_id)}'>"
        f"<caption>{escape(caption(table))}</caption>"
        f"<thead>{_header(grid, everything)}</thead><tbody>{body}</tbody></table></div>"
    )


def render_excerpt(table: Record, cells: list[CellAt]) -> str:
    """Only the cited rows (in table order, ⋯ where rows are skipped); a wide table shows
    only its cited columns."""
    grid = table_grid(table)
    rows = sorted({c.row for c in cells})
    marked: dict[CellAt, list[str]] = {c: [] for c in cells}
    shown = list(range(len(grid.columns)))
    if len(grid.columns) > _EXCERPT_MAX_COLUMNS:
        shown = sorted({grid.placement[c.row][c.cell] for c in cells})
    width = len(shown) + 1 + (grid.number_header is not None) + (grid.unit_header is not None)
    out = []
    for k, ri in enumerate(rows):
        if ri > (rows[k - 1] + 1 if k else 0):
            out.append(f"<tr class='gap'><td colspan='{width}'>⋯</td></tr>")
        out.append(_row_html(table, grid, ri, shown, marked, None))
    if rows and rows[-1] < len(table.get("rows") or []) - 1:
        out.append(f"<tr class='gap'><td colspan='{width}'>⋯</td></tr>")
    return (
        f"<div class='scroll'><table class='tbl excerpt'><thead>{_header(grid, shown)}</thead>"
        f"<tbody>{''.join(out)}</tbody></table></div>"
    )


def _header(grid: Grid, shown: list[int]) -> str:
    lead = [grid.number_header, grid.label_header, grid.unit_header]
    cells = [f"<th>{escape(h)}</th>" for h in lead if h is not None]
    cells += [f"<th>{escape(grid.columns[j])}</th>" for j in shown]
    return f"<tr>{''.join(cells)}</tr>"


def _row_html(
    table: Record,
    grid: Grid,
    ri: int,
    shown: list[int],
    cited: dict[CellAt, list[str]],
    dom_id: str | None,
) -> str:
    """One row; kept lean (no class on a plain row, its index only where a cell is cited),
    since a document view holds every row of every table."""
    row = table["rows"][ri]
    by_column = {j: ci for ci, j in enumerate(grid.placement[ri])}
    parts = []
    if grid.number_header is not None:
        parts.append(f"<td>{escape(row.get('number') or '')}</td>")
    parts.append(f"<th>{escape(row.get('label') or '')}</th>")
    if grid.unit_header is not None:
        parts.append(f"<td>{escape(row.get('unit') or '')}</td>")
    any_cited = False
    for j in shown:
        ci = by_column.get(j)
        if ci is None:
            parts.append("<td></td>")
            continue
        text = escape(row["cells"][ci].get("text", ""))
        at = CellAt(ri, ci)
        if at not in cited:
            parts.append(f"<td>{text}</td>")
            continue
        any_cited = True
        dom = f" id='{escape(dom_id)}-r{ri}-c{ci}'" if dom_id else ""
        by = f" data-findings='{escape(' '.join(cited[at]))}'" if cited[at] else ""
        parts.append(f"<td class='cited'{dom}{by}>{text}</td>")
    kind = row.get("kind") or "data"
    attrs = f" class='{escape(kind)}'" if kind != "data" else ""
    if any_cited or dom_id is None:
        attrs += f" data-row='{ri}'"
    return f"<tr{attrs}>{''.join(parts)}</tr>"
