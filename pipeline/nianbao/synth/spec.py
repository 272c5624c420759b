"""What a synthetic report is made of before it becomes text: sentences of parts, claims,
tables of cells, and the blocks a document is laid out in."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FactRef = tuple[str, str]  # (fact key, "prev" | "cur")


# --- running text -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lit:
    """Plain text; ``filler`` text holds no number or name, so a page break may split it."""

    text: str
    filler: bool = False


@dataclass(frozen=True, slots=True)
class Ent:
    text: str
    type: str  # SCHOOL, ENTERPRISE, COMPETITION, GOV, OTHER_ORG, PER


@dataclass(frozen=True, slots=True)
class ClaimPart:
    claim_id: str


@dataclass(frozen=True, slots=True)
class DateRef:
    """A full date in the report year; a planted finding may print another year."""

    id: str
    year: int
    month: int
    day: int
    checkable: bool  # the sentence names the event's year elsewhere


@dataclass(frozen=True, slots=True)
class TableRef:
    """A pointer such as ``见表1-2``; printed as the anchor of ``table_key``."""

    id: str
    table_key: str


@dataclass(frozen=True, slots=True)
class TrendRef:
    """A trend statement (全日制在校生逐年增长) about a fact the world holds for two years,
    written the way the two years move; a planted finding prints the other direction."""

    id: str
    key: str
    label: str
    word: str  # the trend as written: 逐年增长, 持续下降 …


Part = Lit | Ent | ClaimPart | DateRef | TableRef | TrendRef


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    """A number stated in running text, with everything the gold file says about it."""

    id: str
    key: str  # world fact or story-number key
    role: str  # value | change | share | free
    period: str  # "prev" | "cur"
    phrase: str  # "[indicator]...{n}{u}" with the words around the number
    value: Decimal  # the number as printed before any multiplier (true value)
    decimals: int
    unit: str  # as printed after the number ("万元", "%", "ratio" prints ":1")
    gold_unit: str
    multiplier: str  # "" or "万"
    kind: str
    indicator: str
    qualifier: str = "exact"
    qual_word: str = ""  # 近 约 余 多 超过 逾 以上
    chinese: bool = False  # printed as a Chinese numeral
    operands: tuple[FactRef, ...] = ()
    relation: str = ""  # how the number follows from its operands: diff, share, ratio, sum
    subject: str = ""
    subject_entity: str | None = None
    gold_period: str = ""
    spaced: bool = False  # "全日制在校生 26055 人", as PDF exports print


# --- tables -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellSpec:
    id: str
    col: str
    text: str
    value: Decimal
    unit: str
    fact: FactRef | None
    decimals: int
    style: str = "plain"  # plain | pct ("12.5%") | ratio ("17.6:1")


@dataclass(frozen=True, slots=True)
class RowSpec:
    label: str  # as printed, "" for a unit-only continuation row
    gold_label: str
    printed: tuple[str | CellSpec, ...]  # every printed cell of the row, in order


@dataclass(frozen=True, slots=True)
class SumGroup:
    total: str  # cell id
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PartGroup:
    """``其中`` rows: each part is at most its parent (they need not add up)."""

    parent: str  # cell id
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RatioGroup:
    ratio: str  # cell id
    numerator: str
    denominator: str
    scale: int


@dataclass(frozen=True, slots=True)
class TableSpec:
    key: str
    anchor: str  # "表1-1", "表 3"
    title: str
    appendix: bool
    header: tuple[str, ...]
    rows: tuple[RowSpec, ...]
    sums: tuple[SumGroup, ...] = ()
    ratios: tuple[RatioGroup, ...] = ()
    year_in_title: bool = False
    current_only: bool = False  # all numbers are of the current year
    columns: tuple[str, ...] = ()  # the gold column names, when they differ from the printed header
    part_groups: tuple[PartGroup, ...] = ()

    def cells(self) -> list[CellSpec]:
        return [c for r in self.rows for c in r.printed if isinstance(c, CellSpec)]

    def cell(self, cell_id: str) -> CellSpec:
        return next(c for c in self.cells() if c.id == cell_id)

    def row_of(self, cell_id: str) -> RowSpec:
        return next(
            r
            for r in self.rows
            if any(isinstance(c, CellSpec) and c.id == cell_id for c in r.printed)
        )


# --- layout -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    number: str
    title: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    sentences: tuple[tuple[Part, ...], ...]


@dataclass(frozen=True, slots=True)
class TableBlock:
    key: str


@dataclass(frozen=True, slots=True)
class CaseHeading:
    number: str
    title: str
    text: str  # the heading as printed, "案例2-1 党建引领" or "案例 3【…】"


@dataclass(frozen=True, slots=True)
class Figure:
    number: str
    caption: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Lines:
    """Preformatted lines (title block, contents): no claims, names not counted."""

    text: str
    toc: bool = False


Block = Heading | Paragraph | TableBlock | CaseHeading | Figure | Lines


@dataclass(frozen=True, slots=True)
class Style:
    """How one report is laid out: its export's habits."""

    layout: str  # "cell_per_line" (Word export) | "tab_rows" (PDF export)
    headings: str  # "plain" | "markdown" | "chinese"
    cases: str  # "chapter" | "bracket" | "colon" | "square"
    tables: str  # "chapter" (表1-1) | "serial" (表 3)
    spaced: bool
    bookmarks: bool
    toc: bool
    star: bool  # annex indicators printed with an asterisk
    page_breaks: bool


@dataclass(slots=True)
class Plan:
    """A report before planting and rendering."""

    name: str
    level: str
    year: int
    reporter: str
    style: Style
    blocks: list[Block] = field(default_factory=list)
    claims: dict[str, ClaimSpec] = field(default_factory=dict)
    tables: dict[str, TableSpec] = field(default_factory=dict)
