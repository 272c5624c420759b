"""Character vocabulary: one id per character after a length-preserving normalisation."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

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
class Vocab:
    """Characters in id order; ids 0..6 are the special tokens."""

    tokens: tuple[str, ...]
    index: dict[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t: i for i, t in enumerate(self.tokens)})

    @property
    def pad_id(self) -> int:
        return self.index[PAD]

    def encode(self, text: str) -> list[int]:
        """``[CLS] chars [SEP]`` ids: exactly one id per character of ``text``, plus two."""
        unk = self.index[UNK]
        ids = [self.index.get(char_key(c), unk) for c in text]
        return [self.index[CLS], *ids, self.index[SEP]]

    def save(self, path: Path) -> None:
        """One token per line, UTF-8."""
        Path(path).write_text("\n".join(self.tokens) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Vocab:
        """Read a vocabulary written by ``save``."""
        tokens = Path(path).read_text(encoding="utf-8").split("\n")
        return cls(tuple(t for t in tokens if t))


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
