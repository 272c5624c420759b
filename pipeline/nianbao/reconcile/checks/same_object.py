"""One object described twice: two passages that share a figure (the same 3 order classes,
the same 577.5万元 of grants) but count the object's members differently."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.link.similarity import named_object
from nianbao.reconcile.checks.common import compare_printed, evidence_of, finding
from nianbao.reconcile.registry import CheckContext, register_check

_SENTENCE_END = "。！？!?\n"
_CLAUSE_GROUP_END = regex.compile(r"[。！？!?\n；;]")
_MAX_ANCHOR_SENTENCES = 6
_DISTINCT_DIGITS = 3  # 577.5万元 names one grant; 18万元 or 1000元 could be anything


@register_check("narrative_same_object")
def check_same_object_twice(ctx: CheckContext) -> Iterator[Finding]:
    """Two passages about one object (the same 3 order classes, the same 4 apprentice
    classes) that count its members differently: 订单班3个，在读学生126人 / 订单班3个，订单培养
    学生162人.

    The object is recognised by an *anchor*: a figure both sentences state identically
    (same indicator words, value and unit), or a sum of money precise enough to name one
    grant (发放金额577.5万元 / 总金额577.5万元: at least ``_DISTINCT_DIGITS`` significant
    digits), whatever words it follows; a money anchor speaks only for its own clause (up
    to ；), as a sentence that lists several grants gives each its own. Two other figures of
    the two sentences are then the same quantity when they share the unit (人 and 人次 count
    the same people, told apart in the message) and the indicator's head noun (学生, 学徒),
    or, in the clauses of a money anchor, when both count people (a grant's recipients),
    neither is a part of the anchor itself (专业145个 anchors nothing about 骨干专业), and
    they are the only such pair of the two sentences. Only a ``warning``: the passages may
    describe two moments.
    """
    if not ctx.text:
        return
    ends = [m.start() for m in regex.finditer(f"[{regex.escape(_SENTENCE_END)}]", ctx.text)]
    by_sentence: dict[int, list[Observation]] = defaultdict(list)
    for obs in ctx.links.claim_observations:
        if obs.source == "claim" and obs.role == "value" and obs.qualifier == "exact":
            by_sentence[bisect_left(ends, obs.start)].append(obs)
    # only sentences that share a figure can share an anchor: pair those, not all of them
    sharing: dict[tuple[str, object, str | None], set[int]] = defaultdict(set)
    for sentence, observations in by_sentence.items():
        for obs in observations:
            identity = _identity(ctx, obs)
            if identity is not None:
                sharing[identity].add(sentence)
    # A figure stated in many sentences is boilerplate (a repeated total, a template line),
    # not the mark of one object; it would also make the pairing quadratic in the sentences.
    candidates = {
        (a, b)
        for group in sharing.values()
        if len(group) <= _MAX_ANCHOR_SENTENCES
        for a in group
        for b in group
        if a < b
    }
    seen: set[tuple[str | None, str | None]] = set()
    for first, second in sorted(candidates):
        a, b = by_sentence[first], by_sentence[second]
        anchors = _anchors(ctx, a, b)
        if not anchors:
            continue
        anchored = {_identity(ctx, o) for o in anchors}
        by_money = all(_is_money_anchor(ctx, o) for o in anchors)
        if by_money:
            a, b = _near(ctx, a, anchored), _near(ctx, b, anchored)
        others = [
            (x, y)
            for x in a
            for y in b
            if _identity(ctx, x) not in anchored
            and _identity(ctx, y) not in anchored
            and not any(_part_of(x, o) or _part_of(y, o) for o in anchors)
        ]
        pairs = [(x, y) for x, y in others if _same_quantity(x, y)]
        if not pairs and by_money:
            pairs = [(x, y) for x, y in others if _recipients(x, y)]
        # one quantity of that kind on each side, else it is unclear which is which
        if len(pairs) != 1:
            continue
        x, y = pairs[0]
        if (x.claim_id, y.claim_id) not in seen and _differ(x, y):
            seen.add((x.claim_id, y.claim_id))
            yield _object_finding(y, x, anchors[0])


_Identity = tuple[str, object, str | None]


def _identity(ctx: CheckContext, obs: Observation) -> _Identity | None:
    """What makes a figure the same figure in another sentence: its object, value and unit
    (订单班 3 个), or for a precise sum of money its value alone; ``None`` when neither."""
    if _is_money_anchor(ctx, obs):
        return ("", obs.value, obs.family)
    name = named_object(obs.label)
    return (name, obs.value, obs.unit) if len(name) >= 2 else None


def _is_money_anchor(ctx: CheckContext, obs: Observation) -> bool:
    if obs.family != "money":
        return False
    claim = ctx.claim(obs.claim_id or "")
    digits = regex.sub(r"\D", "", claim.number_text if claim else "").strip("0")
    return len(digits) >= _DISTINCT_DIGITS


def _anchors(ctx: CheckContext, a: list[Observation], b: list[Observation]) -> list[Observation]:
    """Figures of ``a`` that ``b`` states identically (订单班 3 个 in both)."""
    others = {_identity(ctx, y) for y in b} - {None}
    return [x for x in a if _identity(ctx, x) in others]


def _near(
    ctx: CheckContext, sentence: list[Observation], anchored: set[_Identity | None]
) -> list[Observation]:
    """The figures of a sentence in the clauses (up to ；) that hold one of its anchors."""
    text = ctx.text or ""
    groups = {_clause_group(text, o.start) for o in sentence if _identity(ctx, o) in anchored}
    return [o for o in sentence if _clause_group(text, o.start) in groups]


def _clause_group(text: str, at: int) -> int:
    before = [m.end() for m in _CLAUSE_GROUP_END.finditer(text, max(0, at - 200), at)]
    return before[-1] if before else max(0, at - 200)


def _part_of(obs: Observation, anchor: Observation) -> bool:
    """骨干专业 of 专业145个: a kind of what the anchor counts, not a member count of it."""
    name = named_object(anchor.label)
    return bool(name and obs.key.endswith(name)) or bool(
        anchor.key and obs.key.endswith(anchor.key)
    )


def _same_quantity(x: Observation, y: Observation) -> bool:
    people = {x.family, y.family} == {"persons", "person_times"}
    if (x.unit != y.unit and not people) or x.period != y.period:
        return False
    if x.family != y.family and not people:
        return False
    if x.canonical and y.canonical and x.canonical != y.canonical:
        return False
    return x.key == y.key or (len(x.key) >= 3 and len(y.key) >= 3 and x.key[-2:] == y.key[-2:])


def _recipients(x: Observation, y: Observation) -> bool:
    """Two head counts in the clauses of one grant (享受国家助学金2854人次 / 享受助学金政策的
    学生1427人): the grant's recipients, whatever noun each clause puts to them."""
    people = ("persons", "person_times")
    return x.period == y.period and x.family in people and y.family in people


def _differ(x: Observation, y: Observation) -> bool:
    """Whether two counts of one object disagree: 人次 that are a whole multiple of the 人
    (48646 人次 = 24323 人 × 2 semesters) agree."""
    if x.family == y.family:
        return compare_printed(x, y) == "differs"
    times, persons = (x, y) if x.family == "person_times" else (y, x)
    return persons.value <= 0 or times.value % persons.value != 0


def _object_finding(obs: Observation, ref: Observation, anchor: Observation) -> Finding:
    message = (
        f"正文两处对同一对象（均为{anchor.label}{anchor.printed}）的说法不一致："
        f"此处{obs.label}{obs.printed}，另一处{ref.label}{ref.printed}"
    )
    if obs.family != ref.family:
        message += "（一处计人次、一处计人数，口径可能不同）"
    return finding(
        "narrative_vs_narrative",
        "warning",
        message,
        obs.value,
        ref.value,
        [evidence_of(obs), evidence_of(ref), evidence_of(anchor)],
    )
