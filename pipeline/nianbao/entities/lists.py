"""Enterprises named by the list they stand in: "与精工绿筑、曼国化工两个企业", "得到立和汽车、
盛创电器等企业". A brand needs no suffix when the sentence says what it is.

The list is the run of 、-separated items right before ``等`` or a count (两个, 30余家) and
企业; the first item starts after the last stop word before it. An item is kept when it is
a plausible name of whole words without any type's ending (those are the suffix patterns'
and the model's), not a place, a kind or a dictionary word of its own (行业, 学校). Listed
names only fill gaps: where the model or a suffix pattern found a name, it stands.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

import regex

from nianbao.entities.patterns import (
    PATTERN_SCORE,
    EntityCandidate,
    endings,
    is_word_not_name,
    names_a_kind,
    plausible_name,
    suffix_table,
)
from nianbao.text.places import is_bare_place
from nianbao.text.words import word_frequency, word_pos

_NOT_IN_ITEM = r"\s、，。；：,;:“”《》()（）等"
_COUNT = "0-9一二两三四五六七八九十百余多"
# An item does not end with a numeral: that is the count (匠品果业30余家).
_ITEM = rf"[^{_NOT_IN_ITEM}]{{1,15}}[^{_NOT_IN_ITEM}{_COUNT}]"
# The list, then 等 and/or a count, up to four characters of description, and 企业.
_LISTED = regex.compile(
    rf"((?:{_ITEM}、)*{_ITEM})(?:等|(?:等)?[{_COUNT}]{{1,4}}[个家])"
    r"\p{Han}{0,4}?企业"
)


def listed_enterprises(
    text: str, words: tuple[tuple[int, int], ...], regions: list[tuple[int, int]]
) -> list[EntityCandidate]:
    """Enterprises listed before 等企业 or a count of 企业, in each region."""
    word_starts = [s for s, _ in words]
    starts = set(word_starts)
    ends = {e for _, e in words}
    found = []
    for region_start, region_end in regions:
        for match in _LISTED.finditer(text, region_start, region_end):
            items, cursor = [], match.start(1)
            for part in match.group(1).split("、"):
                items.append((cursor, cursor + len(part)))
                cursor += len(part) + 1
            first_start, first_end = items[0]
            lo = bisect_left(word_starts, first_start)
            hi = bisect_left(word_starts, first_end, lo)  # words that start inside the item
            first_words = [w for w in words[lo:hi] if w[1] <= first_end]
            drop = _words_before_list(text, first_words)
            if drop is None:
                items = items[1:]
            elif drop:
                items[0] = (first_words[drop][0], first_end)
            for start, end in items:
                if start in starts and end in ends and _is_enterprise_name(text[start:end]):
                    found.append(
                        EntityCandidate(start, end, "ENTERPRISE", PATTERN_SCORE, "pattern")
                    )
    return found


def _words_before_list(text: str, words: list[tuple[int, int]]) -> int | None:
    """How many words open the first item before the list does: up to the last stop,
    joining word or verb (与精工绿筑 → 1, 活动得到诚宏家具 → 2); ``None`` when one ends
    the item."""
    stops = _list_stops()
    pos = word_pos()
    drop = 0
    for k, (s, e) in enumerate(words):
        if text[s:e] in stops or pos.get(text[s:e]) == "v":
            drop = k + 1
    return None if not words or drop == len(words) else drop


@cache
def _list_stops() -> frozenset[str]:
    return frozenset(suffix_table()["_left_stops"]) | frozenset(suffix_table()["_joining_stops"])


def _is_enterprise_name(name: str) -> bool:
    if not plausible_name(name) or names_a_kind(name) or is_bare_place(name):
        return False
    if is_word_not_name(name) or not all("\u4e00" <= c <= "\u9fff" for c in name[:1]):
        return False
    # Names with an ending are the suffix patterns' and the model's to find.
    if next(endings(name), None) is not None:
        return False
    # A dictionary word of its own (行业, 学校, 政府) is a kind of partner, not one.
    return word_frequency(name) == 0
