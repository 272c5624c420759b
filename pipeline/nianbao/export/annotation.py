"""What nianbao hands an annotation tool, and what a person's correction hands back.

Both tools (Label Studio, doccano) label character spans of the document text, so one set
of labels serves both:

- the entity types of the gold schema (``SCHOOL ENTERPRISE COMPETITION GOV OTHER_ORG``) and
  ``PER`` / ``LOC``; a record's ``ORG`` is written ``OTHER_ORG``, the gold schema's name;
- ``CLAIM`` (a numeric claim: indicator, number and unit, as the record's claim span) with its
  parts ``INDICATOR`` (what is counted) and ``QUANTITY`` (the number with its qualifier and
  unit: ``近70家``, ``1269人次``), which normally lie inside the ``CLAIM``;
- relations (Label Studio only): ``SUBJECT`` from a claim to the entity its number is about,
  and ``INDICATOR`` / ``QUANTITY`` from a claim to its part where position alone would not
  tell (an indicator written outside the claim's span, two claims on one span).

Findings, tables, case titles, sections and the values of cells are not spans a person
corrects here, so they are not exported and do not come back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nianbao.claims.quantities import Quantity, find_quantities

GOLD_ENTITY_TYPES = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG")
ENTITY_LABELS = (*GOLD_ENTITY_TYPES, "PER", "LOC")
CLAIM = "CLAIM"
INDICATOR = "INDICATOR"
QUANTITY = "QUANTITY"
CLAIM_LABELS = (CLAIM, INDICATOR, QUANTITY)
SPAN_LABELS = (*ENTITY_LABELS, *CLAIM_LABELS)
SUBJECT = "SUBJECT"
RELATION_LABELS = (SUBJECT, INDICATOR, QUANTITY)
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "\n")
_UNIT_LOOKAHEAD = 6  # a unit wrapped onto the next line (48210\n人), as the claim stage reads it
# The record's type names that the tools spell otherwise, and names a person may type.
LABEL_ALIASES = {"ORG": "OTHER_ORG", "IND": INDICATOR, "QTY": QUANTITY}


@dataclass(frozen=True, slots=True)
class ToolSpan:
    """One labelled span; ``id`` is unique within its document (relations point at it)."""

    id: str
    start: int
    end: int
    label: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class ToolRelation:
    """A labelled link from one span (a claim) to another (an entity or an indicator)."""

    head: str
    tail: str
    label: str


@dataclass(frozen=True, slots=True)
class CorrectedDoc:
    """One document as an annotation tool gives it back.

    ``reviewed`` is false where the file held only nianbao's own predictions for it (no
    person's annotation); ``dropped`` counts spans whose offsets did not fit the text;
    ``tables`` are the record's table spans, carried in the file as ``table_spans``.
    """

    source: str
    text: str
    spans: tuple[ToolSpan, ...]
    relations: tuple[ToolRelation, ...] = ()
    tool: str = ""
    reviewed: bool = True
    dropped: int = 0
    tables: tuple[tuple[int, int], ...] = ()

    def labelled(self, labels: tuple[str, ...]) -> list[ToolSpan]:
        """The spans with one of ``labels``, in text order."""
        return sorted(
            (s for s in self.spans if s.label in labels), key=lambda s: (s.start, s.end, s.id)
        )

    def has_any(self, labels: tuple[str, ...]) -> bool:
        """Whether any span has one of ``labels`` (else that layer was not annotated)."""
        return any(s.label in labels for s in self.spans)


@dataclass(frozen=True, slots=True)
class ToolClaim:
    """A ``CLAIM`` span with the parts that belong to it."""

    span: ToolSpan
    indicator: ToolSpan | None
    quantity: ToolSpan | None
    subject: ToolSpan | None


def table_spans(record: dict[str, Any]) -> list[list[int]]:
    """The record's tables as ``[start, end]`` pairs, written into the tool's file so that
    names met only there are left out of a gold file, as the gold schema leaves them out."""
    return [[t["start"], t["end"]] for t in record.get("tables") or []]


def read_table_spans(value: Any) -> tuple[tuple[int, int], ...]:
    """``table_spans`` as read back from a tool's file (anything else gives none)."""
    if not isinstance(value, list):
        return ()
    return tuple(
        (int(v[0]), int(v[1])) for v in value if isinstance(v, list | tuple) and len(v) == 2
    )


def normalise_label(label: str) -> str:
    """A tool's label in nianbao's spelling (case and the aliases above)."""
    label = label.strip().upper()
    return LABEL_ALIASES.get(label, label)


def claims_of(doc: CorrectedDoc) -> list[ToolClaim]:
    """Each claim with its parts: those a relation links to it, else found by position.

    By position, a claim's quantity is a ``QUANTITY`` inside its span, one claim each (a
    claim with fewer candidates chooses first: 课程198门 inside 开设课程198门、21240学时 leaves
    the second its 21240学时); its indicator is the longest ``INDICATOR`` inside its span that
    no smaller claim within it holds, else the last one before it in its sentence (其中…18人
    reads the indicator named before, as the claim stage does). ``SUBJECT`` comes from
    relations only.
    """
    by_id = {s.id: s for s in doc.spans}
    linked: dict[tuple[str, str], ToolSpan] = {}
    for r in doc.relations:
        tail = by_id.get(r.tail)
        if tail is not None and r.head in by_id:
            role = SUBJECT if r.label == SUBJECT and tail.label in ENTITY_LABELS else tail.label
            linked.setdefault((r.head, role), tail)
    claims = doc.labelled((CLAIM,))
    quantities = _assigned_quantities(claims, doc.labelled((QUANTITY,)), linked)
    indicators = doc.labelled((INDICATOR,))
    return [
        ToolClaim(
            span=claim,
            indicator=linked.get((claim.id, INDICATOR))
            or _own_indicator(claim, indicators, claims, doc.text),
            quantity=quantities.get(claim.id),
            subject=linked.get((claim.id, SUBJECT)),
        )
        for claim in claims
    ]


