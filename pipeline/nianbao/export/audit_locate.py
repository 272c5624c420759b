"""Where a finding's evidence sits in its document: section path, PDF page, table cell.

Everything is found by offsets into the record's ``text``, never by printed labels: a row
label such as ``其中：国家级数量`` repeats under every parent in the annex tables.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from nianbao.layout.structure import build_sections, find_headings, iter_lines

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Place:
    """The headings an offset falls under (outermost first) and its PDF page."""

    sections: tuple[str, ...]
    page: int | None
    inferred: bool  # the record had no sections: headings were read from its text here


@dataclass(frozen=True, slots=True)
class CellAt:
    """A table cell by position: ``rows[row].cells[cell]``."""

    row: int
    cell: int


@dataclass(frozen=True, slots=True)
class _Section:
    title: str
    level: int
    start: int
    end: int


class DocumentIndex:
    """Lookups over one record, built once: sections, pages, tables, claims, cells."""

    def __init__(self, record: Record) -> None:
        self.text: str = record.get("text") or ""
        self.tables: dict[str, Record] = {t["id"]: t for t in record.get("tables") or []}
        self.claims: dict[str, Record] = {c["id"]: c for c in record.get("claims") or []}
        meta = record.get("meta") or {}
        self.page_starts: list[int] = list(meta.get("page_starts") or [])
        given = record.get("sections") or []
        self.sections_inferred = not given
        self._sections = _record_sections(given) if given else _sections_from_text(self.text)
        self._cells: dict[str, dict[tuple[int, int], CellAt]] = {}

    def place(self, offset: int | None) -> Place:
        if offset is None:
            return Place((), None, self.sections_inferred)
        return Place(self.section_path(offset), self.page_of(offset), self.sections_inferred)

    def section_path(self, offset: int) -> tuple[str, ...]:
        """Titles of the sections containing ``offset``, outermost first; when none contains
        it (a span after a section's recorded end), the nearest heading before it."""
        inside = [s for s in self._sections if s.start <= offset < s.end]
        if inside:
            return tuple(s.title for s in sorted(inside, key=lambda s: (s.level, s.start)))
        before = [s for s in self._sections if s.start <= offset]
        return (max(before, key=lambda s: s.start).title,) if before else ()

    def page_of(self, offset: int) -> int | None:
        """The 1-based PDF page, as ``DocMeta.page_of`` counts it; ``None`` without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))

    def locate_cell(self, evidence: Record) -> CellAt | None:
        """The cited cell: by its offsets; by the row label and column only where the record
        has no cell offsets (hand-written or older records)."""
        table = self.tables.get(evidence.get("table") or "")
        if table is None:
            return None
        start, end = evidence.get("start"), evidence.get("end")
        if start is not None and end is not None:
            found = self._cell_index(table).get((start, end))
            if found is not None:
                return found
            for (s, e), at in self._cell_index(table).items():
                if s <= start < e:
                    return at
        for ri, row in enumerate(table.get("rows") or []):
            if row.get("label") != evidence.get("row"):
                continue
            for ci, cell in enumerate(row.get("cells") or []):
                if cell.get("col") == evidence.get("col"):
                    return CellAt(ri, ci)
        return None

    def _cell_index(self, table: Record) -> dict[tuple[int, int], CellAt]:
        key = table["id"]
        if key not in self._cells:
            self._cells[key] = {
                (c["start"], c["end"]): CellAt(ri, ci)
                for ri, row in enumerate(table.get("rows") or [])
                for ci, c in enumerate(row.get("cells") or [])
                if c.get("start") is not None and c.get("end") is not None
            }
        return self._cells[key]


def first_offset(evidence: list[Record], claims: dict[str, Record]) -> int | None:
    """Where a finding is: its first piece of evidence that has an offset."""
    for e in evidence:
        start = evidence_span(e, claims)[0]
        if start is not None:
            return start
    return None


def evidence_span(e: Record, claims: dict[str, Record]) -> tuple[int | None, int | None]:
    """A piece of evidence's offsets; a claim cited by id alone takes the claim's."""
    if e.get("start") is not None and e.get("end") is not None:
        return e["start"], e["end"]
    claim = claims.get(e.get("id") or "") if e.get("kind") == "claim" else None
    if claim is not None:
        return claim["start"], claim["end"]
    return None, None


def _record_sections(sections: list[Record]) -> list[_Section]:
    return [_Section(s["title"], s["level"], s["start"], s["end"]) for s in sections]


def _sections_from_text(text: str) -> list[_Section]:
    """The section tree the layout stage would build, from the text's own heading lines
    (numbered 一、/（一）/1.1 and markdown headings), for records that carry no sections."""
    headings = find_headings(tuple(iter_lines(text)), ())
    return [_Section(s.title, s.level, s.start, s.end) for s in build_sections(headings, len(text))]
