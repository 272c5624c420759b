"""Captions: every table and figure caption line of a text (``表1-1 …``, ``**表 3 …**``,
``## 表3 教学资源表``, ``图 1：…``), with table-of-contents entries left out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from nianbao.data import Caption

# Markdown emphasis and heading marks around a caption are not part of its text.
_DECORATION_START = regex.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t\u3000]*")
_DECORATION_END = regex.compile(r"[ \t\u3000]*(?:\*\*|__)?[ \t\u3000]*$")


@dataclass(frozen=True, slots=True)
class _Spec:
    numbered: regex.Pattern[str]
    annex: regex.Pattern[str]
    toc_line: regex.Pattern[str]
    bad_title: regex.Pattern[str]
    bad_end: str
    bad_starts: tuple[str, ...]
    title_max: int
    unit: regex.Pattern[str]


@lru_cache(maxsize=1)
def _spec() -> _Spec:
    raw: dict[str, Any] = json.loads(
        resources.files("nianbao.patterns").joinpath("table_captions.json").read_text("utf-8")
    )
    return _Spec(
        numbered=regex.compile(raw["numbered"]),
        annex=regex.compile(raw["annex_unnumbered"]),
        toc_line=regex.compile(raw["toc_line"]),
        bad_title=regex.compile(raw["title_must_not_contain"]),
        bad_end=raw["title_must_not_end_with"],
        bad_starts=tuple(raw["title_must_not_start_with"]),
        title_max=int(raw["title_max_chars"]),
        unit=regex.compile(raw["caption_unit"]),
    )


def find_captions(text: str) -> tuple[Caption, ...]:
    """Table and figure captions in document order; TOC entries are not captions."""
    captions: list[Caption] = []
    start = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        caption = caption_of_line(line, start)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if caption is not None and not caption.title and caption.anchor:
            caption = _with_title_below(caption, following, start + len(line) + 1)
        if caption is not None and captions and _continues(captions[-1], caption):
            continue  # the title line of a two-line caption, already taken
        if caption is not None:
            captions.append(caption)
        start += len(line) + 1
    return tuple(captions)


# A title printed on the line under its number (附表 1 / 人才培养质量计分卡): short, no sentence.
_MAX_TITLE_LINE = 40
_SENTENCE_MARKS = regex.compile(r"[。；！？，,;]")


def _with_title_below(caption: Caption, line: str, line_start: int) -> Caption:
    """``附表 1`` alone on its line takes the next line as its title."""
    title = line.strip(" \t\u3000*#")
    if not title or "\t" in title or len(title) > _MAX_TITLE_LINE or _SENTENCE_MARKS.search(title):
        return caption
    lead = len(line) - len(line.lstrip(" \t\u3000*#"))
    end = line_start + lead + len(title)
    unit = caption.unit
    unit_match = _spec().unit.search(title)
    if unit_match is not None:
        unit = unit or unit_match.group("unit") or unit_match.group("unit2")
        title = title[: unit_match.start()].strip(" \t\u3000")
    return Caption(caption.kind, caption.anchor, title, caption.start, end, unit)


def _continues(previous: Caption, caption: Caption) -> bool:
    return not caption.anchor and previous.start < caption.start < previous.end


def caption_of_line(line: str, line_start: int) -> Caption | None:
    """The caption a single line holds, or ``None``; ``line_start`` is its offset."""
    spec = _spec()
    if spec.toc_line.search(line):
        return None
    lead = _DECORATION_START.match(line)
    core_start = lead.end() if lead else 0
    tail = _DECORATION_END.search(line, core_start)
    core_end = tail.start() if tail else len(line)
    core = line[core_start:core_end]
    if not core or "\t" in core:
        return None
    found = spec.numbered.match(core)
    if found is not None:
        kind = "figure" if found.group("prefix") == "图" else "table"
        anchor = core[: found.end("number")]
        title_start = found.start("title")
    else:
        found = spec.annex.match(core)
        if found is None:
            return None
        kind = "table"
        anchor = core[: found.end("number")] if found.group("number") else ""
        title_start = found.start("title")
    return _checked_caption(kind, anchor, core, title_start, line_start + core_start)


def _checked_caption(
    kind: str, anchor: str, core: str, title_start: int, offset: int
) -> Caption | None:
    spec = _spec()
    title = core[title_start:]
    unit = None
    unit_match = spec.unit.search(title)
    if unit_match is not None:
        unit = unit_match.group("unit") or unit_match.group("unit2")
        title = title[: unit_match.start()]
    title = title.strip(" \t\u3000")
    if len(title) > spec.title_max or spec.bad_title.search(title):
        return None
    if title and (title[-1] in spec.bad_end or title.startswith(spec.bad_starts)):
        return None
    if not title and not anchor:
        return None
    return Caption(
        kind="figure" if kind == "figure" else "table",
        anchor=anchor,
        title=title,
        start=offset,
        end=offset + len(core),
        unit=unit,
    )
