from nianbao.data import SourceDoc
from nianbao.layout.clean import clean


def _source(raw: str) -> SourceDoc:
    return SourceDoc("x.txt", "0" * 16, "txt", "utf-8", raw)


def test_markers_removed_and_offsets_map_back() -> None:
    raw = (
        "前言\r\n[bookmark: _Toc1][bookmark: _Toc2]1.1发展规模\r\n\t[image: IMG_1]\r\n在校生100人。"
    )
    doc = clean(_source(raw))
    assert doc.text == "前言\n1.1发展规模\n在校生100人。"
    for i, ch in enumerate(doc.text):
        if ch != "\n":
            assert raw[doc.offsets.to_raw(i)] == ch


def test_nothing_else_changes() -> None:
    raw = "全日制在校生３３５７７人，  生师比17.6:1。\n\t表1\t２０２４\n"
    assert clean(_source(raw)).text == raw


def test_lone_carriage_returns_become_newlines() -> None:
    assert clean(_source("a\rb\r\nc")).text == "a\nb\nc"


def test_markdown_image_is_noise() -> None:
    assert clean(_source("图片![](media/image1.png)\n正文")).text == "图片\n正文"


def test_offset_map_round_trips_kept_text() -> None:
    raw = "甲[bookmark: a]乙\n[image: x]\n丙丁"
    doc = clean(_source(raw))
    for i in range(len(doc.text)):
        assert doc.offsets.to_clean(doc.offsets.to_raw(i)) == i
    assert doc.offsets.to_clean(raw.index("[bookmark")) == doc.text.index("乙")


def test_page_break_is_a_line_end_not_glue() -> None:
    assert clean(_source("规模稳定。\f二、学生发展\n")).text == "规模稳定。\n二、学生发展\n"
