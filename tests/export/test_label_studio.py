"""Label Studio tasks from a real run, checked against the documented format, then corrected
by a "person" in Label Studio's export format and read back as gold and as training examples.

Format references: Label Studio's "Import pre-annotated data" guide (tasks with ``data`` and
``predictions[].result``; text spans as ``type: labels`` with ``value.start/end/text/labels``;
``from_name``/``to_name`` naming the ``<Labels>`` and ``<Text>`` tags) and "Export
annotations" (the JSON export: tasks with ``annotations[].result``, ``was_cancelled``).
"""

from __future__ import annotations

import copy
import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from annotation_edits import (
    GOLD_TYPES,
    choose_edits,
    expected_entity_scores,
    gold_type,
    labels_at,
    pipeline_record,
)
from nianbao.export.label_studio import (
    aligned,
    label_config,
    label_config_path,
    read_label_studio,
    write_label_studio,
)
from nianbao.model.labels import DOMAIN_TYPES
from nianbao.model.vocab import build_vocab
from nianbao.scoring.score import format_report, score_run
from nianbao.training.batches import make_batch
from nianbao.training.corrected import read_corrected_examples
from nianbao.training.examples import chunk_example


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The run file, the tasks written from it, and the parsed tasks."""
    folder = tmp_path_factory.mktemp("label_studio")
    record = pipeline_record()
    jsonl = folder / "run.jsonl"
    failed = {"status": "error", "source": "broken.txt"}
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    tasks_path = folder / "tasks.json"
    written = write_label_studio([record, failed], tasks_path)
    return {
        "folder": folder,
        "record": record,
        "jsonl": jsonl,
        "tasks_path": tasks_path,
        "tasks": json.loads(tasks_path.read_text("utf-8")),
        "written": written,
    }


def _config(path: Path) -> ET.Element:
    return ET.fromstring(path.read_text("utf-8"))


def test_tasks_follow_the_documented_import_format(run: dict[str, Any]) -> None:
    record, tasks = run["record"], run["tasks"]
    assert isinstance(tasks, list) and len(tasks) == 1  # the failed record has no text to label
    task = tasks[0]
    assert task["data"]["text"] == record["text"]
    assert task["data"]["source"] == record["source"]
    (prediction,) = task["predictions"]
    assert prediction["model_version"].startswith(f"nianbao {record['meta']['pipeline_version']}")
    regions = [r for r in prediction["result"] if r["type"] == "labels"]
    relations = [r for r in prediction["result"] if r["type"] == "relation"]
    assert len(regions) + len(relations) == len(prediction["result"])
    ids = [r["id"] for r in regions]
    assert len(ids) == len(set(ids)), "every result needs its own id"
    text = task["data"]["text"]
    for r in regions:
        assert (r["from_name"], r["to_name"]) == ("label", "text")
        value = r["value"]
        assert 0 <= value["start"] < value["end"] <= len(text)
        assert value["text"] == text[value["start"] : value["end"]]
        assert len(value["labels"]) == 1
    for r in relations:
        assert r["from_id"] in ids and r["to_id"] in ids
        assert r["direction"] == "right" and len(r["labels"]) == 1
    by_span = {(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in regions}
    for e in record["entities"]:
        assert (e["start"], e["end"], gold_type(e["type"])) in by_span
    for c in record["claims"]:
        assert (c["start"], c["end"], "CLAIM") in by_span
        quantity = [
            r
            for r in regions
            if r["value"]["labels"] == ["QUANTITY"]
            and r["value"]["start"] <= c["number_start"] < r["value"]["end"]
        ]
        assert quantity, f"claim {c['id']} has no QUANTITY over its number"
    subjects = [c for c in record["claims"] if c["subject"]]
    assert sum(r["labels"] == ["SUBJECT"] for r in relations) == len(subjects)
    assert run["written"] == {"tasks": 1, "spans": len(regions), "relations": len(relations)}


def test_the_config_beside_the_tasks_declares_every_label_used(run: dict[str, Any]) -> None:
    config_path = label_config_path(run["tasks_path"])
    assert config_path == run["folder"] / "tasks.config.xml"
    view = _config(config_path)
    assert view.tag == "View"
    labels = view.find("Labels")
    text = view.find("Text")
    assert labels is not None and text is not None
    assert (labels.get("name"), labels.get("toName")) == ("label", "text")
    assert (text.get("name"), text.get("value")) == ("text", "$text")
    declared = {label.get("value") for label in labels.findall("Label")}
    relations = {r.get("value") for r in view.iter("Relation")}
    result = run["tasks"][0]["predictions"][0]["result"]
    used = {r["value"]["labels"][0] for r in result if r["type"] == "labels"}
    used_relations = {r["labels"][0] for r in result if r["type"] == "relation"}
    assert used <= declared and used_relations <= relations
    assert set(GOLD_TYPES) <= declared


def test_label_studio_sdk_accepts_the_predictions(run: dict[str, Any]) -> None:
    """Label Studio's own validator, where its SDK is installed (pip install label-studio-sdk)."""
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    interface = sdk.LabelInterface(label_config())
    prediction = run["tasks"][0]["predictions"][0]
    assert interface.validate_prediction(prediction, return_errors=True) == []
    broken = copy.deepcopy(prediction)
    broken["result"][0]["value"]["labels"] = ["NO_SUCH_LABEL"]
    assert interface.validate_prediction(broken, return_errors=True)


