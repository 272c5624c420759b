"""What a document's findings cite, gathered once, and the page ids that point there.

The finding cards link to these ids and the document view carries them, so both read the
same table: a text span by its offsets, a table cell by its position, a table by its id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from nianbao.export.audit_locate import CellAt, DocumentIndex, evidence_span

Record = dict[str, Any]


@dataclass(slots=True)
class Citations:
    """Finding ids by what they cite: text spans, located table cells, whole tables."""

    spans: dict[tuple[int, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    cells: dict[str, dict[CellAt, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    tables: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def cite(findings: list[Record], index: DocumentIndex) -> Citations:
    out = Citations()
    for f in findings:
        for e in f.get("evidence") or []:
            kind = e.get("kind")
            if kind == "cell":
                at = index.locate_cell(e)
                if at is not None:
                    out.cells[e["table"]][at].append(f["id"])
                    continue
            if kind == "table" and e.get("table") in index.tables:
                out.tables[e["table"]].append(f["id"])
                continue
            start, end = evidence_span(e, index.claims)
            if start is not None and end is not None:
                out.spans[(start, end)].append(f["id"])
    return out


def finding_id(key: str, fid: str) -> str:
    return f"{key}-{fid}"


def span_id(key: str, start: int, end: int) -> str:
    return f"{key}-at-{start}-{end}"


def table_dom_id(key: str, table: str) -> str:
    return f"{key}-{table}"


def cell_dom_id(key: str, table: str, at: CellAt) -> str:
    """The id ``render_table`` gives a cited cell of the table ``table_dom_id`` names."""
    return f"{table_dom_id(key, table)}-r{at.row}-c{at.cell}"


def text_view_id(key: str) -> str:
    return f"{key}-text"
