"""Tables: where they are in the text (``find_table_blocks``, called by the structure
stage) and what they hold (``parse_tables``: header, rows, typed cells, units, periods)."""

from __future__ import annotations

import regex

from nianbao.data import Caption, CleanDoc, Layout, Table, TableBlock
from nianbao.layout.table_blocks import read_block_rows
from nianbao.layout.table_lines import CellSpan
from nianbao.tables.annex import annex_kind_of_title, infer_annex_kind
from nianbao.tables.grid import build_grid
from nianbao.tables.rows import build_rows

# How far above a table its caption may be printed (blank, 名称, 单位 and repeated
# caption lines in between), and how far below when it is printed under the table.
_HEADING_NUMBER = regex.compile(
    r"^[\s#*]*(?:[0-9０-９]+(?:[.．][0-9０-９]+)*[.．、]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])\s*"
)
_UNTITLED = "未命名表格"


def parse_tables(doc: CleanDoc, layout: Layout) -> tuple[Table, ...]:
    """Read every table block of ``layout``: ids ``T1``, ``T2`` … in document order."""
    tables: list[Table] = []
    for block in sorted(layout.table_blocks, key=lambda b: b.start):
        table = _parse_block(doc.text, block, layout, f"T{len(tables) + 1}")
        if table is not None:
            tables.append(table)
    return tuple(tables)


def _parse_block(text: str, block: TableBlock, layout: Layout, table_id: str) -> Table | None:
    body_start = block.body_start if block.body_start is not None else block.start
    body_end = (
        block.end
        if block.caption is None or block.caption.start < body_start
        else block.caption.start
    )
    raw_rows = read_block_rows(text, block.layout, body_start, body_end)
    caption = block.caption
    if len(raw_rows) == 1 and caption is not None:
        return _empty_template(raw_rows[0], block, caption, table_id)
    if len(raw_rows) < 2:
        return None
    caption_unit = caption.unit if caption else None
    grid = build_grid(raw_rows)
    rows = build_rows(grid, text, caption_unit)
    annex = (
        annex_kind_of_title(caption.title) if caption else infer_annex_kind([r.label for r in rows])
    )
    if caption is not None:
        title, inferred = caption.title, False
    else:
        title, inferred = (annex.title if annex else _nearby_title(layout, body_start)), True
    return Table(
        id=table_id,
        anchor=caption.anchor if caption else "",
        title=title,
        appendix=annex is not None,
        start=block.start,
        end=block.end,
        columns=grid.names,
        rows=rows,
        layout=block.layout,
        title_inferred=inferred,
        caption_unit=caption_unit,
        annex_kind=annex.kind if annex else None,
    )


def _empty_template(
    header: tuple[CellSpan, ...], block: TableBlock, caption: Caption, table_id: str
) -> Table:
    """A captioned table printed as its header row alone: columns, no rows."""
    annex = annex_kind_of_title(caption.title)
    return Table(
        id=table_id,
        anchor=caption.anchor,
        title=caption.title,
        appendix=annex is not None,
        start=block.start,
        end=block.end,
        columns=tuple(c.text for c in header),
        rows=(),
        layout=block.layout,
        caption_unit=caption.unit,
        annex_kind=annex.kind if annex else None,
    )


def _nearby_title(layout: Layout, start: int) -> str:
    """The title of the section a table without a caption sits in."""
    before = [h for h in layout.headings if h.end <= start]
    if not before:
        return _UNTITLED
    return _HEADING_NUMBER.sub("", before[-1].title).strip() or _UNTITLED


# --- captions -------------------------------------------------------------------
