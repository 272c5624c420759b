"""Training examples from a Label Studio or doccano file a person corrected.

Each document is cut into sentences (after 。！？；, a line break, never inside a labelled
span), one ``Example`` each, as the synthetic source gives them. A layer the document does
not label at all is "not annotated" (``None``) rather than "nothing here": entity spans give
the domain head (its types; ``LOC`` is not one of them and stays outside, as in the
synthetic labels), and ``CLAIM`` / ``QUANTITY`` / ``INDICATOR`` spans give the claim head —
a ``CLAIM`` without a ``QUANTITY`` has its quantity read by the claim stage's recognisers.
Relations: a claim's quantity measures its indicator (``IND``) and is about its ``SUBJECT``
entity (``ENT``). The generic head (MSRA's PER/LOC/ORG) is not annotated here.
"""

from __future__ import annotations

from pathlib import Path

from nianbao.export.annotation import (
    CLAIM,
    ENTITY_LABELS,
    INDICATOR,
    QUANTITY,
    CorrectedDoc,
    ToolSpan,
    claims_of,
    quantities_in,
)
from nianbao.export.corrections import read_corrections
from nianbao.model.labels import DOMAIN_TYPES
from nianbao.training.examples import Example

_SENTENCE_ENDS = frozenset("。！？!?；;\n")


def read_corrected_examples(path: Path) -> list[Example]:
    """The examples of every document in a corrected Label Studio / doccano file."""
    docs = read_corrections(path)
    if docs is None:
        raise ValueError(
            f"{path} 不是 Label Studio 或 doccano 的导出文件"
            "（not a Label Studio JSON or doccano JSONL export）"
        )
    return [example for doc in docs for example in corrected_examples(doc)]


def corrected_examples(doc: CorrectedDoc) -> list[Example]:
    """One example per sentence of ``doc`` (sentences with nothing but spaces left out)."""
    entities = doc.labelled(ENTITY_LABELS) if doc.has_any(ENTITY_LABELS) else None
    domain = [s for s in entities or [] if s.label in DOMAIN_TYPES]
    annotated_claims = doc.has_any((CLAIM, QUANTITY, INDICATOR))
    quantities, indicators, pairs = _claim_parts(doc) if annotated_claims else ([], [], [])
    spans = [*domain, *quantities, *indicators]
    examples = []
    for start, end in _sentences(doc.text, spans):
        if not doc.text[start:end].strip():
            continue
        keep = [s for s in domain if start <= s.start and s.end <= end]
        qs = [q for q in quantities if start <= q.start and q.end <= end]
        inds = [i for i in indicators if start <= i.start and i.end <= end]
        relations = tuple(
            (qs.index(q), kind, (inds if kind == "IND" else keep).index(t))
            for q, kind, t in pairs
            if q in qs and t in (inds if kind == "IND" else keep)
        )
        examples.append(
            Example(
                text=doc.text[start:end],
                source=doc.tool or "corrected",
                domain=tuple((s.start - start, s.end - start, s.label) for s in keep)
                if entities is not None
                else None,
                quantities=tuple((q.start - start, q.end - start) for q in qs)
                if annotated_claims
                else None,
                indicators=tuple((i.start - start, i.end - start) for i in inds),
                relations=relations,
            )
        )
    return examples


def _claim_parts(
    doc: CorrectedDoc,
) -> tuple[list[ToolSpan], list[ToolSpan], list[tuple[ToolSpan, str, ToolSpan]]]:
    """Quantity and indicator spans, and (quantity, kind, target) pairs from the claims."""
    quantities = doc.labelled((QUANTITY,))
    indicators = doc.labelled((INDICATOR,))
    pairs: list[tuple[ToolSpan, str, ToolSpan]] = []
    for claim in claims_of(doc):
        quantity = claim.quantity
        if quantity is None:
            found = quantities_in(doc.text, claim.span.start, claim.span.end)
            if not found:
                continue
            q = found[-1]
            quantity = ToolSpan(f"{claim.span.id}-read", q.start, q.end, QUANTITY)
            quantities.append(quantity)
        if claim.indicator is not None:
            pairs.append((quantity, "IND", claim.indicator))
        if claim.subject is not None:
            pairs.append((quantity, "ENT", claim.subject))
    quantities.sort(key=lambda s: (s.start, s.end, s.id))
    return quantities, indicators, pairs


def _sentences(text: str, spans: list[ToolSpan]) -> list[tuple[int, int]]:
    """Sentence pieces covering ``text``; a cut that would fall inside a span moves past it."""
    inside: set[int] = set()
    for s in spans:
        inside.update(range(s.start + 1, s.end))
    pieces, start = [], 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_ENDS and i + 1 not in inside:
            pieces.append((start, i + 1))
            start = i + 1
    if start < len(text):
        pieces.append((start, len(text)))
    return pieces
