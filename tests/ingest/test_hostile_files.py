"""Hostile .docx and .pdf files: refused before they cost memory, never leak local files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from nianbao.errors import CorruptDocument, InputTooLarge
from nianbao.ingest import limits
from nianbao.ingest.source import read_source
from nianbao.run import RunOptions, annotate_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
docx = pytest.importorskip("docx")

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def a_docx(tmp_path: Path, text: str = "学校共有在校生1200人。") -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "real.docx"
    document.save(str(path))
    return path


def with_body(source: Path, target: Path, body: bytes) -> Path:
    """The same .docx with word/document.xml replaced."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, body if item.filename == "word/document.xml" else src.read(item))
    return target


def document_xml(inner: str, prolog: str = "") -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return (
        f"{prolog}<w:document {ns}><w:body><w:p><w:r><w:t>{inner}</w:t></w:r></w:p>"
        "</w:body></w:document>"
    ).encode()


def test_an_ordinary_docx_still_reads(tmp_path: Path) -> None:
    assert "1200人" in read_source(a_docx(tmp_path)).raw_text


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    body = document_xml("学校&lol9;", prolog=BILLION_LAUGHS)
    bomb = with_body(a_docx(tmp_path), tmp_path / "laughs.docx", body)
    doc = annotate_path(str(bomb), RunOptions(use_model=False))
    # Either the entities stay unexpanded, or libxml2's amplification guard refuses the
    # file: an error line, never gigabytes of "lol".
    if doc.status == "ok":
        assert "学校" in doc.text and "lollol" not in doc.text and len(doc.text) < 1000
    else:
        assert doc.error is not None and doc.error.type == "CorruptDocument"


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWD-LINE", encoding="utf-8")
    prolog = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
    body = document_xml("学校&e;共有", prolog=prolog)
    xxe = with_body(a_docx(tmp_path), tmp_path / "xxe.docx", body)
    doc = annotate_path(str(xxe), RunOptions(use_model=False))
    assert doc.status == "ok" and "学校" in doc.text
    assert "TOP-SECRET" not in doc.text


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    source = a_docx(tmp_path)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
        with out.open("word/document.xml", "w") as member:
            for _ in range(64):  # 64 MiB of spaces: about 64 KiB on disk
                member.write(b" " * 2**20)
    assert bomb.stat().st_size < 2**20
    with pytest.raises(InputTooLarge, match="压缩炸弹"):
        read_source(bomb)
    doc = annotate_path(str(bomb), RunOptions(use_model=False))
    assert doc.status == "error" and doc.error is not None and doc.error.type == "InputTooLarge"


def test_a_body_larger_than_any_report_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_DOCX_XML_BYTES", 2000)  # the real limit is 64 MiB
    big = a_docx(tmp_path, "学校共有在校生1200人。" * 400)
    with pytest.raises(InputTooLarge, match="过大"):
        read_source(big)


def test_a_docx_that_is_no_zip_is_corrupt(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(a_docx(tmp_path).read_bytes()[:300])
    with pytest.raises(CorruptDocument):
        read_source(broken)


def test_a_pdf_with_more_pages_than_a_report_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pdfplumber")
    monkeypatch.setattr(
        "nianbao.ingest.binary.check_pdf_pages", lambda n, p: limits.check_pdf_pages(n * 10_000, p)
    )
    with pytest.raises(InputTooLarge, match="页"):
        read_source(FIXTURES / "pages.pdf")


def test_files_over_max_bytes_are_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes("学校共有在校生1200人。".encode() * 1000)
    doc = annotate_path(str(big), RunOptions(use_model=False, max_bytes=1000))
    assert doc.status == "error" and doc.error is not None and doc.error.type == "InputTooLarge"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    doc = annotate_path(str(fifo), RunOptions(use_model=False))
    assert doc.status == "error" and doc.error is not None and doc.error.type == "NotAFile"
    linked = tmp_path / "zero.txt"
    linked.symlink_to("/dev/zero")
    doc = annotate_path(str(linked), RunOptions(use_model=False))
    assert doc.error is not None and doc.error.type == "NotAFile"
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    doc = annotate_path(str(loop), RunOptions(use_model=False))
    assert doc.status == "error"