def _region(rid: str, start: int, end: int, label: str, text: str) -> dict[str, Any]:
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _corrected_export(run: dict[str, Any]) -> tuple[Path, Any]:
    """Label Studio's JSON export after a person made the corrections of ``choose_edits``
    (after a skip and an earlier annotation that accepted the predictions as they were)."""
    record = run["record"]
    edits = choose_edits(record)
    task = copy.deepcopy(run["tasks"][0])
    text = task["data"]["text"]
    result = copy.deepcopy(task["predictions"][0]["result"])
    claim = edits.deleted_claim["id"]
    gone = {edits.deleted_entity["id"], claim, f"{claim}-ind", f"{claim}-qty"}
    result = [r for r in result if r.get("id") not in gone and r.get("from_id") not in gone]
    for r in result:
        if r.get("id") == edits.relabelled_entity["id"]:
            r["value"]["labels"] = ["OTHER_ORG"]
        if r.get("id") == f"{edits.cut_claim['id']}-ind":
            start = r["value"]["start"]
            r["value"].update(end=start + 1, text=text[start])
    result.append(_region("added-1", *edits.added, "GOV", text))
    task.update(
        id=7,
        annotations=[
            {"id": 1, "result": [], "was_cancelled": True},  # a skip
            {"id": 2, "result": task["predictions"][0]["result"], "was_cancelled": False},
            {"id": 3, "result": result, "was_cancelled": False, "ground_truth": False},
        ],
    )
    path = run["folder"] / "export.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    return path, edits


def test_the_uncorrected_tasks_score_the_run_perfectly(run: dict[str, Any]) -> None:
    report = score_run(run["jsonl"], [run["tasks_path"]])
    (doc,) = report.docs
    assert doc.sections == ("claims", "entities")
    assert doc.claims.precision == doc.claims.recall == 1.0
    for prf in doc.entities.values():
        assert prf.precision == prf.recall == 1.0
    without = sum(1 for c in run["record"]["claims"] if not c["indicator"])
    assert doc.indicators_right == len(run["record"]["claims"]) - without


def test_a_corrected_export_scores_exactly_what_the_corrections_imply(
    run: dict[str, Any],
) -> None:
    path, edits = _corrected_export(run)
    baseline = score_run(run["jsonl"], [run["tasks_path"]]).docs[0]
    report = score_run(run["jsonl"], [path])
    (doc,) = report.docs
    n = len(run["record"]["claims"])
    assert (doc.claims.true_positives, doc.claims.predicted, doc.claims.gold) == (n - 1, n, n - 1)
    # both edited claims had a right indicator; one is gone, one now names one character
    assert doc.indicators_right == baseline.indicators_right - 2
    for kind, (precision, recall) in expected_entity_scores(run["record"], edits).items():
        assert (doc.entities[kind].precision, doc.entities[kind].recall) == (
            float(precision),
            float(recall),
        ), kind
    assert doc.entities["SCHOOL"].precision < 1 and doc.entities["GOV"].recall < 1
    assert edits.added_name in doc.entities["GOV"].missed
    text = format_report(report)
    assert "claims (val+unit)" in text and "entity GOV" in text
    assert "tables found" not in text and "case titles" not in text and "findings" not in text
    assert set(report.as_dict()["total"]) == {"doc", "claims", "indicator_accuracy", "entities"}


