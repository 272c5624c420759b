"""doccano: sequence-labelling JSONL to correct, and the corrected export read back.

``write_doccano(records, out)`` writes one line per document, doccano's import format for a
sequence-labelling project: ``{"text": ..., "label": [[start, end, "TYPE"], ...], "source":
..., "doc_id": ..., "table_spans": [[start, end], ...]}`` (keys other than ``text`` and ``label`` become the example's metadata,
which doccano's export writes back beside them). A claim and its parts nest (``CLAIM`` holds
``INDICATOR`` and ``QUANTITY``), so the project needs "Allow overlapping spans" on, or write
with ``claims=False`` for entities alone, which never overlap.

``read_doccano(path)`` reads doccano's export: ``label`` (doccano 1.x) or ``labels`` (older
versions) as ``[start, end, label]`` triples, or the relation-extraction form
(``entities`` with ``start_offset``/``end_offset``, ``relations`` with ``from_id``/``to_id``/
``type``). The sequence-labelling form has no relations, so a claim's subject and an
indicator written outside its claim do not come back from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nianbao.export.annotation import (
    CLAIM_LABELS,
    SPAN_LABELS,
    CorrectedDoc,
    ToolRelation,
    ToolSpan,
    normalise_label,
    read_table_spans,
    record_spans,
    table_spans,
)

TOOL = "doccano"


def to_line(record: dict[str, Any], *, claims: bool = True) -> dict[str, Any]:
    """One doccano example: the text, its spans as triples, where it came from."""
    spans, _ = record_spans(record)
    if not claims:
        spans = [s for s in spans if s.label not in CLAIM_LABELS]
    return {
        "text": record["text"],
        "label": [[s.start, s.end, s.label] for s in spans],
        "source": record["source"],
        "doc_id": record["doc_id"],
        "table_spans": table_spans(record),
    }


def write_doccano(
    records: Iterable[dict[str, Any]], out: Path, *, claims: bool = True
) -> dict[str, int]:
    """One JSONL line per record that was read (``status == "ok"``); returns how many
    documents and spans."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = {"documents": 0, "spans": 0}
    with out.open("w", encoding="utf-8") as f:
        for record in records:
            if record.get("status") == "ok":
                line = to_line(record, claims=claims)
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
                counts["documents"] += 1
                counts["spans"] += len(line["label"])
    return counts


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with Path(path).open(encoding="utf-8-sig") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def is_doccano_row(row: Any) -> bool:
    """Whether one parsed JSONL line looks like a doccano example with spans."""
    if not isinstance(row, dict) or not isinstance(row.get("text", row.get("data")), str):
        return False
    spans = row.get("label", row.get("labels", row.get("entities")))
    if not isinstance(spans, list):
        return False
    return all(
        (isinstance(s, list) and len(s) == 3)
        or (isinstance(s, dict) and "start_offset" in s and "end_offset" in s)
        for s in spans
    )


def is_doccano(path: Path) -> bool:
    """Whether every line of ``path`` is a doccano example (a cheap check before reading)."""
    try:
        rows = list(_rows(path))
        return bool(rows) and all(is_doccano_row(row) for row in rows)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False


def read_doccano(path: Path) -> list[CorrectedDoc]:
    """The documents of a doccano export (or of ``write_doccano``'s file)."""
    return [_corrected(row, n) for n, row in enumerate(_rows(path), 1)]


def _corrected(row: dict[str, Any], line: int) -> CorrectedDoc:
    if not is_doccano_row(row):
        raise ValueError(
            f"第 {line} 行不是 doccano 的序列标注样本（line {line} is not a doccano example: "
            "text and label / labels / entities expected）"
        )
    text = str(row.get("text", row.get("data")))
    meta: dict[str, Any] = row["meta"] if isinstance(row.get("meta"), dict) else {}
    source = row.get("source") or meta.get("source") or row.get("doc_id") or f"doccano-{line}"
    spans: list[ToolSpan] = []
    dropped = 0
    for n, item in enumerate(row.get("label", row.get("labels", row.get("entities"))) or []):
        if isinstance(item, dict):
            span_id, start, end, label = (
                str(item.get("id", f"s{n}")),
                item["start_offset"],
                item["end_offset"],
                item["label"],
            )
        else:
            span_id, (start, end, label) = f"s{n}", item
        label = normalise_label(str(label))
        if not (0 <= int(start) < int(end) <= len(text)):
            dropped += 1
        elif label in SPAN_LABELS:
            spans.append(ToolSpan(span_id, int(start), int(end), label))
    relations = [
        ToolRelation(str(r["from_id"]), str(r["to_id"]), normalise_label(str(r["type"])))
        for r in row.get("relations") or []
        if isinstance(r, dict) and {"from_id", "to_id", "type"} <= r.keys()
    ]
    return CorrectedDoc(
        source=str(source),
        text=text,
        spans=tuple(spans),
        relations=tuple(relations),
        tool=TOOL,
        dropped=dropped,
        tables=read_table_spans(row.get("table_spans", meta.get("table_spans"))),
    )
