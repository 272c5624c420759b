"""Numeric claims in running text: quantity recognisers, then indicator, role and period."""

from __future__ import annotations

from dataclasses import replace

import regex

from nianbao.claims.indicator import Indicator, find_indicator
from nianbao.claims.period import find_period, to_year_mentions, year_mentions
from nianbao.claims.quantities import Quantity, find_quantities
from nianbao.data import Claim, Segmented, Sentence

# Characters after a sentence that may still hold its unit (a PDF line break: "48210\n人").
_UNIT_LOOKAHEAD = 6
_CLAUSE_BREAK = regex.compile(r"[，,；;。：:！？!?]")
_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";", "：", ":")


def _new_paragraph(text: str, previous: Sentence | None, sentence: Sentence) -> bool:
    """A line break after a finished sentence starts a new paragraph (wrapped lines do not)."""
    if previous is None:
        return True
    gap = text[previous.end : sentence.start]
    if "\n\n" in gap:
        return True
    return "\n" in gap and previous.text.rstrip().endswith(_SENTENCE_END)


def _clause_start(text: str, position: int, floor: int) -> int:
    """Start of the clause holding ``position`` (not before ``floor``)."""
    while position > floor and not _CLAUSE_BREAK.match(text[position - 1]):
        position -= 1
    return position


def _claim(
    quantity: Quantity, indicator: Indicator, period: str | None, text: str, claim_id: str
) -> Claim:
    start, end = quantity.start, quantity.end
    if indicator.start is not None and indicator.end is not None and not indicator.inherited:
        start, end = min(start, indicator.start), max(end, indicator.end)
    return Claim(
        id=claim_id,
        start=start,
        end=end,
        text=text[start:end],
        number_text=quantity.number_text,
        number_start=quantity.number_start,
        number_end=quantity.number_end,
        value=quantity.value,
        unit=quantity.unit,
        qualifier=quantity.qualifier,
        kind=quantity.kind,
        indicator=indicator.text,
        indicator_start=indicator.start,
        indicator_end=indicator.end,
        period=period,
        source="pattern",
        recogniser=quantity.recogniser,
        role=indicator.role,
    )


def extract_claims(seg: Segmented, report_year: str | None) -> tuple[Claim, ...]:
    """Every numeric claim in the running-text sentences of ``seg``, ids ``C1``… in text order."""
    text = seg.doc.text
    found: list[tuple[Quantity, Indicator, str | None]] = []
    previous_sentence: Sentence | None = None
    carried: str | None = None
    previous_indicator: Indicator | None = None
    for sentence in sorted(seg.sentences, key=lambda s: (s.start, s.end)):
        if _new_paragraph(text, previous_sentence, sentence):
            carried, previous_indicator = None, None
        body = text[sentence.start : sentence.end]
        window = text[sentence.start : min(len(text), sentence.end + _UNIT_LOOKAHEAD)]
        floor = 0
        mentions = year_mentions(body)
        # a year after 到 (力争到2027年, 增长到2024年的) dates the figures after it, no further
        dated = tuple(sorted(mentions + to_year_mentions(body, report_year)))
        for quantity in find_quantities(window, sentence.start, limit=len(body)):
            indicator = find_indicator(body, sentence.start, quantity, floor, previous_indicator)
            position = quantity.number_start - sentence.start
            clause_start = _clause_start(body, position, floor)
            period = find_period(body, position, clause_start, dated, carried, report_year)
            found.append((quantity, indicator, period))
            floor = min(len(body), quantity.end - sentence.start)
            if indicator.text:
                previous_indicator = indicator
        if mentions:
            carried = mentions[-1][1]
        previous_sentence = sentence
    claims = sorted(
        (_claim(quantity, indicator, period, text, "") for quantity, indicator, period in found),
        key=lambda c: (c.start, c.number_start),
    )
    return tuple(replace(claim, id=f"C{i}") for i, claim in enumerate(claims, start=1))
