"""Finding a gold quote in a predicted text, whatever whitespace the rendition put in it.

Gold quotes are copied from the text export; the same report read from a PDF or a .docx
prints the same characters with other spaces and line breaks (``行业导师 151 人`` as
``行业导师151 人``, a line wrapped inside a quote). Whitespace says nothing about what a quote
names, so it is ignored when the exact quote is not there; every other character must match.
"""

from __future__ import annotations

from functools import lru_cache

import regex


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th appearance of ``quote`` (1-based)."""
    spans = find_all(text, quote)
    wanted = max(1, occurrence)
    return spans[wanted - 1] if len(spans) >= wanted else None


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span where ``quote`` appears: exactly if it does, else up to whitespace."""
    if not quote:
        return []
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    if spans or not quote.strip():
        return spans
    return [m.span() for m in _flexible(quote).finditer(text, overlapped=True)]


@lru_cache(maxsize=4096)
def _flexible(quote: str) -> regex.Pattern[str]:
    chars = [regex.escape(ch) for ch in quote if not ch.isspace()]
    return regex.compile(r"\s*".join(chars))
