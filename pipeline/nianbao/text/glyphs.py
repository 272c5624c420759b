"""Text-layer repair for PDFs: radicals and compatibility ideographs that stand for ideographs.

Fonts embedded in PDFs are often subset so that a common character's glyph is reached through
a Kangxi radical (⼈ U+2F08 for 人, ⼤ for 大) or a CJK radical supplement code point (⻓
U+2ED3 for 长, ⻔ for 门). A reader of the page sees 人 and 长; the text layer says otherwise,
and nothing downstream (jieba, the model, the ontology) knows the radicals. The contract
therefore maps them in ``text`` for PDF input (``../shared/CONTRACT.md``). Every mapping is
one code point to one code point, so offsets do not move.

- Radicals (U+2E80–U+2FDF): the Unicode Character Database's Equivalent_Unified_Ideograph
  (``resources/radicals.tsv``). One override: ⼾ (KANGXI RADICAL DOOR) is 户 in simplified
  Chinese, not the traditional 戶 the database gives.
- CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F): their canonical
  decomposition, a unified ideograph.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

_RADICALS = range(0x2E80, 0x2FE0)
_COMPATIBILITY = (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))
_SIMPLIFIED = {0x2F3E: 0x6237}  # ⼾ → 户


@cache
def text_layer_table() -> dict[int, int]:
    """Code point → code point for every radical and compatibility ideograph mapped."""
    table: dict[int, int] = {}
    path = resources.files("nianbao.resources").joinpath("radicals.tsv")
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = (int(part, 16) for part in line.split("\t"))
            if radical in _RADICALS:
                table[radical] = ideograph
    table.update(_SIMPLIFIED)
    for block in _COMPATIBILITY:
        for cp in block:
            decomposed = unicodedata.normalize("NFD", chr(cp))
            if len(decomposed) == 1 and decomposed != chr(cp):
                table[cp] = ord(decomposed)
    return table


def repair_text_layer(text: str) -> str:
    """``text`` with radicals and compatibility ideographs as the ideographs they stand for."""
    return text.translate(text_layer_table())
