"""The CoNLL/BIO export: read back, its tags give the entities' offsets again."""

from __future__ import annotations

from pathlib import Path

from export_records import annotate_records, ok_records, sample_records
from nianbao.export.conll import (
    DOCSTART,
    bio_spans,
    conll_lines,
    non_overlapping,
    read_conll,
    spans_in_text,
    write_conll,
)


def test_round_trip_recovers_every_entity(tmp_path: Path) -> None:
    out = tmp_path / "run.conll"
    summary = write_conll(sample_records(), out)
    docs = read_conll(out)
    records = ok_records()
    assert (summary.documents, summary.skipped, len(docs)) == (5, 1, 5)
    assert summary.items["entities"] == sum(len(r["entities"]) for r in records)
    for doc, record in zip(docs, records, strict=True):
        text = record["text"]
        assert doc.source == record["source"]
        assert doc.chars == "".join(ch for ch in text if not ch.isspace())
        assert spans_in_text(text, doc.tags) == [
            (e["type"], e["start"], e["end"]) for e in record["entities"]
        ]
    lines = out.read_text("utf-8").split("\n")
    assert lines[0] == f"{DOCSTART} {records[0]['source']}" and lines[1] == ""
    assert all(line.count("\t") == 1 for line in lines if line and not line.startswith(DOCSTART))


def test_sentences_end_at_stops_and_line_breaks(tmp_path: Path) -> None:
    report = tmp_path / "short.txt"
    report.write_text(
        "江门市教育局印发通知。校长说：“江门市鹤山职业技术学校招生1200人。”\n表 1 　在校生\n",
        encoding="utf-8",
    )
    (record,) = annotate_records([report])
    assert {e["text"] for e in record["entities"]} >= {"江门市教育局", "江门市鹤山职业技术学校"}
    lines = list(conll_lines(record))
    assert lines[-1] == "" and lines[-2] != ""  # one blank line closes the document
    sentences = "\n".join(lines).split("\n\n")[1:]
    texts = ["".join(line.split("\t")[0] for line in s.split("\n") if line) for s in sentences]
    assert texts == [
        "江门市教育局印发通知。",
        "校长说：“江门市鹤山职业技术学校招生1200人。”",
        "表1在校生",
    ]


def test_a_sentence_never_breaks_inside_an_entity() -> None:
    text = "我们与江门\n职业技术学院合作。"
    start = text.index("江门")
    entity = {"type": "SCHOOL", "start": start, "end": len(text) - 3, "id": "E1"}
    record = {"source": "x.txt", "text": text, "entities": [entity]}
    lines = list(conll_lines(record))[2:]
    assert "" not in lines[:-2]  # the only break is after 。
    tags = [line.split("\t")[1] for line in lines if line]
    assert spans_in_text(text, tags) == [("SCHOOL", start, entity["end"])]


def test_overlaps_keep_the_longer_entity() -> None:
    longer = {"type": "SCHOOL", "start": 0, "end": 6}
    shorter = {"type": "LOC", "start": 0, "end": 2}
    apart = {"type": "GOV", "start": 8, "end": 10}
    assert non_overlapping([shorter, apart, longer]) == [longer, apart]


def test_bio_spans_reads_stray_inside_tags() -> None:
    assert bio_spans(["O", "I-LOC", "I-LOC", "B-LOC", "I-GOV", "O", "B-PER"]) == [
        ("LOC", 1, 3),
        ("LOC", 3, 4),
        ("GOV", 4, 5),
        ("PER", 6, 7),
    ]
