"""The end-of-run summary: documents, ok/error and what they held."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    resumed: int = 0
    status: Counter[str] = field(default_factory=Counter)
    tables: int = 0
    cells: int = 0
    cases: int = 0
    claims: int = 0
    entities: int = 0
    findings: int = 0
    skipped: tuple[str, ...] = ()
    error_types: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        self.documents += 1
        self.status[record["status"]] += 1
        if record["status"] == "error":
            self.error_types[(record.get("error") or {}).get("type") or "?"] += 1
        self.tables += len(record["tables"])
        self.cells += sum(len(r["cells"]) for t in record["tables"] for r in t["rows"])
        self.cases += len(record["cases"])
        self.claims += len(record["claims"])
        self.entities += len(record["entities"])
        self.findings += len(record["findings"])

    def lines(self) -> list[str]:
        out = [
            f"文档 documents: {self.documents}（成功 ok {self.status['ok']}，失败 error {self.status['error']}）"
            + (f"，其中续跑跳过 resumed {self.resumed}" if self.resumed else ""),
            f"表格 tables: {self.tables}（单元格 cells {self.cells}）  案例 cases: {self.cases}  "
            f"数值陈述 claims: {self.claims}  实体 entities: {self.entities}  问题 findings: {self.findings}",
        ]
        if self.error_types:
            kinds = ", ".join(f"{t} ×{n}" for t, n in sorted(self.error_types.items()))
            out.append(f"失败原因 errors by type: {kinds}")
        if self.skipped:
            by_suffix = Counter(Path(p).suffix.lower() or "(none)" for p in self.skipped)
            kinds = ", ".join(f"{suffix} ×{n}" for suffix, n in sorted(by_suffix.items()))
            out.append(
                f"未处理（格式不支持）skipped files in folders that are not reports: {len(self.skipped)} ({kinds}), "
                f"e.g. {self.skipped[0]}"
            )
        return out
