"""Find what a number counts (its indicator) and how it relates to it (value, change, share)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import regex

from nianbao.claims.patterns import PATTERN_DIR
from nianbao.claims.quantities import Quantity
from nianbao.claims.words import leading_place_length, noun_phrase_end, word_starts

_MAX_POSTPOSED = 14
_MAX_INDICATOR = 30
_SPACE = " \t\u3000\n"


@dataclass(frozen=True, slots=True)
class IndicatorCues:
    delimiters: str
    linking_words: tuple[str, ...]
    change_words: tuple[str, ...]
    comparison: regex.Pattern[str]
    share: regex.Pattern[str]
    trim_prefixes: tuple[regex.Pattern[str], ...]
    head_markers: regex.Pattern[str]
    object_verbs: tuple[str, ...]
    leading_verbs: tuple[str, ...]
    generic_heads: frozenset[str]
    postposed_stops: tuple[str, ...]
    verb_starts: tuple[str, ...]
    implicit_nouns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator span (absolute offsets; ``None`` when not written) and the claim's role."""

    text: str | None
    start: int | None
    end: int | None
    role: str  # value | change | share | ratio
    inherited: bool = False  # taken from the previous claim (较上一学年减少 652 人)


@dataclass(frozen=True, slots=True)
class _Before:
    span: tuple[int, int] | None
    role: str
    compared: bool  # a comparison (较上一学年) stood before the number
    wants_object: bool  # the phrase ends in a verb or preposition whose object follows (新增, 与)


@dataclass(frozen=True, slots=True)
class _After:
    span: tuple[int, int]
    verb_phrase: bool  # 96人[参加对口高考]
    after_de: bool  # 1项的[成绩]: the number describes the noun


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def indicator_cues() -> IndicatorCues:
    """The cue words of ``patterns/claim_indicators.json`` (loaded once)."""
    with open(PATTERN_DIR / "claim_indicators.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return IndicatorCues(
        delimiters=data["clause_delimiters"],
        linking_words=_longest_first(data["linking_words"]),
        change_words=_longest_first(data["change_words"]),
        comparison=regex.compile(data["comparison"]),
        share=regex.compile(data["share"]),
        trim_prefixes=tuple(regex.compile(p) for p in data["trim_prefixes"]),
        head_markers=regex.compile(data["head_markers"]),
        object_verbs=_longest_first(data["object_verbs"]),
        leading_verbs=_longest_first(data["leading_verbs"]),
        generic_heads=frozenset(data["generic_heads"]),
        postposed_stops=_longest_first(data["postposed_stops"]),
        verb_starts=_longest_first(data["verb_starts"]),
        implicit_nouns=tuple(data["implicit_nouns"]),
    )


