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
