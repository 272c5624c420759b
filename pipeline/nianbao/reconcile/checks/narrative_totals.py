"""Totals stated in one sentence with what they are made of.

* ``获奖54项，其中一等奖15项、二等奖15项、三等奖22项``: parts listed after 其中 that form a
  full set of grades (一、二、三等奖) add up to the total (more is an error, less a warning:
  there may be other prizes). Other lists may overlap (校企合作教材, 新形态教材) and are
  not added up.
* ``4名学生获得国家奖学金，每人6000元，共计发放2.2万元``: a total paid is the count times
  the amount per person (每人, 人均, 生均 before it, or a unit of 元/人, 元/生).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Finding, Severity
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import agreement, evidence_of, finding, fmt, shown
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.spans import MAX_SENTENCE_CHARS

_SENTENCE_END = regex.compile(r"[。；;！？!?\n]")
_PUNCTUATION_END = regex.compile(r"[。；;！？!?]|(?<![\p{Han}0-9\n])\n")
_JOINERS = regex.compile(r"^[\s、，,和及与以及]*$")
_PER_PERSON = regex.compile(r"(?:每人|每生|每名|每位|每个学生|每名学生|人均|生均)[^，,。；]{0,6}$")
_PER_PERSON_UNITS = frozenset({"元/人", "元/生", "元/人·年", "元/生·年"})
_PER_TIME = regex.compile(r"每(?:学期|学年|年|月)")
_TOTAL_WORDS = regex.compile(
    r"(?:共计|合计|总计|累计|共|总金额|总额|发放金额|金额)[^，,。；]{0,6}$"
)
_COUNTS = frozenset({"persons", "person_times", "items", "times"})


@register_check("listed_parts")
def check_listed_parts(ctx: CheckContext) -> Iterator[Finding]:
    """``获奖N项，其中一等奖a项、二等奖b项、三等奖c项``: a full set of grades against the total."""
    if not ctx.text:
        return
    sets = ctx.links.ontology.complete_part_sets
    claims = sorted(ctx.links.claim_observations, key=lambda o: o.start)
    for i, whole in enumerate(claims):
        if not _plain_count(whole) or i + 1 >= len(claims):
            continue
        first = claims[i + 1]
        gap = ctx.text[whole.end : first.start]
        if "其中" not in gap or _SENTENCE_END.search(gap) or len(gap) > 8:
            continue
        parts = _listed_after(ctx.text, claims[i + 1 :], whole)
        if not parts:
            continue
        if not _complete(parts, sets):
            continue  # 校企合作教材 and 新形态教材 may overlap: only a full set must add up
        total = sum((p.value for p in parts), Decimal(0))
        if total == whole.value:
            continue
        severity: Severity = "error" if total > whole.value else "warning"
        names = "+".join(f"{p.label}{p.printed}" for p in parts)
        relation = "超过" if total > whole.value else "少于"
        message = f"正文称{whole.label}{whole.printed}，其中{names}={fmt(total)}，{relation}总数"
        if severity == "warning":
            message += "（所列为全部等级时其和应等于总数；若另有其他奖项则可能不同）"
        evidence = [evidence_of(whole), *(evidence_of(p) for p in parts)]
        yield finding("narrative_arithmetic", severity, message, whole.value, total, evidence)


@register_check("count_times_amount")
def check_count_times_amount(ctx: CheckContext) -> Iterator[Finding]:
    """``N人…每人X元…共计T元`` in one sentence: T should be N × X."""
    if not ctx.text:
        return
    text = ctx.text
    money = [o for o in ctx.links.claim_observations if o.family == "money" and _exact(o)]
    for unit_amount in money:
        if not (
            _PER_PERSON.search(_before_number(ctx, unit_amount, 12))
            or unit_amount.unit in _PER_PERSON_UNITS  # 2000元/人
        ):
            continue
        left, right = _sentence(text, unit_amount.start)
        inside = [o for o in ctx.links.claims_between(left, right) if o.end <= right]
        counts = [o for o in inside if o.family in ("persons", "person_times") and _exact(o)]
        totals = [
            o
            for o in inside
            if o is not unit_amount
            and o.family == "money"
            and _exact(o)
            and o.start > unit_amount.start
            and _TOTAL_WORDS.search(_before_number(ctx, o, 10))
        ]
        if len(counts) != 1 or len(totals) != 1:
            continue  # which count the amount multiplies must be plain
        count, total = counts[0], totals[0]
        computed = count.value * unit_amount.value
        result = agreement(total.value, total.quantum, computed)
        if result == "agree":
            continue
        per_period = bool(_PER_TIME.search(text[left:right])) or count.family == "person_times"
        severity: Severity = "warning" if per_period or result != "differs" else "error"
        expected = shown(computed, total.quantum)
        message = (
            f"正文称{total.label}{total.printed}，按同句{count.label}{count.printed}×"
            f"每人{unit_amount.printed}计算应为{fmt(expected)}元"
        )
        if severity == "warning" and result == "differs":
            message += "（按人次或按学期计发时标准可能不一）"
        evidence = [evidence_of(total), evidence_of(count), evidence_of(unit_amount)]
        yield finding("narrative_arithmetic", severity, message, total.value, expected, evidence)


def _plain_count(obs: Observation) -> bool:
    return obs.family in _COUNTS and _exact(obs) and obs.role == "value"


def _exact(obs: Observation) -> bool:
    return obs.source == "claim" and obs.qualifier == "exact" and obs.report_scope


def _listed_after(text: str, following: list[Observation], whole: Observation) -> list[Observation]:
    """The claims listed one after another (joined by 、，和) right after 其中."""
    parts: list[Observation] = []
    for obs in following:
        if parts and not _JOINERS.match(text[parts[-1].end : obs.start]):
            break
        if obs.family != whole.family or not _exact(obs) or obs.role != "value":
            return []
        parts.append(obs)
    return parts


def _complete(parts: list[Observation], sets: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the parts' names cover a whole set of categories (一等奖、二等奖、三等奖)."""
    labels = [p.label for p in parts]
    return any(
        all(any(label.endswith(word) for label in labels) for word in words)
        and len(labels) == len(words)
        for words in sets
    )


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``; a line break inside a word (``发放金\n\n额``, an export
    artefact) does not end it."""
    left, floor = at, max(0, at - MAX_SENTENCE_CHARS)
    while left > floor and not _PUNCTUATION_END.match(text, left - 1):
        left -= 1
    right = _PUNCTUATION_END.search(text, at, at + MAX_SENTENCE_CHARS)
    return left, right.start() if right else min(len(text), at + MAX_SENTENCE_CHARS)


def _before_number(ctx: CheckContext, obs: Observation, width: int) -> str:
    """The ``width`` characters before the claim's number (``共计发放`` in ``共计发放2.2万元``)."""
    claim = ctx.claim(obs.claim_id or "")
    at = claim.number_start if claim else obs.start
    assert ctx.text is not None
    return regex.sub(r"\s+", "", ctx.text[max(0, at - width) : at])
