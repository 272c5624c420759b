"""Scope: whether a number speaks for the reporting entity or for one named school.

A run of Chinese ending in a school suffix (学校, 职校, 职业教育中心…) names a school. It is
a class of schools rather than one (``全市中等职业学校``, ``15所高职院校``) when only a place
or a quantifier precedes the class word. A claim after a named school that is not the
report's own, in the same paragraph and with no reset word (全市, 各校) in between, is
that school's number. The report's own names come from the reporting entity and from its
title page, so a misread reporting entity does not turn a school's report against itself.
The words live in the ``scope`` section of ``ontology/indicators.json``.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import regex

from nianbao.ontology import IndicatorOntology, ScopeWords
from nianbao.text.places import PLACE_ENDINGS

_SCOPE_WINDOW = 600  # characters before a number that may say whom it speaks for
_HAN_RUN = regex.compile(r"\p{Han}+")
_TITLE_LINES = 3
_NAME_LIMIT = 20
_PREPOSITIONS = "在与和及由对为向从经将把跟、"
_SENTENCE_ENDS = "。！？!?\n"
_NOW = ("目前", "截至目前")
# a title-page line: a name, or a name with 质量年度报告 and its year, no sentence in it
_TITLE_LINE = regex.compile(r"[^，。；,;！？!?]{2,40}")
# a preface sentence saying who compiled the report (某校成立质量年报编制小组…)
_AUTHOR_LINE = regex.compile(r"编制.{0,30}(?:报告|年报)|(?:报告|年报).{0,10}编制")


def own_names(
    text: str | None, reporting_entity: str | None, onto: IndicatorOntology
) -> tuple[str, ...]:
    """The names a report speaks for: its reporting entity and the schools its title page
    (or the preface sentence saying who compiled it) names."""
    names = [reporting_entity] if reporting_entity else []
    if text:
        head = [line for line in text.splitlines()[:12] if line.strip()][:_TITLE_LINES]
        for line in head:
            line = unicodedata.normalize("NFKC", line).strip()
            if not (_TITLE_LINE.fullmatch(line) or _AUTHOR_LINE.search(line)):
                continue  # running text, not the title page nor who wrote the report
            for name in _school_names(line, onto.scope):
                if _kind(name, (), onto.scope) == "named":
                    names.append(name)
    return tuple(dict.fromkeys(names))


def about_named_school(text: str, at: int, own: tuple[str, ...], onto: IndicatorOntology) -> bool:
    """Whether the paragraph before ``at`` last named a school other than the report's own
    (a reset word or a place opening a clause, 全市 or 某市面向…, brings it back)."""
    # The paragraph, but no further back than _SCOPE_WINDOW characters: a school named
    # that far back no longer governs the number, and the bound keeps this linear.
    start = max(text.rfind("\n", 0, at) + 1, at - _SCOPE_WINDOW)
    last = _last_subject(unicodedata.normalize("NFKC", text[start:at]), own, onto)
    return last in ("named", "wider")


def speaks_for_the_whole(text: str, at: int, own: tuple[str, ...], onto: IndicatorOntology) -> bool:
    """Whether the sentence before ``at`` has the whole as its subject (全市, 我校, 某市…,
    目前) rather than one school, even the report's own (某校联合某集团…)."""
    start = at
    floor = max(0, at - _SCOPE_WINDOW)
    while start > floor and text[start - 1] not in _SENTENCE_ENDS:
        start -= 1
    return _last_subject(unicodedata.normalize("NFKC", text[start:at]), own, onto) == "whole"


def _last_subject(window: str, own: tuple[str, ...], onto: IndicatorOntology) -> str | None:
    """``named`` (another school), ``own`` (the report's own school by name), ``whole``
    (a reset word or a place opening a clause), ``wider`` (a region above the reporting
    entity: 全国, 全省 in a city's report, 全市 in a school's), whichever the window names
    last."""
    scope = onto.scope
    events: list[tuple[int, str]] = []
    for end, name in _school_mentions(window, scope):
        kind = _kind(name, own, scope)
        if kind != "class":
            events.append((end, kind))
    wider = _wider_words(own, scope)
    resets = (
        *(w for w in scope.reset_words if w not in wider),
        *(scope.own_school_reset_words if _own_school(own, scope) else ()),
        *_NOW,
    )
    for word in resets:
        at_word = window.rfind(word)
        if at_word >= 0:
            events.append((at_word + len(word), "whole"))
    if wider:
        for m in _wider_subject(wider, scope.wider_subject_next).finditer(window):
            events.append((m.end("region"), "wider"))
    for m in _place_subject(scope.place_subject).finditer(window):
        events.append((m.end("place"), "whole"))
    return max(events)[1] if events else None


