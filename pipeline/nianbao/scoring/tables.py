"""Scoring tables against the dev gold: tables found and gold cells read right.

Run ``python -m nianbao.scoring.tables [CORPUS_DIR GOLD_DIR]`` to print the scores of the
dev corpus (default ``../shared/corpus`` and ``../shared/dev-gold``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import regex

from nianbao.scoring.quotes import find_quote

_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "［": "[", "］": "]"})
_NOISE = regex.compile(r"[\s\u3000*＊]+")
# An annotator's note that tells apart rows printed with the same label.
_TRAILING_NOTE = regex.compile(r"\([^()]*\)$")


@dataclass(frozen=True, slots=True)
class MissedCell:
    """A gold cell no predicted cell matched, with the nearest candidates for debugging."""

    table: str
    row: str
    col: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class TableScore:
    gold_tables: int
    gold_tables_found: int
    predicted_tables: int
    gold_cells: int
    gold_cells_right: int
    gold_cells_unit_right: int = 0  # right cells whose unit also agrees (not part of the bar)
    missed_tables: tuple[str, ...] = ()
    missed_cells: tuple[MissedCell, ...] = field(default=(), repr=False)

    @property
    def table_recall(self) -> float:
        return self.gold_tables_found / self.gold_tables if self.gold_tables else 1.0

    @property
    def cell_accuracy(self) -> float:
        return self.gold_cells_right / self.gold_cells if self.gold_cells else 1.0

    def __add__(self, other: TableScore) -> TableScore:
        return TableScore(
            self.gold_tables + other.gold_tables,
            self.gold_tables_found + other.gold_tables_found,
            self.predicted_tables + other.predicted_tables,
            self.gold_cells + other.gold_cells,
            self.gold_cells_right + other.gold_cells_right,
            self.gold_cells_unit_right + other.gold_cells_unit_right,
            self.missed_tables + other.missed_tables,
            self.missed_cells + other.missed_cells,
        )


def normalise_name(name: str) -> str:
    """A row or column name compared loosely: no spaces or ``*``, half-width brackets."""
    return _NOISE.sub("", name.translate(_BRACKETS))


def score_tables(
    pred_tables: list[dict[str, Any]], gold_tables: list[dict[str, Any]], text: str
) -> TableScore:
    """Score predicted contract tables against the gold ``tables`` of one document.

    Matching rule. A gold table matches an unmatched predicted table whose anchor and
    title equal the gold's once spaces are removed, or, failing that, whose
    ``[start, end)`` holds the gold ``title_quote`` (its ``occurrence``-th place in
    ``text``). A gold cell is right when the matched table has an unused cell with the
    same value (Decimal equality), the same column (spaces, ``*`` and full/half-width
    brackets ignored; a two-line header joined with ``/``) and a compatible row label:
    equal after the same normalisation, or equal once the bracketed note an annotator
    added to tell same-named rows apart (a trailing ``（专业教学资源库）``) is dropped
    from the gold label. Both matchings are one-to-one, greedy in document order.
    """
    used_tables: set[int] = set()
    found = 0
    right = unit_right = cells = 0
    missed_tables: list[str] = []
    missed_cells: list[MissedCell] = []
    for gold in gold_tables:
        name = f"{gold.get('anchor', '')} {gold.get('title', '')}".strip()
        index = _match_table(gold, pred_tables, used_tables, text)
        gold_cells = gold.get("cells", [])
        cells += len(gold_cells)
        if index is None:
            missed_tables.append(name)
            missed_cells += [_missed(name, c, "table not found") for c in gold_cells]
            continue
        used_tables.add(index)
        found += 1
        ok, ok_unit, missed = _score_cells(name, gold_cells, pred_tables[index])
        right += ok
        unit_right += ok_unit
        missed_cells += missed
    return TableScore(
        len(gold_tables),
        found,
        len(pred_tables),
        cells,
        right,
        unit_right,
        tuple(missed_tables),
        tuple(missed_cells),
    )


def _match_table(
    gold: dict[str, Any], preds: list[dict[str, Any]], used: set[int], text: str
) -> int | None:
    key = (_compact(gold.get("anchor", "")), _compact(gold.get("title", "")))
    quote_at = _quote_offset(text, gold.get("title_quote", ""), int(gold.get("occurrence", 1)))
    by_name = [
        i
        for i, p in enumerate(preds)
        if i not in used and (_compact(p.get("anchor", "")), _compact(p.get("title", ""))) == key
    ]
    by_place = [
        i
        for i, p in enumerate(preds)
        if i not in used
        and quote_at is not None
        and p.get("start", 0) <= quote_at < p.get("end", 0)
    ]
    both = [i for i in by_name if i in by_place]
    for candidates in (both, by_name, by_place):
        if candidates:
            return candidates[0]
    return None


def _score_cells(
    table: str, gold_cells: list[dict[str, Any]], pred: dict[str, Any]
) -> tuple[int, int, list[MissedCell]]:
    pool = [
        (
            normalise_name(row.get("label", "")),
            normalise_name(cell.get("col", "")),
            _decimal(cell.get("value")),
            cell,
        )
        for row in pred.get("rows", [])
        for cell in row.get("cells", [])
    ]
    used: set[int] = set()
    right = unit_right = 0
    missed: list[MissedCell] = []
    for gold in gold_cells:
        value = _decimal(gold.get("value"))
        col = normalise_name(gold.get("col", ""))
        labels = _gold_labels(gold.get("row", ""))
        hit = next(
            (
                i
                for i, (label, pcol, pvalue, _) in enumerate(pool)
                if i not in used
                and pvalue is not None
                and pvalue == value
                and pcol == col
                and label in labels
            ),
            None,
        )
        if hit is None:
            missed.append(_missed(table, gold, _why(pool, value, col, labels)))
            continue
        used.add(hit)
        right += 1
        unit_right += pool[hit][3].get("unit") == gold.get("unit")
    return right, unit_right, missed


def _gold_labels(row: str) -> set[str]:
    label = normalise_name(row)
    return {label, _TRAILING_NOTE.sub("", label)}


def _why(
    pool: list[tuple[str, str, Decimal | None, dict[str, Any]]],
    value: Decimal | None,
    col: str,
    labels: set[str],
) -> str:
    """Which of value, column and row the nearest predicted cells got wrong."""
    same_place = [p for p in pool if p[1] == col and p[0] in labels]
    if same_place:
        return f"value read as {same_place[0][3].get('text')!r}"
    same_value = [p for p in pool if p[2] is not None and p[2] == value]
    if same_value:
        return "value found at " + "; ".join(f"{p[0]} / {p[1]}" for p in same_value[:3])
    return "no cell with this value"


def _missed(table: str, gold: dict[str, Any], reason: str) -> MissedCell:
    return MissedCell(
        table, gold.get("row", ""), gold.get("col", ""), str(gold.get("text", "")), reason
    )


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _compact(text: str) -> str:
    return "".join(text.split())


def _quote_offset(text: str, quote: str, occurrence: int) -> int | None:
    span = find_quote(text, quote, occurrence)
    return span[0] if span else None


# --- command line -----------------------------------------------------------------


def score_corpus(corpus: Path, gold_dir: Path) -> Iterable[tuple[str, TableScore]]:
    """Run ingest → clean → structure → tables on every gold document and score it."""
    from nianbao.data import AnnotatedDoc
    from nianbao.export.contract import to_record
    from nianbao.ingest.source import read_source
    from nianbao.layout.clean import clean
    from nianbao.layout.structure import analyse_layout
    from nianbao.tables.parse import parse_tables

    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if not (corpus / gold["doc"]).is_file():
            continue  # a gold folder may also describe renditions kept elsewhere (corpus-docs)
        source = read_source(corpus / gold["doc"])
        doc = clean(source)
        tables = parse_tables(doc, analyse_layout(doc))
        record = to_record(
            AnnotatedDoc(source.doc_id, source.path, "ok", None, doc.text, None, tables=tables)
        )
        yield gold["doc"], score_tables(record["tables"], gold.get("tables", []), doc.text)


def main(argv: list[str] | None = None) -> int:
    """Print table recall and cell accuracy per dev document and in total."""
    args = sys.argv[1:] if argv is None else argv
    shared = Path(__file__).resolve().parents[3].parent / "shared"
    corpus = Path(args[0]) if args else shared / "corpus"
    gold_dir = Path(args[1]) if len(args) > 1 else shared / "dev-gold"
    total = TableScore(0, 0, 0, 0, 0)
    for name, score in score_corpus(corpus, gold_dir):
        total = total + score
        print(_line(name, score))
        for table in score.missed_tables:
            print(f"    missed table: {table}")
        for cell in score.missed_cells:
            print(
                f"    missed cell: {cell.table} | {cell.row} | {cell.col} | {cell.text} — {cell.reason}"
            )
    print(_line("TOTAL", total))
    return 0


def _line(name: str, s: TableScore) -> str:
    return (
        f"{name}: tables {s.gold_tables_found}/{s.gold_tables} (predicted {s.predicted_tables}), "
        f"cells {s.gold_cells_right}/{s.gold_cells} = {s.cell_accuracy:.2%}, "
        f"units agree {s.gold_cells_unit_right}/{s.gold_cells_right}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