def test_a_corrected_export_trains_the_corrected_labels(run: dict[str, Any]) -> None:
    path, edits = _corrected_export(run)
    examples = read_corrected_examples(path)
    text = run["record"]["text"]

    def at(start: int, end: int) -> dict[str, set[str]]:
        return labels_at(text, examples, start, end)

    assert at(*edits.added)["domain"] == {"GOV"}
    deleted = edits.deleted_entity
    assert at(deleted["start"], deleted["end"])["domain"] == set()
    relabelled = edits.relabelled_entity
    assert at(relabelled["start"], relabelled["end"])["domain"] == {"OTHER_ORG"}
    kept = next(e for e in run["record"]["entities"] if e["type"] == "GOV")
    assert at(kept["start"], kept["end"])["domain"] == {"GOV"}
    cut = edits.cut_claim
    assert at(cut["indicator_start"], cut["indicator_start"] + 1)["indicators"] == {"IND"}
    assert at(cut["indicator_start"], cut["indicator_end"])["indicators"] == set()
    gone = edits.deleted_claim
    assert at(gone["indicator_start"], gone["indicator_end"])["indicators"] == set()
    quantities = sum(len(e.quantities or ()) for e in examples)
    assert quantities == len(run["record"]["claims"]) - 1
    links = sum(kind == "IND" for e in examples for _, kind, _ in e.relations)
    with_indicator = sum(1 for c in run["record"]["claims"] if c["indicator"])
    assert links == with_indicator - 1
    assert {kind for e in examples for *_, kind in e.domain or ()} <= set(DOMAIN_TYPES)
    # what the trainer does with them: windows, then padded tensors with the three heads
    pieces = [p for e in examples for p in chunk_example(e, 64)]
    batch = make_batch(pieces[:32], build_vocab(p.text for p in pieces), random.Random(0))
    assert batch.domain.shape == batch.claim.shape == batch.ids.shape


def test_unreviewed_tasks_give_their_predictions_and_skipped_tasks_nothing(
    run: dict[str, Any],
) -> None:
    task = run["tasks"][0]
    skipped = {**task, "id": 2, "annotations": [{"id": 9, "result": [], "was_cancelled": True}]}
    path = run["folder"] / "mixed.json"
    path.write_text(json.dumps([task, skipped], ensure_ascii=False), encoding="utf-8")
    (doc,) = read_label_studio(path)
    assert not doc.reviewed
    assert len(doc.spans) == sum(r["type"] == "labels" for r in task["predictions"][0]["result"])


def test_json_min_export_reads_as_spans(tmp_path: Path) -> None:
    text = "全市有鹤山职校等学校12所。"
    rows = [
        {
            "id": 1,
            "text": text,
            "source": "a.txt",
            "label": [
                {"start": 3, "end": 7, "text": "鹤山职校", "labels": ["SCHOOL"]},
                {"start": 10, "end": 13, "text": "12所", "labels": ["QUANTITY"]},
            ],
        }
    ]
    path = tmp_path / "min.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    (doc,) = read_label_studio(path)
    assert [(s.start, s.end, s.label) for s in doc.spans] == [
        (3, 7, "SCHOOL"),
        (10, 13, "QUANTITY"),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end", "surface", "expected"),
    [
        ("鹤山职校", 0, 4, "鹤山职校", (0, 4)),  # Python offsets as they are
        ("𠮷鹤山职校", 2, 6, "鹤山职校", (1, 5)),  # UTF-16 code units after an astral character
        ("甲鹤山职校乙鹤山职校", 7, 11, "鹤山职校", (6, 10)),  # off by one: the nearest copy
        ("鹤山职校", 0, 9, None, None),  # past the end, no text to find it by
        ("鹤山职校", 0, 2, "江门", None),  # text that is not there
    ],
)
def test_offsets_are_aligned_to_python_characters(
    text: str, start: int, end: int, surface: str | None, expected: tuple[int, int] | None
) -> None:
    assert aligned(text, start, end, surface) == expected


def test_relations_say_which_part_where_position_would_not(tmp_path: Path) -> None:
    """Two claims on one span: ordered by id, C10 would take C9's quantity."""
    text = "开展培训24项、2860人次。"
    find = text.index

    def claim(cid: str, number: str, unit: str) -> dict[str, Any]:
        start = find(number)
        return {
            "id": cid,
            "start": find("培训"),
            "end": find("次") + 1,
            "text": text[find("培训") : find("次") + 1],
            "number_start": start,
            "number_end": start + len(number),
            "indicator": "培训",
            "indicator_start": find("培训"),
            "indicator_end": find("培训") + 2,
            "subject": None,
            "value": int(number),
            "unit": unit,
        }

    record = {
        "status": "ok",
        "source": "a.txt",
        "doc_id": "0",
        "text": text,
        "meta": {"pipeline_version": "0.1.0", "model": None},
        "tables": [],
        "entities": [],
        "claims": [claim("C9", "24", "项"), claim("C10", "2860", "人次")],
    }
    out = tmp_path / "tasks.json"
    write_label_studio([record], out)
    result = json.loads(out.read_text("utf-8"))[0]["predictions"][0]["result"]
    links = {(r["from_id"], r["to_id"]) for r in result if r["type"] == "relation"}
    assert links == {("C9", "C9-qty"), ("C10", "C10-qty")}
    from nianbao.export.annotation import claims_of

    (doc,) = read_label_studio(out)
    read = {
        c.span.id: text[c.quantity.start : c.quantity.end] for c in claims_of(doc) if c.quantity
    }
    assert read == {"C9": "24项", "C10": "2860人次"}
