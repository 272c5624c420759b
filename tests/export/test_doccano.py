"""doccano JSONL from a real run, checked against doccano's documented import format, then
corrected by a "person" in doccano's export format and read back as gold and as examples.

Format reference: doccano's sequence-labelling JSONL (``{"text": ..., "label": [[start, end,
"TYPE"], ...]}``, other keys kept as metadata and exported beside them); older versions
export ``labels``, relation projects ``entities`` / ``relations`` with ``start_offset`` /
``end_offset`` and ``from_id`` / ``to_id`` / ``type``.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from annotation_edits import (
    choose_edits,
    expected_entity_scores,
    gold_type,
    labels_at,
    pipeline_record,
)
from nianbao.export.annotation import SPAN_LABELS
from nianbao.export.corrections import read_corrections
from nianbao.export.doccano import read_doccano, write_doccano
from nianbao.scoring.score import score_run
from nianbao.training.corrected import read_corrected_examples


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("doccano")
    record = pipeline_record()
    jsonl = folder / "run.jsonl"
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = folder / "doccano.jsonl"
    written = write_doccano([record, {"status": "error", "source": "x.txt"}], out)
    lines = out.read_text("utf-8").splitlines()
    assert written == {"documents": 1, "spans": len(json.loads(lines[0])["label"])}
    return {"folder": folder, "record": record, "jsonl": jsonl, "out": out, "lines": lines}


def test_lines_follow_the_documented_import_format(run: dict[str, Any]) -> None:
    (line,) = run["lines"]
    row = json.loads(line)
    record = run["record"]
    assert row["text"] == record["text"] and row["source"] == record["source"]
    for item in row["label"]:
        assert isinstance(item, list) and len(item) == 3
        start, end, label = item
        assert (
            isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(row["text"])
        )
        assert label in SPAN_LABELS
    triples = {tuple(t) for t in row["label"]}
    assert len(triples) == len(row["label"]), "a span is written once"
    for e in record["entities"]:
        assert (e["start"], e["end"], gold_type(e["type"])) in triples
    for c in record["claims"]:
        assert (c["start"], c["end"], "CLAIM") in triples


def test_entities_alone_never_overlap(run: dict[str, Any], tmp_path: Path) -> None:
    """Without claims the file imports into a project that forbids overlapping spans."""
    out = tmp_path / "entities.jsonl"
    write_doccano([run["record"]], out, claims=False)
    spans = sorted(json.loads(out.read_text("utf-8"))["label"])
    assert spans and all(label not in ("CLAIM", "INDICATOR", "QUANTITY") for *_, label in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def _corrected_export(run: dict[str, Any], key: str = "label") -> tuple[Path, Any]:
    """doccano's export after the corrections of ``choose_edits`` (``key``: the version's)."""
    record = run["record"]
    edits = choose_edits(record)
    row = json.loads(run["lines"][0])
    text = row["text"]
    claim = edits.deleted_claim
    gone = {
        (edits.deleted_entity["start"], edits.deleted_entity["end"]),
        (claim["start"], claim["end"]),
        (claim["indicator_start"], claim["indicator_end"]),
    }
    quantity = next(
        (s, e)
        for s, e, label in row["label"]
        if label == "QUANTITY" and s <= claim["number_start"] < e
    )
    gone.add(quantity)
    cut = edits.cut_claim
    spans = []
    for start, end, label in row.pop("label"):
        if (start, end) in gone:
            continue
        if (start, end) == (edits.relabelled_entity["start"], edits.relabelled_entity["end"]):
            label = "OTHER_ORG"
        if (start, end, label) == (cut["indicator_start"], cut["indicator_end"], "INDICATOR"):
            end = start + 1
        spans.append([start, end, label])
    spans.append([*edits.added, "GOV"])
    exported = {"id": 3, "text": text, key: sorted(spans), "Comments": [], **row}
    path = run["folder"] / f"export-{key}.jsonl"
    path.write_text(json.dumps(exported, ensure_ascii=False) + "\n", encoding="utf-8")
    return path, edits


@pytest.mark.parametrize("key", ["label", "labels"])
def test_a_corrected_export_scores_exactly_what_the_corrections_imply(
    run: dict[str, Any], key: str
) -> None:
    path, edits = _corrected_export(run, key)
    baseline = score_run(run["jsonl"], [run["out"]]).docs[0]
    assert baseline.claims.precision == baseline.claims.recall == 1.0
    (doc,) = score_run(run["jsonl"], [path]).docs
    n = len(run["record"]["claims"])
    assert (doc.claims.true_positives, doc.claims.predicted, doc.claims.gold) == (n - 1, n, n - 1)
    assert doc.indicators_right == baseline.indicators_right - 2
    for kind, (precision, recall) in expected_entity_scores(run["record"], edits).items():
        got = (doc.entities[kind].precision, doc.entities[kind].recall)
        assert got == (float(precision), float(recall)), kind


def test_a_corrected_export_trains_the_corrected_labels(run: dict[str, Any]) -> None:
    path, edits = _corrected_export(run)
    examples = read_corrected_examples(path)
    text = run["record"]["text"]
    assert labels_at(text, examples, *edits.added)["domain"] == {"GOV"}
    relabelled = edits.relabelled_entity
    found = labels_at(text, examples, relabelled["start"], relabelled["end"])
    assert found["domain"] == {"OTHER_ORG"}
    deleted = edits.deleted_entity
    assert labels_at(text, examples, deleted["start"], deleted["end"])["domain"] == set()
    assert sum(len(e.quantities or ()) for e in examples) == len(run["record"]["claims"]) - 1
    assert {e.source for e in examples} == {"doccano"}


def test_relation_projects_give_subjects_back(tmp_path: Path) -> None:
    text = "其中，鹤山职校在校生3200人。"
    row = {
        "id": 1,
        "text": text,
        "source": "a.txt",
        "entities": [
            {"id": 10, "label": "SCHOOL", "start_offset": 3, "end_offset": 7},
            {"id": 11, "label": "CLAIM", "start_offset": 7, "end_offset": 15},
            {"id": 12, "label": "INDICATOR", "start_offset": 7, "end_offset": 10},
            {"id": 13, "label": "QUANTITY", "start_offset": 10, "end_offset": 15},
        ],
        "relations": [{"id": 1, "from_id": 11, "to_id": 10, "type": "SUBJECT"}],
    }
    path = tmp_path / "relations.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = read_corrections(path)
    assert docs is not None and docs[0].tool == "doccano"
    from nianbao.scoring.corrected_gold import gold_from_corrected

    gold = gold_from_corrected(docs[0])
    assert gold["claims"] == [
        {
            "quote": "在校生3200人",
            "number_text": "3200",
            "value": 3200,
            "unit": "人",
            "qualifier": "exact",
            "indicator": "在校生",
            "period": None,
            "subject": "鹤山职校",
        }
    ]
    assert gold["entities"]["SCHOOL"] == ["鹤山职校"]
    (example,) = read_corrected_examples(path)
    assert example.relations == ((0, "IND", 0), (0, "ENT", 0))


def test_files_that_are_no_doccano_export_are_told_apart(tmp_path: Path) -> None:
    gold = tmp_path / "a.txt.gold.json"
    gold.write_text(json.dumps({"doc": "a.txt", "claims": []}, indent=1), encoding="utf-8")
    assert read_corrections(gold) is None
    run = tmp_path / "run.jsonl"
    run.write_text(json.dumps(pipeline_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_corrections(run) is None
    with pytest.raises(ValueError, match="doccano"):
        read_doccano(run)


def _row(text: str, spans: list[list[Any]], tmp_path: Path) -> Path:
    path = tmp_path / "row.jsonl"
    row = {"text": text, "label": spans, "source": "a.txt"}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _claims(path: Path) -> list[tuple[str, Any, str | None]]:
    from nianbao.scoring.corrected_gold import gold_from_corrected

    docs = read_corrections(path)
    assert docs is not None
    return [
        (c["quote"], c["value"], c["indicator"]) for c in gold_from_corrected(docs[0])["claims"]
    ]


def test_parts_are_found_by_position_without_relations(tmp_path: Path) -> None:
    """Nested claims (the outer one's indicator is its own, not the inner one's), two claims
    on one span, an indicator named earlier in the sentence (其中…18人)."""
    text = "开设课程198门、总计21240学时；培训24项、2860人次；专任教师120人，其中高级18人。"
    find = text.index
    spans = [
        [find("开设"), find("；"), "CLAIM"],
        [find("总计"), find("总计") + 2, "INDICATOR"],
        [find("课程"), find("门") + 1, "CLAIM"],
        [find("课程"), find("课程") + 2, "INDICATOR"],
        [find("198"), find("门") + 1, "QUANTITY"],
        [find("21240"), find("学时") + 2, "QUANTITY"],
        [find("培训"), find("次") + 1, "CLAIM"],
        [find("培训"), find("次") + 1, "CLAIM"],
        [find("培训"), find("培训") + 2, "INDICATOR"],
        [find("24项"), find("项") + 1, "QUANTITY"],
        [find("2860"), find("次") + 1, "QUANTITY"],
        [find("专任"), find("120人") + 4, "CLAIM"],
        [find("专任"), find("专任") + 4, "INDICATOR"],
        [find("120"), find("120人") + 4, "QUANTITY"],
        [find("18人"), find("18人") + 3, "CLAIM"],
        [find("18人"), find("18人") + 3, "QUANTITY"],
    ]
    assert sorted(_claims(_row(text, spans, tmp_path))) == sorted(
        [
            ("开设课程198门、总计21240学时", 21240, "总计"),
            ("课程198门", 198, "课程"),
            ("培训24项、2860人次", 24, "培训"),
            ("培训24项、2860人次", 2860, "培训"),
            ("专任教师120人", 120, "专任教师"),
            ("18人", 18, "专任教师"),
        ]
    )


def test_a_claim_without_its_quantity_is_read_from_its_own_number(tmp_path: Path) -> None:
    text = "开设课程198门、21240学时。"
    spans = [[0, text.index("。"), "CLAIM"], [2, 4, "INDICATOR"]]
    assert _claims(_row(text, spans, tmp_path)) == [("开设课程198门、21240学时", 21240, "课程")]
