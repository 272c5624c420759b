"""Word features: each character's place in its jieba word (B, M, E, S), and the word's class.

Chinese entity borders mostly fall on word borders; telling the encoder where the segmenter
put them is the "softword" feature of Zhang & Yang (2018). A model with ``lexicon`` features
also learns what jieba's dictionary says of the word: a person's name, a place, an
organisation, another proper noun, or a word jieba's HMM found that no dictionary holds
(often a name). The ids ride in BERT's ``token_type_ids``, so the encoder stays a plain
BERT (``model/encoder.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# 0 is for [CLS], [SEP], padding and characters outside every word (whitespace).
SOFTWORD_TAGS = ("-", "B", "M", "E", "S")
_B, _M, _E, _S = 1, 2, 3, 4
WORD_CLASSES = ("other", "person", "place", "organisation", "proper", "new")
_CLASS_OF_POS = {"nr": 1, "nrfg": 1, "nrt": 1, "ns": 2, "nsf": 2, "nt": 3, "nz": 4}
_NEW = WORD_CLASSES.index("new")
# Token types of a lexicon model: 0, then one per (B/M/E/S, word class).
LEXICON_TYPES = 1 + 4 * len(WORD_CLASSES)


def type_count(*, softword: bool, lexicon: bool) -> int:
    """How many token types a model with these features has."""
    if lexicon:
        return LEXICON_TYPES
    return len(SOFTWORD_TAGS) if softword else 1


def softword_ids(length: int, words: Sequence[tuple[int, int]], offset: int = 0) -> list[int]:
    """Tag ids of the characters ``[offset, offset + length)`` from word spans over the text."""
    ids = [0] * length
    for start, end in words:
        lo, hi = max(start, offset), min(end, offset + length)
        for i in range(lo, hi):
            ids[i - offset] = _place(i, start, end)
    return ids


def lexicon_ids(text: str, words: Sequence[tuple[int, int]]) -> list[int]:
    """Token type ids of every character of ``text``: its place in its word × the word's class."""
    ids = [0] * len(text)
    classes = len(WORD_CLASSES)
    for start, end in words:
        kind = word_class(text[start:end])
        for i in range(start, end):
            ids[i] = 1 + (_place(i, start, end) - 1) * classes + kind
    return ids


def word_ids(text: str, words: Sequence[tuple[int, int]], *, lexicon: bool) -> list[int]:
    """The token type ids a softword (``lexicon=False``) or lexicon model reads."""
    return lexicon_ids(text, words) if lexicon else softword_ids(len(text), words)


def text_word_ids(text: str, *, lexicon: bool) -> list[int]:
    """Token type ids of ``text``, segmented with the pipeline's jieba set-up."""
    from nianbao.text.words import tokenize

    return word_ids(text, tokenize(text), lexicon=lexicon)


@lru_cache(maxsize=262144)
def word_class(word: str) -> int:
    """Index in ``WORD_CLASSES`` of what jieba's dictionary says of ``word``."""
    from nianbao.text.words import word_frequency, word_pos

    tag = word_pos().get(word)
    if tag is not None:
        return _CLASS_OF_POS.get(tag, 0)
    if len(word) > 1 and not word_frequency(word) and all(_is_han(c) for c in word):
        return _NEW
    return 0


def _place(i: int, start: int, end: int) -> int:
    if end - start == 1:
        return _S
    if i == start:
        return _B
    return _E if i == end - 1 else _M


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
