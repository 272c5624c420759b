"""Reading .docx (python-docx) and .pdf (pdfplumber) into text plus native table grids.

Tables are rendered into the text as tab-separated rows, one row per line, so every
offset of the contract still points into one plain text. The ``NativeTable`` span tells
the table stage where the file itself delimits a table, its rows and its cells, so those
are read as they are (layout ``native``) instead of being found by text heuristics.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

import regex

from nianbao.data import NativeTable
from nianbao.errors import MESSAGES, NianbaoError, ScannedPDF, corrupt
from nianbao.ingest.limits import check_docx_archive, check_docx_parser, check_pdf_pages
from nianbao.ingest.ocr import ocr_available, ocr_pages
from nianbao.text.furniture import furniture_lines


@dataclass(frozen=True, slots=True)
class DocxText:
    """What a .docx gives: its text, its tables, and its headings by style (line start, level)."""

    text: str
    tables: tuple[NativeTable, ...]
    headings: tuple[tuple[int, int], ...]


_HEADING_STYLE = regex.compile(r"^(?:heading|标题)\s*(\d)$", regex.I)


def read_docx(data: bytes, path: str) -> DocxText:
    """Paragraphs and tables of a .docx, in body order, and the paragraphs its heading
    styles (Heading 1…9, 标题 1…9, Title, or an outline level) mark as headings."""

    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        check_docx_archive(data, path)  # a bomb is refused before a byte is inflated
        check_docx_parser()
        document = docx.Document(io.BytesIO(data))
    except NianbaoError:
        raise
    except Exception as e:  # zipfile, lxml and python-docx each raise their own types
        raise corrupt(path, "docx", str(e)) from e
    parts: list[str] = []
    tables: list[NativeTable] = []
    headings: list[tuple[int, int]] = []
    length = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            chunk = paragraph.text + "\n"
            level = _heading_level(paragraph)
            if level and paragraph.text.strip():
                headings.append((length, level))
        elif tag == "tbl":
            grid = _docx_grid(DocxTable(block, document))
            chunk = _render_grid(grid)
            tables.append(NativeTable(grid, length, length + len(chunk) - 1))
        else:
            continue
        parts.append(chunk)
        length += len(chunk)
    return DocxText("".join(parts), tuple(tables), tuple(headings))


def _heading_level(paragraph: Any) -> int:
    """1–9 for a heading paragraph (by style name, else outline level), 0 for body text."""
    style = paragraph.style
    while style is not None:
        name = style.name or ""
        if name.lower() == "title":
            return 1
        m = _HEADING_STYLE.match(name.strip())
        if m:
            return int(m.group(1))
        style = style.base_style
    outline = paragraph._p.find(".//" + _W + "outlineLvl")
    if outline is not None:
        value = outline.get(_W + "val")
        if value is not None and value.isdigit() and int(value) < 9:
            return int(value) + 1
    return 0


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_grid(table: object) -> tuple[tuple[str, ...], ...]:
    rows = []
    above: list[object] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        elements: list[object] = []
        previous = None
        for j, cell in enumerate(row.cells):
            elements.append(cell._tc)
            # python-docx repeats a merged cell in every grid position it covers: keep the
            # first copy only (left for horizontal merges, top for vertical ones).
            if cell._tc is previous or (j < len(above) and cell._tc is above[j]):
                cells.append("")
            else:
                cells.append(_one_line(cell.text))
            previous = cell._tc
        above = elements
        rows.append(tuple(cells))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class PdfText:
    """What a PDF gives: its text, its tables, where each page begins, and whether OCR read it."""

    text: str
    tables: tuple[NativeTable, ...]
    page_starts: tuple[int, ...]
    ocr: bool = False
    headings: tuple[tuple[int, int], ...] = ()  # (line start, level) by type size


def read_pdf(data: bytes, path: str) -> PdfText:
    """Page text outside tables plus each table's grid, page by page."""

    # pdfminer logs a warning for every glyph of a font without a bounding box: noise to a
    # user, not a problem with the report
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfplumber raises several unrelated types on bad files
        raise corrupt(path, "pdf", str(e)) from e
    parts: list[str] = []
    tables: list[NativeTable] = []
    length = 0
    with pdf:
        check_pdf_pages(len(pdf.pages), path)
        if pdf.pages and not any(page.chars for page in pdf.pages):
            if not ocr_available():
                raise ScannedPDF(MESSAGES["scanned"].format(path=path))
            pages = ocr_pages(list(pdf.pages))
            starts = tuple(sum(len(p) for p in pages[:i]) for i in range(len(pages)))
            return PdfText("".join(pages), (), starts, ocr=True)
        page_starts: list[int] = []
        lines: list[tuple[int, float, int]] = []  # (offset, type size, characters) per line
        for page in pdf.pages:
            page_starts.append(length)
            found = page.find_tables()
            boxes = [t.bbox for t in found]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            margin = _right_margin(page.filter(outside))
            # Text above, between and below tables, in reading order by table top.
            cut = 0.0
            for table, bbox in sorted(zip(found, boxes, strict=True), key=lambda tb: tb[1][1]):
                if bbox[1] > cut:  # side-by-side tables overlap vertically: nothing above
                    above = page.crop((0, cut, page.width, bbox[1])).filter(outside)
                    chunk, sized = _paragraph_text(above, margin)
                    if chunk:
                        lines += [(length + at, size, n) for at, size, n in sized]
                        parts.append(chunk + "\n")
                        length += len(chunk) + 1
                grid = tuple(tuple(_one_line(c or "") for c in row) for row in table.extract())
                rendered = _render_grid(grid)
                tables.append(NativeTable(grid, length, length + len(rendered) - 1))
                parts.append(rendered)
                length += len(rendered)
                cut = max(cut, bbox[3])
            rest = page.crop((0, cut, page.width, page.height)).filter(outside)
            chunk, sized = _paragraph_text(rest, margin)
            if chunk:
                lines += [(length + at, size, n) for at, size, n in sized]
                parts.append(chunk + "\n")
                length += len(chunk) + 1
    text, starts = _join_across_page_breaks("".join(parts), page_starts)
    return PdfText(text, tuple(tables), starts, headings=_sized_headings(lines))


