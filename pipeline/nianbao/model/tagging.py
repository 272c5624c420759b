"""What a tagger returns, and the interface the pipeline calls (no torch needed here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

PairKind = Literal["CLAIM_INDICATOR", "CLAIM_SUBJECT"]


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A span the model found; offsets are global offsets into the tagged text."""

    start: int
    end: int
    label: str
    score: float  # mean probability of the span's tags


@dataclass(frozen=True, slots=True)
class PairScore:
    """How sure the relation head is that ``quantities[quantity]`` relates to a target.

    ``target`` indexes ``indicators`` for CLAIM_INDICATOR and ``domain`` for CLAIM_SUBJECT.
    """

    quantity: int
    target: int
    kind: PairKind
    score: float


@dataclass(frozen=True, slots=True)
class Tagging:
    """Everything the model says about the tagged regions of one text."""

    generic: tuple[TaggedSpan, ...]  # PER, LOC, ORG (MSRA's types)
    domain: tuple[TaggedSpan, ...]  # SCHOOL, ENTERPRISE, COMPETITION, GOV, OTHER_ORG, PER
    quantities: tuple[TaggedSpan, ...]
    indicators: tuple[TaggedSpan, ...]
    pairs: tuple[PairScore, ...]


class Tagger(Protocol):
    """A model that tags regions of a text (a fake in tests, ``infer.CharTagger`` in use)."""

    name: str

    def tag(
        self,
        text: str,
        regions: Sequence[tuple[int, int]],
        words: Sequence[tuple[int, int]] | None = None,
    ) -> Tagging:
        """Tag ``text[start:end]`` for every region; offsets in the result are global.

        ``words`` are the segment stage's jieba spans over ``text``, when at hand.
        """
        ...
