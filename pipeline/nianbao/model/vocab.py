"""Character vocabulary: one id per character after a length-preserving normalisation."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from nianbao.model.key_table import KeyTable

PAD, UNK, CLS, SEP, SPACE, DIGIT, LATIN = (
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[SPACE]",
    "[DIGIT]",
    "[LATIN]",
)
SPECIALS = (PAD, UNK, CLS, SEP, SPACE, DIGIT, LATIN)


@lru_cache(maxsize=65536)
def char_key(char: str) -> str:
    """The vocabulary key of one character: full-width folded, digits and Latin letters grouped."""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        folded = char
    if folded.isspace():
        return SPACE
    if folded.isdigit():
        # Which digit it is never decides an entity or a claim part; the class does.
        return DIGIT
    if folded.isascii() and folded.isalpha():
        return LATIN
    return folded


@dataclass(frozen=True, slots=True)
class Vocab(KeyTable):
    """Character keys in id order; ids 0..6 are the special tokens."""

    @property
    def pad_id(self) -> int:
        return self.index[PAD]

    def encode(self, text: str) -> list[int]:
        """``[CLS] chars [SEP]`` ids: exactly one id per character of ``text``, plus two."""
        unk = self.index[UNK]
        ids = [self.index.get(char_key(c), unk) for c in text]
        return [self.index[CLS], *ids, self.index[SEP]]


def build_vocab(
    texts: Iterable[str],
    min_count: int = 2,
    max_size: int = 8000,
    pretrained: Iterable[str] = (),
) -> Vocab:
    """The most frequent character keys (ties broken by the key, so the result is stable).

    Keys with a ``pretrained`` vector are kept even when rare or unseen in ``texts``: their
    vector carries what training could not; they come after the frequent keys.
    """
    counts = Counter(char_key(c) for text in texts for c in text)
    for special in SPECIALS:
        counts.pop(special, None)
    known = {k for k in pretrained if k.strip() and k not in SPECIALS}
    ranked = sorted(
        (k for k, n in counts.items() if (n >= min_count or k in known) and k.strip()),
        key=lambda k: (-counts[k], k),
    )
    chosen = set(ranked)
    ranked += sorted(k for k in known if k not in chosen)
    return Vocab(SPECIALS + tuple(ranked[: max_size - len(SPECIALS)]))
