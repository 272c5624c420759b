"""Find the quantities (number, unit, qualifier) in a piece of running text with the recognisers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import regex

from pipeline.claim_patterns import ClaimPatterns, Recogniser, claim_patterns
from pipeline.data import ClaimKind, Qualifier
from pipeline.numbers import (
    apply_multiplier,
    parse_arabic,
    parse_chinese_numeral,
    parse_vague_numeral,
)


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
    unit_end: int  # where the unit itself ends (before a qualifier such as 以上)


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
    """``30岁以下青年教师`` names a group by a threshold; ``占50%以上。`` is a claim."""
    if match.groupdict().get("post") not in patterns.threshold_after:
        return True
    after = text[match.end() : match.end() + 1]
    return after == "" or after in patterns.threshold_not_before or not regex.match(r"\p{Han}", after)


@validator("lone_yi")
def _lone_yi(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """A bare 一 is an article (一个, 一批) unless it is counted: 唯一一支, 银奖一枚。"""
    if match["num"] not in ("一", "壹"):
        return True
    before = text[: match.start("num")]
    if before.endswith(("唯一", "仅", "只", "仅有", "只有")):
        return True
    after = text[match.end() : match.end() + 1]
    return after == "" or after in _PUNCTUATION


@validator("bare_power")
def _bare_power(match: regex.Match[str], text: str, patterns: ClaimPatterns) -> bool:
    """A bare 百/千/万 (百名, 千人竞秀) is rhetoric, not a count; 数百 and 十 are counts."""
    return match["num"] not in ("百", "千", "万", "亿", "佰", "仟")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Book titles and short quotations: names, not statements (《…2024年…》, “1310”, “百名”)."""
    spans = [(m.start(), m.end()) for m in regex.finditer(r"《[^《》]*》|〈[^〈〉]*〉", text)]
    quotes = regex.finditer(r"“[^“”。；]{1,12}”|\"[^\"。；]{1,12}\"|‘[^‘’]{1,12}’|「[^「」]{1,12}」", text)
    spans += [(m.start(), m.end()) for m in quotes]
    return spans


def _excluded_spans(text: str, patterns: ClaimPatterns) -> list[tuple[int, int]]:
    spans = _protected_spans(text)
    for _name, pattern in patterns.exclusions:
        spans += [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _qualifier(match: regex.Match[str], vague: bool, patterns: ClaimPatterns) -> Qualifier:
    """The first qualifier that says the number is not exact: before, between, vague, after."""
    groups = match.groupdict()
    found = [
        patterns.qualifiers_before.get(groups.get("pre") or "", "exact"),
        patterns.qualifiers_between.get(groups.get("mid") or "", "exact"),
        "more_than" if vague else "exact",
        patterns.qualifiers_after.get(groups.get("post") or "", "exact"),
    ]
    return next((q for q in found if q != "exact"), "exact")  # type: ignore[return-value]


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


def _ratio_value(match: regex.Match[str]) -> Decimal | None:
    """``17.6:1`` → 17.6, ``1:11.38`` → 11.38, ``34.8:65.2`` → 34.8 (the term that is not 1)."""
    a, b = parse_arabic(match["a"]), parse_arabic(match["b"])
    if a is None or b is None:
        return None
    return b if a == 1 and b != 1 else a


def _to_quantity(
    recogniser: Recogniser, match: regex.Match[str], offset: int, patterns: ClaimPatterns
) -> Quantity | None:
    number_text = match["num"]
    unit_end = match.end()
    if recogniser.name == "ratio":
        value, vague, unit, kind = _ratio_value(match), False, "ratio", "ratio"
    else:
        read = _read_number(number_text)
        if read is None:
            return None
        value, vague = read
        unit_text = match.groupdict().get("unit")
        if recogniser.name == "rank":
            unit, kind = "名", "other"
        elif unit_text is None:
            unit, kind = patterns.implicit_unit, patterns.implicit_kind
        else:
            info = patterns.units[unit_text]
            unit, kind = info.base, info.kind
            unit_end = match.end("unit")
        if match.groupdict().get("mult"):
            value = apply_multiplier(value, match["mult"])
    if value is None:
        return None
    qualifier = _qualifier(match, vague, patterns)
    if match.groupdict().get("rank") == "前":
        qualifier = "at_most"
    return Quantity(
        start=offset + match.start(),
        end=offset + match.end(),
        number_start=offset + match.start("num"),
        number_end=offset + match.end("num"),
        number_text=number_text,
        value=value,
        unit=unit,
        qualifier=qualifier,
        kind=kind,  # type: ignore[arg-type]
        recogniser=recogniser.name,
        score=recogniser.score,
        unit_end=offset + unit_end,
    )


def find_quantities(text: str, offset: int = 0, limit: int | None = None) -> tuple[Quantity, ...]:
    """Quantities in ``text`` whose number starts before ``limit``; offsets shifted by ``offset``.

    ``text`` may run a few characters past the sentence (``limit``) so that a unit wrapped
    onto the next line (``56699\\n人``) is still read.
    """
    patterns = claim_patterns()
    limit = len(text) if limit is None else limit
    excluded = _excluded_spans(text, patterns)
    candidates: list[Quantity] = []
    for recogniser in patterns.recognisers:
        for match in recogniser.pattern.finditer(text):
            if match.start("num") >= limit or _overlaps(match.start("num"), match.end("num"), excluded):
                continue
            if not all(VALIDATORS[name](match, text, patterns) for name in recogniser.validators):
                continue
            quantity = _to_quantity(recogniser, match, offset, patterns)
            if quantity is not None:
                candidates.append(quantity)
    kept: list[Quantity] = []
    for quantity in sorted(candidates, key=lambda q: (-q.score, q.start - q.end, q.start)):
        if not any(k.start < quantity.end and quantity.start < k.end for k in kept):
            kept.append(quantity)
    return tuple(sorted(kept, key=lambda q: (q.number_start, q.start)))
