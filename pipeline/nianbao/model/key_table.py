"""A table of string keys in id order, saved one key per line: the vocabulary and bigram table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Self


@dataclass(frozen=True, slots=True)
class KeyTable:
    """Keys in id order and the id of each key."""

    keys: tuple[str, ...]
    index: dict[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {k: i for i, k in enumerate(self.keys)})

    def save(self, path: Path) -> None:
        """One key per line, UTF-8."""
        Path(path).write_text("\n".join(self.keys) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Self:
        """Read a table written by ``save``."""
        lines = Path(path).read_text(encoding="utf-8").split("\n")
        return cls(tuple(line for line in lines if line))
