"""PDF text: a page's line wraps undone (ingest/binary.py), on printed lines and real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nianbao.ingest.binary import _paragraph_text, _right_margin

SHARED = Path(__file__).parents[2].parent / "shared"
CHAR = 17.4  # the width of one character on the page, in points


class Lines:
    """A page region as pdfplumber reports its lines: text and horizontal extent."""

    def __init__(self, *lines: tuple[str, float]) -> None:
        self.lines = [
            {"text": t, "x0": 62.5, "x1": x1, "top": 18.0 * i, "bottom": 18.0 * i + 11}
            for i, (t, x1) in enumerate(lines)
        ]

    def extract_text_lines(self) -> list[dict[str, Any]]:
        return self.lines


FULL = 530.8


def test_a_full_line_goes_on_in_the_next_without_a_space() -> None:
    region = Lines(
        ("鹤山职校物流服务与管理专业现有专", FULL),
        ("任教师19人，1人被评为名教师。", 300.0),  # the paragraph ends short
        ("2.4.2 教材建设情况", 200.0),  # a heading stays on its own line
        ("编写教材27本，其中校企合作编写教材数为18本，新", FULL - 16),  # full, less slack
        ("形态教材数为1本。", 180.0),
    )
    text, _ = _paragraph_text(region, (FULL, CHAR))
    assert text.split("\n") == [
        "鹤山职校物流服务与管理专业现有专任教师19人，1人被评为名教师。",
        "2.4.2 教材建设情况",
        "编写教材27本，其中校企合作编写教材数为18本，新形态教材数为1本。",
    ]


def test_a_full_line_that_ends_a_sentence_keeps_its_break() -> None:
    region = Lines(("学校开设专业14个。", FULL), ("案例1 校企合作", 200.0))
    assert _paragraph_text(region, (FULL, CHAR))[0] == "学校开设专业14个。\n案例1 校企合作"


def test_latin_words_across_a_wrap_keep_a_space() -> None:
    region = Lines(("The school joined the", FULL), ("alliance in 2024.", 200.0))
    assert _paragraph_text(region, (FULL, CHAR))[0] == "The school joined the alliance in 2024."


def test_the_margin_is_the_right_edge_of_the_text() -> None:
    region = Lines(("一二三四五六七八九十一二三四五六七八九十", FULL), ("短行", 100.0))
    right, char = _right_margin(region)
    assert right == FULL and char == pytest.approx((FULL - 62.5) / 20)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus-docs").is_dir(), reason="../shared is absent")
def test_a_real_pdf_reads_its_claims_as_the_text_export_does() -> None:
    import json

    from nianbao.export.contract import to_record
    from nianbao.run import annotate_path
    from nianbao.scoring.claims import score_claims

    name = "001_b50a5a67f0967658.lo.pdf"
    record = to_record(annotate_path(SHARED / "corpus-docs" / name))
    gold = json.loads((SHARED / "dev-gold" / f"{name}.gold.json").read_text("utf-8"))
    score = score_claims(record["claims"], gold, record["text"])
    assert 2 * score.true_positives / (score.predicted + score.gold) >= 0.97


def test_lines_in_larger_type_are_headings_ranked_by_size() -> None:
    from nianbao.ingest.binary import _sized_headings

    lines = [
        (0, 15.0, 6),  # 一、学校概况
        (7, 13.0, 7),  # （一）基本情况
        (15, 10.5, 120),  # body text
        (136, 10.5, 80),
        (217, 15.0, 60),  # large but too long for a heading
    ]
    assert _sized_headings(lines) == ((0, 1), (7, 2))


def test_a_paragraph_cut_by_a_page_break_reads_as_one() -> None:
    from nianbao.ingest.binary import _join_across_page_breaks

    title = "青山县职业中专2025年度质量报告"
    page1 = "学校面向社会开展职业技能培训，全年开展各类培训46项、51"
    page2 = "人次，培训到账经费28.65万元。"
    text = (
        f"{title}\n正文第一页。\n- 1 -\n{title}\n{page1}\n- 2 -\n{title}\n{page2}\n"
        f"正文。\n- 3 -\n{title}\n正文。\n"
    )
    starts = [0, text.index("- 1 -") + 6, text.index("- 2 -") + 6]
    joined, moved = _join_across_page_breaks(text, starts)
    assert len(joined) == len(text)  # every later offset holds
    assert page1 + page2 in joined  # 51 / page / 人次 reads 51人次
    assert joined[moved[2] :].startswith(title)  # the third page still starts at its title
    assert "正文第一页。\n- 1 -" in joined  # a sentence that ends before the break stays
