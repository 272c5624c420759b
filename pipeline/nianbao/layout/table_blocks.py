"""Finding the lines that form tables and reading them into rows of cell spans.

Both ``find_table_blocks`` (where tables are) and ``parse_tables`` (what they hold) read
rows through ``read_block_rows`` so the two stages always agree on a table's rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

import regex

from nianbao.data import Caption, TableBlock, TableLayout
from nianbao.layout.captions import caption_of_line
from nianbao.layout.table_lines import (
    CellSpan,
    TextLine,
    cell_groups,
    cell_line_span,
    group_cells,
    is_continuation,
    join_cells,
    row_cells,
    split_lines,
    text_line_span,
)
from nianbao.text.cells import is_quantity, lexicon, read_value
from nianbao.text.furniture import furniture_lines
from nianbao.text.spans import inside

_ROW_KINDS = ("row", "pipe", "rule")
# Blank lines a tab-row table may hold between two of its rows (page breaks, spacing).
_MAX_INNER_BLANKS = 2
# Cells longer than this on average are running text laid out with tabs, not a table.
_MAX_MEAN_CELL_CHARS = 40


@dataclass(frozen=True, slots=True)
class BlockRows:
    """A candidate table: where its rows are and the rows themselves."""

    layout: TableLayout
    start: int  # start of the first row's line
    end: int  # end of the last cell
    rows: tuple[tuple[CellSpan, ...], ...]


def discover_blocks(text: str) -> list[BlockRows]:
    """Every run of lines in ``text`` that reads as a table, in document order."""
    lines = split_lines(text)
    blocks: list[BlockRows] = []
    i = 0
    while i < len(lines):
        kind = lines[i].kind
        if kind == "cell" and (i == 0 or lines[i - 1].kind in ("blank", "text")):
            stop = _cell_block_end(lines, i)
            blocks += _cell_tables(text, lines[i:stop])
            i = max(stop, i + 1)
        elif kind in ("row", "pipe"):
            stop = _row_block_end(lines, i)
            block = _row_table(text, lines[i:stop])
            if block is not None:
                blocks.append(block)
            i = max(stop, i + 1)
        else:
            i += 1
    return [b for b in blocks if looks_like_table(b)]


def native_block(text: str, start: int, end: int) -> BlockRows:
    """A table whose rows and cells came from the file's own structure (docx, pdf),
    rendered one row per line with tab-separated cells: read as is, no heuristics."""
    rows: list[list[CellSpan]] = []
    line_start = start
    furniture = furniture_lines(text)
    for line in text[start:end].split("\n"):
        if line.strip() and line_start not in furniture:
            cells, cell_start = [], line_start
            for raw in line.split("\t"):
                lead = len(raw) - len(raw.lstrip())
                stripped = raw.strip()
                cells.append(
                    CellSpan(stripped, cell_start + lead, cell_start + lead + len(stripped))
                )
                cell_start += len(raw) + 1
            rows.append(cells)
        line_start += len(line) + 1
    return _block("native", text, rows) if rows else BlockRows("native", start, start, ())


def read_block_rows(
    text: str, layout: TableLayout, start: int, end: int
) -> list[tuple[CellSpan, ...]]:
    """The rows of a block found earlier (``start`` begins its first row's line)."""
    if layout == "native":
        return list(native_block(text, start, end).rows)
    lines = split_lines(text, start, end)
    if layout == "cell_per_line":
        tables = _cell_tables(text, lines)
        return list(tables[0].rows) if tables else []
    block = _row_table(text, lines)
    if block is None:  # a header row alone: an empty template
        return [tuple(row_cells(text, line)) for line in lines if line.kind in _ROW_KINDS][:1]
    return list(block.rows)


def looks_like_table(block: BlockRows) -> bool:
    """At least a header and a row of two or more cells, short cells, some number."""
    rows = block.rows
    wide = [r for r in rows if sum(1 for c in r if c.text) >= 2]
    if len(rows) < 2 or len(wide) < 2:
        return False
    cells = [c for r in rows for c in r if c.text]
    if sum(len(c.text) for c in cells) / len(cells) > _MAX_MEAN_CELL_CHARS:
        return False
    if _looks_like_toc(rows):
        return False
    return any(read_value(c.text)[0] is not None for r in rows[1:] for c in r)


def _looks_like_toc(rows: tuple[tuple[CellSpan, ...], ...]) -> bool:
    """Entries ``title<TAB>page``: two filled cells, the last a small page number, and the
    page numbers never fall (a two-column table of counts, 升学 568 / 就业 412, does)."""
    pages = []
    for row in rows:
        filled = [c.text for c in row if c.text]
        if len(filled) == 2 and filled[1].isdigit() and len(filled[1]) <= 3:
            pages.append(int(filled[1]))
    rising = all(a <= b for a, b in pairwise(pages))
    return len(pages) >= 0.8 * len(rows) and rising and all(len(r) <= 2 for r in rows)


# --- one cell per line (Word export) ------------------------------------------------


def _cell_block_end(lines: list[TextLine], i: int) -> int:
    """Index after the last line of a Word-export table starting at ``lines[i]``."""
    j = i
    sizes: list[int] = []
    while j < len(lines):
        size = 0
        while j < len(lines) and lines[j].kind != "blank":
            line = lines[j]
            if line.kind == "cell":
                size += 1
            elif not (size and is_continuation(line)):
                return j
            j += 1
        sizes.append(size)
        k = j
        while k < len(lines) and lines[k].kind == "blank":
            k += 1
        if k >= len(lines) or lines[k].kind != "cell":
            return j
        if k - j > 1 and _next_group_size(lines, k) != Counter(sizes).most_common(1)[0][0]:
            return j
        j = k
    return j


def _next_group_size(lines: list[TextLine], k: int) -> int:
    size = 0
    while k < len(lines) and lines[k].kind != "blank":
        size += lines[k].kind == "cell"
        k += 1
    return size


def _cell_tables(text: str, lines: list[TextLine]) -> list[BlockRows]:
    """Rows of a Word-export region; a row that runs into the next table's header (no
    blank line between them: cells without quantities past the header width) is cut
    there, and the rest starts a new table."""
    tables: list[list[list[CellSpan]]] = []
    current: list[list[CellSpan]] = []
    width = 0
    for group in cell_groups(lines):
        if group[0].kind != "cell":
            break
        cells = group_cells(text, group, width or sum(1 for g in group if g.kind == "cell"))
        if not width:
            if len(cells) >= 2:
                width, current = len(cells), [cells]
            continue
        if len(cells) >= width + 2 and not any(is_quantity(c.text) for c in cells[width:]):
            current.append(cells[:width])
            tables.append(current)
            current, width = [cells[width:]], len(cells) - width
        else:
            current.append(cells)
    if current:
        tables.append(current)
    return [_block("cell_per_line", text, rows) for rows in tables]


# --- one row per line (PDF / markdown export) ---------------------------------------


def _row_block_end(lines: list[TextLine], i: int) -> int:
    """Index after the last line of a tab- or pipe-row table starting at ``lines[i]``."""
    j = i
    while j < len(lines):
        line = lines[j]
        if line.kind in _ROW_KINDS or (line.kind == "cell" and lines[j - 1].kind in _ROW_KINDS):
            j += 1
        elif is_continuation(line) and j + 1 < len(lines) and lines[j + 1].kind in _ROW_KINDS:
            j += 1
        elif line.kind in ("blank", "furniture"):
            # A page break (its number and running title) may fall anywhere in a table;
            # otherwise only a few blank lines may stand between two rows.
            k = j
            while k < len(lines) and lines[k].kind in ("blank", "furniture"):
                k += 1
            page_break = any(lines[m].kind == "furniture" for m in range(j, k))
            too_far = k - j > _MAX_INNER_BLANKS and not page_break
            if too_far or k >= len(lines) or lines[k].kind not in _ROW_KINDS:
                return j
            j = k
        else:
            return j
    return j


def _row_table(text: str, lines: list[TextLine]) -> BlockRows | None:
    rows: list[list[CellSpan]] = []
    for line in lines:
        if line.kind in ("row", "pipe", "cell"):
            cells = row_cells(text, line)
            if rows and _wraps_cell_above(cells, rows[-1]):
                rows[-1] = _joined_fragment(rows[-1], cells)
                continue
            rows.append(cells)
        elif line.kind == "text" and rows:
            rows[-1] = _with_wrapped_text(rows[-1], text_line_span(text, line))
    if len(rows) < 2:
        return None
    layout: TableLayout = "tab_rows"
    return _block(layout, text, rows)


# The longest fragment of a cell that a PDF export wraps onto a line of its own.
_MAX_WRAPPED_FRAGMENT = 8


def _wraps_cell_above(cells: list[CellSpan], above: list[CellSpan]) -> bool:
    """A row with one short text fragment under a text cell of the row above, and
    nothing else (``\t\t修\t\t`` under ``新能源汽车运用与维``): the rest of that cell."""
    filled = [i for i, c in enumerate(cells) if c.text]
    if len(filled) != 1 or filled[0] == 0 or filled[0] >= len(above):
        return False
    fragment, upper = cells[filled[0]].text, above[filled[0]].text
    return (
        len(fragment) <= _MAX_WRAPPED_FRAGMENT
        and len(fragment) < len(upper)
        and read_value(fragment)[0] is None
        and read_value(upper)[0] is None
    )


def _joined_fragment(above: list[CellSpan], cells: list[CellSpan]) -> list[CellSpan]:
    i = next(i for i, c in enumerate(cells) if c.text)
    return [join_cells(c, cells[i]) if k == i else c for k, c in enumerate(above)]


def _with_wrapped_text(row: list[CellSpan], rest: CellSpan) -> list[CellSpan]:
    """A wrapped line without separators continues the row's longest text cell."""
    texts = [i for i, c in enumerate(row) if c.text and read_value(c.text)[0] is None]
    if not texts:
        return row
    target = max(texts, key=lambda i: len(row[i].text))
    return [join_cells(c, rest) if i == target else c for i, c in enumerate(row)]


def _block(layout: TableLayout, text: str, rows: list[list[CellSpan]]) -> BlockRows:
    spans = [c for r in rows for c in r if c.text] or [c for r in rows for c in r]
    first = min(c.start for c in spans)
    line_start = text.rfind("\n", 0, first) + 1
    return BlockRows(layout, line_start, max(c.end for c in spans), tuple(tuple(r) for r in rows))


_CAPTION_LINES_ABOVE = 8
_CAPTION_LINES_BELOW = 2
_TEMPLATE_LOOKAHEAD = 80  # lines: a Word-export header prints one cell per line


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
    natives = _joined_across_pages(text, [b for b in natives if b.rows])
    found = [
        b
        for b in discover_blocks(text)
        if not _is_toc(b, excluded)
        and not any(b.start < n.end and n.start < b.end for n in natives)
    ]
    table_captions = [c for c in captions if c.kind == "table" and not inside(c.start, excluded)]
    found = sorted([*found, *natives], key=lambda b: b.start)
    found = sorted([*found, *_empty_templates(text, table_captions, found)], key=lambda b: b.start)
    blocks: list[TableBlock] = []
    for i, body in enumerate(found):
        floor = found[i - 1].end if i else 0
        caption, start = _caption_above(text, body.start, floor, table_captions)
        end = body.end
        if caption is None:
            ceiling = found[i + 1].start if i + 1 < len(found) else len(text)
            caption = _caption_below(text, body.end, ceiling, table_captions, found)
            end = caption.end if caption else end
        blocks.append(TableBlock(start, end, body.layout, caption, body.start))
    return tuple(blocks)


def _empty_templates(text: str, captions: list[Caption], found: list[BlockRows]) -> list[BlockRows]:
    """Tables printed as a header row under their caption and nothing else (a template left
    empty): a caption whose next line is a row of two or more text cells, no quantity, that
    no table found already covers."""
    out = []
    for caption in captions:
        line_end = text.find("\n", caption.end)
        if line_end < 0:
            continue
        following = split_lines(text, line_end + 1, _line_ends_after(text, line_end + 1))
        lines = [line for line in following if line.kind != "blank"][:2]
        if not lines or any(b.start <= lines[0].start < b.end for b in found):
            continue
        layout: TableLayout
        if lines[0].kind == "row":
            layout = "tab_rows"
            cells = row_cells(text, lines[0])
            rows_follow = len(lines) > 1 and lines[1].kind in _ROW_KINDS
        elif lines[0].kind == "cell":  # Word export: the header's cells, one per line
            groups = list(cell_groups(following))
            groups = [g for g in groups if g]
            layout = "cell_per_line"
            cells = [cell_line_span(text, line) for line in groups[0] if line.kind == "cell"]
            rows_follow = len(groups) > 1 and groups[1][0].kind == "cell"
        else:
            continue
        filled = [c for c in cells if c.text]
        if len(filled) < 2 or any(is_quantity(c.text) for c in filled) or rows_follow:
            continue  # not a header, or rows follow: a table the reader did not take
        out.append(_block(layout, text, [cells]))
    return out


def _line_ends_after(text: str, start: int, lines: int = _TEMPLATE_LOOKAHEAD) -> int:
    """Where the ``lines``-th line after ``start`` ends: what a header and the start of the
    rows below it can take, so each caption reads a bounded stretch, not the rest of the text."""
    end = start
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def _joined_across_pages(text: str, blocks: list[BlockRows]) -> list[BlockRows]:
    """Native tables the file cut at a page break, as one: two tables of the same width with
    nothing but page furniture (a page number, the running title) and blank lines between.
    The second part's repeated header, if any, is a row the grid drops."""
    furniture = furniture_lines(text)
    out: list[BlockRows] = []
    for block in blocks:
        if (
            out
            and _width(out[-1]) == _width(block)
            and _only_furniture(text, out[-1].end, block.start, furniture)
        ):
            merged = native_block(text, out[-1].start, block.end)
            out[-1] = BlockRows("native", out[-1].start, block.end, merged.rows)
        else:
            out.append(block)
    return out


def _width(block: BlockRows) -> int:
    return max((len(r) for r in block.rows), default=0)


def _only_furniture(text: str, start: int, end: int, furniture: frozenset[int]) -> bool:
    line_start = text.rfind("\n", 0, start) + 1 if start else 0
    for line in split_lines(text, line_start, end)[1:]:
        if line.text.strip() and line.start not in furniture:
            return False
    return True


def _caption_above(
    text: str, body_start: int, floor: int, captions: list[Caption]
) -> tuple[Caption | None, int]:
    """The caption printed above a table (the nearest of identical repeated ones) and
    where the table starts: the first of the repeated caption lines."""
    chosen: Caption | None = None
    start = body_start
    unit: str | None = None
    furniture = furniture_lines(text)  # a caption at the foot of the page before the table
    subtitled = False
    for line_start, line in _lines_up(text, body_start, floor, _CAPTION_LINES_ABOVE):
        core = line.strip(" \t\u3000*#")
        if not core or line_start in furniture:
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
        if chosen is None and not subtitled and _subtitle(core):
            subtitled = True  # （按培训类别统计） between the caption and its table
            continue
        break
    if chosen is not None and chosen.unit is None and unit is not None:
        chosen = replace(chosen, unit=unit)
    return chosen, start


_MAX_SUBTITLE = 30


def _subtitle(core: str) -> bool:
    """A short line that is no sentence: a subtitle under a caption."""
    return (
        len(core) <= _MAX_SUBTITLE
        and "\t" not in core
        and not regex.search(r"[。；！？，,;]", core)
    )


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
