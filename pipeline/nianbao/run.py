"""The orchestrator: one document through every stage, in order, and nothing else."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.claims.extract import extract_claims
from nianbao.data import AnnotatedDoc, DocError, DocMeta, SourceDoc
from nianbao.defaults import DEFAULT_MODEL, MAX_INPUT_BYTES, VERSION, model_name
from nianbao.entities.extract import extract
from nianbao.errors import MESSAGES, EmptyDocument, ModelNotFound, NianbaoError
from nianbao.ingest.source import document_id, read_source
from nianbao.layout.clean import clean
from nianbao.layout.meta import read_meta
from nianbao.layout.segment import segment
from nianbao.layout.structure import analyse_layout
from nianbao.link.links import link
from nianbao.ontology import default_ontology
from nianbao.reconcile.run_checks import reconcile
from nianbao.tables.parse import parse_tables

if TYPE_CHECKING:
    from nianbao.model.tagging import Tagger


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What a run may switch.

    ``use_model=False`` is the pattern-only path (no torch needed); ``model_dir`` picks
    another trained model; the spaCy Doc is only built when a later stage wants it.
    """

    use_model: bool = True
    model_dir: str | None = None
    with_spacy: bool = False
    max_bytes: int | None = MAX_INPUT_BYTES  # files larger than this are refused unread


@cache
def _tagger(model_dir: str) -> Tagger:
    """The tagger, loaded once per process."""
    from nianbao.model.infer import load_tagger

    if not (Path(model_dir) / "model.safetensors").exists():
        raise ModelNotFound(
            f"找不到模型 {model_dir}（no trained model there）：用 --model 指定模型目录，或用 --no-model 只用规则"
        )
    return load_tagger(Path(model_dir))


_WARM_UP_TEXT = (
    "某市职业学校2024年质量年度报告\n一、学校概况\n"
    "2024年，学校共有全日制在校生1200人，毕业生300人，就业率98.5%。\n"
    "表1 学生情况\n项目\t2023年\t2024年\n在校生（人）\t1100\t1200\n"
)


def warm_up(options: RunOptions) -> None:
    """Load the tagger, then run every stage once on a few lines, so dictionaries, the
    ontology and lazily imported modules are loaded before a document's time budget starts
    (on a cold machine that loading alone can take seconds)."""
    if options.use_model:
        _tagger(str(options.model_dir or DEFAULT_MODEL))
    annotate_text(_WARM_UP_TEXT, "<warm-up>", options)


def annotate_source(source: SourceDoc, options: RunOptions | None = None) -> AnnotatedDoc:
    """Every stage, in order, on one decoded document."""
    options = options or RunOptions()
    doc = clean(source)
    if not doc.text.strip():
        raise EmptyDocument(MESSAGES["only_noise"].format(path=source.path))
    meta = read_meta(doc.text)
    layout = analyse_layout(doc)
    tables = parse_tables(doc, layout)
    segmented = segment(doc, layout, with_spacy=options.with_spacy)
    claims = extract_claims(segmented, meta.report_year)
    model_dir = options.model_dir or str(DEFAULT_MODEL)
    tagger = _tagger(model_dir) if options.use_model else None
    extraction = extract(segmented, claims, tagger)
    links = link(
        extraction.claims,
        tables,
        default_ontology(),
        meta.report_year,
        meta.reporting_entity,
        text=doc.text,
        entities=extraction.entities,
    )
    findings = reconcile(links.claims, tables, links, meta.report_year, text=doc.text)
    return AnnotatedDoc(
        doc_id=source.doc_id,
        source=source.path,
        status="ok",
        error=None,
        text=doc.text,
        meta=DocMeta(
            meta.reporting_entity,
            meta.report_year,
            meta.level,
            VERSION,
            model_name(model_dir) if tagger is not None else None,
            source.ocr,
            tuple(doc.offsets.to_clean(start) for start in source.page_starts),
        ),
        sections=layout.sections,
        tables=tables,
        cases=layout.cases,
        entities=extraction.entities,
        claims=links.claims,
        relations=extraction.relations,
        findings=findings,
    )


def annotate_path(path: str | Path, options: RunOptions | None = None) -> AnnotatedDoc:
    """Annotate one file; a document that cannot be read becomes a ``status: "error"`` doc."""
    try:
        source = read_source(path, options.max_bytes if options else MAX_INPUT_BYTES)
    except NianbaoError as e:
        return error_doc(str(path), type(e).__name__, e.message)
    except OSError as e:
        return error_doc(str(path), type(e).__name__, f"无法读取文件：{e}")
    except Exception as e:  # a parser library choking on a damaged file
        return error_doc(
            str(path), "CorruptDocument", f"文件已损坏或无法解析：{type(e).__name__}: {e}"
        )
    try:
        return annotate_source(source, options)
    except ModelNotFound:
        raise  # a setting of the whole run, not a fault of this document
    except NianbaoError as e:  # readable, but nothing in it to annotate
        return error_doc(str(path), type(e).__name__, e.message)
    except Exception as e:  # a bug on one document must not lose the others
        return internal_error_doc(str(path), e, source.doc_id)


def annotate_text(
    text: str, source: str = "<text>", options: RunOptions | None = None
) -> AnnotatedDoc:
    """Annotate a report given as a string; ``source`` names it in the record."""
    if not text.strip():
        return error_doc(source, "EmptyDocument", MESSAGES["empty"].format(path=source))
    doc = SourceDoc(source, document_id(text.encode("utf-8")), "txt", None, text)
    try:
        return annotate_source(doc, options)
    except ModelNotFound:
        raise
    except NianbaoError as e:
        return error_doc(source, type(e).__name__, e.message)
    except Exception as e:  # the same guard as for a file
        return internal_error_doc(source, e, doc.doc_id)


def internal_error_doc(path: str, e: Exception, doc_id: str | None = None) -> AnnotatedDoc:
    """The record of a document on which the pipeline itself failed, with where it failed."""
    where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return error_doc(
        path, "InternalError", f"处理失败（internal error）：{type(e).__name__}: {e}{at}", doc_id
    )


def error_doc(path: str, error_type: str, message: str, doc_id: str | None = None) -> AnnotatedDoc:
    """The record of a document that could not be processed."""
    if doc_id is None:
        doc_id = _doc_id_of(path)
    meta = DocMeta(None, None, None, VERSION, None)
    return AnnotatedDoc(doc_id, path, "error", DocError(error_type, message), "", meta)


def _doc_id_of(path: str) -> str:
    """The id of the bytes when they are a regular file's, else of the path (ids stay stable).

    Read in chunks, so an error line for a huge file costs no memory; a FIFO or a device
    is never opened (it could block or never end).
    """
    import hashlib
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise OSError("not a regular file")
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()[:16]
    except OSError:
        return document_id(path.encode("utf-8", "surrogateescape"))
