"""``write_export``: every registered format by name, the errors a user can make, the dev corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_records import annotate_records, sample_records
from nianbao.errors import BadArgument, NianbaoError, UnknownName, UnusableOutput
from nianbao.export.formats import FORMATS, format_names, write_export

TARGETS = {
    "spacy": "run.spacy",
    "displacy": "doc.html",
    "conll": "run.conll",
    "csv": "csv",
    "xlsx": "run.xlsx",
}


def test_the_registry_holds_the_formats() -> None:
    assert set(TARGETS) <= set(format_names())
    assert all(f.target in ("file", "folder") for f in FORMATS.values())
    assert all(f.description and "（" in f.description for f in FORMATS.values())


@pytest.mark.parametrize("fmt", format_names())
def test_each_format_writes_the_readable_documents(tmp_path: Path, fmt: str) -> None:
    spec = FORMATS[fmt]
    out = tmp_path / ("out" if spec.target == "folder" else f"out{spec.suffix}")
    summary = write_export(sample_records(), fmt, out)
    assert summary.format == fmt
    assert summary.documents == (1 if fmt == "displacy" else 5) and summary.skipped == 1
    assert summary.paths and all(p.is_file() and p.stat().st_size > 0 for p in summary.paths)
    assert all(v >= 0 for v in summary.items.values()) and sum(summary.items.values()) > 0
    assert "已导出" in summary.line() and "exported" in summary.line()


@pytest.mark.parametrize("fmt", ["spacy", "conll", "csv"])
def test_same_run_same_bytes(tmp_path: Path, fmt: str) -> None:
    first = write_export(sample_records(), fmt, tmp_path / "a" / TARGETS[fmt])
    second = write_export(sample_records(), fmt, tmp_path / "b" / TARGETS[fmt])
    assert [p.read_bytes() for p in first.paths] == [p.read_bytes() for p in second.paths]


def test_doc_limits_any_export_to_one_document(tmp_path: Path) -> None:
    records = sample_records()
    summary = write_export(records, "csv", tmp_path / "one", doc=records[2]["doc_id"])
    assert summary.documents == 1 and summary.skipped == 0
    assert summary.items["claims"] == len(records[2]["claims"])


def test_unknown_format_lists_the_formats() -> None:
    with pytest.raises(UnknownName) as caught:
        write_export(sample_records(), "parquet", Path("x"))
    message = str(caught.value)
    assert isinstance(caught.value, NianbaoError)
    assert message.index("未知的导出格式") < message.index("Unknown export format")
    assert all(name in message for name in format_names())


def test_wrong_kind_of_output_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UnusableOutput, match="是文件夹"):
        write_export(sample_records(), "xlsx", tmp_path)
    with pytest.raises(UnusableOutput, match="是文件"):
        write_export(sample_records(), "csv", tmp_path / "file.txt")
    with pytest.raises(BadArgument, match="没有文档"):
        write_export(sample_records(), "conll", tmp_path / "x.conll", doc="nowhere.txt")


def test_dev_corpus_exports(shared_dir: Path, tmp_path: Path) -> None:
    records = annotate_records(sorted((shared_dir / "corpus").glob("*.txt"))[:2])
    assert all(r["status"] == "ok" for r in records)
    counts = {}
    for fmt, target in TARGETS.items():
        counts[fmt] = write_export(records, fmt, tmp_path / target).items
    entities = sum(len(r["entities"]) for r in records)
    assert counts["spacy"]["entities"] == counts["csv"]["entities"] == entities
    assert counts["spacy"]["unaligned"] == 0
    assert counts["xlsx"] == counts["csv"]
    assert counts["csv"]["findings"] == sum(len(r["findings"]) for r in records) > 0
