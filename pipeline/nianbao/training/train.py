"""Training: sources → examples → the network, with a wall-clock cap and checkpoints."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import torch
from safetensors.torch import save_file
from torch import nn

from nianbao import defaults
from nianbao.model.bigrams import Bigrams, build_bigrams
from nianbao.model.labels import IGNORE
from nianbao.model.network import ExtractorNet, ModelSize, bert_config
from nianbao.model.softword import text_word_ids
from nianbao.model.vocab import Vocab, build_vocab
from nianbao.training.augment import with_glued_copies, with_swapped_copies
from nianbao.training.batches import (
    CLAIM_LABELS,
    DOMAIN_LABELS,
    GENERIC_LABELS,
    batch_plan,
    make_batch,
)
from nianbao.training.corrected import read_corrected_examples
from nianbao.training.examples import (
    Example,
    chunk_example,
    read_synth_jsonl,
    suffix_types,
    with_silver_domain,
)
from nianbao.training.msra import msra_path, read_msra
from nianbao.training.pretrained import lac_char_vectors, seed_embeddings
from nianbao.training.warm_start import earlier_model, load_earlier_weights

SOURCES = ("msra", "synth")
WARMUP_STEPS = 300
CHECKPOINT_SECONDS = 300
DEFAULT_SIZE = ModelSize(softword=True, lexicon=True, bigrams=defaults.TRAIN_BIGRAMS)
PRETRAINED = ("lac", "none")
MAX_VOCAB = 12000


def load_sources(
    sources: Sequence[str],
    work_dir: Path,
    *,
    seed: int,
    synth_docs: int,
    msra_limit: int | None,
    mention_copies: int = 0,
    glued_copies: int = 0,
    corrected: Sequence[Path] = (),
) -> tuple[list[Example], dict]:
    """Training examples of each named source and a record of what was read; ``corrected``
    are Label Studio / doccano files a person corrected (training/corrected.py)."""
    unknown = sorted(set(sources) - set(SOURCES))
    if unknown:
        raise ValueError(f"unknown training sources {unknown}; available: {list(SOURCES)}")
    examples: list[Example] = []
    record: dict = {}
    if "msra" in sources:
        path = msra_path("train")
        suffixes = suffix_types()
        read = list(read_msra(path))[:msra_limit]
        swapped = with_swapped_copies(read, mention_copies, seed)[len(read) :]
        glued = with_glued_copies(read, glued_copies, seed)[len(read) :]
        msra = [with_silver_domain(e, suffixes) for e in [*read, *swapped, *glued]]
        examples += msra
        record["msra"] = {
            "file": path.name,
            "sentences": len(read),
            "mention_swapped_copies": len(swapped),
            "glued_list_copies": len(glued),
            "labels": "PER/LOC/ORG gold for the generic head; silver domain labels (ORG typed "
            "by patterns/entity_suffixes.json, PER kept) for the domain head",
        }
    if "synth" in sources:
        from nianbao.synth import write_training_examples

        path = work_dir / f"synth_{seed}_{synth_docs}.jsonl"
        if not path.exists():
            write_training_examples(path, synth_docs, seed)
        synth = list(read_synth_jsonl(path))
        examples += synth
        record["synth"] = {"docs": synth_docs, "seed": seed, "sentences": len(synth)}
    for path in corrected:
        read = read_corrected_examples(Path(path))
        examples += read
        record.setdefault("corrected", []).append({"file": Path(path).name, "sentences": len(read)})
    return examples, record


def train_model(
    out_dir: Path,
    *,
    sources: Sequence[str] = SOURCES,
    epochs: int = defaults.TRAIN_EPOCHS,
    max_minutes: float = defaults.TRAIN_MAX_MINUTES,
    seed: int = defaults.TRAIN_SEED,
    device: str | None = None,
    size: ModelSize = DEFAULT_SIZE,
    synth_docs: int = defaults.TRAIN_SYNTH_DOCS,
    msra_limit: int | None = None,
    batch_size: int = 32,
    learning_rate: float = defaults.TRAIN_LEARNING_RATE,
    threads: int = 1,
    pretrained: str = "lac",
    init_from: Path | None = None,
    mention_copies: int = 0,
    glued_copies: int = 0,
    examples: Sequence[Example] | None = None,
    corrected: Sequence[Path] = (),
    log: Callable[[str], None] = print,
) -> Path:
    """Train (resuming ``out_dir/checkpoint.pt`` if present); returns ``out_dir``.

    From scratch, or from the weights and vocabulary of the model in ``init_from`` (same
    encoder shape; new input features start at zero effect, see ``warm_start``).
    ``mention_copies`` adds that many name-swapped copies of each MSRA sentence, and
    ``glued_copies`` that many copies of each MSRA sentence with a list, its separators
    removed (augment.py).
    ``examples`` replaces ``sources`` (tests train on a few invented sentences);
    ``corrected`` adds the examples of Label Studio / doccano files a person corrected.
    """
    out_dir = Path(out_dir)
    work_dir = out_dir / "work"
    work_dir.mkdir(parents=True, exist_ok=True)
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    started = time.monotonic()
    if examples is None:
        examples, record = load_sources(
            sources,
            work_dir,
            seed=seed,
            synth_docs=synth_docs,
            msra_limit=msra_limit,
            mention_copies=mention_copies,
            glued_copies=glued_copies,
            corrected=corrected,
        )
    else:
        record = {"given": {"sentences": len(examples)}}
    if pretrained not in PRETRAINED:
        raise ValueError(f"unknown pretrained vectors {pretrained!r}; choose from {PRETRAINED}")
    pieces = [p for e in examples for p in chunk_example(e, size.max_chars)]
    if size.softword or size.lexicon:
        pieces = [
            replace(p, softword=tuple(text_word_ids(p.text, lexicon=size.lexicon))) for p in pieces
        ]
    model, vocab, bigrams, seeded, start = _starting_model(
        examples, pieces, size, pretrained, init_from
    )
    model = model.to(device)
    log(
        f"{len(pieces)} pieces, vocabulary {len(vocab.keys)}, "
        f"bigrams {len(bigrams.keys) if bigrams else 0}, {start}"
    )
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    plans = [batch_plan(pieces, batch_size, seed + epoch) for epoch in range(epochs)]
    total_steps = sum(len(p) for p in plans)
    state = _resume(out_dir / "checkpoint.pt", model, optimiser)
    step, elapsed_before = state.get("step", 0), state.get("elapsed", 0.0)
    clock = time.monotonic()
    budget = max_minutes * 60
    last_checkpoint = clock
    losses: list[float] = []
    rng = random.Random(seed)
    model.train()
    stopped_early = False
    for epoch, plan in enumerate(plans):
        for position, indices in enumerate(plan):
            global_index = sum(len(p) for p in plans[:epoch]) + position
            if global_index < step:
                continue
            elapsed = elapsed_before + time.monotonic() - clock
            if elapsed >= budget:
                stopped_early = True
                break
            progress = max(step / total_steps, elapsed / budget)
            for group in optimiser.param_groups:
                group["lr"] = learning_rate * _schedule(step, progress)
            batch = make_batch([pieces[i] for i in indices], vocab, rng, bigrams).to(device)
            loss = _loss(model, batch)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            step += 1
            losses.append(loss.item())
            if step % 200 == 0:
                mean = sum(losses[-200:]) / len(losses[-200:])
                log(
                    f"epoch {epoch + 1} step {step}/{total_steps} loss {mean:.4f} {elapsed / 60:.1f} min"
                )
            if time.monotonic() - last_checkpoint > CHECKPOINT_SECONDS:
                _checkpoint(out_dir / "checkpoint.pt", model, optimiser, step, elapsed)
                last_checkpoint = time.monotonic()
        if stopped_early:
            break
    elapsed = elapsed_before + time.monotonic() - clock
    record = {
        "sources": record,
        "seed": seed,
        # A warm start reads no vectors: the earlier model's embeddings carry them.
        "pretrained_vectors": None
        if init_from is not None
        else {"source": pretrained, "rows_seeded": seeded},
        "initialised_from": Path(init_from).as_posix() if init_from is not None else None,
        "size": size.as_dict(),
        "batch_size": batch_size,
        "learning_rate": learning_rate,
        "epochs_planned": epochs,
        "steps": step,
        "steps_planned": total_steps,
        "stopped_by_time_cap": stopped_early,
        "training_minutes": round(elapsed / 60, 2),
        "wall_minutes_incl_data": round((time.monotonic() - started) / 60, 2),
        "device": device,
        "threads": threads if device == "cpu" else None,
        "final_loss": round(sum(losses[-200:]) / max(1, len(losses[-200:])), 4),
    }
    save_model(out_dir, model, vocab, size, record, bigrams)
    log(f"saved {out_dir} after {step} steps, {elapsed / 60:.1f} min")
    return out_dir


def save_model(
    out_dir: Path,
    model: ExtractorNet,
    vocab: Vocab,
    size: ModelSize,
    record: dict,
    bigrams: Bigrams | None = None,
) -> None:
    """Weights (safetensors), vocabulary, label maps, configuration and the training record."""
    # Half precision halves the file; loading widens it back to float32 (F1 unchanged).
    weights = {
        k: (v.half() if v.is_floating_point() else v).detach().to("cpu").contiguous()
        for k, v in model.state_dict().items()
    }
    save_file(weights, str(out_dir / "model.safetensors"))
    vocab.save(out_dir / "vocab.txt")
    if bigrams is not None:
        bigrams.save(out_dir / "bigrams.txt")
    labels = {"generic": GENERIC_LABELS, "domain": DOMAIN_LABELS, "claim": CLAIM_LABELS}
    write_json(out_dir / "labels.json", labels)
    write_json(out_dir / "config.json", {"size": size.as_dict(), "vocab_size": len(vocab.keys)})
    write_json(out_dir / "training.json", record)


def write_json(path: Path, data: dict) -> None:
    """A model folder's JSON files: UTF-8, sorted keys, indented, one final newline."""
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _starting_model(
    examples: Sequence[Example],
    pieces: Sequence[Example],
    size: ModelSize,
    pretrained: str,
    init_from: Path | None,
) -> tuple[ExtractorNet, Vocab, Bigrams | None, int, str]:
    """The network to train, its vocabulary and bigram table, seeded rows, and a log line."""
    bigrams = None
    if init_from is not None:
        vocab, earlier, bigrams = earlier_model(init_from)
        _check_same_encoder(earlier, size)
    if size.bigrams and bigrams is None:
        bigrams = build_bigrams((p.text for p in pieces), size.bigrams)
    if init_from is not None:
        model = _network(vocab, size, bigrams)
        fresh = load_earlier_weights(model, init_from)
        return (
            model,
            vocab,
            bigrams,
            0,
            f"weights of {init_from}; new: {', '.join(fresh) or 'none'}"
            + _stacking_note(earlier.layers, size.layers),
        )
    vectors = lac_char_vectors() if pretrained == "lac" else {}
    vocab = build_vocab((e.text for e in examples), max_size=MAX_VOCAB, pretrained=vectors)
    model = _network(vocab, size, bigrams)
    seeded = seed_embeddings(model.encoder.embeddings.word_embeddings, vocab, vectors)
    return model, vocab, bigrams, seeded, f"{seeded} vocabulary rows seeded ({pretrained})"


