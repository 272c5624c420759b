"""Print a planned report as the text an export would give, and remember where every claim,
name, caption, case heading and table row landed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from nianbao.synth.plant import Planting
from nianbao.synth.report import heading_text
from nianbao.synth.sentences import chinese_numeral
from nianbao.synth.spec import (
    CaseHeading,
    CellSpec,
    ClaimPart,
    ClaimSpec,
    DateRef,
    Ent,
    Figure,
    Heading,
    Lines,
    Lit,
    Paragraph,
    Part,
    Plan,
    TableBlock,
    TableRef,
    TableSpec,
    TrendRef,
)
from nianbao.synth.tables import cell_text

_PHRASE = regex.compile(r"(\[|\]|\{n\}|\{u\})")


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    quote: tuple[int, int]
    number: tuple[int, int]  # the number as written, with 近/余/多/万
    quantity: tuple[int, int]  # number and unit
    indicator: tuple[int, int] | None
    number_text: str
    value: Decimal  # as printed, before any multiplier


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    start: int
    end: int
    claims: tuple[str, ...]
    entities: tuple[int, ...]  # indices into Rendered.entities


@dataclass(slots=True)
class Rendered:
    text: str = ""
    claims: dict[str, ClaimSpan] = field(default_factory=dict)
    entities: list[tuple[int, int, str, str]] = field(
        default_factory=list
    )  # start, end, type, text
    sentences: list[SentenceSpan] = field(default_factory=list)
    captions: dict[str, tuple[int, int]] = field(default_factory=dict)  # table key -> caption span
    titles: dict[str, str] = field(default_factory=dict)  # table key -> printed title
    row_lines: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # cell id -> its row line (tab rows)
    cells: dict[str, str] = field(default_factory=dict)  # cell id -> printed text
    cases: list[tuple[str, str, int, int]] = field(
        default_factory=list
    )  # number, title, start, end
    dates: dict[str, tuple[int, int]] = field(default_factory=dict)
    refs: dict[str, tuple[int, int]] = field(default_factory=dict)
    trends: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Printer:
    def __init__(self, plan: Plan, planting: Planting, rng: random.Random) -> None:
        self.plan, self.planting, self.rng = plan, planting, rng
        self.style = plan.style
        self.out: list[str] = []
        self.pos = 0
        self.r = Rendered()
        self.bookmark = rng.randint(100, 9000)

    def write(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.out.append(text)
        self.pos += len(text)
        return start, self.pos

    def marks(self) -> str:
        """Word exports leave bookmark markers in front of headings and captions."""
        if not self.style.bookmarks:
            return ""
        marks = []
        for _ in range(self.rng.choice((1, 1, 2, 3))):
            self.bookmark += self.rng.randint(1, 900)
            marks.append(f"[bookmark: _Toc{self.bookmark}]")
        return "".join(marks)

    def gap(self) -> None:
        self.write("\n" if self.style.layout == "cell_per_line" else "\n\n")

    # --- blocks ---------------------------------------------------------------------

    def block(self, block: object) -> None:
        if isinstance(block, Heading):
            self.write(self.marks() + heading_text(block, self.style))
            self.gap()
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, CaseHeading):
            self.case(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, TableBlock):
            self.table(self.plan.tables[block.key])
        elif isinstance(block, Lines):
            self.write(block.text)
            self.gap()

    def paragraph(self, block: Paragraph) -> None:
        if self.style.layout == "cell_per_line" and self.rng.random() < 0.1:
            self.write(self.rng.choice((" ", "   ", "\t")))
        for sentence in block.sentences:
            start = self.pos
            first_entity = len(self.r.entities)
            claims: list[str] = []
            for part in sentence:
                self.part(part, claims)
            self.r.sentences.append(
                SentenceSpan(
                    start, self.pos, tuple(claims), tuple(range(first_entity, len(self.r.entities)))
                )
            )
        self.gap()

    def part(self, part: Part, claims: list[str]) -> None:
        if isinstance(part, Lit):
            text = part.text
            if (
                part.filler
                and self.style.page_breaks
                and len(text) > 12
                and self.rng.random() < 0.08
            ):
                cut = self.rng.randint(4, len(text) - 4)
                text = text[:cut] + "\n\n\n\n" + text[cut:]  # a page break of a PDF export
            self.write(text)
        elif isinstance(part, Ent):
            start, end = self.write(part.text)
            self.r.entities.append((start, end, part.type, part.text))
        elif isinstance(part, ClaimPart):
            self.claim(self.plan.claims[part.claim_id])
            claims.append(part.claim_id)
        elif isinstance(part, DateRef):
            year = self.planting.years.get(part.id, part.year)
            self.r.dates[part.id] = self.write(f"{year}年{part.month}月{part.day}日")
        elif isinstance(part, TableRef):
            anchor = self.planting.texts.get(part.id, self.plan.tables[part.table_key].anchor)
            self.r.refs[part.id] = self.write(anchor)
        elif isinstance(part, TrendRef):
            word = self.planting.texts.get(part.id, part.word)
            self.r.trends[part.id] = self.write(f"{part.label}{word}")

    def claim(self, claim: ClaimSpec) -> None:
        value = self.planting.values.get(claim.id, claim.value)
        text, span = claim_text(claim, value, self.pos)
        self.write(text)
        self.r.claims[claim.id] = span

    def case(self, block: CaseHeading) -> None:
        if self.style.headings == "markdown":
            prefix, suffix = self.rng.choice(
                (("### **", "**"), ("#### ", ""), ("**", "**"), ("", ""))
            )
        else:
            prefix, suffix = self.rng.choice(
                ((self.marks(), ""), ("\t" + self.marks(), ""), ("", ""))
            )
        self.write(prefix)
        start, end = self.write(block.text)
        self.write(suffix)
        self.r.cases.append((block.number, block.title, start, end))
        self.gap()

    def figure(self, block: Figure) -> None:
        if self.style.layout == "cell_per_line":
            self.write(
                f"\t[image: {self.rng.choice(('', 'IMG_' + str(self.rng.randint(100, 9999)), '图片'))}]\n\n\t"
            )
            self.write(self.marks())
        else:
            self.write("\n")
        anchor = (
            f"图{block.number}"
            if "-" in block.number
            else self.rng.choice(("图{}", "图 {}")).format(block.number)
        )
        self.write(anchor + self.rng.choice((" ", "")))
        for part in block.caption:
            self.part(part, [])
        self.write("\n")
        self.gap()

    # --- tables ---------------------------------------------------------------------

    def table(self, table: TableSpec) -> None:
        title = self.planting.texts.get(table.key, table.title)
        self.r.titles[table.key] = title
        caption = f"{table.anchor} {title}"
        if table.appendix and self.style.headings == "markdown" and self.rng.random() < 0.5:
            self.write(f"## {caption}\n\n")
        self.write(self.marks())
        bold = self.style.headings == "markdown" and not table.appendix and self.rng.random() < 0.5
        self.write("**" if bold else "")
        self.r.captions[table.key] = self.write(caption)
        self.write("**\n\n" if bold else "\n")
        if table.appendix and self.style.layout == "tab_rows" and self.rng.random() < 0.5:
            self.write(f"名称：{self.plan.reporter}\n\n")
        if self.style.layout == "cell_per_line":
            self.cell_lines(table)
        else:
            self.tab_rows(table)
        self.gap()

    def printed(self, cell: str | CellSpec) -> str:
        if isinstance(cell, str):
            return cell
        value = self.planting.values.get(cell.id)
        text = cell.text if value is None else cell_text(value, cell.style)
        self.r.cells[cell.id] = text
        return text

    def cell_lines(self, table: TableSpec) -> None:
        self.write("".join(f"\t{h}\n" for h in table.header) + "\n")
        for row in table.rows:
            for cell in row.printed:
                self.write("\t")
                text = self.printed(cell)
                self.write(text + "\n")
            self.write("\n")

    def tab_rows(self, table: TableSpec) -> None:
        self.write("\t".join(table.header) + "\n")
        for row in table.rows:
            start = self.pos
            for i, cell in enumerate(row.printed):
                if i:
                    self.write("\t")
                text = self.printed(cell)
                self.write(text)
            for cell in row.printed:
                if isinstance(cell, CellSpec):
                    self.r.row_lines[cell.id] = (start, self.pos)
            self.write("\n")


def claim_text(claim: ClaimSpec, value: Decimal, offset: int = 0) -> tuple[str, ClaimSpan]:
    """A claim's words and number as printed, and its spans shifted by ``offset``."""
    out = ""
    ind: list[int] = []
    num_start = num_end = unit_end = quote_end = -1
    for token in _PHRASE.split(claim.phrase):
        if token in ("[", "]"):
            ind.append(len(out))
        elif token == "{n}":
            out, num_start, num_end = _number(claim, value, out)
            unit_end = quote_end = num_end
        elif token == "{u}":
            if claim.unit != "ratio":
                if claim.spaced and claim.unit != "%":
                    out += " "
                unit_start = len(out)
                out += claim.unit
                unit_end = quote_end = len(out)
                if claim.multiplier:
                    num_end = unit_start + len(claim.multiplier)
            if claim.qualifier == "at_least":
                out += claim.qual_word
                quote_end = len(out)
        else:
            out += token
    indicator = (ind[0] + offset, ind[1] + offset) if ind else None
    quote = (min(num_start, ind[0]) if ind else num_start, max(quote_end, ind[1] if ind else -1))
    span = ClaimSpan(
        (quote[0] + offset, quote[1] + offset),
        (num_start + offset, num_end + offset),
        (num_start + offset, unit_end + offset),
        indicator,
        out[num_start:num_end],
        value,
    )
    return out, span


def _number(claim: ClaimSpec, value: Decimal, out: str) -> tuple[str, int, int]:
    word = claim.qual_word
    if claim.chinese and value == value.to_integral_value() and 1 <= value <= 99:
        digits = chinese_numeral(int(value))
    else:
        digits = format(value, "f") + (":1" if claim.unit == "ratio" else "")
    if word in ("约", "超过", "逾"):
        out += word
    if claim.spaced:
        out += " "
    start = len(out)
    if word == "近":
        out += word
    out += digits
    if word in ("余", "多"):
        out += word
    return out, start, len(out)


def render(plan: Plan, planting: Planting, rng: random.Random) -> Rendered:
    """The report's text and where everything in it is. A school named in a table's cells
    is no mention of it: by the schema (and the scorer) a name met only in table cells is
    neither right nor wrong."""
    printer = _Printer(plan, planting, rng)
    for block in plan.blocks:
        printer.block(block)
    printer.r.text = "".join(printer.out)
    return printer.r
