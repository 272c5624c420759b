"""spaCy: each record that was read as a ``Doc``, saved as a ``DocBin``; displaCy HTML of one.

A ``Doc`` holds the record's ``text`` unchanged, tokenised by ``spacy.blank("zh")`` with the
character segmenter (one token per character), so every offset of the record falls on a
token border. What it holds:

- ``doc.ents``: the entities, label = entity type, ``ent.id_`` = entity id. Two entities can
  not overlap there: the shorter of an overlapping pair goes to ``doc.spans["entities_overlapping"]``.
- ``doc.spans["claims"]``: label = the claim's kind (count, percent, …), ``span.id_`` = claim id;
  its parts in ``doc.spans["claim_indicators"]`` (label ``INDICATOR``) and
  ``doc.spans["claim_numbers"]`` (label ``NUMBER``), each with the claim's id.
- ``doc.spans["findings"]``: the narrative claim a finding is about (else the first place it
  cites), label = finding type, ``span.id_`` = finding id.
- ``doc.spans["tables"]`` and ``doc.spans["sections"]``: label ``TABLE`` / ``SECTION``, id = the record's.
- ``doc.user_data``: ``"source"``, ``"doc_id"``, ``"title"`` (displaCy's heading), ``"meta"``, and
  what a span cannot carry without global extension attributes, keyed by span group and id:
  ``("nianbao.finding", "F1")`` → severity, message, claimed, expected, check, evidence;
  ``("nianbao.claim", "C1")`` → value, unit, qualifier, canonical, …; ``("nianbao.entity", "E1")``
  → score and origin. ``"nianbao.unaligned"`` counts spans that fell off token borders (none
  with the character segmenter unless a span starts or ends on whitespace; those are
  shrunk to the characters inside, ``alignment_mode="contract"``).

Read back with ``DocBin().from_disk(path).get_docs(spacy.blank("zh").vocab)``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from nianbao.errors import BadArgument
from nianbao.export.summary import ExportSummary, readable, select_document

Record = dict[str, Any]
CHAR_SEGMENTER = {"nlp": {"tokenizer": {"segmenter": "char"}}}

# Light backgrounds, so displaCy's dark text stays readable; one per entity type.
ENTITY_COLOURS = {
    "SCHOOL": "#a6cee3",
    "ENTERPRISE": "#fdbf6f",
    "COMPETITION": "#b2df8a",
    "GOV": "#fb9a99",
    "ORG": "#cab2d6",
    "OTHER_ORG": "#cab2d6",
    "PER": "#ffff99",
    "LOC": "#d9d9d9",
}
_SPARE_COLOURS = ("#8dd3c7", "#bebada", "#80b1d3", "#fccde5", "#ccebc5", "#ffed6f")


@cache
def blank_zh() -> Language:
    """The blank Chinese pipeline with one token per character."""
    return spacy.blank("zh", config=CHAR_SEGMENTER)


def record_to_doc(record: Record, nlp: Language | None = None) -> Doc:
    """The ``Doc`` of one record that was read (``status == "ok"``)."""
    doc = (nlp or blank_zh()).make_doc(record["text"])
    unaligned = 0

    def span(start: int | None, end: int | None, label: str, span_id: str) -> Span | None:
        nonlocal unaligned
        if start is None or end is None or end <= start:
            return None
        found = doc.char_span(start, end, label=label) or doc.char_span(
            start, end, label=label, alignment_mode="contract"
        )
        if found is None:
            unaligned += 1
            return None
        found.id_ = span_id
        return found

    def spans(triples: Iterable[tuple[int | None, int | None, str, str]]) -> list[Span]:
        return [s for s in (span(*t) for t in triples) if s is not None]

    entities = spans((e["start"], e["end"], e["type"], e["id"]) for e in record["entities"])
    kept = filter_spans(entities)  # longest first, as the CoNLL export keeps them
    doc.ents = kept
    kept_ids = {s.id_ for s in kept}
    doc.spans["entities_overlapping"] = [s for s in entities if s.id_ not in kept_ids]
    claims = record["claims"]
    doc.spans["claims"] = spans((c["start"], c["end"], c["kind"], c["id"]) for c in claims)
    doc.spans["claim_indicators"] = spans(
        (c.get("indicator_start"), c.get("indicator_end"), "INDICATOR", c["id"]) for c in claims
    )
    doc.spans["claim_numbers"] = spans(
        (c.get("number_start"), c.get("number_end"), "NUMBER", c["id"]) for c in claims
    )
    doc.spans["findings"] = spans(
        (*finding_place(f, record), f["type"], f["id"]) for f in record["findings"]
    )
    doc.spans["tables"] = spans((t["start"], t["end"], "TABLE", t["id"]) for t in record["tables"])
    doc.spans["sections"] = spans(
        (s["start"], s["end"], "SECTION", s["id"]) for s in record["sections"]
    )
    doc.user_data.update(_user_data(record))
    doc.user_data["nianbao.unaligned"] = unaligned
    return doc


def finding_place(finding: Record, record: Record) -> tuple[int | None, int | None]:
    """Where a finding sits in the text: its narrative claim, else the first offsets it cites."""
    claims = {c["id"]: c for c in record["claims"]}
    for e in finding["evidence"]:
        if e["kind"] == "claim" and e.get("id") in claims:
            claim = claims[e["id"]]
            return claim["start"], claim["end"]
    placed = next((e for e in finding["evidence"] if e.get("start") is not None), None)
    return (placed["start"], placed["end"]) if placed else (None, None)


def _user_data(record: Record) -> dict[Any, Any]:
    data: dict[Any, Any] = {
        "source": record["source"],
        "doc_id": record["doc_id"],
        "title": record["source"],
        "meta": record.get("meta") or {},
    }
    for e in record["entities"]:
        data[("nianbao.entity", e["id"])] = {"score": e.get("score"), "origin": e.get("source")}
    claim_keys = ("value", "unit", "qualifier", "indicator", "canonical", "number_text")
    for c in record["claims"]:
        extra = {k: c.get(k) for k in (*claim_keys, "period", "subject", "role", "page")}
        data[("nianbao.claim", c["id"])] = extra
    for f in record["findings"]:
        data[("nianbao.finding", f["id"])] = {
            "severity": f["severity"],
            "message": f["message"],
            "claimed": f["claimed"],
            "expected": f["expected"],
            "check": f.get("check"),
            "page": f.get("page"),
            "evidence": f["evidence"],
        }
    return data


def write_docbin(records: Iterable[Record], out: Path) -> ExportSummary:
    """One ``Doc`` per record that was read, in one ``.spacy`` file (``DocBin`` with user data)."""
    ok, skipped = readable(records)
    docs = DocBin(store_user_data=True)
    items = dict.fromkeys(("entities", "claims", "findings", "unaligned"), 0)
    for record in ok:
        doc = record_to_doc(record)
        docs.add(doc)
        items["entities"] += len(doc.ents) + len(doc.spans["entities_overlapping"])
        items["claims"] += len(doc.spans["claims"])
        items["findings"] += len(doc.spans["findings"])
        items["unaligned"] += doc.user_data["nianbao.unaligned"]
    out.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(out)
    return ExportSummary("spacy", (out,), len(ok), skipped, items)


def entity_colours(types: Iterable[str]) -> dict[str, str]:
    """displaCy's ``colors`` option: the fixed colour of each known type, spare ones for others."""
    unknown = sorted({t for t in types if t not in ENTITY_COLOURS})
    spare = {t: _SPARE_COLOURS[i % len(_SPARE_COLOURS)] for i, t in enumerate(unknown)}
    return ENTITY_COLOURS | spare


