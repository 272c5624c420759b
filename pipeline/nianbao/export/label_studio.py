"""Label Studio: tasks with nianbao's predictions to correct, and the corrected export read back.

``write_label_studio(records, out)`` writes the import file (a JSON list of tasks, "Basic Label
Studio JSON format" with a ``predictions`` key: ``data.text`` the document text, each span a
result of type ``labels``) and, beside it, the labelling configuration the tasks need
(``label_config_path(out)``). ``read_label_studio(path)`` reads Label Studio's JSON export
(tasks with ``annotations[].result``; a task no person annotated gives its ``predictions``),
the JSON-MIN export, or the import file itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from nianbao.export.annotation import (
    RELATION_LABELS,
    SPAN_LABELS,
    CorrectedDoc,
    ToolRelation,
    ToolSpan,
    normalise_label,
    read_table_spans,
    record_spans,
    table_spans,
)

FROM_NAME = "label"  # the <Labels> control
TO_NAME = "text"  # the <Text> object
TOOL = "label-studio"
_COLOURS = {
    "SCHOOL": "#1f77b4",
    "ENTERPRISE": "#ff7f0e",
    "COMPETITION": "#2ca02c",
    "GOV": "#d62728",
    "OTHER_ORG": "#9467bd",
    "PER": "#8c564b",
    "LOC": "#7f7f7f",
    "CLAIM": "#f1c40f",
    "INDICATOR": "#17becf",
    "QUANTITY": "#e377c2",
}


def label_config() -> str:
    """The labelling configuration (XML) for the tasks: span labels on the text, relations."""
    labels = "\n".join(
        f"    <Label value={quoteattr(label)} background={quoteattr(_COLOURS[label])}/>"
        for label in SPAN_LABELS
    )
    relations = "\n".join(f"    <Relation value={quoteattr(r)}/>" for r in RELATION_LABELS)
    return (
        "<View>\n"
        f"  <Relations>\n{relations}\n  </Relations>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
        f'  <Text name="{TO_NAME}" value="$text"/>\n'
        "</View>\n"
    )


def label_config_path(out: Path) -> Path:
    """Where ``write_label_studio`` puts the configuration: ``tasks.json`` → ``tasks.config.xml``."""
    out = Path(out)
    return out.with_name(out.stem + ".config.xml")


def to_task(record: dict[str, Any]) -> dict[str, Any]:
    """One Label Studio task: the document and nianbao's spans as one prediction."""
    text = record["text"]
    spans, relations = record_spans(record)
    result: list[dict[str, Any]] = []
    for span in spans:
        value: dict[str, Any] = {
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
            "labels": [span.label],
        }
        if span.score is not None:
            value["score"] = span.score
        result.append(
            {
                "id": span.id,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": value,
            }
        )
    for r in relations:
        result.append(
            {
                "from_id": r.head,
                "to_id": r.tail,
                "type": "relation",
                "direction": "right",
                "labels": [r.label],
            }
        )
    meta = record.get("meta") or {}
    version = f"nianbao {meta.get('pipeline_version') or ''}".strip()
    if meta.get("model"):
        version += f" ({meta['model']})"
    return {
        "data": {
            "text": text,
            "source": record["source"],
            "doc_id": record["doc_id"],
            "table_spans": table_spans(record),
        },
        "predictions": [{"model_version": version, "result": result}],
    }


