"""Narrative versus narrative: the same quantity stated twice in running text with
different values."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.link.scope import speaks_for_the_whole
from nianbao.link.similarity import named_object
from nianbao.reconcile.checks.common import (
    compare_printed,
    evidence_of,
    finding,
    fits_qualifier,
    period_text,
    severity_of,
)
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.words import tagged_words

_MIN_PHRASE = 5  # characters: shorter phrases (招生计划, 总金额) recur for different things


@register_check("narrative_vs_narrative")
def check_repeated_quantities(ctx: CheckContext) -> Iterator[Finding]:
    """Claims of one indicator, period and scope that give different values.

    Indicators the ontology knows are compared as they are (``error``); a long indicator
    phrase it does not know, printed identically before both numbers and after the same
    words in its clause, only as a ``warning``: the same words may count different things
    in different places.
    """
    groups: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    for obs in ctx.links.claim_observations:
        if not _comparable(obs) or not obs.period:
            continue
        if obs.canonical:
            groups[(obs.canonical, obs.period, obs.family)].append(obs)
        elif _plain_phrase(ctx, obs):
            phrase = f"“{_clause_lead(ctx, obs)}{obs.key}”"
            groups[(phrase, obs.period, obs.family)].append(obs)
    for (indicator, _, _), group in groups.items():
        clusters = _clusters(group)
        if len(clusters) < 2:
            continue
        reference = _reference(ctx, clusters)
        for cluster in clusters:
            if cluster is reference:
                continue
            for obs in cluster:
                yield _finding(obs, reference[0], known=not indicator.startswith("“"))


@register_check("narrative_bound")
def check_bounds_against_exact(ctx: CheckContext) -> Iterator[Finding]:
    """An approximate figure (逾百家企业, 近70家, 20余所) that no exact statement of the same
    known indicator, period and scope fits: 逾百家 in the foreword, 86家 in the chapter.

    Only a ``warning``: the looser figure may count looser ties.
    """
    exact: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    bounds: list[Observation] = []
    for obs in ctx.links.claim_observations:
        if not obs.canonical or not obs.period or obs.source != "claim" or obs.role != "value":
            continue
        if not obs.report_scope or obs.near:
            continue
        if obs.qualifier == "exact":
            exact[(obs.canonical, obs.period, obs.family)].append(obs)
        elif obs.qualifier != "approx":
            bounds.append(obs)
    for bound in bounds:
        stated = exact.get((bound.canonical or "", bound.period or "", bound.family), [])
        if stated and not any(fits_qualifier(bound, o.value) for o in stated):
            yield _bound_finding(ctx, bound, stated[0])


def _bound_finding(ctx: CheckContext, bound: Observation, ref: Observation) -> Finding:
    name = ctx.links.ontology.get(bound.canonical or "").name
    said, other = (ctx.claim(o.claim_id or "") for o in (bound, ref))
    message = (
        f"正文两处{name}（{period_text(bound.period)}）不符：此处称“{said.text if said else bound.printed}”，"
        f"另一处为“{other.text if other else ref.printed}”（可能统计口径不同）"
    )
    return finding(
        "narrative_vs_narrative",
        "warning",
        message,
        bound.value,
        ref.value,
        [evidence_of(bound), evidence_of(ref)],
    )


def _comparable(obs: Observation) -> bool:
    return (
        obs.source == "claim"
        and obs.role == "value"
        and obs.qualifier == "exact"
        and obs.report_scope
        and not obs.near
    )


def _plain_phrase(ctx: CheckContext, obs: Observation) -> bool:
    """An indicator the ontology does not know, long enough to name one thing, printed
    before its number (``产教融合载体37个``) and outside brackets."""
    claim = ctx.claim(obs.claim_id or "")
    if claim is None or claim.indicator_start is None or claim.indicator_start > claim.number_start:
        return False
    if len(obs.key) < _MIN_PHRASE or not ctx.text:
        return False
    before = ctx.text[max(0, obs.start - 30) : obs.start]
    if before.rfind("（") > before.rfind("）") or before.rfind("(") > before.rfind(")"):
        return False
    # an aggregate (全市…, 我校…), not one programme or one partner of it (订单班学生48人)
    return speaks_for_the_whole(ctx.text, obs.start, ctx.links.own_names, ctx.links.ontology)


_CLAUSE_BREAKS = "，。；：、,;:！？\n"
_NOMINAL_TAGS = ("n", "b", "j", "eng")


def _clause_lead(ctx: CheckContext, obs: Observation) -> str:
    """The words of the clause before an unknown indicator (在四川省职业院校|技能大赛中获一等奖):
    the same phrase after another name is another count."""
    claim = ctx.claim(obs.claim_id or "")
    if claim is None or claim.indicator_start is None or not ctx.text:
        return ""
    start = claim.indicator_start
    floor = max(0, start - 30)
    cut = max(ctx.text.rfind(ch, floor, start) for ch in _CLAUSE_BREAKS)
    words = tagged_words(ctx.text[max(cut + 1, floor) : start].strip())
    # only the nouns that run straight into the indicator modify it (四川省职业院校|技能大赛);
    # a verb before it (全市建成|产教融合载体) starts the indicator afresh
    lead: list[str] = []
    for word, tag in reversed(words):
        if not tag.startswith(_NOMINAL_TAGS):
            break
        lead.insert(0, word)
    return "".join(lead)


def _clusters(group: list[Observation]) -> list[list[Observation]]:
    """Claims that agree at printed precision share a cluster; order follows the text."""
    clusters: list[list[Observation]] = []
    for obs in sorted(group, key=lambda o: o.start):
        home = next((c for c in clusters if compare_printed(c[0], obs) == "agree"), None)
        if home is None:
            clusters.append([obs])
        else:
            home.append(obs)
    return clusters


def _reference(ctx: CheckContext, clusters: list[list[Observation]]) -> list[Observation]:
    """The value to hold the others against: the one a table confirms, else the most
    repeated, else the first stated."""
    for cluster in clusters:
        cells = ctx.links.cells_for(cluster[0].claim_id or "")
        if any(
            c.period == cluster[0].period and compare_printed(cluster[0], c) == "agree"
            for c in cells
        ):
            return cluster
    return max(clusters, key=len)


def _finding(obs: Observation, ref: Observation, *, known: bool) -> Finding:
    result = compare_printed(obs, ref)
    message = (
        f"正文两处{obs.label}（{period_text(obs.period)}）不一致：此处为{obs.printed}，"
        f"另一处（{ref.label}）为{ref.printed}"
    )
    if not known:
        message += "（该指标不在指标库中，两处说法相同，可能统计口径或范围不同）"
    return finding(
        "narrative_vs_narrative",
        severity_of(result, definite=known),
        message,
        obs.value,
        ref.value,
        [evidence_of(obs), evidence_of(ref)],
    )


# --- one object described twice ---------------------------------------------------------

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
