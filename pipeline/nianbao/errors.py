"""The error catalogue: every error nianbao raises or reports has a code and a message
that says what went wrong and what to do."""

from __future__ import annotations


class NianbaoError(Exception):
    """Base class; ``code`` names the catalogue entry."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputNotFound(NianbaoError):
    code = "E001"


class UnsupportedFormat(NianbaoError):
    code = "E002"


class EmptyDocument(NianbaoError):
    code = "E003"


class UndecodableText(NianbaoError):
    code = "E004"


class BinaryInput(NianbaoError):
    code = "E005"


class CorruptDocument(NianbaoError):
    code = "E006"


class ScannedPDF(NianbaoError):
    """A PDF with pages but no text layer, and no OCR installed to read them."""

    code = "E008"


class DistributedUnavailable(NianbaoError):
    code = "E007"


class UnknownName(NianbaoError):
    """A registry lookup failed; the message lists what exists."""

    code = "E010"


class ModelNotFound(NianbaoError):
    code = "E020"


class ModelsDiffer(NianbaoError):
    """Models that cannot be averaged: other shape, vocabulary, bigram table or weights."""

    code = "E021"


MESSAGES = {
    "not_found": "找不到输入文件：{path}（No such file: {path}）",
    "unsupported": "不支持的文件格式 {suffix}：支持 {known}（Unsupported format {suffix}; supported: {known}）",
    "empty": "文件为空：{path}（Empty file）",
    "only_noise": "去除导出噪声后没有正文：{path}（Nothing but export noise, e.g. bookmarks and image links）",
    "binary": "文件不是文本，也不是可识别的 docx/pdf：{path}（Binary file that is not a readable docx/pdf）",
    "undecodable": "无法识别文件编码（已尝试 {tried}）：{path}（Could not decode text; tried {tried}）",
    "corrupt": "文件已损坏或无法解析：{path}：{reason}（Corrupt {fmt} file）",
    "scanned": "PDF 没有文字层（扫描件）：{path}。安装 Tesseract 及其中文数据后可用 OCR 读取（Debian/Ubuntu：apt-get install tesseract-ocr tesseract-ocr-chi-sim）（Scanned PDF with no text layer; install Tesseract with Chinese data to read it by OCR）",
    "worker_died": "处理该文件的进程意外终止（可能内存不足）：{path}（the worker process died, e.g. out of memory）",
    "no_dask": "使用 --scheduler 需要安装 Dask：pip install 'nianbao[dask]'（--scheduler needs dask.distributed）",
    "models_differ": "模型 {other} 与 {first} 的 {what} 不同，无法平均（{other} differs from {first} in {what}; cannot average them）",
    "unknown_name": "未知的{what}“{name}”，可选：{options}（Unknown {what} '{name}'; available: {options}）",
}


def corrupt(path: str, fmt: str, reason: str) -> CorruptDocument:
    """The error for a .docx/.pdf its parser library cannot read."""
    return CorruptDocument(MESSAGES["corrupt"].format(path=path, reason=reason, fmt=fmt))
