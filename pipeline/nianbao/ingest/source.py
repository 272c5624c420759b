"""Ingest: a path on disk → ``SourceDoc`` (format, encoding detection, raw text, native tables)."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from pathlib import Path

from nianbao.data import NativeTable, SourceDoc, SourceFormat
from nianbao.errors import (
    MESSAGES,
    BinaryInput,
    EmptyDocument,
    InputNotFound,
    InputTooLarge,
    NotAFile,
    UndecodableText,
    UnsupportedFormat,
)

TEXT_SUFFIXES: dict[str, SourceFormat] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".text": "txt",
}
BINARY_SUFFIXES: dict[str, SourceFormat] = {".docx": "docx", ".pdf": "pdf"}
SUPPORTED_SUFFIXES = tuple(sorted({*TEXT_SUFFIXES, *BINARY_SUFFIXES}))

# Order matters: strict UTF-8 first (most files), then the encodings Chinese government
# files use. GB18030 is a superset of GBK and GB2312.
_TEXT_ENCODINGS = ("utf-8", "gb18030", "big5")


def document_id(data: bytes) -> str:
    """The contract's stable id: first 16 hex chars of the sha256 of the source bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_source(path: str | Path, max_bytes: int | None = None) -> SourceDoc:
    """Read one report; raises a ``NianbaoError`` subclass that says why it cannot.

    Only regular files are read (a FIFO or a device could block or never end), and a
    file over ``max_bytes`` is refused from its size, before a byte of it is read.
    """
    p = Path(path)
    info = regular_file_info(p)
    if max_bytes is not None and info.st_size > max_bytes:
        raise InputTooLarge(
            MESSAGES["too_large"].format(
                size=_size(info.st_size), limit=_size(max_bytes), path=path
            )
        )
    suffix = p.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in BINARY_SUFFIXES:
        raise UnsupportedFormat(
            MESSAGES["unsupported"].format(
                suffix=suffix or "(none)", known=", ".join(SUPPORTED_SUFFIXES)
            )
        )
    data = p.read_bytes()
    if not data.strip():
        raise EmptyDocument(MESSAGES["empty"].format(path=path))
    doc_id = document_id(data)
    if suffix in BINARY_SUFFIXES:
        from nianbao.ingest.binary import read_docx, read_pdf

        ocr, pages, headings = False, tuple[int, ...](), tuple[tuple[int, int], ...]()
        if suffix == ".docx":
            docx_text = read_docx(data, str(path))
            text, tables, headings = docx_text.text, docx_text.tables, docx_text.headings
        else:
            pdf = read_pdf(data, str(path))
            text, tables, ocr, pages = pdf.text, pdf.tables, pdf.ocr, pdf.page_starts
            headings = pdf.headings
        if not text.strip():
            raise EmptyDocument(MESSAGES["empty"].format(path=path))
        return SourceDoc(
            str(path),
            doc_id,
            BINARY_SUFFIXES[suffix],
            None,
            text,
            tables,
            ocr=ocr,
            page_starts=pages,
            native_headings=headings,
        )
    text, encoding = decode_text(data, str(path))
    return SourceDoc(str(path), doc_id, TEXT_SUFFIXES[suffix], encoding, text, ())


def regular_file_info(p: Path) -> os.stat_result:
    """``os.stat`` of a regular file (symlinks followed); anything else is refused."""
    try:
        info = p.stat()
    except FileNotFoundError as e:
        raise InputNotFound(MESSAGES["not_found"].format(path=p)) from e
    except OSError as e:  # a symlink loop, a name too long, no permission on a folder
        raise InputNotFound(f"{MESSAGES['not_found'].format(path=p)}：{e.strerror}") from e
    if not stat.S_ISREG(info.st_mode):
        kind = "文件夹 folder" if stat.S_ISDIR(info.st_mode) else _kind(info.st_mode)
        raise NotAFile(MESSAGES["not_a_file"].format(kind=kind, path=p))
    return info


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "管道 FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备 device"
    if stat.S_ISSOCK(mode):
        return "套接字 socket"
    return "特殊文件 special file"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def decode_text(data: bytes, path: str = "") -> tuple[str, str]:
    """Detect the encoding of a text file: BOMs, UTF-8, GB18030, Big5, then a detector."""
    # UTF-32 before UTF-16: the little-endian UTF-32 mark begins with UTF-16's.
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), path), name
            except UnicodeDecodeError as e:
                raise UndecodableText(MESSAGES["undecodable"].format(tried=name, path=path)) from e
    if _looks_binary(data):
        raise BinaryInput(MESSAGES["binary"].format(path=path))
    if _looks_utf16_without_bom(data):
        for name in ("utf-16-le", "utf-16-be"):
            try:
                return _checked(data.decode(name), path), name
            except UnicodeDecodeError:
                continue
    for name in _TEXT_ENCODINGS:
        try:
            return _checked(data.decode(name), path), name
        except UnicodeDecodeError:
            if name == "utf-8" and (damaged := _nearly_utf8(data)) is not None:
                text = _checked(damaged[0], path, replaced=True)
                return text, f"utf-8 ({damaged[1]} invalid bytes replaced)"
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return _checked(str(best), path), best.encoding
    raise UndecodableText(
        MESSAGES["undecodable"].format(tried=", ".join(_TEXT_ENCODINGS), path=path)
    )


# UTF-8 with at most this share of invalid bytes is UTF-8 that was damaged (a file cut
# mid-character, a flipped byte), read with U+FFFD for them; text in another encoding read
# as UTF-8 has invalid bytes at nearly every character.
_DAMAGED_UTF8_SHARE = 0.005


def _nearly_utf8(data: bytes) -> tuple[str, int] | None:
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd")
    return (text, invalid) if invalid <= max(1, len(data) * _DAMAGED_UTF8_SHARE) else None


def _looks_binary(data: bytes) -> bool:
    """NUL or control bytes a text file never has this many of (outside UTF-16 text): a few
    stray ones are damage in a text file, not a binary file."""
    sample = data[:8192]
    if _looks_utf16_without_bom(sample):
        return False
    if sample.count(0) > len(sample) * 0.01:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def _looks_utf16_without_bom(sample: bytes) -> bool:
    """Mostly-ASCII or CJK UTF-16 has NUL bytes at every other position."""
    sample = sample[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return (odd_nuls > half * 0.3 and even_nuls < half * 0.05) or (
        even_nuls > half * 0.3 and odd_nuls < half * 0.05
    )


def _checked(text: str, path: str, *, replaced: bool = False) -> str:
    """Reject decodings that produced replacement characters (unless ``replaced``: damaged
    UTF-8 read on purpose) or C0 garbage."""
    if "\ufffd" in text and not replaced:
        raise UnicodeDecodeError("nianbao", b"", 0, 1, f"replacement character in {path}")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f\x1b")
    if controls > min(len(text), 8192) * 0.05:
        raise UnicodeDecodeError("nianbao", b"", 0, 1, f"control characters in {path}")
    return text


__all__ = ["SUPPORTED_SUFFIXES", "NativeTable", "decode_text", "document_id", "read_source"]