def _inside(outer: ToolSpan, span: ToolSpan) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _assigned_quantities(
    claims: list[ToolSpan], quantities: list[ToolSpan], linked: dict[tuple[str, str], ToolSpan]
) -> dict[str, ToolSpan]:
    chosen = {c.id: linked[(c.id, QUANTITY)] for c in claims if (c.id, QUANTITY) in linked}
    taken = {q.id for q in chosen.values()}
    candidates = {c.id: [q for q in quantities if _inside(c, q)] for c in claims}
    pending = [c for c in claims if c.id not in chosen]
    for claim in sorted(pending, key=lambda c: (len(candidates[c.id]), c.start, c.end, c.id)):
        free = next((q for q in candidates[claim.id] if q.id not in taken), None)
        if free is not None:
            chosen[claim.id] = free
            taken.add(free.id)
    return chosen


def _own_indicator(
    claim: ToolSpan, indicators: list[ToolSpan], claims: list[ToolSpan], text: str
) -> ToolSpan | None:
    inside = [i for i in indicators if _inside(claim, i)]
    if not inside:
        return _inherited_indicator(claim, indicators, text)
    smaller = [
        c for c in claims if _inside(claim, c) and (c.start, c.end) != (claim.start, claim.end)
    ]
    own = [i for i in inside if not any(_inside(c, i) for c in smaller)] or inside
    return max(own, key=lambda i: (i.end - i.start, -i.start))


def _inherited_indicator(claim: ToolSpan, indicators: list[ToolSpan], text: str) -> ToolSpan | None:
    before = [i for i in indicators if i.end <= claim.start]
    if not before:
        return None
    last = max(before, key=lambda i: (i.end, i.end - i.start))
    between = text[last.end : claim.start]
    return None if any(mark in between for mark in _SENTENCE_ENDS) else last


def record_spans(record: dict[str, Any]) -> tuple[list[ToolSpan], list[ToolRelation]]:
    """The spans and relations nianbao pre-annotates for one contract record, in text order.

    An indicator two claims share (the second inherits it, 其中…) is written once. Where
    reading the parts back by position (``claims_of``) would give a claim another indicator
    or quantity than the record's, a relation says which (Label Studio keeps relations,
    doccano's sequence labelling does not).
    """
    text = record["text"]
    shared: dict[tuple[int, int, str], ToolSpan] = {}

    def add(span: ToolSpan) -> ToolSpan:
        return shared.setdefault((span.start, span.end, span.label), span)

    for e in record["entities"]:
        label = normalise_label(e["type"])
        if label in ENTITY_LABELS:
            add(ToolSpan(e["id"], e["start"], e["end"], label, e.get("score")))
    entity_ids = {s.id for s in shared.values()}
    claims: list[ToolSpan] = []  # two claims may share a span (24项、2860人次), never merged
    parts: dict[str, dict[str, ToolSpan]] = {}
    relations = []
    for c in record["claims"]:
        claims.append(ToolSpan(c["id"], c["start"], c["end"], CLAIM))
        own = parts.setdefault(c["id"], {})
        if c.get("indicator_start") is not None and c["indicator_end"] > c["indicator_start"]:
            own[INDICATOR] = add(
                ToolSpan(f"{c['id']}-ind", c["indicator_start"], c["indicator_end"], INDICATOR)
            )
        start, end = _quantity_span(text, c)
        if start < end:
            own[QUANTITY] = add(ToolSpan(f"{c['id']}-qty", start, end, QUANTITY))
        if c.get("subject") in entity_ids:
            relations.append(ToolRelation(c["id"], c["subject"], SUBJECT))
    spans = sorted(
        [*shared.values(), *claims],
        key=lambda s: (s.start, -s.end, SPAN_LABELS.index(s.label), s.id),
    )
    by_position = claims_of(CorrectedDoc("", text, tuple(spans)))
    for claim in by_position:
        for label, found in ((INDICATOR, claim.indicator), (QUANTITY, claim.quantity)):
            wanted = parts[claim.span.id].get(label)
            if wanted is not None and wanted != found:
                relations.append(ToolRelation(claim.span.id, wanted.id, label))
    return spans, relations


def quantities_in(text: str, start: int, end: int) -> tuple[Quantity, ...]:
    """The quantities whose number lies in ``[start, end)``, read as the claim stage reads
    them: from the start of the sentence, with a few characters after for a wrapped unit."""
    floor = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    stops = [at for at in (text.find(mark, end) for mark in _SENTENCE_ENDS) if at >= 0]
    stop = min(stops, default=len(text))
    window = text[floor : min(len(text), stop + _UNIT_LOOKAHEAD)]
    found = find_quantities(window, floor, limit=end - floor)
    return tuple(q for q in found if start <= q.number_start and q.number_end <= end)


def _quantity_span(text: str, claim: dict[str, Any]) -> tuple[int, int]:
    """A record claim's quantity: the number with its qualifier and unit (the number alone
    where the recogniser no longer reads it there)."""
    for q in quantities_in(text, claim["number_start"], claim["number_end"]):
        if q.number_start == claim["number_start"]:
            return q.start, q.end
    return claim["number_start"], claim["number_end"]
