"""A stock said to have reached less than an earlier passage gave it: ``成员单位47家`` when
the alliance was founded, ``联合体成员单位已达41家`` a year later.

已达, 增至, 累计达 state a stock that grew to the figure; a figure below what the text gave
the same stock at an earlier or the same date contradicts it (or the earlier figure is
wrong). The two are one stock when they share the unit and the shorter indicator, of at
least ``_MIN_KEY`` characters, ends the longer one (成员单位, 联合体成员单位). Pairs of one
known indicator and one year are left to ``narrative_vs_narrative``, which compares them
whatever the wording. A ``warning`` across years (members may have left), an ``error``
within one.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import evidence_of, finding, is_exact_claim, period_text
from nianbao.reconcile.registry import CheckContext, register_check

_REACHED = regex.compile(r"(?:已经?达到?|累计达到?|增至|增加到|增长到|提升至|扩大到)\s*$")
_MIN_KEY = 4


@register_check("stock_reached")
def check_stock_reached(ctx: CheckContext) -> Iterator[Finding]:
    """A later 已达 figure below an earlier statement of the same stock."""
    if not ctx.text:
        return
    stated = [
        o
        for o in ctx.links.claim_observations
        if is_exact_claim(o) and o.role == "value" and o.period and not o.near
    ]
    by_start = sorted(stated, key=lambda o: o.start)
    for i, reached in enumerate(by_start):
        claim = ctx.claim(reached.claim_id or "")
        if claim is None or not _REACHED.search(
            ctx.text, max(0, claim.number_start - 6), claim.number_start
        ):
            continue
        earlier = [o for o in by_start[:i] if _same_stock(o, reached)]
        above = [o for o in earlier if o.value > reached.value]
        if above:
            yield _finding(reached, max(above, key=lambda o: o.start))


def _same_stock(a: Observation, b: Observation) -> bool:
    if a.unit != b.unit or (a.period or "") > (b.period or ""):
        return False
    if a.period == b.period and (a.key == b.key or (a.canonical and a.canonical == b.canonical)):
        return False  # narrative_vs_narrative compares these
    if a.canonical and b.canonical and a.canonical != b.canonical:
        return False
    short, long = sorted((a.key, b.key), key=len)
    return len(short) >= _MIN_KEY and long.endswith(short)


def _finding(reached: Observation, before: Observation) -> Finding:
    one_year = reached.period == before.period
    message = (
        f"正文称{reached.label}已达{reached.printed}（{period_text(reached.period)}），"
        f"但前文{period_text(before.period)}{before.label}已为{before.printed}：累计数不应少于先前的数"
    )
    if not one_year:
        message += "（其间或有成员退出，请核对）"
    return finding(
        "narrative_vs_narrative",
        "error" if one_year else "warning",
        message,
        reached.value,
        before.value,
        [evidence_of(reached), evidence_of(before)],
    )