# A body line this long that ends no sentence, right before a page's furniture, goes on
# after it (a heading at the foot of a page is shorter and is left alone).
_MIN_CONTINUED_LINE = 20
_FURNITURE_RUN = regex.compile(r"\n((?:[^\n]*\n)+?)(?=[^\n])")


def _join_across_page_breaks(text: str, page_starts: list[int]) -> tuple[str, tuple[int, ...]]:
    """A paragraph cut by a page break is one paragraph again: the page's furniture (its
    number, the next page's running title) moves after the paragraph's next line, so
    that ``51`` / page / ``人次`` reads ``51人次``. Lengths do not change, so every offset
    after the moved lines holds; page starts inside them move with them."""
    furniture = furniture_lines(text)
    if not furniture:
        return text, tuple(page_starts)
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    out: list[str] = []
    moves: list[tuple[int, int, int]] = []  # (start, end, shift) of moved furniture
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and (offsets[j] in furniture or not lines[j].strip()):
            j += 1
        between = range(i + 1, j)
        if any(offsets[k] in furniture for k in between) and j < len(lines):
            if _continues(lines[i], lines[j]):
                # A\n R… B\n  becomes  A B\n R…\n : the same length
                out += [lines[i] + lines[j], *(lines[k] for k in between), ""]
                moves.append((offsets[i + 1], offsets[j], len(lines[j])))
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    starts = tuple(
        next((s + shift for start, end, shift in moves if start <= s < end), s) for s in page_starts
    )
    return "\n".join(out), starts


def _continues(before: str, after: str) -> bool:
    """``before`` is a full body line that ends no sentence and ``after`` goes on with it."""
    a, b = before.strip(), after.strip()
    return (
        len(a) >= _MIN_CONTINUED_LINE
        and "\t" not in a + b
        and not a.endswith(tuple(_SENTENCE_END))
        and bool(b)
        and not regex.match(r"[（(]?[一二三四五六七八九十\d]+[、.．）)]", b)
    )


