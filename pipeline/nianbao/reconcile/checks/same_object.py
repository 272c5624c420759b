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
_MAX_ANCHOR_SENTENCES = 6


@register_check("narrative_same_object")
def check_same_object_twice(ctx: CheckContext) -> Iterator[Finding]:
    """Two passages about one object (the same 3 order classes, the same 4 apprentice
    classes) that count its members differently: 订单班3个，在读学生126人 / 订单班3个，订单培养
    学生162人.

    The object is recognised by an *anchor*: a figure both sentences state identically
    (same indicator words, value and unit). Two other figures of the two sentences are then
    the same quantity when they share the unit and the indicator's head noun (学生, 学徒),
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
            if len(named_object(obs.label)) >= 2:
                sharing[(named_object(obs.label), obs.value, obs.unit)].add(sentence)
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
        anchors = _anchors(a, b)
        if not anchors:
            continue
        anchored = {(named_object(o.label), o.value, o.unit) for o in anchors}
        pairs = [
            (x, y)
            for x in a
            for y in b
            if (named_object(x.label), x.value, x.unit) not in anchored
            and (named_object(y.label), y.value, y.unit) not in anchored
            and _same_quantity(x, y)
            and not any(_part_of(x, o) or _part_of(y, o) for o in anchors)
        ]
        # one quantity of that kind on each side, else it is unclear which is which
        if len(pairs) != 1:
            continue
        x, y = pairs[0]
        if (x.claim_id, y.claim_id) not in seen and compare_printed(x, y) == "differs":
            seen.add((x.claim_id, y.claim_id))
            yield _object_finding(y, x, anchors[0])


def _anchors(a: list[Observation], b: list[Observation]) -> list[Observation]:
    """Figures of ``a`` that ``b`` states identically (订单班 3 个 in both)."""
    return [
        x
        for x in a
        if len(named_object(x.label)) >= 2
        and any(
            named_object(y.label) == named_object(x.label)
            and y.value == x.value
            and y.unit == x.unit
            for y in b
        )
    ]


def _part_of(obs: Observation, anchor: Observation) -> bool:
    """骨干专业 of 专业145个: a kind of what the anchor counts, not a member count of it."""
    return obs.key.endswith(named_object(anchor.label)) or obs.key.endswith(anchor.key)


def _same_quantity(x: Observation, y: Observation) -> bool:
    if x.unit != y.unit or x.period != y.period or x.family != y.family:
        return False
    if x.canonical and y.canonical and x.canonical != y.canonical:
        return False
    return x.key == y.key or (len(x.key) >= 3 and len(y.key) >= 3 and x.key[-2:] == y.key[-2:])


def _object_finding(obs: Observation, ref: Observation, anchor: Observation) -> Finding:
    message = (
        f"正文两处对同一对象（均为{anchor.label}{anchor.printed}）的说法不一致："
        f"此处{obs.label}{obs.printed}，另一处{ref.label}{ref.printed}"
    )
    return finding(
        "narrative_vs_narrative",
        "warning",
        message,
        obs.value,
        ref.value,
        [evidence_of(obs), evidence_of(ref), evidence_of(anchor)],
    )
