"""Label sets of the tagging heads and the BIO encoding of spans."""

from __future__ import annotations

from collections.abc import Sequence

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
