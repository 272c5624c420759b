"""Reading table text into raw rows of cell spans, for the two text layouts of tables:
one cell per line (Word export) and one row per line with tab or pipe separators."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from nianbao.layout.captions import caption_of_line
from nianbao.text.furniture import furniture_lines

# ``furniture``: a page number or running header (layout/furniture.py), never a row.
LineKind = Literal["blank", "cell", "row", "pipe", "rule", "text", "furniture"]

# A dot leader or a tab followed by a page number ends a table-of-contents entry.
_TOC_LEADER = regex.compile(r"(?:[.．·…。]{3,}|…{2,})\s*\t?\s*(?:\d{1,3}|[ivxlcIVXLC]{1,6})\s*$")
_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SPACES = " \u3000\u00a0"
# A wrapped cell's next line: short, and not a sentence of running text.
_CONTINUATION_MAX = 40
_SENTENCE_END = regex.compile(r"[。！？；]\s*$")
# A tab-led line that reads as a sentence (long, with a comma, ending a sentence) is a
# paragraph the Word export indented with a tab, not a table cell.
_RUNNING_TEXT_MIN = 30
_RUNNING_TEXT_END = regex.compile(r"[。！？][”’」』）)]*\s*$")
_CLAUSE_BREAK = regex.compile(r"[，,；;]")


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of the document (without its newline) and how it looks."""

    start: int
    end: int
    text: str
    kind: LineKind


@dataclass(frozen=True, slots=True)
class CellSpan:
    """The text of one cell: ``text`` joins wrapped lines; ``start``/``end`` cover it all."""

    text: str
    start: int
    end: int
    indent: int = 0  # spaces printed before the text (level rows)


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[TextLine]:
    """The lines of ``text[start:end]`` with their kinds; ``start`` must begin a line."""
    stop = len(text) if end is None else end
    furniture = furniture_lines(text)
    lines: list[TextLine] = []
    offset = start
    while offset <= stop:
        newline = text.find("\n", offset, stop)
        line_end = stop if newline < 0 else newline
        line = text[offset:line_end]
        kind = "furniture" if offset in furniture else line_kind(line)
        lines.append(TextLine(offset, line_end, line, kind))
        if newline < 0:
            break
        offset = newline + 1
    return lines


def line_kind(line: str) -> LineKind:
    """``cell``: one tab-led cell (Word); ``row``/``pipe``: a row of cells; else text."""
    if not line.strip():
        # A lone tab is an empty cell of a Word-export table, not a blank line.
        return "cell" if "\t" in line else "blank"
    if _TOC_LEADER.search(line):
        return "text"
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return "rule" if _PIPE_RULE.match(stripped) else "pipe"
    unindented = line.lstrip(_SPACES)
    if unindented.startswith("\t"):
        body = unindented.strip("\t")
        if "\t" in body:
            return "row"
        return "text" if is_running_text(body) else "cell"
    if "\t" in line and sum(1 for part in line.split("\t") if part.strip()) >= 2:
        return "row"
    return "text"


def is_running_text(text: str) -> bool:
    """A sentence of running text: long, broken by commas, ending in 。！？."""
    core = text.strip(_SPACES + "\t")
    return (
        len(core) >= _RUNNING_TEXT_MIN
        and bool(_RUNNING_TEXT_END.search(core))
        and bool(_CLAUSE_BREAK.search(core))
    )


def is_continuation(line: TextLine) -> bool:
    """A short text line that can be the wrapped rest of a cell."""
    # A caption is never a wrapped cell: it belongs to the table that follows it.
    text = line.text.strip()
    return (
        line.kind == "text"
        and 0 < len(text) <= _CONTINUATION_MAX
        and not _SENTENCE_END.search(text)
        and caption_of_line(line.text, line.start) is None
    )


def cell_span(text: str, start: int, end: int) -> CellSpan | None:
    """The stripped span of ``text[start:end]``; ``None`` when it is only whitespace."""
    piece = text[start:end]
    stripped_left = piece.lstrip(_SPACES + "\t")
    if not stripped_left.strip():
        return None
    indent = len(piece) - len(stripped_left)
    left = start + indent
    right = left + len(stripped_left.rstrip(_SPACES + "\t"))
    leading = piece[:indent].replace("\t", "")
    return CellSpan(text[left:right], left, right, len(leading))


def empty_cell(at: int) -> CellSpan:
    return CellSpan("", at, at)


def join_cells(first: CellSpan, second: CellSpan) -> CellSpan:
    """One cell from a cell and its wrapped continuation (line break dropped)."""
    if not first.text:
        return second
    return CellSpan(first.text + second.text, first.start, second.end, first.indent)


def row_cells(text: str, line: TextLine) -> list[CellSpan]:
    """The cells of a tab or pipe row, empty cells included, trailing empties kept."""
    separator = "|" if line.kind == "pipe" else "\t"
    body_start, body_end = line.start, line.end
    if separator == "|":
        inner = line.text.strip()
        body_start = line.start + line.text.index("|") + 1
        body_end = body_start + len(inner) - (2 if inner.endswith("|") else 1)
    else:
        # Spaces before the first tab are export noise, not an empty first cell.
        lead = len(line.text) - len(line.text.lstrip(_SPACES))
        if line.text[lead:].startswith("\t"):
            body_start = line.start + lead
    cells: list[CellSpan] = []
    piece_start = body_start
    for i in range(body_start, body_end + 1):
        if i == body_end or text[i] == separator:
            cells.append(cell_span(text, piece_start, i) or empty_cell(piece_start))
            piece_start = i + 1
    return cells


def cell_line_span(text: str, line: TextLine) -> CellSpan:
    """The single cell of a Word-export line (text after the leading tab)."""
    tab = line.text.index("\t")
    return cell_span(text, line.start + tab + 1, line.end) or empty_cell(line.start + tab + 1)


def text_line_span(text: str, line: TextLine) -> CellSpan:
    return cell_span(text, line.start, line.end) or empty_cell(line.start)


def cell_groups(lines: list[TextLine]) -> Iterator[list[TextLine]]:
    """Runs of non-blank lines (Word export: one run per table row)."""
    group: list[TextLine] = []
    for line in lines:
        if line.kind == "blank":
            if group:
                yield group
            group = []
        else:
            group.append(line)
    if group:
        yield group


def group_cells(text: str, group: list[TextLine], width: int) -> list[CellSpan]:
    """Cells of one Word-export row; a text line continues the cell above unless the row
    would then be short of ``width`` cells, in which case it is a cell of its own."""
    tab_cells = sum(1 for line in group if line.kind == "cell")
    spare = max(0, width - tab_cells)
    cells: list[CellSpan] = []
    for line in group:
        if line.kind == "cell":
            cells.append(cell_line_span(text, line))
        elif spare > 0 or not cells:
            cells.append(text_line_span(text, line))
            spare -= 1
        else:
            cells[-1] = join_cells(cells[-1], text_line_span(text, line))
    return cells
