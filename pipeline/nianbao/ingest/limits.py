"""Bounds checked before a .docx or .pdf is handed to its parser library.

A .docx is a zip: its members say how big they inflate to, so a zip bomb or a document
body of hundreds of megabytes is refused from the archive's directory, before a byte is
inflated. (zipfile never inflates a member past its declared size, so the declared sizes
bound the real ones.) The XML itself is parsed by python-docx's parser, which lxml builds
with ``resolve_entities=False`` (no entity is expanded: billion laughs stays a few bytes,
an external entity such as ``file:///etc/passwd`` is never read), ``no_network=True``
and ``huge_tree=False`` (lxml's own defaults): ``check_docx_parser`` makes sure of that.
A PDF with more pages than any report has is refused from its page count.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from nianbao.errors import MESSAGES, InputTooLarge, corrupt

# Real reports: document.xml of 0.2–10 MB, a few hundred pages at most, images of a few MB.
MAX_DOCX_XML_BYTES = 64 * 2**20  # all XML parts together, inflated
MAX_DOCX_INFLATED_BYTES = 1024 * 2**20  # every member together, inflated
MAX_MEMBER_RATIO = 200  # inflated ÷ compressed, for members over 1 MiB: a bomb
MAX_PDF_PAGES = 2000


def check_docx_archive(data: bytes, path: str) -> None:
    """Refuse a .docx whose members would inflate past the limits, or that is no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise corrupt(path, "docx", f"不是有效的 zip 文件（not a zip archive: {e}）") from e
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    total = sum(m.file_size for m in members)
    for m in members:
        if m.file_size > 2**20 and m.file_size > MAX_MEMBER_RATIO * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            raise InputTooLarge(
                MESSAGES["docx_bomb"].format(path=path, member=m.filename, ratio=ratio)
            )
    if xml > MAX_DOCX_XML_BYTES or total > MAX_DOCX_INFLATED_BYTES:
        raise InputTooLarge(
            MESSAGES["docx_too_large"].format(
                path=path, xml=_mib(xml), total=_mib(total), limit=_mib(MAX_DOCX_XML_BYTES)
            )
        )


@cache
def check_docx_parser() -> None:
    """python-docx must parse with entity expansion off; a future release that changed
    that would make every .docx a way to read local files, so refuse to run instead."""
    from docx.oxml.parser import oxml_parser

    probe = b'<!DOCTYPE x [<!ENTITY e "expanded">]><x>&e;</x>'
    from lxml import etree

    if "expanded" in (etree.fromstring(probe, oxml_parser).text or ""):
        raise RuntimeError("python-docx's XML parser expands entities: refusing to read .docx")


def check_pdf_pages(pages: int, path: str) -> None:
    if pages > MAX_PDF_PAGES:
        raise InputTooLarge(
            MESSAGES["pdf_too_many_pages"].format(path=path, pages=pages, limit=MAX_PDF_PAGES)
        )


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"