@cache
def _wider_subject(words: tuple[str, ...], following: str) -> regex.Pattern[str]:
    """A wider region as a clause's subject (全省中职学校…, 2024年，全国共有…), not as a part
    of a name or an indicator (全国职业院校技能大赛, 本省去向落实率, 代表全省参加)."""
    region = "|".join(words)
    return regex.compile(
        r"(?:^|(?<=[，。；：,;:！？\s]))(?:(?:19|20)[0-9]{2}年度?[，,]?)?"
        rf"(?P<region>{region})(?={following})"
    )


@cache
def _wider_words(own: tuple[str, ...], scope: ScopeWords) -> tuple[str, ...]:
    """The region words above the reporting entity (``scope`` in indicators.json: the
    country always, the province unless the report is a province's, and the city or county
    around a school in the school's own report), judged from the names it speaks for."""
    if _own_school(own, scope):
        return (*scope.country_words, *scope.province_words, *scope.school_region_words)
    if any("省" in name and not regex.search(r"[市县区州盟]", name) for name in own):
        return scope.country_words  # a province's own report speaks for the whole province
    return (*scope.country_words, *scope.province_words)


def table_about_other_school(title: str, own: tuple[str, ...], onto: IndicatorOntology) -> bool:
    """Whether a table title names one school that is not the report's own."""
    return any(
        _kind(name, own, onto.scope) == "named"
        for name in _school_names(unicodedata.normalize("NFKC", title), onto.scope)
    )


def _school_names(text: str, scope: ScopeWords) -> list[str]:
    return [name for _, name in _school_mentions(text, scope)]


def _school_mentions(text: str, scope: ScopeWords) -> list[tuple[int, str]]:
    """(end offset, name) for every run of Chinese that ends in a school suffix."""
    out = []
    by_last = _by_last_character(scope.school_suffixes)
    for run in _HAN_RUN.finditer(text):
        word = run.group(0)
        for end in range(2, len(word) + 1):
            suffixes = by_last.get(word[end - 1])
            if suffixes and any(word.endswith(s, 0, end) for s in suffixes):
                if end < len(word) and any(word.startswith(s, end) for s in ("校区", "学")):
                    continue  # 学校校区, 中学学段: the name goes on
                out.append((run.start() + end, word[max(0, end - _NAME_LIMIT) : end]))
    return out


@lru_cache(maxsize=1 << 16)
def _kind(name: str, own: tuple[str, ...], scope: ScopeWords) -> str:
    """``own``, ``class`` (a kind of school) or ``named`` (one other school). Cached: the
    same few names recur in every window of a document, and the answer is pure."""
    tail = _name_part(name, scope)
    for o in own:
        if o and (o in name or (len(tail) >= 4 and tail in o) or _abbreviates(tail, o, scope)):
            return "own"
    word = next((w for w in _longest_first(scope.class_words) if tail.endswith(w)), None)
    if word is None:  # a distinctive suffix: 青山职校, 某县职教中心
        suffix = next(s for s in _longest_first(scope.school_suffixes) if tail.endswith(s))
        rest = _strip_prefixes(tail[: -len(suffix)], scope)
        return "named" if 2 <= len(rest) <= 8 else "class"
    rest = tail[: -len(word)]
    place = max((rest.rfind(e) for e in PLACE_ENDINGS), default=-1)
    if place < 1:  # no place before the class word: 产业学院, 国家级重点中等职业学校
        return "class"
    return "named" if _strip_prefixes(rest[place + 1 :], scope) else "class"


def _name_part(name: str, scope: ScopeWords) -> str:
    """What follows the last word that no name contains (推进, 的, 各, 年…)."""
    cut = 0
    for word in scope.not_name:
        at = name.rfind(word)
        if at >= 0:
            cut = max(cut, at + len(word))
    rest = name[cut:]
    if len(rest) > 4 and rest[0] in _PREPOSITIONS:  # 在某某职校, 与某某学校
        rest = rest[1:]
    return rest


def _abbreviates(name: str, own: str, scope: ScopeWords) -> bool:
    """``黔定职校`` for ``黔定市职业技术学校``: a short form sharing the place of a school name."""
    if not own.endswith(tuple(scope.school_suffixes)) or len(name) > 6:
        return False
    return name[:2] == own[:2] and name.endswith(tuple(scope.school_suffixes))


def _strip_prefixes(rest: str, scope: ScopeWords) -> str:
    words = _longest_first(scope.class_prefixes)
    changed = True
    while changed and rest:
        changed = False
        for w in words:
            if rest.startswith(w):
                rest, changed = rest[len(w) :], True
            if rest.endswith(w):
                rest, changed = rest[: -len(w)], True
    return rest


def _own_school(own: tuple[str, ...], scope: ScopeWords) -> bool:
    return any(o.endswith(tuple(scope.school_suffixes)) for o in own)


@cache
def _place_subject(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


@cache
def _by_last_character(suffixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The suffixes grouped by their last character: most characters end none of them."""
    groups: dict[str, list[str]] = {}
    for suffix in suffixes:
        groups.setdefault(suffix[-1], []).append(suffix)
    return {last: tuple(group) for last, group in groups.items()}


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))
