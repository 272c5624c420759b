"""Segment: ``CleanDoc`` + ``Layout`` → ``Segmented``: running-text sentences, jieba
words with the domain dictionary, and a spaCy ``Doc`` over those words."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nianbao.data import CleanDoc, Layout, Segmented, Sentence
from nianbao.text.words import tokenize

_TERMINALS = "。！？!?"
_CLOSERS = "”’」』）)】"
_LINE_TERMINALS = _TERMINALS + "；;：:"


def segment(doc: CleanDoc, layout: Layout, *, with_spacy: bool = True) -> Segmented:
    """Split running text into sentences; tokenise the whole text with jieba."""
    sentences = tuple(_sentences(doc.text, layout))
    words = tokenize(doc.text)
    spacy_doc = _spacy_doc(doc.text, words, sentences) if with_spacy else None
    return Segmented(doc, layout, sentences, words, spacy_doc)


def narrative_regions(text: str, layout: Layout) -> list[tuple[int, int]]:
    """The complement of the layout's non-narrative spans (TOC, tables, captions, headings)."""
    regions: list[tuple[int, int]] = []
    cursor = 0
    for start, end in layout.non_narrative():
        if start > cursor:
            regions.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text):
        regions.append((cursor, len(text)))
    return regions


def entity_regions(
    text: str, layout: Layout, sentences: tuple[Sentence, ...]
) -> list[tuple[int, int]]:
    """Where names are looked for: running-text sentences, every table cell, headings,
    captions and case titles (a list of schools is often a table and nothing else).

    Regions are sorted and never overlap; a table line is cut at tabs, ``|`` and runs of
    two or more spaces, so that no name is read across a cell border.
    """
    spans = [(s.start, s.end) for s in sentences]
    for block in layout.table_blocks:
        start = block.body_start if block.body_start is not None else block.start
        spans += [m.span() for m in _CELL.finditer(text, start, block.end)]
    spans += [(h.start, h.end) for h in layout.headings]
    spans += [(c.start, c.end) for c in layout.captions]
    spans += [(c.start, c.end) for c in layout.cases]
    regions: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if regions and start < regions[-1][1]:
            if end > regions[-1][1]:
                regions[-1] = (regions[-1][0], end)
            continue
        if end > start:
            regions.append((start, end))
    return regions


# A table cell: text between tabs, pipes, line ends and runs of two or more spaces.
_CELL = re.compile(r"[^\t|\n ]+(?: [^\t|\n ]+)*")


def _sentences(text: str, layout: Layout) -> list[Sentence]:
    out: list[Sentence] = []
    for region_start, region_end in narrative_regions(text, layout):
        start = region_start
        i = region_start
        while i < region_end:
            ch = text[i]
            if ch in _TERMINALS:
                cut = i + 1
                while cut < region_end and text[cut] in _CLOSERS + _TERMINALS:
                    cut += 1
                _emit(text, start, cut, out)
                start = i = cut
                continue
            if ch == "\n" and _line_ends_sentence(text, start, i):
                _emit(text, start, i, out)
                start = i + 1
            i += 1
        _emit(text, start, region_end, out)
    return out


def _line_ends_sentence(text: str, start: int, newline: int) -> bool:
    """A line break ends a sentence unless the line stops mid-sentence (PDF wrapping)."""
    before = text[start:newline].rstrip(" \t\u3000*")
    if not before.strip():
        return True
    return before[-1] in _LINE_TERMINALS + _CLOSERS or _next_line_is_blank_then_heading(
        text, newline
    )


def _next_line_is_blank_then_heading(text: str, newline: int) -> bool:
    # Two line breaks followed by markdown or a list marker start a new block.
    rest = text[newline + 1 : newline + 40].lstrip("\n \t")
    return rest.startswith(("#", "- ", "* ", "|"))


def _emit(
    text: str,
    start: int,
    end: int,
    out: list[Sentence],
) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return
    out.append(Sentence(start, end, text[start:end]))


@lru_cache(maxsize=1)
def _vocab() -> Any:
    from spacy.vocab import Vocab

    return Vocab()


def _spacy_doc(
    text: str, words: tuple[tuple[int, int], ...], sentences: tuple[Sentence, ...]
) -> Any:
    """A spaCy ``Doc`` of the jieba words; sentence starts set from ``sentences``."""
    from spacy.tokens import Doc

    tokens = [text[s:e] for s, e in words]
    spaces = [False] * len(tokens)
    doc = Doc(_vocab(), words=tokens, spaces=spaces)
    starts = {s.start for s in sentences}
    for i, (s, _e) in enumerate(words):
        doc[i].is_sent_start = s in starts if i else True
    return doc
