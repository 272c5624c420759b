"""Small span helpers that several stages share."""

from __future__ import annotations

from collections.abc import Sequence

import regex

# A cited title: 《…》 or 〈…〉 on one line. What is inside names a document, not the text's
# own subject, period or author.
BOOK_TITLE = regex.compile(r"《[^《》\n]{0,80}》|〈[^〈〉\n]{0,80}〉")


def inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when ``offset`` lies in one of the half-open ``spans``."""
    return any(start <= offset < end for start, end in spans)


# Where sentences and clauses end, for the checks that read a figure's sentence or clause.
SENTENCE_ENDS = "。！？!?\n"
CLAUSE_ENDS = SENTENCE_ENDS + "，,；;"


def start_of(text: str, at: int, ends: str = SENTENCE_ENDS) -> int:
    """Where the sentence (or, with ``CLAUSE_ENDS``, the clause) holding ``at`` begins: just
    after the last of ``ends`` before it. Walks back character by character: the cost is
    the sentence's length, not the text's (``rfind`` of a mark the text lacks scans it all)."""
    left = at
    while left > 0 and text[left - 1] not in ends:
        left -= 1
    return left
