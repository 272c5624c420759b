"""Small PDFs made by tests/fixtures/make_fixtures.py, read end to end (real pdfplumber)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.errors import ScannedPDF
from nianbao.ingest.ocr import ocr_available
from nianbao.ingest.source import read_source
from nianbao.layout.clean import clean
from nianbao.layout.segment import segment
from nianbao.layout.structure import analyse_layout
from nianbao.tables.parse import parse_tables

FIXTURES = Path(__file__).parents[1] / "fixtures"
TITLE = "青山县职业中专2025年度质量报告"


def _read(name: str):  # type: ignore[no-untyped-def]
    doc = clean(read_source(FIXTURES / name))
    layout = analyse_layout(doc)
    return doc, layout, parse_tables(doc, layout)


def test_a_table_cut_by_two_page_breaks_is_one_table() -> None:
    _, _, tables = _read("pages.pdf")
    (table,) = tables
    assert table.anchor == "表1-1" and len(table.rows) == 81  # 80 majors and 合计
    total = table.rows[-1]
    assert total.label == "合计" and total.cells[-1].value == sum(100 + i for i in range(1, 81))
    assert [r.label for r in table.rows[:2]] == ["专业01", "专业02"]  # headers not repeated


def test_running_titles_and_page_numbers_stay_out_of_sentences() -> None:
    doc, layout, _ = _read("pages.pdf")
    furniture = [doc.text[s:e] for s, e in layout.furniture]
    assert furniture.count(TITLE) == 3 and "- 2 -" in furniture
    sentences = segment(doc, layout, with_spacy=False).sentences
    assert not any("- 2 -" in s.text or TITLE in s.text[1:] for s in sentences[1:])


def test_radicals_in_the_text_layer_read_as_ideographs_and_wraps_are_undone() -> None:
    doc, _, _ = _read("pages.pdf")
    assert "⻓" not in doc.text and "长期坚持产教融合" in doc.text
    assert "共建实训基地，本学年新增合作企业3家" in doc.text  # one paragraph, no wrap


def test_a_merged_group_cell_covers_its_rows() -> None:
    _, _, (table,) = _read("merged.pdf")
    assert [(r.label, r.group) for r in table.rows] == [
        ("研究生", "学历"),
        ("本科", "学历"),
        ("高级", "职称"),
        ("中级", "职称"),
    ]


def test_a_scan_without_ocr_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")  # no tesseract to be found
    ocr_available.cache_clear()
    try:
        with pytest.raises(ScannedPDF, match="tesseract-ocr-chi-sim"):
            read_source(FIXTURES / "scanned.pdf")
    finally:
        ocr_available.cache_clear()


@pytest.mark.skipif(not ocr_available(), reason="tesseract with chi_sim is not installed")
def test_a_scan_is_read_by_ocr_and_says_so() -> None:
    source = read_source(FIXTURES / "scanned.pdf")
    assert source.ocr
    assert "专任教师88人" in source.raw_text and "全日制在校生1394人" in source.raw_text


def test_pdf_records_say_on_which_page_each_table_claim_and_finding_is() -> None:
    from nianbao.export.contract import to_record
    from nianbao.run import RunOptions, annotate_path

    record = to_record(annotate_path(FIXTURES / "pages.pdf", RunOptions(use_model=False)))
    starts = record["meta"]["page_starts"]
    assert len(starts) == 4 and starts[0] == 0  # the cover and three pages
    (table,) = record["tables"]
    assert table["page"] == 2
    claim = next(c for c in record["claims"] if c["text"] == "全日制在校生1394人")
    assert claim["page"] == 2 and starts[1] <= claim["start"] < starts[2]


def test_text_records_carry_no_pages(tmp_path: Path) -> None:
    from nianbao.export.contract import to_record
    from nianbao.run import RunOptions, annotate_path

    report = tmp_path / "r.txt"
    report.write_text("某校2024年度质量报告\n学校有专任教师88人。\n", "utf-8")
    record = to_record(annotate_path(report, RunOptions(use_model=False)))
    assert record["meta"]["page_starts"] == [] and all("page" not in c for c in record["claims"])
