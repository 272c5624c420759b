"""Finding the lines that form tables and reading them into rows of cell spans.

Both ``find_table_blocks`` (where tables are) and ``parse_tables`` (what they hold) read
rows through ``read_block_rows`` so the two stages always agree on a table's rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from nianbao.data import TableLayout
from nianbao.tables.cells import is_quantity, read_value
from nianbao.tables.lines import (
    CellSpan,
    TextLine,
    cell_groups,
    group_cells,
    is_continuation,
    join_cells,
    row_cells,
    split_lines,
    text_line_span,
)

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
    for line in text[start:end].split("\n"):
        if line.strip():
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
    return list(block.rows) if block else []


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
    """Entries ``title<TAB>page``: two filled cells, the last a small page number."""
    pairs = 0
    for row in rows:
        filled = [c.text for c in row if c.text]
        if len(filled) == 2 and filled[1].isdigit() and len(filled[1]) <= 3:
            pairs += 1
    return pairs >= 0.8 * len(rows) and all(len(r) <= 2 for r in rows)


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
        elif line.kind == "blank":
            k = j
            while k < len(lines) and lines[k].kind == "blank":
                k += 1
            if k - j > _MAX_INNER_BLANKS or k >= len(lines) or lines[k].kind not in _ROW_KINDS:
                return j
            j = k
        else:
            return j
    return j


def _row_table(text: str, lines: list[TextLine]) -> BlockRows | None:
    rows: list[list[CellSpan]] = []
    for line in lines:
        if line.kind in ("row", "pipe", "cell"):
            rows.append(row_cells(text, line))
        elif line.kind == "text" and rows:
            rows[-1] = _with_wrapped_text(rows[-1], text_line_span(text, line))
    if len(rows) < 2:
        return None
    layout: TableLayout = "tab_rows"
    return _block(layout, text, rows)


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
