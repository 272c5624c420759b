"""Spans of the document text as HTML: a span in its sentence, a span with a little context."""

from __future__ import annotations

import html

from nianbao.text.spans import SENTENCE_END, sentence_bounds

_CONTEXT = 40  # characters shown either side of a span in ``context_html``


def escape(s: str) -> str:
    return html.escape(s, quote=True)


def context_html(text: str, start: int, end: int) -> str:
    """The span highlighted, with a little text either side, on one line."""
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]
    return f"…{_flat(left)}<mark>{escape(text[start:end])}</mark>{_flat(right)}…"


def sentence_html(text: str, start: int, end: int) -> str:
    """The sentence around a span, the span highlighted, on one line; cut with … where the
    sentence runs on longer than a reader needs."""
    s, e = sentence_bounds(text, start, end)
    lead = "…" if s > 0 and not SENTENCE_END.match(text, s - 1) else ""
    tail = "…" if e < len(text) and not SENTENCE_END.match(text, e - 1) else ""
    return (
        f"{lead}{_flat(text[s:start])}<mark>{escape(' '.join(text[start:end].split()))}</mark>"
        f"{_flat(text[end:e])}{tail}"
    )


def _flat(s: str) -> str:
    # keep one space where the text had any, so neighbouring numbers never run together
    edge_left = " " if s[:1].isspace() else ""
    edge_right = " " if s[-1:].isspace() else ""
    return escape(edge_left + " ".join(s.split()) + edge_right)