def render_displacy(record: Record) -> str:
    """One document as a displaCy entity page (a whole HTML page, entities coloured by type)."""
    doc = record_to_doc(record)
    colours = entity_colours(e.label_ for e in doc.ents)
    options = {"colors": colours}
    with warnings.catch_warnings():
        # W006 (a document without names) is a fact of the report, not a fault to print.
        warnings.filterwarnings("ignore", message=r"\[W006\]")
        page = str(displacy.render(doc, style="ent", page=True, jupyter=False, options=options))
    # displaCy titles every page "displaCy"; a browser tab should say which report it is
    return page.replace("<title>displaCy</title>", f"<title>{escape(record['source'])}</title>", 1)


def write_displacy(records: Iterable[Record], out: Path, doc: str | None = None) -> ExportSummary:
    """The displaCy page of the document ``doc`` names (source, file name or doc_id), else of
    the first document that was read."""
    every = list(records)
    ok, skipped = readable(every)
    if doc is not None:
        record = select_document(every, doc)
        if record.get("status") != "ok":
            raise BadArgument(
                f"文档“{doc}”未能读取，无法显示（the document '{doc}' has status error; nothing to show）"
            )
    elif ok:
        record = ok[0]
    else:
        raise BadArgument("运行结果中没有可读取的文档（no document with status ok in the run）")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_displacy(record), encoding="utf-8")
    entities = len(record["entities"])
    return ExportSummary("displacy", (out,), 1, skipped, {"entities": entities})
