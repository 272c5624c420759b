"""Commands that read a run's JSONL: score, report, validate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nianbao.errors import MESSAGES, BadRunFile, InputNotFound, NothingToScore


def add_commands(sub: argparse._SubParsersAction) -> None:
    for add in (_add_score, _add_report, _add_export, _add_validate):
        add(sub)


def _add_score(sub: argparse._SubParsersAction) -> None:
    score = sub.add_parser(
        "score",
        help="score annotated JSONL against gold files（对照金标准评分）",
        description="Score a JSONL run against gold annotation files (../shared/dev-gold/SCHEMA.md format). "
        "Gold files are matched to records by file name: NAME.gold.json scores the record whose source is NAME.",
    )
    score.add_argument("jsonl", help="output of `nianbao run`")
    score.add_argument(
        "gold",
        nargs="+",
        help="金标准：*.gold.json 文件或其文件夹，或 Label Studio / doccano 导出的人工校对文件"
        "（gold files, folders of *.gold.json, or corrected Label Studio / doccano exports）",
    )
    score.add_argument("--json", action="store_true", help="print the scores as JSON")
    score.add_argument("--misses", action="store_true", help="also list missed and spurious items")
    score.set_defaults(func=cmd_score)


def _add_report(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser(
        "report",
        help="readable findings report for auditors（生成核查报告 HTML/CSV）",
        description="Turn a JSONL run into one HTML page listing every finding with both sides in context, "
        "and optionally a CSV with one row per finding.",
    )
    report.add_argument("jsonl", help="output of `nianbao run`")
    report.add_argument("-o", "--output", required=True, help="HTML file to write")
    report.add_argument("--csv", metavar="FILE", help="also write the findings as CSV")
    report.set_defaults(func=cmd_report)


def _add_export(sub: argparse._SubParsersAction) -> None:
    from nianbao.export.formats import FORMATS, format_names

    export = sub.add_parser(
        "export",
        help="把运行结果导出为其他工具的格式（export a run for other tools）",
        description="格式 formats:\n"
        + "\n".join(f"  {n}: {FORMATS[n].description}" for n in format_names()),
    )
    export.add_argument("jsonl", help="nianbao run 的输出（the JSONL written by nianbao run）")
    # No choices=: an unknown format gets the registry's bilingual message with the list.
    export.add_argument(
        "-f",
        "--format",
        required=True,
        metavar="FORMAT",
        help="导出格式：" + "、".join(format_names()) + "（export format）",
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="输出文件；csv 为文件夹（output file; a folder for csv）",
    )
    export.add_argument(
        "--doc",
        metavar="SOURCE",
        help="只导出这一篇（源路径、文件名或 doc_id）；displacy 默认第一篇（only this document）",
    )
    export.set_defaults(func=cmd_export)


def _add_validate(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser(
        "validate", help="check JSONL against the contract schema（校验输出格式）"
    )
    validate.add_argument("jsonl")
    validate.set_defaults(func=cmd_validate)


def cmd_score(args: argparse.Namespace) -> int:
    from nianbao.scoring.score import format_report, score_run

    gold_paths = [Path(g) for g in args.gold]
    for g in gold_paths:
        if not g.exists():
            raise InputNotFound(MESSAGES["not_found"].format(path=g))
    report = score_run(Path(args.jsonl), gold_paths)
    if not report.docs:
        raise NothingToScore(MESSAGES["nothing_to_score"].format(gold=len(report.missing)))
    if args.json:
        import json

        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, misses=args.misses))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from nianbao.export.audit import render_html
    from nianbao.export.contract import read_jsonl
    from nianbao.export.tabular import write_findings_csv

    records = list(read_jsonl(args.jsonl))
    Path(args.output).write_text(render_html(records), encoding="utf-8")
    if args.csv:
        summary = write_findings_csv(records, Path(args.csv))
        print(summary.line(), file=sys.stderr)
    print(f"已写出核查页面 {args.output}（{len(records)} 篇文档 documents）", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from nianbao.export.contract import read_jsonl
    from nianbao.export.formats import write_export

    summary = write_export(read_jsonl(args.jsonl), args.format, Path(args.output), doc=args.doc)
    print(summary.line(), file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from nianbao.export.contract import read_jsonl
    from nianbao.export.schema import validate_record

    bad = records = 0
    for n, record in enumerate(read_jsonl(args.jsonl), 1):
        records += 1
        for problem in validate_record(record):
            bad += 1
            print(f"第 {n} 行 line {n} ({record.get('source')}): {problem}")
    if not records:
        raise BadRunFile(f"{args.jsonl} 中没有记录（no records in the file）")
    if bad:
        print(
            f"不合格 INVALID：{records} 条记录中 {bad} 处问题（{bad} problem(s)）", file=sys.stderr
        )
        return 1
    print(
        f"通过 OK：{records} 条记录符合 nianbao.doc/1（{records} record(s) valid）", file=sys.stderr
    )
    return 0
