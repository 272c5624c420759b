"""The ``nianbao`` command line.

Every failure a user can cause ends in one bilingual line on standard error and a
non-zero exit status, never a traceback: nianbao's own errors (exit 2), argparse's
(exit 2, in Chinese), an interrupt (130), and anything unexpected (exit 1, with the
traceback only when ``NIANBAO_DEBUG=1``).
"""

from __future__ import annotations

import os
import sys

from nianbao import __version__  # importing the package sets HF_HUB_OFFLINE=1
from nianbao.cli import model_commands, report_commands, run_command
from nianbao.cli.chinese_argparse import ChineseArgumentParser
from nianbao.errors import NianbaoError

DESCRIPTION = """\
nianbao 读取中等职业教育质量年度报告（质量年报），抽取表格、案例和数值陈述，输出带标注的 JSONL。
nianbao reads Chinese vocational-education annual quality reports (质量年报) and writes one
annotated JSON line per report: tables with every cell, case studies, numeric claims.
"""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        result: int = args.func(args)
        return result
    except NianbaoError as e:
        print(f"nianbao: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("nianbao: 已中断（interrupted）", file=sys.stderr)
        return 130
    except Exception as e:  # the last guard: a bug must still read as one line
        if os.environ.get("NIANBAO_DEBUG"):
            raise
        print(
            f"nianbao: 内部错误 {type(e).__name__}: {e}（internal error; "
            "设 NIANBAO_DEBUG=1 重新运行可看到完整信息 / rerun with NIANBAO_DEBUG=1 for the traceback）",
            file=sys.stderr,
        )
        return 1


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="nianbao", description=DESCRIPTION)
    parser.add_argument(
        "--version", action="version", version=f"nianbao {__version__}", help="显示版本（version）"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令 commands")
    run_command.add_commands(sub)
    report_commands.add_commands(sub)
    model_commands.add_commands(sub)
    return parser
