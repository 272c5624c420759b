"""The spaCy exports, loaded by spaCy itself: DocBin read back into a blank zh pipeline, displaCy."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import spacy
from export_records import ok_records, sample_records
from nianbao.errors import BadArgument
from nianbao.export.formats import write_export
from nianbao.export.spacy_docs import ENTITY_COLOURS, finding_place, write_docbin
from spacy.tokens import DocBin


def _load(path: Path) -> list[spacy.tokens.Doc]:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("zh").vocab))


def test_docbin_round_trip_keeps_every_offset(tmp_path: Path) -> None:
    out = tmp_path / "run.spacy"
    summary = write_docbin(sample_records(), out)
    docs = _load(out)
    records = ok_records()
    assert (summary.documents, summary.skipped, len(docs)) == (5, 1, 5)
    assert summary.items["unaligned"] == 0
    assert summary.items["entities"] == sum(len(r["entities"]) for r in records) > 100
    for doc, record in zip(docs, records, strict=True):
        assert doc.text == record["text"]
        assert doc.user_data["source"] == record["source"]
        assert [(e.start_char, e.end_char, e.label_, e.id_, e.text) for e in doc.ents] == [
            (e["start"], e["end"], e["type"], e["id"], e["text"]) for e in record["entities"]
        ]
        assert not doc.spans["entities_overlapping"]
        claims = record["claims"]
        assert [
            (s.start_char, s.end_char, s.label_, s.id_, s.text) for s in doc.spans["claims"]
        ] == [(c["start"], c["end"], c["kind"], c["id"], c["text"]) for c in claims]
        assert [(s.start_char, s.end_char, s.id_) for s in doc.spans["claim_indicators"]] == [
            (c["indicator_start"], c["indicator_end"], c["id"])
            for c in claims
            if c["indicator_start"] is not None and c["indicator_end"] > c["indicator_start"]
        ]
        numbers = {s.id_: s.text for s in doc.spans["claim_numbers"]}
        assert all(numbers[c["id"]] == c["number_text"] for c in claims)
        assert doc.user_data[("nianbao.claim", claims[0]["id"])]["value"] == claims[0]["value"]
        findings = record["findings"]
        assert [(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans["findings"]] == [
            (*finding_place(f, record), f["type"], f["id"]) for f in findings
        ]
        for f in findings:
            details = doc.user_data[("nianbao.finding", f["id"])]
            assert (details["severity"], details["message"]) == (f["severity"], f["message"])
        assert [s.id_ for s in doc.spans["tables"]] == [t["id"] for t in record["tables"]]


def test_findings_sit_on_their_narrative_claim() -> None:
    findings = [(f, r) for r in ok_records() for f in r["findings"]]
    with_claim = [(f, r) for f, r in findings if any(e["kind"] == "claim" for e in f["evidence"])]
    assert with_claim, "the sample has findings about a narrative claim"
    for f, record in with_claim:
        claim_id = next(e["id"] for e in f["evidence"] if e["kind"] == "claim")
        claim = next(c for c in record["claims"] if c["id"] == claim_id)
        assert finding_place(f, record) == (claim["start"], claim["end"])


def test_overlapping_entities_keep_the_longer_and_lose_none(tmp_path: Path) -> None:
    record = ok_records()[0]
    first = record["entities"][0]
    inner = {**first, "id": "E999", "type": "LOC", "end": first["start"] + 2}
    inner["text"] = record["text"][inner["start"] : inner["end"]]
    record["entities"].append(inner)
    write_docbin([record], tmp_path / "one.spacy")
    (doc,) = _load(tmp_path / "one.spacy")
    assert (first["id"], first["type"]) in {(e.id_, e.label_) for e in doc.ents}
    assert [(s.id_, s.text) for s in doc.spans["entities_overlapping"]] == [("E999", inner["text"])]


def test_displacy_page_shows_each_entity_with_its_label(tmp_path: Path) -> None:
    records = sample_records()
    chosen = records[1]
    out = tmp_path / "doc.html"
    summary = write_export(records, "displacy", out, doc=Path(chosen["source"]).name)
    page = out.read_text("utf-8")
    assert summary.items["entities"] == len(chosen["entities"]) > 10
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh">' in page
    assert f"<title>{html.escape(chosen['source'])}</title>" in page
    for e in chosen["entities"]:
        assert html.escape(e["text"]) in page
        assert f">{e['type']}</span>" in page
        assert ENTITY_COLOURS[e["type"]] in page
    assert html.escape(records[0]["source"]) not in page


def test_displacy_defaults_to_the_first_readable_document(tmp_path: Path) -> None:
    records = sample_records()
    write_export([records[-1], *records], "displacy", tmp_path / "first.html")
    page = (tmp_path / "first.html").read_text("utf-8")
    assert html.escape(records[0]["source"]) in page


def test_displacy_refuses_an_unreadable_or_unknown_document(tmp_path: Path) -> None:
    records = sample_records()
    with pytest.raises(BadArgument, match="未能读取"):
        write_export(records, "displacy", tmp_path / "x.html", doc=records[-1]["source"])
    with pytest.raises(BadArgument, match="没有文档"):
        write_export(records, "displacy", tmp_path / "x.html", doc="nowhere.txt")
