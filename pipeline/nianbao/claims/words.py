"""Word boundaries and place names for the indicator finder, from the shared jieba set-up."""

from __future__ import annotations

from nianbao.text.places import ends_like_place, is_place_ending
from nianbao.text.words import tagged_words


def word_starts(text: str) -> dict[int, str]:
    """Offset of each word in ``text`` → the word."""
    starts, position = {}, 0
    for word, _flag in tagged_words(text):
        starts[position] = word
        position += len(word)
    return starts


def leading_place_length(text: str) -> int:
    """Length of a place name opening ``text`` (清河市, 临江县, 东城区), 0 when there is none."""
    words = tagged_words(text[:12])
    if not words or words[0][1] != "ns":
        return 0
    length = len(words[0][0])
    if not ends_like_place(words[0][0]):
        if len(words) < 2 or not is_place_ending(words[1][0]):
            return 0  # 普通高中 is tagged as a place but names a kind of school
        length += 1
    return length if length < len(text) else 0


# Word classes that end the noun phrase after a measure word once a noun has been read:
# verbs, prepositions, conjunctions, adverbs, locatives, particles, pronouns (jieba's tags).
_PHRASE_ENDERS = ("v", "p", "c", "d", "ad", "f", "ul", "uz", "r")
_NOUNLIKE = ("n", "vn", "b", "a", "s", "j", "l", "nz", "ns", "nr", "nt", "eng")


def noun_phrase_end(text: str) -> int:
    """Where the noun phrase opening ``text`` ends (焊工选手参加了比赛 → 4), by jieba's tags.

    A 的 does not end it: what stands before 的 describes the noun after it
    (不适应市场需求的专业); a locative before 的 does (合作社中的示范户 → 合作社).
    """
    words = tagged_words(text)
    last_de = max(
        (i for i, (_w, flag) in enumerate(words) if flag == "uj" and i and words[i - 1][1] != "f"),
        default=-1,
    )
    position, seen_noun = 0, False
    for i, (word, flag) in enumerate(words):
        if flag == "uj":
            seen_noun = False
        elif seen_noun and flag in _PHRASE_ENDERS and i > last_de:
            return position
        elif flag in _NOUNLIKE:
            seen_noun = True
        position += len(word)
    return len(text)
