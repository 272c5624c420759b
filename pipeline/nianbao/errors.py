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


class NotAFile(NianbaoError):
    """A FIFO, a device, a socket: reading it could block or never end."""

    code = "E009"


class InputTooLarge(NianbaoError):
    code = "E011"


class DocumentTimeout(NianbaoError):
    code = "E012"


class DocumentMemoryLimit(NianbaoError):
    code = "E013"


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


class UnusableOutput(NianbaoError):
    """``-o`` names a folder, one of the inputs, or a place that cannot be written."""

    code = "E030"


class BadRunFile(NianbaoError):
    """A file given as a run's JSONL is missing, not JSON, or not contract records."""

    code = "E031"


class SchedulerUnreachable(NianbaoError):
    code = "E032"


class NothingToScore(NianbaoError):
    """No record of the run has a gold file: a score would be 0/0."""

    code = "E033"


class BadArgument(NianbaoError):
    code = "E034"


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
    "output_is_dir": "输出路径是一个文件夹：{path}；请给出文件名，如 {path}/out.jsonl（-o names a folder; give a file name）",
    "output_is_input": "输出文件 {path} 也是输入之一，会覆盖报告（-o is one of the inputs; it would be overwritten）",
    "output_unwritable": "无法写入输出文件 {path}：{reason}（cannot write the output）",
    "resume_needs_file": "--resume 需要 -o 文件（--resume needs -o FILE, not standard output）",
    "run_file_missing": "找不到运行结果文件：{path}（No such JSONL file）",
    "run_file_not_json": "{path} 第 {line} 行不是 JSON：{reason}（line {line} is not JSON）",
    "run_file_not_record": "{path} 第 {line} 行不是 nianbao 记录：{reason}（line {line} is not a nianbao record）",
    "scheduler_unreachable": "无法连接 Dask 调度器 {address}（{seconds} 秒内无响应）：{reason}（cannot reach the scheduler）",
    "nothing_to_score": "运行结果中没有任何文档与金标准文件对应（{gold} 个金标准文件都没有对应记录）；金标准按文件名对应：NAME.gold.json 对应 source 为 NAME 的记录（no record matches a gold file）",
    "bad_jobs": "-j/--jobs 必须至少为 1，收到 {jobs}（--jobs must be at least 1）",
    "not_a_file": "不是普通文件（{kind}），不读取：{path}（not a regular file; not read）",
    "too_large": "文件 {size} 超过上限 {limit}，未读取：{path}（over --max-bytes; not read）",
    "timeout": "处理超过 {seconds} 秒，已中止：{path}（over --max-seconds; stopped）",
    "memory_limit": "占用内存超过 {mib} MiB，已中止：{path}（over --max-memory; stopped）",
    "worker_failed": "工作进程无法启动：{reason}（a worker process could not start）",
    "memory_below_worker": "--max-memory {mib} MiB 小于工作进程加载后本身所占的 {rss} MiB，任何文档都无法处理；请调大（--max-memory is below what a loaded worker takes）",
    "docx_bomb": "docx 成员 {member} 解压后是压缩大小的 {ratio} 倍（压缩炸弹），未读取：{path}（a zip bomb; not read）",
    "docx_too_large": "docx 解压后过大（XML {xml}，全部 {total}；XML 上限 {limit}），未读取：{path}（inflates past the limits; not read）",
    "pdf_too_many_pages": "PDF 有 {pages} 页，超过上限 {limit} 页，未读取：{path}（too many pages; not read）",
    "loading_model": "加载模型（loading model）",
    "unknown_name": "未知的{what}“{name}”，可选：{options}（Unknown {what} '{name}'; available: {options}）",
}


def corrupt(path: str, fmt: str, reason: str) -> CorruptDocument:
    """The error for a .docx/.pdf its parser library cannot read."""
    return CorruptDocument(MESSAGES["corrupt"].format(path=path, reason=reason, fmt=fmt))
