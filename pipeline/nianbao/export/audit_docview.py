"""The document view: a report's text, once, with what its findings cite highlighted.

Each parsed table stands in its place as an HTML table (the text layer has one cell per
line, which nobody can read), its cited cells marked by position. A table whose range holds
a cited span that is not one of its cells stays as text, so that span can be shown.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import regex

from nianbao.export.audit_citations import (
    Citations,
    cell_dom_id,
    span_id,
    table_dom_id,
    text_view_id,
)
from nianbao.export.audit_locate import DocumentIndex
from nianbao.export.audit_tables import render_table
from nianbao.export.audit_text import escape

# Blank lines left where a converter dropped an image or a page: one is enough on screen.
_BLANK_LINES = regex.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*){2,}")

Record = dict[str, Any]


def render_document_view(index: DocumentIndex, citations: Citations, key: str) -> str:
    text = index.text
    marks = _marks(index, citations, key)
    out: list[str] = []
    at = 0
    for table in _tables_shown_as_tables(index, citations):
        # the table is a block of its own: the line breaks around it would only add space
        out.append(_painted(text, at, _back_over_space(text, at, table["start"]), marks))
        cited = "cited-table" if table["id"] in citations.tables else ""
        rendered = render_table(
            table, table_dom_id(key, table["id"]), citations.cells.get(table["id"], {})
        )
        out.append(f"<div class='intext {cited}'>{rendered}</div>")
        at = _over_space(text, table["end"])
    out.append(_painted(text, at, len(text), marks))
    # Inside <noscript>: with scripts off the view is parsed and shown as it is; with scripts
    # on the parser keeps it as raw text (no DOM for a thousand reports' texts) and the
    # page's script builds it when the reader opens the view or follows a link into it.
    return (
        f"<details class='docview' id='{text_view_id(key)}' data-doc='{key}'>"
        f"<summary>原文与表格（document text and tables，{len(text)} 字）</summary>"
        f"<noscript><div class='doctext'>{''.join(out)}</div></noscript></details>"
    )


def _back_over_space(text: str, floor: int, end: int) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def _over_space(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


class _Mark:
    """A highlighted span of text: the page id that points to it and who cites it."""

    __slots__ = ("end", "findings", "id", "start")

    def __init__(self, start: int, end: int, dom_id: str, findings: list[str]) -> None:
        self.start, self.end, self.id, self.findings = start, end, dom_id, findings


def _marks(index: DocumentIndex, citations: Citations, key: str) -> list[_Mark]:
    """Spans cited in running text, and the cells and tables of tables left as text."""
    marks = [_Mark(s, e, span_id(key, s, e), f) for (s, e), f in citations.spans.items()]
    for tid, cells in citations.cells.items():
        table = index.tables[tid]
        for at, findings in cells.items():
            cell = table["rows"][at.row]["cells"][at.cell]
            if cell.get("start") is not None and cell.get("end") is not None:
                marks.append(_Mark(cell["start"], cell["end"], cell_dom_id(key, tid, at), findings))
    for tid, findings in citations.tables.items():
        table = index.tables[tid]
        marks.append(_Mark(table["start"], table["start"], table_dom_id(key, tid), findings))
    return sorted(marks, key=lambda m: (m.start, m.end))


def _tables_shown_as_tables(index: DocumentIndex, citations: Citations) -> list[Record]:
    spans = list(citations.spans)
    shown: list[Record] = []
    for table in sorted(index.tables.values(), key=lambda t: (t.get("start", 0), t["id"])):
        start, end = table.get("start"), table.get("end")
        if start is None or end is None or not table.get("rows"):
            continue
        if shown and start < shown[-1]["end"]:
            continue  # overlaps the previous one: leave it as text
        if any(start <= s < end or start < e <= end for s, e in spans):
            continue
        shown.append(table)
    return shown


def _painted(text: str, start: int, end: int, marks: list[_Mark]) -> str:
    """``text[start:end]`` escaped, each mark's id at its start, covered stretches in <mark>
    (overlapping spans are painted piece by piece, so none is lost)."""
    inside = [m for m in marks if start <= m.start < end or (m.start < start < m.end)]
    if not inside:
        return _readable(text[start:end])
    cuts = sorted(
        {start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)}
    )
    out = []
    for a, b in pairwise(cuts):
        for m in inside:
            if m.start == a and start <= m.start:
                out.append(f"<span class='anchor' id='{escape(m.id)}'></span>")
        covering = [m for m in inside if m.start <= a and b <= m.end and m.start < m.end]
        piece = _readable(text[a:b])
        if covering:
            by = " ".join(sorted({f for m in covering for f in m.findings}))
            piece = f"<mark data-findings='{escape(by)}'>{piece}</mark>"
        out.append(piece)
    return "".join(out)


def _readable(s: str) -> str:
    return escape(_BLANK_LINES.sub("\n\n", s))
