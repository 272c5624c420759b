from itertools import pairwise

from nianbao.data import Heading, Layout, SourceDoc, TableBlock
from nianbao.layout.clean import clean
from nianbao.layout.segment import entity_regions, narrative_regions, segment
from nianbao.text.words import tokenize


def _doc(text: str):
    return clean(SourceDoc("x.txt", "0" * 16, "txt", "utf-8", text))


def _layout(**kw) -> Layout:
    base = {
        "headings": (),
        "sections": (),
        "toc": (),
        "captions": (),
        "cases": (),
        "table_blocks": (),
    }
    base.update(kw)
    return Layout(**base)


def test_sentences_split_on_terminals_and_keep_offsets() -> None:
    text = "全市共有学校12所。其中公办10所！\n毕业生3920人"
    seg = segment(_doc(text), _layout(), with_spacy=False)
    assert [s.text for s in seg.sentences] == [
        "全市共有学校12所。",
        "其中公办10所！",
        "毕业生3920人",
    ]
    for s in seg.sentences:
        assert text[s.start : s.end] == s.text


def test_pdf_wrapped_line_stays_in_one_sentence() -> None:
    text = "普通高中在校生 56699\n\n人，职普比为 34.8:65.2。\n下一段。"
    seg = segment(_doc(text), _layout(), with_spacy=False)
    assert seg.sentences[0].text == "普通高中在校生 56699\n\n人，职普比为 34.8:65.2。"


def test_tables_are_not_running_text() -> None:
    text = "正文一。\n\t年份\t学校数\n\t2024\t12\n正文二。"
    block = TableBlock(text.index("\t年份"), text.index("正文二") - 1, "tab_rows", None)
    layout = _layout(table_blocks=(block,))
    assert narrative_regions(text, layout) == [(0, block.start), (block.end, len(text))]
    seg = segment(_doc(text), layout, with_spacy=False)
    assert [s.text for s in seg.sentences] == ["正文一。", "正文二。"]


def test_entity_regions_are_sentences_table_cells_and_headings() -> None:
    text = "一、合作企业\n正文一。\n\t学校名称\t人数\n\t河山市青禾职业学校  12\n| 长风集团 | 3 |\n正文二。"
    block = TableBlock(text.index("\t学校名称"), text.index("正文二") - 1, "tab_rows", None)
    heading = Heading(0, text.index("\n"), "合作企业", 1, "一")
    layout = _layout(table_blocks=(block,), headings=(heading,))
    seg = segment(_doc(text), layout, with_spacy=False)
    regions = entity_regions(text, layout, seg.sentences)
    pieces = [text[s:e] for s, e in regions]
    assert pieces == [
        "一、合作企业",
        "正文一。",
        "学校名称",
        "人数",
        "河山市青禾职业学校",
        "12",
        "长风集团",
        "3",
        "正文二。",
    ]
    assert all(a[1] <= b[0] for a, b in pairwise(regions))


def test_tokenize_uses_domain_dictionary_and_spacy_doc() -> None:
    text = "全日制在校生增加，专任教师充足。"
    words = [text[s:e] for s, e in tokenize(text)]
    assert "全日制在校生" in words and "专任教师" in words
    seg = segment(_doc(text), _layout())
    assert [t.text for t in seg.spacy_doc] == words
