"""CoNLL/BIO per character: the entities of a run as one ``char<TAB>TAG`` line per character.

The layout Chinese NER corpora use (MSRA, Weibo, Resume)::

    -DOCSTART- corpora/sample/a.txt
    <blank>
    江<TAB>B-GOV
    门<TAB>I-GOV
    …
    。<TAB>O
    <blank>                      ← a sentence ends: after 。！？!? (and closing quotes) or a line break

Whitespace characters (``str.isspace``: spaces, tabs, line breaks, U+3000) are not written:
a BIO line cannot hold them, and no entity is told by them. The i-th character line of a
document is therefore the i-th non-whitespace character of its ``text``, which is how
``spans_in_text`` turns the tags back into offsets. Overlapping entities cannot both be
tagged; the longer one is kept (as ``spacy.util.filter_spans`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.export.summary import ExportSummary, readable

DOCSTART = "-DOCSTART-"
OUTSIDE = "O"
_SENTENCE_ENDS = frozenset("。！？!?")
_CLOSERS = frozenset("”’」』）)】》\"'")  # stay with the sentence they close


@dataclass(frozen=True, slots=True)
class ConllDoc:
    """One document read back: its source and its characters with their tags."""

    source: str
    chars: str
    tags: tuple[str, ...]


def non_overlapping(entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entities that can be tagged together: longest first, then earliest; in text order."""
    chosen: list[dict[str, Any]] = []
    taken: set[int] = set()
    for e in sorted(entities, key=lambda e: (-(e["end"] - e["start"]), e["start"])):
        if e["end"] > e["start"] and taken.isdisjoint(range(e["start"], e["end"])):
            chosen.append(e)
            taken.update(range(e["start"], e["end"]))
    return sorted(chosen, key=lambda e: e["start"])


def character_tags(text: str, entities: Iterable[dict[str, Any]]) -> list[str]:
    """The BIO tag of every character; an entity's B- goes on its first non-space character."""
    tags = [OUTSIDE] * len(text)
    for e in non_overlapping(entities):
        inside = [i for i in range(e["start"], e["end"]) if not text[i].isspace()]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + e["type"]
    return tags


def conll_lines(record: dict[str, Any]) -> Iterator[str]:
    """The lines of one document, from its ``-DOCSTART-`` line to the blank after its last sentence."""
    text = record["text"]
    tags = character_tags(text, record["entities"])
    yield f"{DOCSTART} {record['source']}"
    yield ""
    open_sentence = line_break = after_end = False
    for i, ch in enumerate(text):
        if ch.isspace():
            line_break = line_break or (ch == "\n" and open_sentence)
            continue
        splits = line_break or (after_end and ch not in _CLOSERS)
        if splits and not tags[i].startswith("I-"):  # never inside an entity
            yield ""
            open_sentence = False
        line_break = after_end = False
        yield f"{ch}\t{tags[i]}"
        open_sentence = True
        after_end = ch in _SENTENCE_ENDS or (after_end and ch in _CLOSERS)
    if open_sentence:
        yield ""


def write_conll(records: Iterable[dict[str, Any]], out: Path) -> ExportSummary:
    """Write the documents that were read to one UTF-8 file."""
    ok, skipped = readable(records)
    out.parent.mkdir(parents=True, exist_ok=True)
    characters = sentences = entities = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for record in ok:
            previous = ""
            for line in conll_lines(record):
                f.write(line + "\n")
                tagged = "\t" in line and not line.startswith(DOCSTART)
                characters += tagged
                entities += tagged and line.rpartition("\t")[2].startswith("B-")
                sentences += not line and "\t" in previous
                previous = line
    items = {"characters": characters, "sentences": sentences, "entities": entities}
    return ExportSummary("conll", (out,), len(ok), skipped, items)


def read_conll(path: Path) -> list[ConllDoc]:
    """Read a file written by ``write_conll`` (or any char-per-line BIO file) back."""
    docs: list[ConllDoc] = []
    source, chars, tags = "", list[str](), list[str]()
    with open(path, encoding="utf-8", newline="\n") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith(DOCSTART):
                if chars or source:
                    docs.append(ConllDoc(source, "".join(chars), tuple(tags)))
                source, chars, tags = line[len(DOCSTART) :].strip(), [], []
            elif line:
                ch, _, tag = line.rpartition("\t")
                chars.append(ch)
                tags.append(tag)
    if chars or source:
        docs.append(ConllDoc(source, "".join(chars), tuple(tags)))
    return docs


def bio_spans(tags: Iterable[str]) -> list[tuple[str, int, int]]:
    """``(type, start, end)`` over tag positions; an I- without its B- starts a span."""
    spans: list[tuple[str, int, int]] = []
    current: tuple[str, int] | None = None
    sequence = list(tags)
    for n, tag in enumerate(sequence):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        continues = tag.startswith("I-") and current is not None and current[0] == kind
        if current is not None and not continues:
            spans.append((current[0], current[1], n))
            current = None
        if kind is not None and not continues:
            current = (kind, n)
    if current is not None:
        spans.append((current[0], current[1], len(sequence)))
    return spans


def spans_in_text(text: str, tags: Iterable[str]) -> list[tuple[str, int, int]]:
    """The tagged spans as ``(type, start, end)`` offsets into the document's ``text``."""
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    return [(kind, positions[s], positions[e - 1] + 1) for kind, s, e in bio_spans(tags)]
