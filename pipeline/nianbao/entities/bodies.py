"""Bodies inside a school or organisation that open with no place: 周敏名班主任工作室,
灰雕社团, 红烛宣讲团. The ending is data (``_inner_bodies`` in
``patterns/entity_suffixes.json``); the name is the run of nouns right before it (a person's
name, a craft, a title), never a verb or a particle, and never the ending alone or a kind
(名师工作室 names no one studio).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

import regex

from nianbao.entities.patterns import (
    PATTERN_SCORE,
    EntityCandidate,
    all_han,
    plausible_name,
    suffix_table,
)
from nianbao.text.places import is_place_word
from nianbao.text.words import tokenize, word_pos

# jieba tags of the words a body's name is made of: nouns of every kind, and English
_NAME_TAGS = ("n", "eng", "j", "b")
# tags of a word that tells one body from another: a person, a place, a proper noun
_PROPER_TAGS = ("nr", "ns", "nz", "nt")
# the contract's name for an other organisation (the model's OTHER_ORG)
_ORG = "ORG"
# an unknown word this long or longer is a phrase jieba could not cut (充分发挥), not a name
_UNKNOWN = 3
# single characters that run into an ending as part of the name (名 of 名班主任工作室)
_NAME_CHARS = "名"


# a bureau's unit is named by what it does: verbal nouns too (发展, 培育, 宣传)
_UNIT_TAGS = (*_NAME_TAGS, "vn")
# a unit right after these is the school's own (学校|职教高考备考专班), not a bureau's
_SCHOOL_WORDS = frozenset({"学校", "校", "我校", "该校", "本校"})


@cache
def _endings(group: str = "_inner_bodies") -> tuple[tuple[str, ...], int]:
    table = suffix_table()[group]
    return tuple(sorted(table["endings"], key=len, reverse=True)), int(table["max_chars"])


@cache
def _endings_by_last(group: str) -> dict[str, tuple[str, ...]]:
    """The group's endings by their last character, longest first (a word ends with at most
    the few sharing its last character: no scan of every ending per word)."""
    by_last: dict[str, list[str]] = {}
    for ending in _endings(group)[0]:
        by_last.setdefault(ending[-1], []).append(ending)
    return {last: tuple(group_endings) for last, group_endings in by_last.items()}


@cache
def _unit_pattern() -> regex.Pattern[str]:
    endings, max_chars = _endings("_bureau_units")
    alternatives = "|".join(regex.escape(e) for e in endings)
    return regex.compile(rf"(?P<head>\p{{Han}}{{1,{max_chars}}}?)(?P<end>{alternatives})")


def bureau_units(text: str, regions: list[tuple[int, int]]) -> list[EntityCandidate]:
    """GOV names of a bureau's units (产教融合指导中心): the nouns and verbal nouns right
    before the ending, as jieba cuts the clause (the ending itself may be cut: 指导|中心);
    none after a school's own words, none that is the ending alone."""
    pos = word_pos()
    found = []
    for region_start, region_end in regions:
        for m in _unit_pattern().finditer(text, region_start, region_end):
            head = m.group("head")
            words = [head[s:e] for s, e in tokenize(head)]
            kept: list[str] = []
            for word in reversed(words):
                if word in _SCHOOL_WORDS:
                    break
                tag = pos.get(word, "x" if len(word) > _UNKNOWN else "")
                if not (tag.startswith(_UNIT_TAGS) or tag in ("", "a")):
                    break
                kept.insert(0, word)
            before = words[len(words) - len(kept) - 1] if len(kept) < len(words) else ""
            if not kept or before in _SCHOOL_WORDS:
                continue
            start = m.end("head") - sum(len(w) for w in kept)
            name = text[start : m.end()]
            if plausible_name(name) and name not in suffix_table()["_generic_names"]:
                found.append(EntityCandidate(start, m.end(), "GOV", PATTERN_SCORE, "pattern"))
    return found


def inner_bodies(
    text: str, words: tuple[tuple[int, int], ...], regions: list[tuple[int, int]]
) -> list[EntityCandidate]:
    """Other organisations' names (``ORG``) ending in an inner body's ending, grown left
    over nouns."""
    max_chars = _endings("_inner_bodies")[1]
    endings_of = _endings_by_last("_inner_bodies")
    pos = word_pos()
    starts = [s for s, _ in words]
    stops = frozenset(suffix_table()["_left_stops"])
    found = []
    for region_start, region_end in regions:
        first, last = bisect_left(starts, region_start), bisect_right(starts, region_end)
        span = [w for w in words[first:last] if w[1] <= region_end]
        for k, (start, end) in enumerate(span):
            word = text[start:end]
            ending = next((e for e in endings_of.get(word[-1], ()) if word.endswith(e)), None)
            if ending is None:
                continue
            name_start = start
            j = k
            while j > 0:
                s, e = span[j - 1]
                prev = text[s:e]
                if e != name_start or end - s > max_chars:
                    break
                tag = pos.get(prev, "x" if not all_han(prev) or len(prev) > _UNKNOWN else "")
                if prev in stops or not (
                    tag.startswith(_NAME_TAGS) or tag == "" or prev in _NAME_CHARS
                ):
                    break
                name_start, j = s, j - 1
            name = text[name_start:end]
            told_apart = _quoted(text, name_start, end) or _distinguished(
                text, words, name_start, start, pos
            )
            if told_apart and len(name) > len(ending):
                if plausible_name(name) and name not in suffix_table()["_generic_names"]:
                    found.append(EntityCandidate(name_start, end, _ORG, PATTERN_SCORE, "pattern"))
    return found


def _quoted(text: str, start: int, end: int) -> bool:
    """The writer marked the whole as a name: 成立“红烛宣讲团”."""
    return text[start - 1 : start] == "“" and text[end : end + 1] == "”"


def _distinguished(
    text: str, words: tuple[tuple[int, int], ...], start: int, end: int, pos: dict[str, str]
) -> bool:
    """Whether the words before the ending tell one body from others: a person's or
    place's name, a proper noun, or a word the dictionary does not know (灰雕); 学生社团,
    非遗文化工作室 are kinds."""
    # words are sorted by start: the ones inside are a slice, found by bisection
    lo = bisect_left(words, start, key=lambda w: w[0])
    hi = bisect_left(words, end, lo, key=lambda w: w[0])
    inside = [text[s:e] for s, e in words[lo:hi] if e <= end]
    # a place and titles alone (广东省中职名师工作室) are an honour's name, not one studio's
    return any(
        w not in pos or (pos[w].startswith(_PROPER_TAGS) and not is_place_word(w)) for w in inside
    )


def names_one_site(name: str) -> bool:
    """Whether a base's or a park's name (…实训基地, …园区) tells one from the others: a place,
    a person, a proper noun or a word the dictionary does not know (乐为银龄教育实训基地,
    恩平工业园职教园区); 化工安全技能实训基地 says only what is trained there. Names with
    other endings pass."""
    if not name.endswith(tuple(suffix_table()["_designation_endings"]["endings"])):
        return True
    pos = word_pos()
    words = [name[s:e] for s, e in tokenize(name)]
    return any(w not in pos or pos[w].startswith(_PROPER_TAGS) or is_place_word(w) for w in words)
