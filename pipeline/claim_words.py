"""Word boundaries and place names for the indicator finder, from jieba (imported lazily)."""

from __future__ import annotations

import logging
from functools import lru_cache

_PLACE_SUFFIXES = ("省", "市", "县", "区", "镇")


@lru_cache(maxsize=8192)
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech flags for a short phrase."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return tuple((pair.word, pair.flag) for pair in jieba.posseg.cut(text))


def word_starts(text: str) -> dict[int, str]:
    """Offset of each word in ``text`` → the word."""
    starts, position = {}, 0
    for word, _flag in tagged_words(text):
        starts[position] = word
        position += len(word)
    return starts


def leading_place_length(text: str) -> int:
    """Length of a place name opening ``text`` (江门市, 秦皇岛市, 抚宁区), 0 when there is none."""
    words = tagged_words(text[:12])
    if not words or words[0][1] != "ns":
        return 0
    length = len(words[0][0])
    if not words[0][0].endswith(_PLACE_SUFFIXES):
        if len(words) < 2 or words[1][0] not in _PLACE_SUFFIXES:
            return 0  # 普通高中 is tagged as a place but names a kind of school
        length += 1
    return length if length < len(text) else 0