def _stacking_note(earlier: int, layers: int) -> str:
    """The log's words for the layers ``warm_start`` stacks on an earlier model."""
    if layers <= earlier:
        return ""
    if layers == earlier + 1:
        return f"; layer {layers} starts as a copy of layer {earlier}"
    return f"; layers {earlier + 1}-{layers} start as copies of layer {earlier}"


def _network(vocab: Vocab, size: ModelSize, bigrams: Bigrams | None) -> ExtractorNet:
    rows = len(bigrams.keys) if bigrams else 0
    return ExtractorNet(bert_config(len(vocab.keys), size), rows, size.bigram_dim)


def _check_same_encoder(earlier: ModelSize, size: ModelSize) -> None:
    shape = ("hidden", "heads", "intermediate", "max_chars")
    differs = [f for f in shape if getattr(earlier, f) != getattr(size, f)]
    if size.layers < earlier.layers:
        differs.append("layers")
    if differs:
        raise ValueError(
            f"cannot start from a model of another shape (differs in {differs}); "
            "only more layers than the earlier model's are allowed"
        )


def _schedule(step: int, progress: float) -> float:
    """Linear warm-up, then linear decay to 5% as steps or wall-clock run out."""
    warm = min(1.0, (step + 1) / WARMUP_STEPS)
    return warm * max(0.05, 1.0 - progress)


