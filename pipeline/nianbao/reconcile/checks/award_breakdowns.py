"""An award total in one passage against the prizes another passage lists for the same
contest: 教师参加省级以上教学能力比赛获奖4项 in the overview, 教师参加湖南省职业院校教师教学
能力比赛获二等奖1项、三等奖2项 in the chapter (1 + 2 = 3).

The contest is the same when the two names end alike in at least ``_MIN_CONTEST``
characters ending in 比赛/大赛/竞赛 (教学能力比赛); the listing is at least two prizes of a
grade set the ontology knows (一/二/三等奖, 金/银/铜奖) joined by 、，和; only a contest that
the rest of the text breaks down once is compared (several listings: which one is meant is
unclear). A total in the listing's own sentence is ``listed_parts``'s. A ``warning``: the
total may count levels or prizes the listing leaves out.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import evidence_of, finding, fmt, is_exact_claim
from nianbao.reconcile.registry import CheckContext, register_check

_KIND = r"(?:比赛|大赛|竞赛)"
_TOTAL = regex.compile(rf"(?P<contest>.+?{_KIND})中?(?:获奖|获得?奖项|共获奖项)$")
_FIRST_PRIZE = regex.compile(rf"(?P<contest>.+?{_KIND})中?获得?(?P<prize>[^获]{{1,3}}奖)$")
_JOINERS = regex.compile(r"^[\s、，,和及与以及]*$")
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_MIN_CONTEST = 6  # 教学能力比赛; 技能大赛 alone names every contest of skills


@register_check("award_breakdowns")
def check_award_breakdowns(ctx: CheckContext) -> Iterator[Finding]:
    """A contest's award total against the one listing of its prizes elsewhere."""
    if not ctx.text:
        return
    prizes = {p for grades in ctx.links.ontology.complete_part_sets for p in grades}
    claims = sorted(
        (o for o in ctx.links.claim_observations if is_exact_claim(o) and o.role == "value"),
        key=lambda o: o.start,
    )
    listings = [lst for lst in _listings(ctx.text, claims, prizes) if len(lst[1]) >= 2]
    for whole in claims:
        m = _TOTAL.search(whole.label)
        if m is None:
            continue
        same = [
            (contest, parts)
            for contest, parts in listings
            if _same_contest(m.group("contest"), contest)
            and parts[0].period == whole.period
            and parts[0].unit == whole.unit
        ]
        if len(same) != 1 or _same_sentence(ctx.text, whole, same[0][1][0]):
            continue
        parts = same[0][1]
        total = sum((p.value for p in parts), Decimal(0))
        if total != whole.value:
            yield _finding(whole, parts, total)


def _listings(
    text: str, claims: list[Observation], prizes: set[str]
) -> Iterator[tuple[str, list[Observation]]]:
    """(contest, prizes listed one after another) for each 某比赛获二等奖1项、三等奖2项."""
    for i, first in enumerate(claims):
        m = _FIRST_PRIZE.search(first.label)
        if m is None or m.group("prize") not in prizes:
            continue
        parts = [first]
        for obs in claims[i + 1 :]:
            if not _JOINERS.match(text[parts[-1].end : obs.start]) or obs.label not in prizes:
                break
            parts.append(obs)
        yield m.group("contest"), parts


def _same_contest(a: str, b: str) -> bool:
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    return common >= _MIN_CONTEST


def _same_sentence(text: str, a: Observation, b: Observation) -> bool:
    low, high = sorted((a.start, b.start))
    return _SENTENCE_END.search(text, low, high) is None


def _finding(whole: Observation, parts: list[Observation], total: Decimal) -> Finding:
    listed = "、".join(f"{p.label}{p.printed}" for p in parts)
    message = (
        f"正文称{whole.label}{whole.printed}，另一处列出同一比赛{listed}，合计{fmt(total)}项"
        "（总数或含其他级别、其他奖项）"
    )
    return finding(
        "narrative_vs_narrative",
        "warning",
        message,
        whole.value,
        total,
        [evidence_of(whole), *(evidence_of(p) for p in parts)],
    )
