"""Gold files (dev-gold/SCHEMA.md) from a Label Studio or doccano file a person corrected.

What comes back is what the tools label: the ``entities`` section (unique surface strings
per gold type, whitespace removed; a record's ``ORG`` is ``OTHER_ORG``; a name labelled only
inside the record's tables, which the file carries as ``table_spans``, left out as the gold
schema leaves it out) when the document has any entity span, and the ``claims`` section when it has any ``CLAIM``: each claim's quote is
its span (with ``occurrence`` when the same text comes earlier), its number, value, unit and
qualifier are read from its ``QUANTITY`` (else from the claim) by the claim stage's own
recognisers, its indicator is its ``INDICATOR``'s text and its subject its ``SUBJECT``
entity's. ``period`` is not labelled and stays null.

Tables, case titles, findings and the ``consistent`` list are not spans in either tool, so
they are absent, and ``score`` leaves those sections out for such a gold file. A claim whose
number the recognisers cannot read is listed under ``unread_claims``, not scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import regex

from nianbao.export.annotation import (
    CLAIM,
    ENTITY_LABELS,
    GOLD_ENTITY_TYPES,
    CorrectedDoc,
    ToolClaim,
    claims_of,
    quantities_in,
)
from nianbao.export.corrections import read_corrections
from nianbao.scoring.quotes import find_all
from nianbao.text.numbers import to_json_number

_SPACE = regex.compile(r"\s+")


def load_corrected_gold(path: Path) -> dict[str, dict[str, Any]] | None:
    """Gold by document file name from a corrected Label Studio / doccano file; ``None``
    when ``path`` is not one (then it is an ordinary ``.gold.json``)."""
    docs = read_corrections(path)
    if docs is None:
        return None
    return {gold["doc"]: gold for gold in map(gold_from_corrected, docs)}


def gold_from_corrected(doc: CorrectedDoc) -> dict[str, Any]:
    """The gold file of one corrected document: only the sections its labels give."""
    gold: dict[str, Any] = {
        "doc": Path(doc.source).name,
        "annotation_tool": doc.tool,
        "reviewed_by_person": doc.reviewed,
    }
    if doc.has_any(ENTITY_LABELS):
        names: dict[str, set[str]] = {t: set() for t in GOLD_ENTITY_TYPES}
        for span in doc.labelled(GOLD_ENTITY_TYPES):
            if any(a <= span.start < b for a, b in doc.tables):
                continue  # a name in a table cell is neither right nor wrong (SCHEMA.md)
            name = _SPACE.sub("", doc.text[span.start : span.end])
            if name:
                names[span.label].add(name)
        gold["entities"] = {t: sorted(v) for t, v in names.items()}
    if doc.has_any((CLAIM,)):
        claims, unread = [], []
        for claim in claims_of(doc):
            gold_claim = _gold_claim(doc.text, claim)
            if gold_claim is None:
                unread.append(doc.text[claim.span.start : claim.span.end])
            else:
                claims.append(gold_claim)
        gold["claims"] = claims
        gold["unread_claims"] = unread
    return gold


def _gold_claim(text: str, claim: ToolClaim) -> dict[str, Any] | None:
    target = claim.quantity or claim.span
    found = quantities_in(text, target.start, target.end)
    if not found:
        return None
    quantity = found[-1]  # a claim ends with its own number's unit
    start, end = claim.span.start, claim.span.end
    quote = text[start:end]
    gold: dict[str, Any] = {
        "quote": quote,
        "number_text": quantity.number_text,
        "value": to_json_number(quantity.value),
        "unit": quantity.unit,
        "qualifier": quantity.qualifier,
        "indicator": _text(text, claim.indicator),
        "period": None,
        "subject": _text(text, claim.subject),
    }
    occurrences = find_all(text, quote)
    if (start, end) in occurrences and occurrences.index((start, end)) > 0:
        gold["occurrence"] = occurrences.index((start, end)) + 1
    return gold


def _text(text: str, span: Any) -> str | None:
    return None if span is None else text[span.start : span.end]
