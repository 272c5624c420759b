"""Character bigrams: each character is also seen with its left and right neighbour.

Bigram embeddings are the cheapest lexical signal for Chinese character taggers (Zhang &
Yang 2018; TENER): 秦皇 and 皇岛 say more about 皇 than 皇 alone. The table holds the most
frequent bigrams of the training text (over vocabulary keys, so digits and Latin letters are
grouped); window edges pair with ``[CLS]`` and ``[SEP]``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from nianbao.model.key_table import KeyTable
from nianbao.model.vocab import CLS, SEP, char_key

NONE, UNKNOWN = "[NONE]", "[UNK]"  # id 0: padding and [CLS]/[SEP] positions; id 1: unseen


def bigram_keys(text: str) -> list[str]:
    """The ``len(text) + 1`` bigram keys of ``text`` between [CLS] and [SEP]."""
    keys = [CLS, *(char_key(c) for c in text), SEP]
    return [f"{a}\t{b}" for a, b in pairwise(keys)]


@dataclass(frozen=True, slots=True)
class Bigrams(KeyTable):
    """Bigram keys (the two characters' keys joined by a tab) in id order; ids 0 and 1 are
    ``[NONE]`` and ``[UNK]``."""

    def encode(self, text: str) -> list[tuple[int, int]]:
        """``(left, right)`` bigram ids per position of ``[CLS] text [SEP]``."""
        unknown = self.index[UNKNOWN]
        between = [self.index.get(k, unknown) for k in bigram_keys(text)]
        pairs = [(between[i], between[i + 1]) for i in range(len(text))]
        return [(0, 0), *pairs, (0, 0)]


def build_bigrams(texts: Iterable[str], max_size: int, min_count: int = 3) -> Bigrams:
    """The ``max_size`` most frequent bigrams seen at least ``min_count`` times (stable order)."""
    counts = Counter(k for text in texts for k in bigram_keys(text))
    ranked = sorted((k for k, n in counts.items() if n >= min_count), key=lambda k: (-counts[k], k))
    return Bigrams((NONE, UNKNOWN, *ranked[: max_size - 2]))
