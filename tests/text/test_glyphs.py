"""Text-layer repair: radicals and compatibility ideographs in PDF text (text/glyphs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.data import SourceDoc
from nianbao.layout.clean import clean
from nianbao.text.glyphs import repair_text_layer, text_layer_table

UCD = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")  # Debian package unicode-data


@pytest.mark.parametrize(
    ("layer", "meant"),
    [
        ("⼈⼯智能", "人工智能"),  # Kangxi radicals
        ("⻓期合作，⻔店", "长期合作，门店"),  # CJK radicals supplement, simplified forms
        ("⼾籍", "户籍"),  # simplified 户, not the database's 戶
        ("\uf9a8", "令"),  # a CJK compatibility ideograph
        ("学校2024年", "学校2024年"),  # ordinary text is left alone
    ],
)
def test_radicals_read_as_the_ideographs_they_stand_for(layer: str, meant: str) -> None:
    assert repair_text_layer(layer) == meant


def test_pdf_text_is_repaired_with_offsets_unchanged_other_formats_are_not() -> None:
    raw = "⼈数\n[bookmark: _Toc1]⻓度"
    pdf = clean(SourceDoc("x.pdf", "0" * 16, "pdf", None, raw))
    assert pdf.text == "人数\n长度"
    assert pdf.offsets.to_raw(pdf.text.index("长")) == raw.index("⻓")
    txt = clean(SourceDoc("x.txt", "0" * 16, "txt", "utf-8", raw))
    assert txt.text == "⼈数\n⻓度"


@pytest.mark.skipif(not UCD.is_file(), reason="the Debian package unicode-data is not installed")
def test_the_committed_table_is_the_unicode_database() -> None:
    expected: dict[int, int] = {}
    for line in UCD.read_text("utf-8").splitlines():
        data = line.split("#")[0].strip()
        if not data:
            continue
        codes, ideograph = (part.strip() for part in data.split(";"))
        low, _, high = codes.partition("..")
        for cp in range(int(low, 16), int(high or low, 16) + 1):
            if 0x2E80 <= cp < 0x2FE0:
                expected[cp] = int(ideograph, 16)
    table = text_layer_table()
    radicals = {cp: v for cp, v in table.items() if 0x2E80 <= cp < 0x2FE0}
    assert radicals == {**expected, 0x2F3E: 0x6237}
