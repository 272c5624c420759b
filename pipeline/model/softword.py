"""Soft word features: each character's place in its jieba word (B, M, E or S).

Chinese entity borders mostly fall on word borders; telling the encoder where the segmenter
put them is the "softword" feature of Zhang & Yang (2018). The ids ride in BERT's
``token_type_ids``, so the encoder stays a plain ``BertModel``.
"""

from __future__ import annotations

from collections.abc import Sequence

# 0 is for [CLS], [SEP], padding and characters outside every word (whitespace).
SOFTWORD_TAGS = ("-", "B", "M", "E", "S")
_B, _M, _E, _S = 1, 2, 3, 4


def softword_ids(length: int, words: Sequence[tuple[int, int]], offset: int = 0) -> list[int]:
    """Tag ids of the characters ``[offset, offset + length)`` from word spans over the text."""
    ids = [0] * length
    for start, end in words:
        lo, hi = max(start, offset), min(end, offset + length)
        if lo >= hi:
            continue
        for i in range(lo, hi):
            if end - start == 1:
                ids[i - offset] = _S
            elif i == start:
                ids[i - offset] = _B
            elif i == end - 1:
                ids[i - offset] = _E
            else:
                ids[i - offset] = _M
    return ids


def text_softword_ids(text: str) -> list[int]:
    """Tag ids of every character of ``text``, segmented with the pipeline's jieba set-up."""
    from pipeline.segment import tokenize

    return softword_ids(len(text), tokenize(text))
