"""Small span helpers that several stages share."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

# A cited title: 《…》 or 〈…〉 on one line. What is inside names a document, not the text's
# own subject, period or author.
BOOK_TITLE = regex.compile(r"《[^《》\n]{0,80}》|〈[^〈〉\n]{0,80}〉")

_SENTENCE_REACH = 160  # at most this many characters of sentence either side of a span
# A sentence ends at 。！？； or a line break; a table cell's line ends it too.
SENTENCE_END = regex.compile(r"[。！？；!?;\n]")


def inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when ``offset`` lies in one of the half-open ``spans`` (a scan: for a few
    spans; many offsets against many spans want a :class:`SpanSet`)."""
    return any(start <= offset < end for start, end in spans)


@dataclass(frozen=True, slots=True)
class SpanSet:
    """Half-open spans merged and sorted: ``offset in spans`` in log time."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> SpanSet:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(s for s, _ in merged), tuple(e for _, e in merged))

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


# Where sentences and clauses end, for the checks that read a figure's sentence or clause.
SENTENCE_ENDS = "。！？!?\n"
CLAUSE_ENDS = SENTENCE_ENDS + "，,；;"


# The longest sentence a check reads. Real reports' sentences stay under 400 characters;
# text without punctuation (a flattened table, a broken export) would otherwise make every
# figure's sentence the whole run, and every check over it quadratic.
MAX_SENTENCE_CHARS = 1000


def start_of(text: str, at: int, ends: str = SENTENCE_ENDS) -> int:
    """Where the sentence (or, with ``CLAUSE_ENDS``, the clause) holding ``at`` begins: just
    after the last of ``ends`` before it, at most ``MAX_SENTENCE_CHARS`` back. Walks back
    character by character: the cost is the sentence's length, not the text's."""
    left, floor = at, max(0, at - MAX_SENTENCE_CHARS)
    while left > floor and text[left - 1] not in ends:
        left -= 1
    return left


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From after the previous sentence end to the next one (included), within reach."""
    s = max(0, start - _SENTENCE_REACH)
    ends_before = [m.end() for m in SENTENCE_END.finditer(text, s, start)]
    s = ends_before[-1] if ends_before else s
    limit = min(len(text), end + _SENTENCE_REACH)
    after = SENTENCE_END.search(text, end, limit)
    e = after.end() if after else limit
    return s, e
