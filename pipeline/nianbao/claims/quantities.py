"""Find the quantities (number, unit, qualifier) in a piece of running text with the recognisers."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import cast

import regex

from nianbao.claims.patterns import ClaimPatterns, Recogniser, claim_patterns
from nianbao.data import ClaimKind, Qualifier
from nianbao.text.numbers import (
    MULTIPLIERS,
    apply_multiplier,
    parse_arabic,
    parse_chinese_numeral,
    parse_vague_numeral,
    ratio_term,
)
from nianbao.text.words import tagged_words


@dataclass(frozen=True, slots=True)
class Quantity:
    """One recognised quantity; offsets are absolute (document text)."""

    start: int  # from the qualifier before the number to the unit or the qualifier after it
    end: int
    number_start: int
    number_end: int
    number_text: str
    value: Decimal
    unit: str
    qualifier: Qualifier
    kind: ClaimKind
    recogniser: str
    score: float


# Every pattern is bounded; a sentence that still takes longer is skipped, not waited on.
_REGEX_TIMEOUT_S = 1.0

Validator = Callable[[regex.Match[str], str, ClaimPatterns], bool]
VALIDATORS: dict[str, Validator] = {}


def validator(name: str) -> Callable[[Validator], Validator]:
    """Register a match validator under ``name`` (referenced from claim_recognisers.json)."""

    def register(func: Validator) -> Validator:
        VALIDATORS[name] = func
        return func

    return register


_PUNCTUATION = "，。；、！？：,.;!?:）)”’》\n\t "
_DURATION_LEADS = ("连续", "历经", "建校", "长达", "已有", "用了", "经过", "坚持", "整整", "达")
_DURATION_FOLLOWERS = "来的间内如里以半中多余" + _PUNCTUATION


@validator("ratio_shape")
def _ratio_shape(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """A ratio has a decimal or a 1 on one side, or a 比 before it (not a clock time)."""
    a, b = match["a"], match["b"]
    if any(ch in a + b for ch in ".．") or parse_arabic(a) == 1 or parse_arabic(b) == 1:
        return True
    return "比" in text[max(0, match.start() - 12) : match.start()]


@validator("range_order")
def _range_order(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """A range runs upwards (3-5期); 2023-2024 and 10-08 are not ranges of a quantity."""
    low, high = parse_arabic(match["a"]), parse_arabic(match["b"])
    if low is None or high is None:
        return False
    if match["amult"] and not match["mult"]:
        return False
    scale = MULTIPLIERS[match["amult"]] if match["amult"] else 1
    return low * scale < high * (MULTIPLIERS[match["mult"]] if match["mult"] else 1)


@validator("year_duration")
def _year_duration(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """``N年`` is a duration only in forms like 连续两年, 30年来, 20年如一日; 近三年 is a period."""
    if match.groupdict().get("unit") != "年":
        return True
    if match.groupdict().get("pre"):
        return False
    before = text[: match.start()].rstrip()
    if before.endswith(("近", "前", "上", "这", "后", "每", "今", "去", "明", "本", "最近")):
        return False
    if before.endswith(_DURATION_LEADS):
        return True
    after = text[match.end() : match.end() + 1]
    return after == "" or after in _DURATION_FOLLOWERS


@validator("threshold")
def _threshold(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """``30岁以下青年教师`` names a group by a threshold (a noun follows); ``占50%以上。`` and
    ``师生180人以上参加`` (a verb follows) are claims."""
    if match.groupdict().get("post") not in patterns.threshold_after:
        return True
    after = text[match.end() : match.end() + 6]
    if not after or after[0] in patterns.threshold_not_before or not regex.match(r"\p{Han}", after):
        return True
    first_flag = tagged_words(after)[0][1]
    return first_flag.startswith(("v", "d", "p", "c"))


@validator("lone_yi")
def _lone_yi(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """A bare 一 is an article (一个, 一批) unless it is counted: 唯一一所, 金奖一枚。"""
    if match["num"] not in ("一", "壹"):
        return True
    before = text[: match.start("num")]
    if before.endswith(("唯一", "仅", "只", "仅有", "只有")):
        return True
    after = text[match.end() : match.end() + 1]
    return after == "" or after in _PUNCTUATION


@validator("bare_power")
def _bare_power(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """A bare 百/千/万 (百名, 千人同台) is rhetoric, not a count; 数百 and 十 are counts, and
    so is a bare power with a qualifier before it (逾百家企业, 近千人, 超万人次)."""
    return match["pre"] is not None or match["num"] not in ("百", "千", "万", "亿", "佰", "仟")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Book titles and short quotations: names, not statements (《…2024年…》, “1310”, “百名”)."""
    spans = [(m.start(), m.end()) for m in regex.finditer(r"《[^《》]*》|〈[^〈〉]*〉", text)]
    quotes = regex.finditer(
        r"“[^“”。；]{1,12}”|\"[^\"。；]{1,12}\"|‘[^‘’]{1,12}’|「[^「」]{1,12}」", text
    )
    spans += [(m.start(), m.end()) for m in quotes]
    return spans


