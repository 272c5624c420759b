"""Short forms the document itself explains.

A school named in full is later called by a short form: 台山市敬修职业技术学校 is 台山敬修,
开平机电学校 is 开平机电, 台山培英职校 is 台山培英. No list of schools knows them; the
document does: its full names give the place and the distinguishing core, and the short form
is the place without its ending followed by the core (the kind's tail dropped). A series
named with its edition (鹤山市第二届叉车司机职业技能大赛) is called by what follows the
edition (叉车司机职业技能大赛), a hospital by its name without the place (玲珑医院). A report declares others itself: …（以下简称“茗渡黑茶”）.

A short form counts only where it stands on its own — at jieba word borders, outside any
name already found (inside 台山培英职校 it is that name's part) — and only with a core of
two to four characters that is more than descriptors (中等, 职业) or a place. The words are
data in ``patterns/entity_suffixes.json`` (``_document_aliases``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

import regex

from nianbao.entities.patterns import (
    GENERIC_TYPES,
    PATTERN_SCORE,
    EntityCandidate,
    suffix_table,
    suffixes_of,
)
from nianbao.text.places import ends_like_place, is_place_ending, is_place_word
from nianbao.text.words import tokenize

_SCHOOL = "SCHOOL"
_COMPETITION = "COMPETITION"
_ORG = "ORG"
# a place this short is a division's ending, or a one-character short form (县 of 德阳县)
_MIN_PLACE = 2


@cache
def _table() -> tuple[tuple[str, ...], tuple[str, ...], int, int]:
    table = suffix_table()["_document_aliases"]
    tails = tuple(sorted(table["tails"], key=len, reverse=True))
    low, high = table["core_chars"]
    return tails, tuple(table["campus"]), int(low), int(high)


def school_alias(name: str) -> str | None:
    """The short form of a school's full name, or ``None`` when it has none: a place and a
    core are both needed (鹤山市职业技术学校 has no core, 旌湖职校 no place)."""
    parts = _school_parts(name)
    if parts is None or not parts[0]:
        return None
    place, core, _ = parts
    short = place[:-1] if ends_like_place(place) and len(place) > _MIN_PLACE else place
    return short + core


def core_short_forms(name: str) -> tuple[str, ...]:
    """The core with the kind's short ending (德阳市旌湖职业技术学校 → 旌湖职校, 安化县茶乡职业
    中等专业学校 → 茶乡职专): the endings the kind's tail is shortened to (``short_tails``)."""
    parts = _school_parts(name)
    if parts is None:
        return ()
    _, core, tail = parts
    shorts = suffix_table()["_document_aliases"]["short_tails"].get(tail, [])
    return tuple(core + short for short in shorts)


@lru_cache(maxsize=4096)
def _school_parts(name: str) -> tuple[str, str, str] | None:
    """The place (may be empty), the distinguishing core and the kind's tail of a school's
    full name; ``None`` without a tail or a core of two to four characters."""
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
    if not low <= len(core) <= high or _plain(core):
        return None
    return place, core, tail


def series_alias(name: str) -> str | None:
    """The series a competition's name holds after its edition (第二届), up to the first
    competition ending, or ``None`` (no edition, or only a generic name after it)."""
    m = _series().search(name)
    if m is None or m.start("series") == 0:
        return None
    series = m.group("series")
    generic = suffix_table()["_generic_names"]
    return None if series in generic or series == name else series


@cache
def _series() -> regex.Pattern[str]:
    # a school's own meet or festival (第五届心理健康运动会) is an activity kind without
    # its owner, as the schema's 校运会 is; a contest's series keeps its name
    meets = suffix_table()["_document_aliases"]["activity_endings"]
    contests = [e for e in suffixes_of("COMPETITION") if e not in meets]
    endings = "|".join(regex.escape(e) for e in contests)
    return regex.compile(
        rf"第[0-9一二三四五六七八九十百零〇]{{1,4}}届(?P<series>\p{{Han}}{{2,20}}?(?:{endings}))"
    )


