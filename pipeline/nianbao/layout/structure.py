"""Structure: ``CleanDoc`` → ``Layout``: tables of contents, captions, table blocks,
headings and the section tree, and case studies with their title spans."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from nianbao.data import CaseStudy, CleanDoc, Heading, Layout, Section
from nianbao.layout.captions import find_captions
from nianbao.layout.table_blocks import find_table_blocks
from nianbao.text.furniture import furniture_spans
from nianbao.text.spans import SpanSet, inside

_MARKDOWN_PREFIX = regex.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t\u3000]*")
_MARKDOWN_SUFFIX = regex.compile(r"[ \t\u3000]*(?:\*\*|__)?[ \t\u3000]*$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text with its markdown decoration stripped (``core``)."""

    start: int
    end: int  # end of the line, before its newline
    core: str
    core_start: int
    markdown_level: int  # number of leading '#', 0 when none


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    text = resources.files("nianbao.patterns").joinpath("layout.json").read_text("utf-8")
    spec: dict[str, Any] = json.loads(text)
    spec["_headings"] = [(h, regex.compile(h["regex"])) for h in spec["headings"]]
    spec["_cases"] = [(c["name"], regex.compile(c["regex"])) for c in spec["case"]]
    spec["_toc_line"] = regex.compile(spec["toc_line"])
    spec["_toc_line_tab"] = regex.compile(spec["toc_line_tab"])
    spec["_toc_titles"] = {t.replace(" ", "") for t in spec["toc_titles"]}
    return spec


def analyse_layout(doc: CleanDoc) -> Layout:
    """Find the layout of a cleaned report."""
    lines = tuple(iter_lines(doc.text))
    toc = find_toc(lines)
    captions = tuple(c for c in find_captions(doc.text) if not inside(c.start, toc))
    native = tuple(
        (doc.offsets.to_clean(t.start), doc.offsets.to_clean(t.end))
        for t in doc.source.native_tables
    )
    blocks = find_table_blocks(doc.text, captions, toc, native)
    furniture = furniture_spans(doc.text)
    taken = (
        *toc,
        *furniture,
        *((b.start, b.end) for b in blocks),
        *((c.start, c.end) for c in captions),
    )
    cases = find_cases(lines, tuple(sorted(toc)))
    case_spans = tuple((c.start, c.end) for c in cases)
    styled = {doc.offsets.to_clean(start): level for start, level in doc.source.native_headings}
    headings = find_headings(lines, tuple(sorted((*taken, *case_spans))), styled)
    sections = build_sections(headings, len(doc.text))
    return Layout(headings, sections, toc, captions, cases, blocks, furniture)


def iter_lines(text: str) -> Iterator[Line]:
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        prefix = _MARKDOWN_PREFIX.match(raw)
        core_start = start + (prefix.end() if prefix else 0)
        suffix = _MARKDOWN_SUFFIX.search(raw, core_start - start)
        core_end = start + (suffix.start() if suffix else len(raw))
        hashes = len(raw.lstrip(" \t")) - len(raw.lstrip(" \t").lstrip("#"))
        yield Line(start, end, text[core_start : max(core_start, core_end)], core_start, hashes)
        start = end + 1


def find_toc(lines: tuple[Line, ...]) -> tuple[tuple[int, int], ...]:
    """Spans of tables of contents: a 目录-style title with its entries, or a run of
    three or more dot-leader entry lines ending in page numbers.

    An entry with a tab before its page number counts only under a 目录 title: a
    two-column table row (``指标\t27``) looks the same.
    """
    spec = _spec()
    dotted, tabbed = spec["_toc_line"].search, spec["_toc_line_tab"].search
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        titled = lines[i].core.replace(" ", "").replace("\u3000", "") in spec["_toc_titles"]

        def is_entry(core: str, titled: bool = titled) -> bool:
            return bool(dotted(core) or (titled and tabbed(core)))

        j = i + 1 if titled else i
        last = i if titled else -1
        entries = 0
        while j < len(lines) and (not lines[j].core or is_entry(lines[j].core)):
            if lines[j].core:
                last, entries = j, entries + 1
            j += 1
        if (titled and entries) or entries >= 3:
            spans.append((lines[i].start, lines[last].end))
            i = last + 1
        else:
            i = max(i + 1, j)  # a later start inside [i, j) would see a subset of the same lines
    return tuple(spans)