def write_label_studio(records: Iterable[dict[str, Any]], out: Path) -> dict[str, int]:
    """Write the tasks of the records that were read (``status == "ok"``) to ``out`` and the
    labelling configuration beside it; returns how many tasks, spans and relations."""
    out = Path(out)
    tasks = [to_task(r) for r in records if r.get("status") == "ok"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    label_config_path(out).write_text(label_config(), encoding="utf-8")
    results = [r for t in tasks for r in t["predictions"][0]["result"]]
    relations = sum(r["type"] == "relation" for r in results)
    return {"tasks": len(tasks), "spans": len(results) - relations, "relations": relations}


def is_label_studio(data: Any) -> bool:
    """Whether parsed JSON looks like Label Studio tasks (a list of them, or one)."""
    tasks = data if isinstance(data, list) else [data]
    return bool(tasks) and all(
        isinstance(t, dict) and (isinstance(t.get("data"), dict) or _min_regions(t) is not None)
        for t in tasks
    )


def read_label_studio(path: Path) -> list[CorrectedDoc]:
    """The documents of a Label Studio export (or import) file, corrected or as predicted."""
    return corrected_docs(json.loads(Path(path).read_text(encoding="utf-8-sig")))


def corrected_docs(data: Any) -> list[CorrectedDoc]:
    """The documents of parsed Label Studio JSON (a list of tasks, or one task)."""
    tasks = data if isinstance(data, list) else [data]
    docs = []
    for task in tasks:
        doc = _corrected(task)
        if doc is not None:
            docs.append(doc)
    return docs


def _corrected(task: dict[str, Any]) -> CorrectedDoc | None:
    """A task's document: its person's annotation, else nianbao's prediction.

    Of several annotations the ground-truth one wins, else the last (the newest); a task
    whose every annotation was skipped (``was_cancelled``) is left out: a person looked at it
    and gave no answer, so neither answer is gold.
    """
    minimal = _min_regions(task)
    if minimal is not None:
        data = task
        results, reviewed = minimal, True
    else:
        data = task["data"]
        annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        if annotations:
            chosen = next((a for a in annotations if a.get("ground_truth")), annotations[-1])
            results, reviewed = chosen.get("result") or [], True
        elif task.get("annotations"):
            return None
        else:
            predictions = task.get("predictions") or [{}]
            results, reviewed = predictions[0].get("result") or [], False
    text = data.get("text")
    if not isinstance(text, str):
        return None
    spans, relations, dropped = _spans(results, text)
    return CorrectedDoc(
        source=str(data.get("source") or data.get("doc_id") or f"task-{task.get('id', '')}"),
        text=text,
        spans=tuple(spans),
        relations=tuple(relations),
        tool=TOOL,
        reviewed=reviewed,
        dropped=dropped,
        tables=read_table_spans(data.get("table_spans")),
    )


def _min_regions(task: dict[str, Any]) -> list[dict[str, Any]] | None:
    """JSON-MIN export: ``{"text": ..., "label": [{"start", "end", "text", "labels"}]}``."""
    regions = task.get(FROM_NAME)
    if not (isinstance(task.get("text"), str) and isinstance(regions, list)):
        return None
    if not all(isinstance(r, dict) and "start" in r and "end" in r for r in regions):
        return None  # doccano's [start, end, label] triples, say
    return [{"type": "labels", "value": r} for r in regions]


def _spans(
    results: list[dict[str, Any]], text: str
) -> tuple[list[ToolSpan], list[ToolRelation], int]:
    spans, relations, dropped = [], [], 0
    for n, item in enumerate(results):
        if item.get("type") == "relation":
            for label in item.get("labels") or [""]:
                relations.append(
                    ToolRelation(str(item["from_id"]), str(item["to_id"]), normalise_label(label))
                )
            continue
        value = item.get("value") or {}
        if item.get("type") != "labels" or "start" not in value or "end" not in value:
            continue
        where = aligned(text, int(value["start"]), int(value["end"]), value.get("text"))
        if where is None:
            dropped += 1
            continue
        for label in value.get("labels") or []:
            label = normalise_label(label)
            if label in SPAN_LABELS:
                span_id = str(item.get("id") or f"r{n}")
                spans.append(ToolSpan(span_id, *where, label, value.get("score")))
    return spans, relations, dropped


def aligned(text: str, start: int, end: int, surface: str | None) -> tuple[int, int] | None:
    """Python offsets of a span whose ``surface`` text the tool also gave.

    Label Studio's browser side has counted in UTF-16 code units in some versions (a
    character outside the BMP, such as 𠮷, counts twice), so offsets after one are off; the
    span is then found from the code-unit offsets, or as the nearest copy of its text.
    """
    if 0 <= start < end <= len(text) and (surface is None or text[start:end] == surface):
        return start, end
    if not surface:
        return None
    units = _code_point_at_unit(text)
    if start in units and end in units and text[units[start] : units[end]] == surface:
        return units[start], units[end]
    copies = []
    at = text.find(surface)
    while at >= 0:
        copies.append(at)
        at = text.find(surface, at + 1)
    if not copies:
        return None
    best = min(copies, key=lambda c: abs(c - start))
    return best, best + len(surface)


def _code_point_at_unit(text: str) -> dict[int, int]:
    """UTF-16 code-unit offset → Python offset, at every character boundary."""
    mapping, unit = {}, 0
    for i, ch in enumerate(text):
        mapping[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    mapping[unit] = len(text)
    return mapping
