"""Short forms of the schools a document names in full: 台山市敬修职业技术学校 is 台山敬修
later on, 开平机电学校 is 开平机电, 台山培英职校 is 台山培英. No list of schools knows them;
the document does: its full names give the place and the distinguishing core, and the short
form is the place without its ending followed by the core (the kind's tail dropped).

A short form counts only where it stands on its own — at jieba word borders, outside any
name already found (inside 台山培英职校 it is that name's part) — and only with a core of
two to four characters that is more than descriptors (中等, 职业) or a place. The words are
data in ``patterns/entity_suffixes.json`` (``_school_aliases``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from nianbao.entities.patterns import PATTERN_SCORE, EntityCandidate, suffix_table
from nianbao.text.places import ends_like_place, is_place_ending, is_place_word
from nianbao.text.words import tokenize

_SCHOOL = "SCHOOL"
# a place this short is a division's ending, or a one-character short form (县 of 德阳县)
_MIN_PLACE = 2
_GIVE_WAY = frozenset({"LOC", "PER"})


@cache
def _table() -> tuple[tuple[str, ...], tuple[str, ...], int, int]:
    table = suffix_table()["_school_aliases"]
    tails = tuple(sorted(table["tails"], key=len, reverse=True))
    low, high = table["core_chars"]
    return tails, tuple(table["campus"]), int(low), int(high)


def school_alias(name: str) -> str | None:
    """The short form of a school's full name, or ``None`` when it has none: a place and a
    core are both needed (鹤山市职业技术学校 has no core, 旌湖职校 no place)."""
    tails, campus, low, high = _table()
    at = max((name.rfind(c) for c in campus), default=-1)
    if at > 0:
        # 台山市培英职业技术学校新校区: the campus, and the words naming it, go first
        name = next((name[: at - k] for k in range(0, 4) if name[: at - k].endswith(tails)), name)
    tail = next((t for t in tails if name.endswith(t) and len(name) > len(t)), None)
    if tail is None:
        return None
    body = name[: -len(tail)]
    words = [body[s:e] for s, e in tokenize(body)]
    place = ""
    while len(words) > 1 and (
        (len(words[0]) >= _MIN_PLACE and is_place_word(words[0]))
        or (place and is_place_ending(words[0]))  # jieba cuts 清河|市
    ):
        word = words.pop(0)
        place = place + word if is_place_ending(word) else word
    core = "".join(words)
    if not place or not low <= len(core) <= high or _plain(core):
        return None
    short = place[:-1] if ends_like_place(place) and len(place) > _MIN_PLACE else place
    return short + core


def _plain(core: str) -> bool:
    """A core that tells no school from another: descriptors (中等, 特殊教育 is a kind's
    word here) or a place of its own."""
    descriptors = suffix_table()["_descriptor_words"]
    rest = core
    for word in sorted(descriptors, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest or is_place_word(core)


def school_aliases(
    text: str,
    words: tuple[tuple[int, int], ...],
    regions: list[tuple[int, int]],
    found: Iterable[EntityCandidate],
) -> list[EntityCandidate]:
    """The short forms of the schools in ``found`` where they stand alone in ``regions``."""
    found = list(found)
    aliases = {
        alias
        for c in found
        if c.type == _SCHOOL and (alias := school_alias(text[c.start : c.end])) is not None
    }
    aliases.discard("")
    if not aliases:
        return []
    starts = {s for s, _ in words}
    ends = {e for _, e in words}
    # a place the model read inside the short form (清河 of 清河明德) gives way to it
    taken = [(c.start, c.end) for c in found if c.type not in _GIVE_WAY]
    out = []
    for region_start, region_end in regions:
        for alias in sorted(aliases):
            at = text.find(alias, region_start, region_end)
            while at >= 0:
                end = at + len(alias)
                if at in starts and end in ends and not _inside(taken, at, end):
                    out.append(EntityCandidate(at, end, _SCHOOL, PATTERN_SCORE, "pattern"))
                at = text.find(alias, end, region_end)
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a character with one of ``spans``."""
    return any(s < end and start < e for s, e in spans)


# 湖南茗渡黑茶股份有限公司（以下简称“茗渡黑茶”）: the report declares the short form itself.
_DECLARED = regex.compile(
    r"\s?[（(](?:以下|下文)?(?:简称|下称)[为：:]?\s?[“\"]?(?P<alias>[^”\"（）()\s，。、]{2,12})[”\"]?[）)]"
)


def with_declared_aliases(
    text: str, regions: list[tuple[int, int]], found: list[EntityCandidate]
) -> list[EntityCandidate]:
    """``found`` with the short forms the report declares (…（以下简称“茗渡黑茶”）) found
    wherever they occur, typed as the name that declares them.

    An occurrence inside a longer name stays that name's part; a place, a person or a
    model fragment inside it gives way (黑茶 of 茗渡黑茶); a body that starts inside it and
    runs on is the owner's body (茗渡黑茶|产业学院 read as 黑茶产业学院 grows to its start).
    """
    declared = _declarations(text, found)
    if not declared:
        return found
    occurrences = sorted(
        (at, at + len(alias), kind)
        for alias, kind in declared.items()
        for start, end in regions
        for at in _all(text, alias, start, end)
    )
    kept = list(found)
    added = []
    for start, end, kind in occurrences:
        overlapping = [c for c in kept if c.start < end and start < c.end]
        if any(c.start <= start and end <= c.end and c.type not in _GIVE_WAY for c in overlapping):
            continue  # part of a longer name, or the name itself
        if any(c.start < start and c.type not in _GIVE_WAY for c in overlapping):
            continue  # a name that opens before it and runs into it: leave both alone
        for c in overlapping:
            kept.remove(c)
            if c.end > end and c.type == "ORG":
                added.append(EntityCandidate(start, c.end, c.type, c.score, c.source))
        added.append(EntityCandidate(start, end, kind, PATTERN_SCORE, "pattern"))
    return sorted([*kept, *added], key=lambda c: (c.start, c.end, c.type))


def _declarations(text: str, found: list[EntityCandidate]) -> dict[str, str]:
    """Each declared short form and the type of the name right before its bracket."""
    by_end: dict[int, EntityCandidate] = {}
    for c in found:
        if c.type not in _GIVE_WAY and (c.end not in by_end or c.start < by_end[c.end].start):
            by_end[c.end] = c
    declared = {}
    for m in _DECLARED.finditer(text):
        name = by_end.get(m.start())
        if name is not None:
            declared[m.group("alias")] = name.type
    return declared


def _all(text: str, part: str, start: int, end: int) -> Iterable[int]:
    at = text.find(part, start, end)
    while at >= 0:
        yield at
        at = text.find(part, at + len(part), end)
