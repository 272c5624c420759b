"""Real .docx and .pdf files for the fuzz corpus, and the ways to break them.

A .docx is built with python-docx (paragraphs, heading styles, tables) and repacked with
fixed zip timestamps, so the same text gives the same bytes. reportlab is not a dependency,
so a PDF is written by hand: a Type0 font with Identity-H codes and a ToUnicode map that
reads every code as its own code point, which is all pdfminer needs to give the text back.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from functools import cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
BODY = "word/document.xml"


# --- .docx -----------------------------------------------------------------------------


def docx_from_text(text: str) -> bytes:
    """A real .docx of ``text``: ``#`` lines as headings, runs of tab lines as tables."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush_table() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        grid = table._cells  # once: table.cell(i, j) recomputes the whole grid per call
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                grid[i * width + j].text = _xml_safe(cell)
        rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t")[:20])
            continue
        flush_table()
        stripped = line.lstrip("#")
        level = len(line) - len(stripped)
        if 0 < level <= 6 and stripped.startswith(" "):
            document.add_heading(_xml_safe(stripped.strip()), level=min(level, 9))
        else:
            document.add_paragraph(_xml_safe(line))
    flush_table()
    out = io.BytesIO()
    document.save(out)
    return repack(out.getvalue())


def _xml_safe(text: str) -> str:
    """python-docx refuses characters XML 1.0 cannot hold; the mutations put some in."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or (ord(ch) >= 32 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
    )


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_of(items: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``items`` with fixed timestamps (same items, same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def repack(data: bytes) -> bytes:
    return zip_of(members(data))


def replace_member(data: bytes, name: str, body: bytes | None) -> bytes:
    """The same archive with member ``name`` replaced (``None``: removed)."""
    items = [(n, body if n == name else d) for n, d in members(data)]
    return zip_of((n, d) for n, d in items if d is not None)


def document_xml(paragraphs: Sequence[str], prolog: str = "", extra_ns: str = "") -> bytes:
    """A minimal WordprocessingML body of plain paragraphs (text inserted as is)."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f'{prolog}<w:document xmlns:w="{W_NS}"{extra_ns}><w:body>{body}</w:body></w:document>'
    ).encode()


def escape(text: str) -> str:
    return _xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def zeros_docx(base: bytes, member: str, inflated: int) -> bytes:
    """``base`` with ``member`` replaced by ``inflated`` bytes of spaces: a zip bomb whose
    file stays about a thousandth of that (deflate's best ratio). Cached: it takes a few
    seconds per GiB to compress, and the corpus reuses a few sizes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members(base):
            if name != member:
                archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(member, _FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = b" " * 2**20
        with archive.open(info, "w", force_zip64=inflated >= 2**31) as stream:
            left = inflated
            while left > 0:
                stream.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
    return out.getvalue()


@cache
def many_members_docx(base: bytes, count: int, each: int) -> bytes:
    """``count`` extra members of ``each`` bytes (each under the per-member ratio check):
    a bomb only in total."""
    items = members(base)
    filler = b"\0" * each
    items += [(f"word/media/pad{i:05d}.bin", filler) for i in range(count)]
    return zip_of(items)


def lie_about_sizes(data: bytes, member: str, claimed: int) -> bytes:
    """Patch the uncompressed size of ``member`` in its local header and in the central
    directory to ``claimed``: the directory then says "small" of a member that is not."""
    raw = bytearray(data)
    # (signature, offset of the name length, of the name, of the uncompressed size)
    for signature, length_at, name_at, size_at in (
        (b"PK\x03\x04", 26, 30, 22),  # local file header
        (b"PK\x01\x02", 28, 46, 24),  # central directory entry
    ):
        _patch_size(raw, member.encode(), claimed, signature, length_at, name_at, size_at)
    return bytes(raw)


def _patch_size(
    raw: bytearray,
    name: bytes,
    claimed: int,
    signature: bytes,
    length_at: int,
    name_at: int,
    size_at: int,
) -> None:
    at = 0
    while (at := raw.find(signature, at)) >= 0:
        name_len = struct.unpack_from("<H", raw, at + length_at)[0]
        if raw[at + name_at : at + name_at + name_len] == name:
            struct.pack_into("<I", raw, at + size_at, claimed)
        at += 4


# --- .pdf ------------------------------------------------------------------------------


def _tounicode() -> bytes:
    ranges = "".join(f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>\n" for hi in range(256))
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"256 beginbfrange\n{ranges}endbfrange\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


def _utf16_hex(line: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in line if ord(ch) <= 0xFFFF)


def page_content(lines: Sequence[str], size: int = 11) -> bytes:
    """One page's content stream: each line at its own baseline, top down."""
    ops = [f"BT /F1 {size} Tf {size + 6} TL 56 790 Td"]
    for line in lines:
        ops.append(f"<{_utf16_hex(line)}> Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode()


def pdf_document(pages: Sequence[bytes], extra: Sequence[bytes] = ()) -> bytes:
    """A PDF of the given page content streams (Flate-compressed), fonts and all.

    ``extra`` objects are appended as they are, numbered after the pages' objects.
    """
    objects: list[bytes] = []  # object n is objects[n - 1]
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] /ToUnicode 4 0 R >>"
    )
    page_ids = [6 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{n} 0 R" for n in page_ids)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(font)
    objects.append(stream(_tounicode()))
    objects.append(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 4 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 >> >>"
    )
    for i, content in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_ids[i] + 1} 0 R >>".encode()
        )
        objects.append(stream(content))
    objects += extra
    return assemble(objects)


def stream(data: bytes, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 6)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def assemble(objects: Sequence[bytes], root: int = 1) -> bytes:
    """Header, numbered objects, a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def pdf_of_text(text: str, lines_per_page: int = 40, width: int = 45) -> bytes:
    """``text`` set in lines of ``width`` characters, ``lines_per_page`` to a page."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.replace("\t", "  ")
        while len(paragraph) > width:
            lines.append(paragraph[:width])
            paragraph = paragraph[width:]
        lines.append(paragraph)
    pages = [
        page_content(lines[i : i + lines_per_page]) for i in range(0, len(lines), lines_per_page)
    ]
    return pdf_document(pages or [page_content([""])])


@cache
def stream_bomb_pdf(inflated: int) -> bytes:
    """One page whose content stream inflates to ``inflated`` bytes of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * 2**20
    parts = [compressor.compress(b"BT /F1 11 Tf 56 790 Td <5B66> Tj ET\n")]
    left = inflated
    while left > 0:
        parts.append(compressor.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(compressor.flush())
    data = b"".join(parts)
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        body,
    ]
    return assemble(objects)


def page_loop_pdf() -> bytes:
    """A page tree whose Pages node lists itself among its kids."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(page_content(["学校"])),
    ]
    return assemble(objects)


def many_pages_pdf(pages: int) -> bytes:
    """``pages`` pages sharing one small content stream."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        stream(b"BT ET"),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    return assemble(objects)


def deep_nesting_pdf(depth: int) -> bytes:
    """A catalog holding an array nested ``depth`` deep (parsers that recurse choke)."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + nested + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(page_content(["学校共有在校生1200人。"])),
    ]
    return assemble(objects)
