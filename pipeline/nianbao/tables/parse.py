"""Tables: where they are in the text (``find_table_blocks``, called by the structure
stage) and what they hold (``parse_tables``: header, rows, typed cells, units, periods)."""

from __future__ import annotations

from dataclasses import replace

import regex

from nianbao.data import Caption, CleanDoc, Layout, Table, TableBlock
from nianbao.layout.captions import caption_of_line
from nianbao.tables.annex import annex_kind_of_title, infer_annex_kind
from nianbao.tables.blocks import BlockRows, discover_blocks, native_block, read_block_rows
from nianbao.tables.cells import lexicon
from nianbao.tables.grid import build_grid
from nianbao.tables.rows import build_rows
from nianbao.text.spans import inside

# How far above a table its caption may be printed (blank, 名称, 单位 and repeated
# caption lines in between), and how far below when it is printed under the table.
_CAPTION_LINES_ABOVE = 8
_CAPTION_LINES_BELOW = 2
_HEADING_NUMBER = regex.compile(
    r"^[\s#*]*(?:[0-9０-９]+(?:[.．][0-9０-９]+)*[.．、]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])\s*"
)
_UNTITLED = "未命名表格"


def find_table_blocks(
    text: str,
    captions: tuple[Caption, ...],
    excluded: tuple[tuple[int, int], ...],
    native: tuple[tuple[int, int], ...] = (),
) -> tuple[TableBlock, ...]:
    """Every table in ``text`` with its caption; tables inside ``excluded`` (tables of
    contents) are left out. A block's ``start`` is its caption's when it has one.

    ``native`` spans are tables the file itself delimits (docx, pdf): they are taken as
    they are, and nothing found by reading the text may overlap them.
    """
    natives = [native_block(text, s, e) for s, e in native]
    natives = [b for b in natives if b.rows]
    found = [
        b
        for b in discover_blocks(text)
        if not _is_toc(b, excluded)
        and not any(b.start < n.end and n.start < b.end for n in natives)
    ]
    found = sorted([*found, *natives], key=lambda b: b.start)
    native_index = {(s, e): i for i, (s, e) in enumerate(native)}
    table_captions = [c for c in captions if c.kind == "table" and not inside(c.start, excluded)]
    blocks: list[TableBlock] = []
    for i, body in enumerate(found):
        floor = found[i - 1].end if i else 0
        caption, start = _caption_above(text, body.start, floor, table_captions)
        end = body.end
        if caption is None:
            ceiling = found[i + 1].start if i + 1 < len(found) else len(text)
            caption = _caption_below(text, body.end, ceiling, table_captions, found)
            end = caption.end if caption else end
        index = next((i for (s, e), i in native_index.items() if s <= body.start < e), None)
        blocks.append(
            TableBlock(
                start,
                end,
                body.layout,
                caption,
                index if body.layout == "native" else None,
                body.start,
            )
        )
    return tuple(blocks)


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
    if len(raw_rows) < 2:
        return None
    caption = block.caption
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


def _nearby_title(layout: Layout, start: int) -> str:
    """The title of the section a table without a caption sits in."""
    before = [h for h in layout.headings if h.end <= start]
    if not before:
        return _UNTITLED
    return _HEADING_NUMBER.sub("", before[-1].title).strip() or _UNTITLED


# --- captions -------------------------------------------------------------------


def _caption_above(
    text: str, body_start: int, floor: int, captions: list[Caption]
) -> tuple[Caption | None, int]:
    """The caption printed above a table (the nearest of identical repeated ones) and
    where the table starts: the first of the repeated caption lines."""
    chosen: Caption | None = None
    start = body_start
    unit: str | None = None
    for line_start, line in _lines_up(text, body_start, floor, _CAPTION_LINES_ABOVE):
        core = line.strip(" \t\u3000*#")
        if not core:
            continue
        caption = _caption_at(captions, line_start, line_start + len(line))
        if caption is not None:
            if chosen is not None and _key(caption) != _key(chosen):
                break
            chosen = chosen or caption
            start = caption.start
            continue
        unit_line = lexicon().unit_line.match(core)
        if unit_line:
            unit = unit or unit_line.group("unit")
            continue
        if lexicon().meta_line.match(core):
            continue
        break
    if chosen is not None and chosen.unit is None and unit is not None:
        chosen = replace(chosen, unit=unit)
    return chosen, start


def _caption_below(
    text: str, body_end: int, ceiling: int, captions: list[Caption], blocks: list[BlockRows]
) -> Caption | None:
    """A caption printed under a table, unless it is the caption of the next table."""
    line_start = text.find("\n", body_end)
    seen = 0
    while 0 <= line_start < ceiling and seen < _CAPTION_LINES_BELOW:
        line_start += 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:line_end].strip():
            seen += 1
            caption = _caption_at(captions, line_start, line_end)
            if caption is not None and not _introduces_table(text, caption, blocks):
                return caption
        line_start = line_end
    return None


def _introduces_table(text: str, caption: Caption, blocks: list[BlockRows]) -> bool:
    following = [b for b in blocks if b.start >= caption.end]
    if not following:
        return False
    between = text[caption.end : following[0].start]
    return all(
        not line.strip() or caption_of_line(line, 0) or lexicon().meta_line.match(line.strip())
        for line in between.split("\n")
    )


def _lines_up(text: str, start: int, floor: int, limit: int) -> list[tuple[int, str]]:
    """Up to ``limit`` non-blank lines above ``start`` (nearest first), not above ``floor``."""
    out: list[tuple[int, str]] = []
    end = start - 1
    non_blank = 0
    while end >= floor and non_blank < limit:
        line_start = text.rfind("\n", 0, end) + 1
        if line_start < floor:
            break
        line = text[line_start:end]
        out.append((line_start, line))
        non_blank += bool(line.strip())
        end = line_start - 1
    return out


def _caption_at(captions: list[Caption], start: int, end: int) -> Caption | None:
    for caption in captions:
        if start <= caption.start < end or (caption.start <= start and end <= caption.end):
            return caption
    return None


def _key(caption: Caption) -> tuple[str, str]:
    return "".join(caption.anchor.split()), "".join(caption.title.split())


def _is_toc(block: BlockRows, excluded: tuple[tuple[int, int], ...]) -> bool:
    """A block lying wholly in a table of contents, two cells wide (entry and page)."""
    starts = [r[0].start for r in block.rows if r]
    narrow = all(sum(1 for c in r if c.text) <= 2 for r in block.rows)
    return narrow and all(inside(s, excluded) for s in starts)
