"""What was added and what was removed in a year, against the stock a table prints for
that year and the one before: ``新增专业15个，撤销专业16个`` leaves 138 + 15 − 16 = 137
专业, not the 145 of the annex.

Only a sentence that states both flows for one object is checked (with only additions the
removals are unknown), and only for one year: a sentence that counts over several years
(近三年, 三年来, 累计, 以来) says nothing about one year's change. The stock is the table
row whose label, stripped of 数量/数/总数, ends the flows' indicator (紧缺专业 → 专业 →
``专业数量``). A ``warning``: 专业方向 or mid-year changes can explain a gap.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.ontology import indicator_key
from nianbao.reconcile.checks.common import (
    evidence_of,
    finding,
    fmt,
    is_exact_claim,
    period_series,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.spans import CLAUSE_ENDS, SENTENCE_ENDS, start_of

_ADDED = regex.compile(r"新增|新设|新开设|增设|新开办|新开")
_REMOVED = regex.compile(r"撤销|撤并|停招|淘汰|取消|停办|裁撤")
_SENTENCE_END = regex.compile(f"[{SENTENCE_ENDS}]")
_SEVERAL_YEARS = regex.compile(
    r"近[0-9一二两三四五六七八九十]+年|[0-9一二两三四五六七八九十]+年来|累计|以来|历年|先后|"
    r"(?:19|20)[0-9]{2}\s*[-—–~～至到]\s*(?:19|20)?[0-9]{2}"
)
_STOCK_WORDS = regex.compile(r"(?:总数|数量|总量|数)$")
_MIN_NOUN = 2


@register_check("stock_flows")
def check_stock_flows(ctx: CheckContext) -> Iterator[Finding]:
    """A year's additions minus its removals against the change of the table's stock."""
    if not ctx.text:
        return
    stocks = _stocks(ctx)
    if not stocks:
        return
    ends = [m.start() for m in _SENTENCE_END.finditer(ctx.text)]
    flows: dict[tuple[int, str], dict[str, list[Observation]]] = defaultdict(
        lambda: {"added": [], "removed": []}
    )
    for obs in ctx.links.claim_observations:
        if not is_exact_claim(obs) or obs.role != "value" or obs.family is None:
            continue
        kind = _flow_kind(ctx.text, obs)
        noun = _stock_noun(obs.key, stocks)
        if kind and noun:
            flows[(bisect_left(ends, obs.start), noun)][kind].append(obs)
    for (sentence, noun), found in flows.items():
        if len(found["added"]) != 1 or len(found["removed"]) != 1:
            continue
        added, removed = found["added"][0], found["removed"][0]
        if _over_several_years(ctx.text, ends, sentence):
            continue
        series = stocks[noun]
        periods = sorted(series)
        if added.period != periods[-1] or removed.period != added.period:
            continue
        before, after = series[periods[-2]], series[periods[-1]]
        left = before.value + added.value - removed.value
        if left != after.value:
            yield _finding(ctx, added, removed, before, after, left)


def _stocks(ctx: CheckContext) -> dict[str, dict[str, Observation]]:
    """Count rows printed for at least two years, by their noun (专业数量 → 专业)."""
    out: dict[str, dict[str, Observation]] = {}
    for info in ctx.links.tables:
        for label, series in period_series(ctx.links.table_cells(info.table)).items():
            noun = _STOCK_WORDS.sub("", indicator_key(label))
            first = next(iter(series.values()))
            if len(noun) >= _MIN_NOUN and first.quantum == 1 and first.family is not None:
                out.setdefault(noun, series)
    return out


def _flow_kind(text: str, obs: Observation) -> str | None:
    """``added`` or ``removed`` when the clause before the number (or its indicator) says so."""
    words = _clause(text, obs)
    added, removed = bool(_ADDED.search(words)), bool(_REMOVED.search(words))
    if added == removed:
        return None
    return "added" if added else "removed"


def _clause(text: str, obs: Observation) -> str:
    """The clause up to the end of the figure: 撤销小弱专业16个, 淘汰27个…专业."""
    left = start_of(text, obs.start, CLAUSE_ENDS)
    return " ".join(text[left : obs.end].split())


def _stock_noun(key: str, stocks: dict[str, dict[str, Observation]]) -> str | None:
    """The stock whose noun ends the flow's indicator (紧缺专业, 撤销专业 → 专业)."""
    matches = [noun for noun in stocks if key.endswith(noun)]
    return max(matches, key=len) if matches else None


def _over_several_years(text: str, ends: list[int], sentence: int) -> bool:
    start = ends[sentence - 1] + 1 if sentence > 0 else 0
    stop = ends[sentence] if sentence < len(ends) else len(text)
    return bool(_SEVERAL_YEARS.search(text, start, stop))


def _finding(
    ctx: CheckContext,
    added: Observation,
    removed: Observation,
    before: Observation,
    after: Observation,
    left: Decimal,
) -> Finding:
    text = ctx.text or ""
    message = (
        f"正文称{added.period}年“{_clause(text, added)}”“{_clause(text, removed)}”，"
        f"按{where(ctx, before)}{before.printed}推算应为{fmt(left)}"
        f"，而{where(ctx, after)}为{after.printed}（可能含专业方向或年中调整）"
    )
    evidence = [evidence_of(added), evidence_of(removed), evidence_of(before), evidence_of(after)]
    return finding(
        "narrative_vs_table",
        "warning",
        message,
        left,
        after.value,
        evidence,
    )