def _plain(core: str) -> bool:
    """A core that tells no school from another: descriptors (中等, 特殊教育 is a kind's
    word here) or a place of its own."""
    descriptors = suffix_table()["_descriptor_words"]
    rest = core
    for word in sorted(descriptors, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest or is_place_word(core)


def document_aliases(
    text: str,
    words: tuple[tuple[int, int], ...],
    regions: list[tuple[int, int]],
    found: Iterable[EntityCandidate],
) -> list[EntityCandidate]:
    """The schools' short forms and the series' names where they stand alone."""
    found = list(found)
    wanted = {
        (alias, c.type) for c in found for alias in _aliases_of(text[c.start : c.end], c.type)
    }
    return _standing_alone(text, words, regions, found, wanted)


def _aliases_of(name: str, kind: str) -> tuple[str, ...]:
    if kind == _SCHOOL:
        place_form = school_alias(name)
        return (*([place_form] if place_form else []), *core_short_forms(name))
    alias = series_alias(name) if kind == _COMPETITION else None
    alias = institution_alias(name) if kind == _ORG else alias
    return (alias,) if alias else ()


def institution_alias(name: str) -> str | None:
    """A service institution without its place (开平市玲珑医院 → 玲珑医院): its own name
    of two characters or more before the ending, which is no place and no descriptor."""
    endings = suffix_table()["_service_institutions"]["endings"]
    ending = next((e for e in sorted(endings, key=len, reverse=True) if name.endswith(e)), None)
    if ending is None:
        return None
    words = [name[s:e] for s, e in tokenize(name[: -len(ending)])]
    if len(words) < 2 or not is_place_word(words[0]):
        return None
    while len(words) > 1 and is_place_word(words[0]):
        words.pop(0)
    core = "".join(words)
    return None if len(core) < 2 or _plain(core) else core + ending


def _standing_alone(
    text: str,
    words: tuple[tuple[int, int], ...],
    regions: list[tuple[int, int]],
    found: list[EntityCandidate],
    wanted: set[tuple[str, str]],
) -> list[EntityCandidate]:
    """Each ``(alias, type)`` of ``wanted`` where it stands in ``regions`` at jieba word
    borders and outside every name of ``found``."""
    if not wanted:
        return []
    starts = {s for s, _ in words}
    ends = {e for _, e in words}
    # a place the model read inside the short form (清河 of 清河明德) gives way to it
    taken = [(c.start, c.end) for c in found if c.type not in GENERIC_TYPES]
    out = []
    for alias, kind in sorted(wanted):
        for at, end in _in_regions(text, alias, regions):
            if at in starts and end in ends and not _inside(taken, at, end):
                out.append(EntityCandidate(at, end, kind, PATTERN_SCORE, "pattern"))
    return _joined(sorted(out, key=lambda c: (c.start, c.end, c.type)))


def _joined(found: list[EntityCandidate]) -> list[EntityCandidate]:
    """Short forms of one type that overlap are one: 黔安工业 and 工业技校 in 黔安工业技校
    (place, core and the kind's short ending together). Sorted by start."""
    out: list[EntityCandidate] = []
    for c in found:
        if out and c.start < out[-1].end and c.type == out[-1].type:
            out[-1] = replace(out[-1], end=max(out[-1].end, c.end))
        elif not out or c.start >= out[-1].end:
            out.append(c)
    return out


def _in_regions(text: str, part: str, regions: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Where ``part`` occurs wholly inside one of ``regions`` (sorted, not overlapping): one
    search of the text, not one per region."""
    region_starts = [r[0] for r in regions]
    for at in _all(text, part, 0, len(text)):
        k = bisect_right(region_starts, at) - 1
        if k >= 0 and at + len(part) <= regions[k][1]:
            yield at, at + len(part)


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
        (at, end, kind)
        for alias, kind in declared.items()
        for at, end in _in_regions(text, alias, regions)
    )
    kept = list(found)
    added = []
    for start, end, kind in occurrences:
        overlapping = [c for c in kept if c.start < end and start < c.end]
        if any(
            c.start <= start and end <= c.end and c.type not in GENERIC_TYPES for c in overlapping
        ):
            continue  # part of a longer name, or the name itself
        if any(c.start < start and c.type not in GENERIC_TYPES for c in overlapping):
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
        if c.type not in GENERIC_TYPES and (c.end not in by_end or c.start < by_end[c.end].start):
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
