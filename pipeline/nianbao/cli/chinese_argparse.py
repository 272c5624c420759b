"""argparse that speaks Chinese first: its own errors, usage line and headings, bilingual.

argparse builds its messages from a fixed set of English templates; each is matched here
and given a Chinese sentence in front, the English kept in parentheses so a message can
still be searched for. Unknown templates (a future Python) pass through in English.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# (English template as argparse prints it, Chinese rendering). Groups carry the details.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
        (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
        (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
        (r"argument (\S+): expected at least one argument", r"参数 \1 至少需要一个值"),
        (r"argument (\S+): expected (\d+) arguments?", r"参数 \1 需要 \2 个值"),
        (
            r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
            r"参数 \1 的值 \2 无效，可选：\3",
        ),
        (r"argument (\S+): invalid (\w+) value: (.+)", r"参数 \1 的值 \3 不是有效的 \2"),
        (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
        (r"argument (\S+): ignored explicit argument (.+)", r"参数 \1 不接受值 \2"),
        (r"one of the arguments (.+) is required", r"必须给出其中一个参数：\1"),
        (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
        (r"invalid choice: (.+?) \(choose from (.+)\)", r"命令 \1 无效，可选：\2"),
    )
)

_HEADINGS = {
    "positional arguments": "位置参数 positional arguments",
    "options": "选项 options",
    "optional arguments": "选项 options",
}


def bilingual_error(message: str) -> str:
    """argparse's English message with its Chinese rendering in front."""
    for pattern, chinese in _ERRORS:
        match = pattern.fullmatch(message.strip())
        if match:
            return f"{match.expand(chinese)}（{message.strip()}）"
    return message


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs printed as written; usage and headings in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(
            usage, actions, groups, prefix="用法 usage: " if prefix is None else prefix
        )

    def start_section(self, heading: str | None) -> None:
        super().start_section(_HEADINGS.get(heading or "", heading))


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one bilingual line and exit status 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出（show this help）")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误 error: {bilingual_error(message)}\n")