def find_cases(
    lines: tuple[Line, ...], excluded: tuple[tuple[int, int], ...]
) -> tuple[CaseStudy, ...]:
    """Case-study headings in every numbering style: ``案例2-1 标题``, ``案例 1【标题】`` …"""
    cases: list[CaseStudy] = []
    taken = SpanSet.of(excluded)
    for line in lines:
        if "案例" not in line.core[:6] or line.core_start in taken:
            continue
        for _name, pattern in _spec()["_cases"]:
            m = pattern.match(line.core)
            if not m:
                continue
            number = regex.sub(r"\s+", "", m.group("number")).replace("－", "-").replace("—", "-")
            number = number.replace("–", "-").replace("．", ".")
            title_start = line.core_start + m.start("title")
            title_end = line.core_start + m.end("title")
            end = line.core_start + len(line.core.rstrip())
            cases.append(
                CaseStudy(number, m.group("title"), line.core_start, end, title_start, title_end)
            )
            break
    return tuple(cases)


def find_headings(
    lines: tuple[Line, ...],
    excluded: tuple[tuple[int, int], ...],
    styled: dict[int, int] | None = None,
) -> tuple[Heading, ...]:
    """Numbered and markdown headings outside tables, captions, cases and TOC. ``styled``
    (line start → level) marks the lines a .docx gives a heading style, read like a
    markdown heading of that level."""
    spec = _spec()
    bad_end = spec["heading_title_must_not_end_with"]
    headings: list[Heading] = []
    taken = SpanSet.of(excluded)
    for line in lines:
        core = line.core
        if not core or line.core_start in taken or "\t" in core:
            continue
        found: Heading | None = None
        for h, pattern in spec["_headings"]:
            m = pattern.match(core)
            if not m:
                continue
            title = m.group("title").strip()
            if not title or title[-1] in bad_end or regex.search(r"[。；;]", title):
                continue
            number = m.group("number")
            level = (
                number.count(".") + number.count("．") + 1
                if h["level"] == "dots"
                else int(h["level"])
            )
            found = Heading(line.core_start, line.core_start + len(core), core, level, number)
            break
        level = line.markdown_level or (styled or {}).get(line.start, 0)
        if found is None and level and len(core) <= 40 and core[-1] not in bad_end:
            found = Heading(line.core_start, line.core_start + len(core), core, level, "")
        if found is not None:
            headings.append(found)
    return _relevel(tuple(headings))


def _relevel(headings: tuple[Heading, ...]) -> tuple[Heading, ...]:
    """Chinese-numbered headings (一、) sit above Arabic ones (1.1) when both occur."""
    numbers = [h.number for h in headings]
    has_chinese = any(regex.match(r"^[一二三四五六七八九十]", n) for n in numbers)
    if not has_chinese:
        return headings
    out = []
    for h in headings:
        if regex.match(r"^\d", h.number):
            h = Heading(h.start, h.end, h.title, h.level + 2, h.number)
        out.append(h)
    return tuple(out)


def build_sections(headings: tuple[Heading, ...], text_length: int) -> tuple[Section, ...]:
    """The section tree as flat spans: each heading runs to the next of its level or above."""
    sections = []
    for i, h in enumerate(headings):
        end = text_length
        for later in headings[i + 1 :]:
            if later.level <= h.level:
                end = later.start
                break
        sections.append(Section(f"S{i + 1}", h.title, h.level, h.start, end))
    return tuple(sections)
