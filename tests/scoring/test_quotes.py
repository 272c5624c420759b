"""Gold quotes found in a rendition's text whatever its whitespace (scoring/quotes.py)."""

from __future__ import annotations

from nianbao.scoring.quotes import find_all, find_quote

PDF_TEXT = "体育课专任教师 115 人，聘请行业导师151 人。后文：聘请行业导师151人。"


def test_an_exact_quote_is_found_exactly() -> None:
    assert find_quote(PDF_TEXT, "聘请行业导师151人") == (PDF_TEXT.rindex("聘请"), len(PDF_TEXT) - 1)


def test_other_whitespace_in_the_rendition_does_not_hide_a_quote() -> None:
    span = find_quote(PDF_TEXT, "聘请行业导师 151 人")
    assert span is not None and PDF_TEXT[span[0] : span[1]] == "聘请行业导师151 人"
    assert find_quote("专\n任教师19人", "专任教师19人") == (0, 8)  # a wrapped line


def test_other_characters_still_differ() -> None:
    assert find_all(PDF_TEXT, "聘请行业导师 152 人") == []
    assert find_quote(PDF_TEXT, "聘请行业导师151人", occurrence=2) is None