def _strip_end(text: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    """``text`` without one trailing word of ``words`` (longest first), and that word."""
    for word in words:
        if text.endswith(word):
            return text[: -len(word)], word
    return text, None


def _clause_start(text: str, end: int, floor: int, cues: IndicatorCues) -> int:
    """Start of the clause that ends at ``end`` (after the last delimiter, not before ``floor``)."""
    start = end
    while start > floor and text[start - 1] not in cues.delimiters:
        start -= 1
    return start


def _cut_end(text: str, start: int, end: int, cues: IndicatorCues) -> tuple[int, str, bool]:
    """Cut linking, change, comparison and share words off the end of the phrase before a number.

    Returns the new end, the role and whether a comparison (较上一学年) was cut.
    """
    role, compared = "value", False
    for _ in range(8):
        phrase = text[start:end].rstrip(_SPACE)
        end = start + len(phrase)
        head, word = _strip_end(phrase, cues.linking_words)
        if word:
            end = start + len(head)
            continue
        head, word = _strip_end(phrase, cues.change_words)
        if word:
            end, role = start + len(head), "change"
            continue
        match = cues.comparison.search(phrase)
        if match and match.start() < len(phrase):
            end, role, compared = start + match.start(), "change", True
            continue
        match = cues.share.search(phrase)
        if match:
            end, role = start + match.start(), "share"
            continue
        break
    return end, role, compared


def _trim_start(text: str, start: int, end: int, cues: IndicatorCues) -> int:
    """Move ``start`` past leading time, scope and place words (2024年, 清河市中职学校, 其中)
    and a leading verb whose object is the indicator (聘请行业导师 → 行业导师)."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _SPACE + "、（(":
            start += 1
        for pattern in cues.trim_prefixes:
            match = pattern.match(text[start:end])
            if match and match.end() > 0:
                start, changed = start + match.end(), True
        place = leading_place_length(text[start:end])
        if place and end - start - place >= 2:
            start, changed = start + place, True
        rest = text[start:end]
        for verb in cues.leading_verbs:
            remainder = rest[len(verb) :].strip()
            if (
                rest.startswith(verb)
                and len(remainder) >= 2
                and remainder not in cues.generic_heads
            ):
                start, changed = start + len(verb), True
                break
    return start


def _head_start(text: str, start: int, end: int, min_length: int, cues: IndicatorCues) -> int:
    """For a phrase longer than ``min_length``, the start of what follows its last 的 (or 等)."""
    if end - start <= min_length:
        return start
    markers = list(cues.head_markers.finditer(text, start, end))
    if markers and markers[-1].end() <= end - 2:
        return markers[-1].end()
    return start


def _span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding spaces and a trailing 的; ``None`` if no Han is left."""
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE + "的":
        end -= 1
    if end <= start or not regex.search(r"\p{Han}", text[start:end]):
        return None
    return start, end


def _before(text: str, number_at: int, floor: int, cues: IndicatorCues) -> _Before:
    """The phrase between the clause start and the number, cleaned of cue words."""
    clause_start = _clause_start(text, number_at, floor, cues)
    end, role, compared = _cut_end(text, clause_start, number_at, cues)
    raw = text[clause_start:end]
    wants_object = bool(raw) and (any(raw.endswith(v) for v in cues.object_verbs) or len(raw) < 2)
    if raw.rstrip().endswith("、"):
        return _Before(None, role, compared, True)  # a new list item: 二等奖1项、[三等奖]8项
    start = _trim_start(text, clause_start, end, cues)
    start = _head_start(text, start, end, 8, cues)
    span = _span(text, start, end) if start < end else None
    if span and span[1] - span[0] > _MAX_INDICATOR:
        span = (span[1] - _MAX_INDICATOR, span[1])
    return _Before(span, role, compared, wants_object)


def _stop_at(window: str, stop: str, starts: dict[int, str], begin: int) -> int:
    """Where ``stop`` starts a word of ``window`` at or after ``begin`` (-1 if nowhere)."""
    position = window.find(stop, begin)
    while position >= 0:
        word = starts.get(position)
        if word is not None and (len(stop) > 1 or word == stop):
            return position
        position = window.find(stop, position + 1)
    return -1


def _after(text: str, start: int, cues: IndicatorCues) -> _After | None:
    """The noun (or verb phrase) right after the unit: 新增9个[紧缺专业], 96人[参加对口高考]."""
    after_de = False
    while start < len(text) and text[start] in _SPACE + "的":
        after_de = after_de or text[start] == "的"
        start += 1
    window = text[start : start + _MAX_POSTPOSED]
    if not window or not regex.match(r"[\p{Han}“\"]", window):
        return None
    for noun in cues.implicit_nouns:
        if window.startswith(noun):
            return _After((start, start + len(noun)), False, after_de)
    verb_phrase = any(window.startswith(v) for v in cues.verb_starts)
    cut = next(
        (i for i, ch in enumerate(window) if ch in cues.delimiters + "、" or ch.isdigit()),
        len(window),
    )
    if not verb_phrase:
        starts = word_starts(window)
        for stop in cues.postposed_stops:
            position = _stop_at(window, stop, starts, 0)
            if 0 <= position < cut:
                cut = position
        cut = min(cut, noun_phrase_end(window[:cut]) or cut)
    if cut < 1 or (cut == 1 and window[0] in "中内里外上下间"):
        return None
    if cut == 1:  # 23个班获得“最佳合作团队”: one character says too little, keep its clause
        cut = next((i for i, ch in enumerate(window) if ch in cues.delimiters), len(window))
    head = _head_start(text, start, start + cut, 0, cues)
    span = _span(text, head, start + cut)
    return _After(span, verb_phrase, after_de) if span else None


def _choose(quantity: Quantity, before: _Before, after: _After | None) -> tuple[int, int] | None:
    """Counts name their noun after the measure word (共有16个[专业大类]); rates, money and
    durations name it before the number (就业率为97.6%)."""
    if before.span is None:
        return after.span if after else None
    if after is None or quantity.kind != "count":
        return before.span
    if before.wants_object or not (after.verb_phrase or after.after_de):
        return after.span
    return before.span


def find_indicator(
    text: str,
    offset: int,
    quantity: Quantity,
    floor: int,
    previous: Indicator | None,
) -> Indicator:
    """The indicator of ``quantity`` in ``text`` (a sentence starting at ``offset``).

    ``floor`` is where the phrase before the number may start at the earliest (the end of
    the previous quantity in the same sentence); ``previous`` is the previous claim's
    indicator, used for changes and shares that do not repeat it.
    """
    cues = indicator_cues()
    before = _before(text, quantity.start - offset, floor, cues)
    after = _after(text, quantity.end - offset, cues)
    role = "ratio" if quantity.kind == "ratio" else before.role
    chosen = _choose(quantity, before, after)
    if chosen is None and (role in ("change", "share") or before.compared) and previous:
        return Indicator(previous.text, previous.start, previous.end, role, inherited=True)
    if chosen is None:
        return Indicator(None, None, None, role)
    start, end = chosen
    return Indicator(text[start:end], offset + start, offset + end, role)