def _loss(model: ExtractorNet, batch) -> torch.Tensor:
    hidden, generic, domain, claim = model(batch.ids, batch.mask, batch.softword, batch.bigrams)
    cross_entropy = nn.functional.cross_entropy
    total = hidden.new_zeros(())
    for logits, gold in ((generic, batch.generic), (domain, batch.domain), (claim, batch.claim)):
        if (gold != IGNORE).any():
            total = total + cross_entropy(logits.flatten(0, 1), gold.flatten(), ignore_index=IGNORE)
    if batch.pairs.shape[0]:
        scores = model.score_pairs(hidden, batch.pairs)
        total = total + nn.functional.binary_cross_entropy_with_logits(scores, batch.pair_labels)
    return total


def _checkpoint(path: Path, model: ExtractorNet, optimiser, step: int, elapsed: float) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(
        {
            "model": model.state_dict(),
            "optimiser": optimiser.state_dict(),
            "step": step,
            "elapsed": elapsed,
        },
        tmp,
    )
    tmp.replace(path)


def _resume(path: Path, model: ExtractorNet, optimiser) -> dict:
    if not path.exists():
        return {}
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state["model"])
    optimiser.load_state_dict(state["optimiser"])
    return {"step": state["step"], "elapsed": state["elapsed"]}
