"""Page furniture: page numbers and the running titles beside them (invented pages)."""

from __future__ import annotations

from nianbao.text.furniture import furniture_lines, furniture_spans

TITLE = "青山县职业中专2025年度质量报告"


def pages(bodies: list[str], number: str = "- {n} -") -> str:
    """A PDF text layer: each page's body, its printed number, and the running title."""
    out = [TITLE, "", "目录略。", ""]
    for n, body in enumerate(bodies, start=1):
        out += [body, "", number.format(n=n), "", TITLE, ""]
    return "\n".join(out)


def lines_marked(text: str) -> list[str]:
    return [text[s:e] for s, e in furniture_spans(text)]


def test_page_numbers_and_running_title_are_furniture_the_cover_title_is_not() -> None:
    text = pages(["第一页正文。", "第二页正文。", "第三页正文。"])
    marked = lines_marked(text)
    assert marked.count(TITLE) == 3 and "- 2 -" in marked
    assert 0 not in furniture_lines(text)  # the cover's title line
    assert not any("正文" in line for line in marked)


def test_other_printed_forms_of_page_numbers() -> None:
    for form in ("第 {n} 页", "{n}/3", "第{n}页 共3页"):
        text = pages(["甲。", "乙。", "丙。"], form)
        assert len(lines_marked(text)) == 6, form


def test_bare_numbers_only_as_a_rising_series() -> None:
    text = pages(["甲。", "乙。", "丙。"], "{n}")
    assert [line for line in lines_marked(text) if line.isdigit()] == ["1", "2", "3"]
    lone = "正文一段。\n\n12\n\n正文另一段。\n\n7\n\n结束。"
    assert furniture_lines(lone) == frozenset()


def test_no_page_numbers_no_furniture() -> None:
    text = "\n".join([TITLE, "", "正文。", "", TITLE, "", "正文。", "", TITLE])
    assert furniture_lines(text) == frozenset()


def test_furniture_never_enters_sentences_or_headings() -> None:
    from nianbao.data import SourceDoc
    from nianbao.layout.clean import clean
    from nianbao.layout.segment import segment
    from nianbao.layout.structure import analyse_layout

    text = pages(["一、学校概况", "学校有教师52人。", "二、学生发展"])
    doc = clean(SourceDoc("x.txt", "0" * 16, "txt", "utf-8", text))
    layout = analyse_layout(doc)
    segmented = segment(doc, layout, with_spacy=False)
    sentences = [s.text for s in segmented.sentences]
    assert sum(TITLE in s for s in sentences) <= 1  # the cover's title only
    assert not any("- 2 -" in s for s in sentences)
    assert [h.title for h in layout.headings] == ["一、学校概况", "二、学生发展"]
    assert len(layout.furniture) == 6