class _Spans:
    """Half-open spans, queried for overlap in logarithmic time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [s for s, _e in spans]
        self._max_ends = list(accumulate((e for _s, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # spans that start before ``end``
        return before > 0 and self._max_ends[before - 1] > start


def _excluded_spans(text: str, patterns: ClaimPatterns) -> _Spans | None:
    """Where numbers are not claims; ``None`` when a pattern ran out of time (claim nothing)."""
    spans = _protected_spans(text)
    try:
        for _name, pattern in patterns.exclusions:
            found = pattern.finditer(text, timeout=_REGEX_TIMEOUT_S)
            spans += [(m.start(), m.end()) for m in found if m.end() > m.start()]
    except TimeoutError:
        return None
    return _Spans(spans)


def _matches(recogniser: Recogniser, text: str) -> list[regex.Match[str]]:
    """The recogniser's matches; a pattern that runs out of time yields nothing."""
    try:
        return list(recogniser.pattern.finditer(text, timeout=_REGEX_TIMEOUT_S))
    except TimeoutError:
        return []


def _qualifier(match: regex.Match[str], vague: bool, patterns: ClaimPatterns) -> Qualifier:
    """The first qualifier that says the number is not exact: before, between, vague, after."""
    groups = match.groupdict()
    found = [
        patterns.qualifiers_before.get(groups.get("pre") or "", "exact"),
        patterns.qualifiers_between.get(groups.get("mid") or "", "exact"),
        "more_than" if vague else "exact",
        patterns.qualifiers_after.get(groups.get("post") or "", "exact"),
    ]
    return cast(Qualifier, next((q for q in found if q != "exact"), "exact"))


def _read_number(text: str) -> tuple[Decimal, bool] | None:
    """The value of an Arabic or Chinese number and whether it was vague (数百, 十几)."""
    value = parse_arabic(text)
    if value is not None:
        return value, False
    vague = parse_vague_numeral(text)
    if vague is not None:
        return vague, True
    value = parse_chinese_numeral(text)
    return (value, False) if value is not None else None


def _unit_and_kind(
    recogniser: str, match: regex.Match[str], patterns: ClaimPatterns
) -> tuple[str, str]:
    unit_text = match.groupdict().get("unit")
    if recogniser == "ratio":
        return "ratio", "ratio"
    if recogniser == "chinese_percent":
        return "%", "percent"
    if recogniser == "rank":
        return "名", "other"
    if unit_text is None:
        return patterns.implicit_unit, patterns.implicit_kind
    info = patterns.units[unit_text]
    return info.base, info.kind


def _value(recogniser: str, match: regex.Match[str]) -> tuple[Decimal, bool] | None:
    """The claim value before 万/亿 are applied, and whether the number was vague."""
    if recogniser == "ratio":
        value = ratio_term(match["a"], match["b"])
        return (value, False) if value is not None else None
    if recogniser == "range":  # 3-5期, 1万-2万元: the lower bound
        low = parse_arabic(match["a"])
        if low is None:
            return None
        return (apply_multiplier(low, match["amult"]) if match["amult"] else low), False
    return _read_number(match["num"])


def _to_quantity(
    recogniser: Recogniser, match: regex.Match[str], offset: int, patterns: ClaimPatterns
) -> Quantity | None:
    read = _value(recogniser.name, match)
    if read is None:
        return None
    value, vague = read
    groups = match.groupdict()
    if groups.get("mult") and not groups.get("amult"):
        value = apply_multiplier(value, groups["mult"])
    unit, kind = _unit_and_kind(recogniser.name, match, patterns)
    qualifier = _qualifier(match, vague, patterns)
    if groups.get("rank") == "前":
        qualifier = "at_most"
    if recogniser.name == "range":
        qualifier = "at_least"
    return Quantity(
        start=offset + match.start(),
        end=offset + match.end(),
        number_start=offset + match.start("num"),
        number_end=offset + match.end("num"),
        number_text=match["num"],
        value=value,
        unit=unit,
        qualifier=qualifier,
        kind=kind,  # type: ignore[arg-type]
        recogniser=recogniser.name,
        score=recogniser.score,
    )


def find_quantities(text: str, offset: int = 0, limit: int | None = None) -> tuple[Quantity, ...]:
    """Quantities in ``text`` whose number starts before ``limit``; offsets shifted by ``offset``.

    ``text`` may run a few characters past the sentence (``limit``) so that a unit wrapped
    onto the next line (``48210\\n人``) is still read.
    """
    patterns = claim_patterns()
    limit = len(text) if limit is None else limit
    excluded = _excluded_spans(text, patterns)
    if excluded is None:
        return ()
    candidates: list[Quantity] = []
    for recogniser in patterns.recognisers:
        for match in _matches(recogniser, text):
            number = (match.start("num"), match.end("num"))
            if number[0] >= limit or excluded.overlaps(*number):
                continue
            if not all(VALIDATORS[name](match, text, patterns) for name in recogniser.validators):
                continue
            quantity = _to_quantity(recogniser, match, offset, patterns)
            if quantity is not None:
                candidates.append(quantity)
    # Overlapping matches: the higher score wins, then the longer match.
    kept: list[Quantity] = []
    taken: list[tuple[int, int]] = []  # sorted, disjoint
    for quantity in sorted(candidates, key=lambda q: (-q.score, q.start - q.end, q.start)):
        i = bisect_left(taken, (quantity.start, quantity.end))
        clash_left = i > 0 and taken[i - 1][1] > quantity.start
        clash_right = i < len(taken) and taken[i][0] < quantity.end
        if not (clash_left or clash_right):
            taken.insert(i, (quantity.start, quantity.end))
            kept.append(quantity)
    return tuple(sorted(kept, key=lambda q: (q.number_start, q.start)))
