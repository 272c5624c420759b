"""Typed data objects passed between pipeline stages.

Every object is a frozen, slotted dataclass. Offsets are half-open character offsets
into ``CleanDoc.text`` (the contract's ``text``) unless a field says otherwise. Exact
numbers are ``Decimal`` until the export stage writes them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

SourceFormat = Literal["txt", "md", "docx", "pdf"]
TableLayout = Literal["cell_per_line", "tab_rows", "native"]
RowKind = Literal["data", "total", "part", "unit_continuation"]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "less_than", "at_most"]
ClaimKind = Literal["count", "percent", "money", "ratio", "area", "duration", "other"]
Severity = Literal["error", "warning"]
Provenance = Literal["pattern", "model", "both", "gazetteer"]

# The contract's finding types, in the order a report lists them.
FINDING_TYPES = (
    "narrative_vs_table",
    "narrative_vs_narrative",
    "narrative_arithmetic",
    "table_internal_sum",
    "table_internal_ratio",
    "table_vs_table",
    "label_or_period",
)


# --- ingest -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NativeTable:
    """A table read from a file format that carries structure (docx, pdf).

    ``grid`` holds the cell texts row by row; ``start``/``end`` locate the table's
    rendering inside ``SourceDoc.raw_text``.
    """

    grid: tuple[tuple[str, ...], ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A document as read from disk: decoded text plus any native table structure."""

    path: str
    doc_id: str
    format: SourceFormat
    encoding: str | None
    raw_text: str
    native_tables: tuple[NativeTable, ...] = ()
    ocr: bool = False  # the text was read from page images (a scanned PDF), not a text layer
    page_starts: tuple[int, ...] = ()  # PDF: offset in raw_text where each page begins
    native_headings: tuple[tuple[int, int], ...] = ()  # (raw line start, level) from styles