# A printed line is full (the paragraph goes on) when it reaches this many characters' width
# from the right margin: punctuation compression and justification leave that much slack.
_FULL_LINE_SLACK = 2.5
_SENTENCE_END = "。！？；：!?;:"


def _right_margin(region: Any) -> tuple[float, float]:
    """The right edge of the page's text and the width of one character."""
    lines = region.extract_text_lines()
    if not lines:
        return 0.0, 0.0
    widths = [
        (line["x1"] - line["x0"]) / len(line["text"]) for line in lines if len(line["text"]) >= 10
    ]
    widths.sort()
    return max(line["x1"] for line in lines), widths[len(widths) // 2] if widths else 0.0


def _paragraph_text(region: Any, margin: tuple[float, float]) -> tuple[str, list]:
    """The region's text with the page's line wraps undone: a full line that does not end a
    sentence goes on in the next line, joined without a space between Chinese characters
    (a PDF has no line break there, only a visual one). Also, for each printed line that
    starts a line of the result, its offset, type size and length."""
    right, char = margin
    out = ""
    sized: list[tuple[int, float, int]] = []
    previous: dict | None = None
    for line in region.extract_text_lines():
        text = line["text"].strip()
        if not text:
            continue
        wraps = False
        if previous is not None:
            full = char > 0 and previous["x1"] >= right - _FULL_LINE_SLACK * char
            wraps = full and not out.endswith(tuple(_SENTENCE_END)) and _same_size(previous, line)
            out += _joint(out, text) if wraps else "\n"
        if not wraps:
            sized.append((len(out), _type_size(line), len(text)))
        out += text
        previous = line
    return out, sized


def _type_size(line: dict) -> float:
    sizes = sorted(c.get("size", 0.0) for c in line.get("chars", ()))
    return round(sizes[len(sizes) // 2], 1) if sizes else 0.0


# A heading is printed larger than the body text and is short; sizes rank the levels.
_HEADING_SIZE_GAIN = 1.0  # points above the body size
_HEADING_MAX_CHARS = 40
_MAX_SIZE_LEVELS = 4


def _sized_headings(lines: list[tuple[int, float, int]]) -> tuple[tuple[int, int], ...]:
    """(line start, level) for lines in type larger than the body's: the largest size
    is level 1. The body size is the size most characters are printed in."""
    weight: dict[float, int] = {}
    for _, size, n in lines:
        weight[size] = weight.get(size, 0) + n
    if not weight:
        return ()
    body = max(weight, key=lambda size: weight[size])
    larger = sorted(
        {
            size
            for _, size, n in lines
            if size >= body + _HEADING_SIZE_GAIN and n <= _HEADING_MAX_CHARS
        },
        reverse=True,
    )[:_MAX_SIZE_LEVELS]
    level = {size: i + 1 for i, size in enumerate(larger)}
    return tuple(
        (at, level[size]) for at, size, n in lines if size in level and n <= _HEADING_MAX_CHARS
    )


def _same_size(a: dict, b: dict) -> bool:
    """Lines of one paragraph share a type size; a title in larger type is no wrap."""
    ha, hb = a["bottom"] - a["top"], b["bottom"] - b["top"]
    return abs(ha - hb) <= 0.2 * max(ha, hb, 1e-6)


def _joint(before: str, after: str) -> str:
    """Nothing between two Chinese (or CJK punctuation, digit) characters, else a space."""
    a, b = before[-1:], after[:1]
    return "" if (_is_cjk(a) or _is_cjk(b)) else " "


def _is_cjk(ch: str) -> bool:
    return bool(ch) and (
        "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u2e80" <= ch <= "\u2fdf"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _render_grid(grid: tuple[tuple[str, ...], ...]) -> str:
    return "".join("\t".join(row) + "\n" for row in grid) + "\n"
