"""Label sets of the tagging heads and the BIO encoding of spans."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The generic head learns MSRA's types; the domain head learns the report types from the
# synthetic generator. Two heads, because MSRA calls a school "ORG" and the reports do not.
GENERIC_TYPES = ("PER", "LOC", "ORG")
DOMAIN_TYPES = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG", "PER")
CLAIM_PARTS = ("QTY", "IND")
IGNORE = -100


def bio_labels(types: Sequence[str]) -> tuple[str, ...]:
    """``("O", "B-T1", "I-T1", ...)`` for the given types."""
    labels = ["O"]
    for t in types:
        labels += [f"B-{t}", f"I-{t}"]
    return tuple(labels)


def encode_bio(
    length: int, spans: Sequence[tuple[int, int, str]], labels: Sequence[str]
) -> list[int]:
    """Label ids of ``length`` characters; a span overlapping an earlier one is dropped."""
    index = {label: i for i, label in enumerate(labels)}
    tags = [0] * length
    for start, end, kind in sorted(spans):
        if start >= end or end > length or any(tags[start:end]):
            continue
        tags[start] = index[f"B-{kind}"]
        for i in range(start + 1, end):
            tags[i] = index[f"I-{kind}"]
    return tags


def decode_bio(tags: Sequence[int], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans of a label-id sequence; a stray ``I-`` starts a span of its own type."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, 0]):
        label = labels[tag]
        continues = label.startswith("I-") and label[2:] == kind and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if label != "O":
            start, kind = i, label[2:]
    return spans


def region_spans(
    tags: np.ndarray, labels: Sequence[str], regions: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """``decode_bio`` of every region of a whole text's label ids at once, in text order.

    Positions outside every region must hold ``O`` (0); a span never crosses a region's
    start, so two regions that touch keep their spans apart.
    """
    kinds = [label[2:] for label in labels]
    kind_id = np.array([-1 if label == "O" else kinds.index(label[2:]) for label in labels])
    inside = np.array([label.startswith("I-") for label in labels])
    kind = kind_id[tags]
    continues = np.zeros(len(tags), dtype=bool)
    continues[1:] = inside[tags[1:]] & (kind[1:] == kind[:-1])
    starts_of_regions = np.array([start for start, end in regions if end > start], dtype=np.int64)
    continues[starts_of_regions] = False
    starts = np.flatnonzero((tags != 0) & ~continues)
    breaks = np.append(np.flatnonzero(~continues), len(tags))
    ends = breaks[np.searchsorted(breaks, starts, side="right")]
    return [
        (s, e, kinds[t])
        for s, e, t in zip(starts.tolist(), ends.tolist(), tags[starts].tolist(), strict=True)
    ]
