import codecs

import pytest
from nianbao.errors import BinaryInput, EmptyDocument, InputNotFound, UnsupportedFormat
from nianbao.ingest.source import decode_text, document_id, read_source

TEXT = "2024年，全市中职学校全日制在校生12345人。\n"


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_text_detects_chinese_encodings(encoded: bytes, encoding: str) -> None:
    text, found = decode_text(encoded)
    assert text == TEXT
    assert found == encoding


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(BinaryInput):
        decode_text(bytes(range(256)) * 10)


REPORT = TEXT * 40


def test_utf8_cut_mid_character_is_read_without_the_cut_character() -> None:
    data = REPORT.encode("utf-8")[:-2]  # the last 。 loses two of its three bytes
    text, found = decode_text(data)
    assert text.startswith(REPORT[:-3]) and text.endswith("\ufffd")
    assert found.startswith("utf-8") and "1 invalid" in found


def test_utf8_with_a_few_damaged_bytes_is_read_with_replacements() -> None:
    raw = bytearray(REPORT.encode("utf-8"))
    for at in (100, 900, 1700):
        raw[at] = 0xFF
    text, found = decode_text(bytes(raw))
    assert text.count("\ufffd") >= 3 and "在校生12345人" in text
    assert found.startswith("utf-8 (")


def test_gb18030_is_never_taken_for_damaged_utf8() -> None:
    assert decode_text(REPORT.encode("gb18030")) == (REPORT, "gb18030")


def test_a_few_stray_nul_bytes_do_not_make_a_text_file_binary() -> None:
    data = REPORT.encode("utf-8")
    cut = len(TEXT.encode("utf-8")) * 10  # at a line's end, not inside a character
    text, _ = decode_text(data[:cut] + b"\x00" + data[cut:])
    assert "在校生12345人" in text


def test_read_source_errors(tmp_path) -> None:
    with pytest.raises(InputNotFound):
        read_source(tmp_path / "missing.txt")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(EmptyDocument):
        read_source(tmp_path / "empty.txt")
    (tmp_path / "x.xlsx").write_bytes(b"data")
    with pytest.raises(UnsupportedFormat) as info:
        read_source(tmp_path / "x.xlsx")
    assert ".txt" in str(info.value)  # the message lists what is supported


def test_read_source_text_and_stable_id(tmp_path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes(TEXT.encode("gbk"))
    source = read_source(path)
    assert source.raw_text == TEXT and source.format == "md"
    assert source.doc_id == document_id(TEXT.encode("gbk")) and len(source.doc_id) == 16


def test_read_docx_keeps_table_grid(tmp_path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("表1 办学规模")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("年份", "学校数", "在校生"), ("2024", "12", "33577")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("全市共有学校12所。")
    path = tmp_path / "r.docx"
    document.save(path)
    source = read_source(path)
    assert source.format == "docx"
    assert source.native_tables[0].grid == (("年份", "学校数", "在校生"), ("2024", "12", "33577"))
    t = source.native_tables[0]
    assert source.raw_text[t.start : t.end].split("\n")[1] == "2024\t12\t33577"
    assert source.raw_text.index("全市共有学校") > t.end


def test_corrupt_docx_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(Exception) as info:
        read_source(path)
    assert "docx" in str(info.value)


def test_utf32_with_bom_is_not_mistaken_for_utf16() -> None:
    text, found = decode_text(TEXT.encode("utf-32"))
    assert text == TEXT and found == "utf-32"


def test_docx_vertical_merge_is_kept_once(tmp_path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    rows = [("类别", "指标", "2024年"), ("学历教育", "在校生人数", "120"), ("", "毕业生人数", "40")]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    path = tmp_path / "merged.docx"
    document.save(path)
    grid = read_source(path).native_tables[0].grid
    assert [row[0] for row in grid] == ["类别", "学历教育", ""]
    assert grid[2][1:] == ("毕业生人数", "40")


def test_damaged_docx_body_is_a_corrupt_document_error(tmp_path) -> None:
    import zipfile

    good = tmp_path / "good.docx"
    docx = pytest.importorskip("docx")
    docx.Document().save(good)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(
                item, b"<w:document><broken" if item.filename == "word/document.xml" else data
            )
    import nianbao

    doc = nianbao.annotate(str(bad))
    assert doc.status == "error" and doc.error is not None and doc.error.type == "CorruptDocument"


def test_docx_heading_styles_are_headings(tmp_path) -> None:
    docx = pytest.importorskip("docx")
    from nianbao.layout.clean import clean
    from nianbao.layout.structure import analyse_layout

    document = docx.Document()
    document.add_heading("前言", level=1)  # no number: only its style says it is a heading
    document.add_paragraph("学校坚持立德树人。")
    document.add_heading("办学条件", level=2)
    document.add_paragraph("校舍建筑面积7.86万平方米。")
    path = tmp_path / "r.docx"
    document.save(path)
    layout = analyse_layout(clean(read_source(path)))
    assert [(h.title, h.level) for h in layout.headings] == [("前言", 1), ("办学条件", 2)]
