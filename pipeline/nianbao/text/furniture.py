"""Page furniture: page numbers and the running headers and footers printed with them.

A PDF's text layer keeps what every page repeats: ``- 12 -``, ``第 3 页``, ``3/40``, a bare
page number, and a running title (the school's report name) next to them. They are not
running text: they must not enter sentences, headings or claims, and a table printed
across a page break is one table on both sides of them. ``text`` keeps them (the contract
changes nothing but export noise); the layout marks their lines.

Found by position and repetition, not by a list of titles:
- a page-number line is a line that is only a page number in one of the printed forms;
  bare numbers count only as an increasing series of isolated lines (a lone ``12`` between
  blank lines is otherwise as likely a table cell);
- a running header or footer is a short line repeated on at least ``_MIN_PAGES`` pages
  within ``_NEAR_LINES`` lines of a page number; then every line that is that title alone is
  furniture, but the document's first line (the title on the cover stays text).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import pairwise

import regex

_PAGE_NUMBER = regex.compile(
    r"^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
_BARE_NUMBER = regex.compile(r"^\s*(\d{1,4})\s*$")
_MIN_PAGES = 2  # a running title seen beside page numbers this often is furniture
_NEAR_LINES = 3  # how far from its page number a header or footer may stand
_MAX_TITLE_CHARS = 60
_MIN_BARE_SERIES = 3


@lru_cache(maxsize=4)
def furniture_lines(text: str) -> frozenset[int]:
    """Start offsets of the lines of ``text`` that are page furniture."""
    lines = _lines(text)
    numbers = _page_number_lines(lines)
    if not numbers:
        return frozenset()
    near: dict[str, list[int]] = defaultdict(list)
    for index in numbers:
        for j in range(index - _NEAR_LINES, index + _NEAR_LINES + 1):
            if 0 <= j < len(lines) and j not in numbers and _title_like(lines[j][1]):
                near[lines[j][1].strip()].append(j)
    furniture = set(numbers)
    for title, indices in near.items():
        if len(set(indices)) >= _MIN_PAGES:
            # a running title: every line that is that title alone, but the document's
            # first line (the cover's title, which the report's metadata is read from)
            first = next((i for i, (_, line) in enumerate(lines) if line.strip()), -1)
            furniture.update(
                i for i, (_, line) in enumerate(lines) if i != first and line.strip() == title
            )
    return frozenset(lines[i][0] for i in furniture)


def furniture_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the furniture lines of ``text``, in order."""
    starts = furniture_lines(text)
    spans = []
    for start in sorted(starts):
        end = text.find("\n", start)
        spans.append((start, len(text) if end < 0 else end))
    return tuple(spans)


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


def _page_number_lines(lines: list[tuple[int, str]]) -> set[int]:
    printed = {i for i, (_, line) in enumerate(lines) if _PAGE_NUMBER.match(line)}
    return printed | _bare_series(lines)


def _bare_series(lines: list[tuple[int, str]]) -> set[int]:
    """Isolated bare-number lines that rise through the document like page numbers."""
    candidates = []
    for i, (_, line) in enumerate(lines):
        m = _BARE_NUMBER.match(line)
        if m and _isolated(lines, i):
            candidates.append((i, int(m.group(1))))
    if len(candidates) < _MIN_BARE_SERIES:
        return set()
    rising = sum(1 for a, b in pairwise(candidates) if b[1] == a[1] + 1)
    if rising < 0.8 * (len(candidates) - 1):
        return set()
    return {i for i, _ in candidates}


def _isolated(lines: list[tuple[int, str]], i: int) -> bool:
    """Blank lines (or the document's edge) above and below."""
    above = i == 0 or not lines[i - 1][1].strip()
    below = i + 1 >= len(lines) or not lines[i + 1][1].strip()
    return above and below


def _title_like(line: str) -> bool:
    core = line.strip()
    return (
        0 < len(core) <= _MAX_TITLE_CHARS
        and "\t" not in core
        and not regex.search(r"[。；，,;]", core)
    )
