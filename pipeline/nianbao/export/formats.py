"""The export formats of a run, by name: what ``nianbao export RUN.jsonl --format F -o PATH`` writes.

A format is a function ``(records, out, doc) -> ExportSummary`` registered with
``@export_format``; it imports its writer when called, so listing formats (``--help``) loads
neither spaCy nor openpyxl. To add one, write its writer in its own module and register a
small adapter here that turns what the writer returns into an ``ExportSummary``::

    @export_format("doccano", target="file", suffix=".jsonl",
                   description="doccano 序列标注 JSONL（doccano sequence-labelling JSONL）")
    def _doccano(records: Records, out: Path, doc: str | None) -> ExportSummary:
        from nianbao.export.doccano import write_doccano

        ok, skipped = readable(records)
        return ExportSummary("doccano", (out,), len(ok), skipped, write_doccano(ok, out))

``write_export`` has already checked the name and the kind of ``out`` (file or folder) and
narrowed ``records`` to the ``--doc`` one when given; the tests in
``tests/export/test_exports_formats.py`` run every name in ``FORMATS`` that they know a target for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from nianbao.errors import UnknownName, UnusableOutput
from nianbao.export.summary import ExportSummary, select_document

Records = list[dict[str, Any]]
Writer = Callable[[Records, Path, str | None], ExportSummary]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One format: its writer, whether ``-o`` names a file or a folder, and what it is for."""

    name: str
    writer: Writer
    target: Literal["file", "folder"]
    suffix: str  # the usual file ending, "" for a folder
    description: str  # bilingual, for --help


FORMATS: dict[str, ExportFormat] = {}


def export_format(
    name: str, *, target: Literal["file", "folder"], suffix: str, description: str
) -> Callable[[Writer], Writer]:
    """Register a writer under ``name``."""

    def register(writer: Writer) -> Writer:
        FORMATS[name] = ExportFormat(name, writer, target, suffix, description)
        return writer

    return register


def format_names() -> list[str]:
    return sorted(FORMATS)


def write_export(
    records: Iterable[dict[str, Any]], fmt: str, out: Path, *, doc: str | None = None
) -> ExportSummary:
    """Write ``records`` (as ``read_jsonl`` gives them) in format ``fmt`` to ``out``.

    ``doc`` limits the export to one document (its source, file name or doc_id); for
    ``displacy``, which shows one document, it picks which (default: the first that was read).
    Records with ``status: "error"`` are left out and counted in the summary.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        options = "、".join(format_names())
        raise UnknownName(
            f"未知的导出格式“{fmt}”，可选：{options}（Unknown export format '{fmt}'; "
            f"available: {', '.join(format_names())}）"
        )
    out = Path(out)
    if spec.target == "file" and out.is_dir():
        raise UnusableOutput(
            f"{fmt} 导出写入一个文件，而 {out} 是文件夹（{fmt} writes one file; {out} is a folder）"
        )
    if spec.target == "folder" and out.exists() and not out.is_dir():
        raise UnusableOutput(
            f"{fmt} 导出写入一个文件夹，而 {out} 是文件（{fmt} writes a folder of files; {out} is a file）"
        )
    chosen = list(records)
    if doc is not None:
        chosen = [select_document(chosen, doc)]
    return spec.writer(chosen, out, doc)


@export_format(
    "spacy",
    target="file",
    suffix=".spacy",
    description="spaCy DocBin：实体为 doc.ents，数值陈述与问题为 doc.spans（entities as doc.ents, claims and findings as doc.spans）",
)
def _spacy(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.spacy_docs import write_docbin

    return write_docbin(records, out)


@export_format(
    "displacy",
    target="file",
    suffix=".html",
    description="一篇文档的 displaCy 实体页面（displaCy entity page of one document; --doc picks it）",
)
def _displacy(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.spacy_docs import write_displacy

    return write_displacy(records, out, doc)


@export_format(
    "conll",
    target="file",
    suffix=".conll",
    description="逐字 CoNLL/BIO 实体标注（CoNLL/BIO, one character per line）",
)
def _conll(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.conll import write_conll

    return write_conll(records, out)


@export_format(
    "csv",
    target="folder",
    suffix="",
    description="文件夹，内含 tables/claims/entities/findings/evidence.csv（a folder of CSV files, UTF-8 with BOM）",
)
def _csv(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.tabular import write_csv_folder

    return write_csv_folder(records, out)


@export_format(
    "xlsx",
    target="file",
    suffix=".xlsx",
    description="一个 Excel 工作簿，每类一张表（one Excel workbook, a sheet each）",
)
def _xlsx(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.workbook import write_workbook

    return write_workbook(records, out)


@export_format(
    "label-studio",
    target="file",
    suffix=".json",
    description="Label Studio 任务（含预标注）及旁边的标注配置 .config.xml（Label Studio tasks with predictions, and the labelling config beside them）",
)
def _label_studio(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.label_studio import label_config_path, write_label_studio
    from nianbao.export.summary import readable

    ok, skipped = readable(records)
    items = write_label_studio(ok, out)
    return ExportSummary("label-studio", (out, label_config_path(out)), len(ok), skipped, items)


@export_format(
    "doccano",
    target="file",
    suffix=".jsonl",
    description="doccano 序列标注 JSONL（doccano sequence-labelling JSONL; allow overlapping spans in the project）",
)
def _doccano(records: Records, out: Path, doc: str | None) -> ExportSummary:
    from nianbao.export.doccano import write_doccano
    from nianbao.export.summary import readable

    ok, skipped = readable(records)
    return ExportSummary("doccano", (out,), len(ok), skipped, write_doccano(ok, out))