# --- clean --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the cleaned text back to the raw text.

    ``clean_starts[i]`` is where the i-th kept run of raw text begins in the clean
    text and ``raw_starts[i]`` where it began in the raw text.
    """

    clean_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    def to_clean(self, raw_offset: int) -> int:
        """Clean-text offset of a raw offset (a removed raw character maps to where it was)."""
        from bisect import bisect_right

        i = bisect_right(self.raw_starts, raw_offset) - 1
        if i < 0:
            return 0
        next_clean = self.clean_starts[i + 1] if i + 1 < len(self.clean_starts) else None
        offset = self.clean_starts[i] + (raw_offset - self.raw_starts[i])
        return min(offset, next_clean) if next_clean is not None else offset

    def to_raw(self, offset: int) -> int:
        """Raw-text offset of a clean-text offset."""
        from bisect import bisect_right

        i = bisect_right(self.clean_starts, offset) - 1
        if i < 0:
            return offset
        return self.raw_starts[i] + (offset - self.clean_starts[i])


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """The contract text: the source with export noise removed and ``\\n`` line ends."""

    source: SourceDoc
    text: str
    offsets: OffsetMap


# --- structure ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    start: int
    end: int
    title: str
    level: int
    number: str  # "1.2", "一", "（三）", "" when unnumbered


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    level: int
    start: int  # the heading's start
    end: int  # where the next heading of the same or a higher level starts


@dataclass(frozen=True, slots=True)
class Caption:
    """A table or figure caption line such as ``表1-1 近两学年…`` or ``图 1: …``."""

    kind: Literal["table", "figure"]
    anchor: str  # the printed number with its prefix, "表1-1", "表 3"; "" when none
    title: str
    start: int  # span of the whole caption text (without markdown emphasis)
    end: int
    unit: str | None = None  # from "（单位：人）" in the caption


@dataclass(frozen=True, slots=True)
class CaseStudy:
    number: str  # "2-1", "1"
    title: str
    start: int  # span of the case heading, e.g. "案例2-1 订单培养见实效"
    end: int
    title_start: int
    title_end: int


@dataclass(frozen=True, slots=True)
class TableBlock:
    """Lines of the text that form one table, before cells are read."""

    start: int
    end: int
    layout: TableLayout
    caption: Caption | None
    body_start: int | None = None  # start of the first row's line; ``start`` is the caption's


@dataclass(frozen=True, slots=True)
class Layout:
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    toc: tuple[tuple[int, int], ...]  # spans of tables of contents (text, figure, case lists)
    captions: tuple[Caption, ...]
    cases: tuple[CaseStudy, ...]
    table_blocks: tuple[TableBlock, ...]
    furniture: tuple[tuple[int, int], ...] = ()  # page numbers, running headers and footers

    def non_narrative(self) -> tuple[tuple[int, int], ...]:
        """Sorted spans that hold no running text: TOC, tables, captions, headings,
        page furniture."""
        spans = [*self.toc, *self.furniture]
        spans += [(b.start, b.end) for b in self.table_blocks]
        spans += [(c.start, c.end) for c in self.captions]
        spans += [(h.start, h.end) for h in self.headings]
        spans += [(c.start, c.end) for c in self.cases]
        return tuple(sorted(spans))


# --- tables -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    col: str
    text: str
    value: Decimal | None  # None for text cells such as "仅高职填报", "-", "——"
    unit: str | None
    start: int
    end: int
    period: str | None = None  # "2024", "2023-2024" from the column header


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    unit: str | None
    cells: tuple[Cell, ...]
    start: int
    end: int
    kind: RowKind = "data"
    parent: str | None = None  # label of the row this one is part of (其中, levels, 学时)
    number: str = ""  # the printed serial number, "1", "" when none
    period: str | None = None  # when rows are years ("2023-2024学年")
    group: str | None = None  # the merged first column's value this row sits under


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    anchor: str
    title: str
    appendix: bool
    start: int
    end: int
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    layout: TableLayout
    title_inferred: bool = False  # True when the report printed no caption
    caption_unit: str | None = None
    annex_kind: str | None = None  # "scorecard", "satisfaction", "resources", ...


# --- segment ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Segmented:
    doc: CleanDoc
    layout: Layout
    sentences: tuple[Sentence, ...]  # running-text sentences only (no TOC, tables, captions)
    words: tuple[tuple[int, int], ...]  # jieba word spans over the whole text
    spacy_doc: Any = field(default=None, compare=False, repr=False)


# --- extract / claims ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str  # SCHOOL, ENTERPRISE, COMPETITION, GOV, ORG, PER, LOC
    text: str
    start: int
    end: int
    score: float
    source: Provenance


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    start: int
    end: int
    text: str
    number_text: str
    number_start: int
    number_end: int
    value: Decimal
    unit: str
    qualifier: Qualifier
    kind: ClaimKind
    indicator: str | None
    indicator_start: int | None
    indicator_end: int | None
    period: str | None
    subject: str | None = None  # an Entity id, None for the reporting entity
    canonical: str | None = None
    source: Provenance = "pattern"
    recogniser: str = ""  # which pattern or model produced it
    role: str = "value"  # value | change | share | ratio: how the number relates to its indicator


@dataclass(frozen=True, slots=True)
class Relation:
    type: str  # CLAIM_SUBJECT, CLAIM_INDICATOR
    head: str
    tail: str  # an Entity id (CLAIM_SUBJECT) or the indicator as written (CLAIM_INDICATOR)
    source: Provenance = "model"
    score: float | None = None  # the relation head's probability, None when a pattern decided


# --- reconcile ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: Literal["claim", "cell", "table", "text"]
    id: str | None = None  # claim id
    table: str | None = None
    row: str | None = None
    col: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    type: str
    severity: Severity
    message: str
    claimed: Decimal | None
    expected: Decimal | None
    evidence: tuple[Evidence, ...]
    check: str  # name of the registered check that produced it


# --- the annotated document ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocMeta:
    reporting_entity: str | None
    report_year: str | None
    level: str | None
    pipeline_version: str
    model: str | None
    ocr: bool = False  # the text was read by OCR from a scanned PDF
    page_starts: tuple[int, ...] = ()  # PDF: offset in ``text`` where each page begins

    def page_of(self, offset: int | None) -> int | None:
        """The 1-based page an offset of ``text`` lies on; ``None`` without pages."""
        if offset is None or not self.page_starts:
            return None
        from bisect import bisect_right

        return max(1, bisect_right(self.page_starts, offset))


@dataclass(frozen=True, slots=True)
class DocError:
    type: str
    message: str


@dataclass(frozen=True, slots=True)
class AnnotatedDoc:
    doc_id: str
    source: str
    status: Literal["ok", "error"]
    error: DocError | None
    text: str
    meta: DocMeta | None
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    cases: tuple[CaseStudy, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    findings: tuple[Finding, ...] = ()
