"""What every export shares: which records it can use, which one ``--doc`` picks, what it wrote."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nianbao.errors import BadArgument


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote: ``items`` counts what each file holds (rows, entities, …)."""

    format: str
    paths: tuple[Path, ...]
    documents: int  # records exported (status "ok")
    skipped: int  # records with status "error", left out
    items: Mapping[str, int] = field(default_factory=dict, hash=False)

    def line(self) -> str:
        """One bilingual line for the command line."""
        paths = "、".join(str(p) for p in self.paths)
        counts = "，".join(f"{k} {v}" for k, v in self.items.items())
        skipped = f"，跳过 {self.skipped} 篇无法读取的文档" if self.skipped else ""
        return (
            f"已导出 {self.format}：{self.documents} 篇文档{skipped}（{counts}）→ {paths}"
            f"（exported {self.documents} document(s) as {self.format}, "
            f"{self.skipped} error record(s) skipped）"
        )


def readable(records: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The records that were read (``status == "ok"``) and how many were not."""
    ok, skipped = [], 0
    for record in records:
        if record.get("status") == "ok":
            ok.append(record)
        else:
            skipped += 1
    return ok, skipped


def select_document(records: list[dict[str, Any]], doc: str) -> dict[str, Any]:
    """The record ``doc`` names: its source as given, its file name, or its doc_id."""
    for key in ("source", "doc_id"):
        for record in records:
            if record.get(key) == doc:
                return record
    by_name = [r for r in records if Path(r.get("source", "")).name == doc]
    if len(by_name) == 1:
        return by_name[0]
    options = "、".join(r.get("source", "") for r in records[:10]) + (
        "…" if len(records) > 10 else ""
    )
    raise BadArgument(
        f"运行结果中没有文档“{doc}”，可选：{options}（No document '{doc}' in the run; "
        f"give its source path, file name or doc_id）"
    )


def page_of(record: dict[str, Any], offset: int | None) -> int | None:
    """The 1-based PDF page an offset lies on; ``None`` for documents without pages."""
    starts = (record.get("meta") or {}).get("page_starts") or []
    if offset is None or not starts:
        return None
    return max(1, bisect_right(starts, offset))


def section_at(record: dict[str, Any], offset: int | None) -> str | None:
    """The title of the innermost section holding an offset."""
    if offset is None:
        return None
    holding = [s for s in record.get("sections", []) if s["start"] <= offset < s["end"]]
    if not holding:
        return None
    return max(holding, key=lambda s: (s["start"], s["level"]))["title"]


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, whitespace runs made one space."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
