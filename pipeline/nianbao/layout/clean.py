"""Clean: ``SourceDoc`` → ``CleanDoc``. Removes export noise and normalises line ends,
keeping a map from clean offsets back to raw offsets. Nothing else in the text changes, but
in a PDF's text layer the radicals that stand for ideographs (text/glyphs.py), as the
contract allows."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import regex

from nianbao.data import CleanDoc, OffsetMap, SourceDoc
from nianbao.text.glyphs import repair_text_layer


@lru_cache(maxsize=1)
def _noise_pattern() -> regex.Pattern[str]:
    spec = json.loads(resources.files("nianbao.patterns").joinpath("noise.json").read_text("utf-8"))
    alternatives = "|".join(f"(?:{p['regex']})" for p in spec["patterns"])
    return regex.compile(alternatives)


def clean(source: SourceDoc) -> CleanDoc:
    """The contract ``text`` of a document, with an offset map to ``source.raw_text``."""
    raw = source.raw_text
    noise = _noise_pattern()
    removed: list[tuple[int, int]] = []  # raw spans to drop, in order
    line_start = 0
    for line in raw.splitlines(keepends=True):
        line_end = line_start + len(line)
        hits = [(m.start() + line_start, m.end() + line_start) for m in noise.finditer(line)]
        if hits:
            leftover = noise.sub("", line)
            if not leftover.strip():
                removed.append((line_start, line_end))  # a line that was only noise
            else:
                removed.extend(hits)
        # \r\n and lone \r become \n: drop the \r and keep what follows.
        if line.endswith("\r\n"):
            removed.append((line_end - 2, line_end - 1))
        line_start = line_end
    return _apply(source, removed)


def _apply(source: SourceDoc, removed: list[tuple[int, int]]) -> CleanDoc:
    raw = source.raw_text
    pieces: list[str] = []
    clean_starts: list[int] = []
    raw_starts: list[int] = []
    cursor = 0
    length = 0
    for start, end in _merge(removed):
        if start > cursor:
            clean_starts.append(length)
            raw_starts.append(cursor)
            pieces.append(raw[cursor:start])
            length += start - cursor
        cursor = max(cursor, end)
    if cursor < len(raw):
        clean_starts.append(length)
        raw_starts.append(cursor)
        pieces.append(raw[cursor:])
    # Line ends become \n: \r, and the form feed of a page break (same length, so offsets hold).
    text = "".join(pieces).replace("\r", "\n").replace("\f", "\n")
    if source.format == "pdf":
        text = repair_text_layer(text)  # one code point for one: offsets hold
    return CleanDoc(source, text, OffsetMap(tuple(clean_starts), tuple(raw_starts)))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
