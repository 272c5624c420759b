"""Weight averaging of trained models (``nianbao average``)."""

from __future__ import annotations

import json

import pytest
from nianbao.model.tagging import Tagging

torch = pytest.importorskip("torch")

from nianbao.cli import main  # noqa: E402
from nianbao.errors import ModelNotFound, ModelsDiffer  # noqa: E402
from nianbao.model.infer import CharTagger  # noqa: E402
from nianbao.model.network import ExtractorNet, ModelSize, bert_config  # noqa: E402
from nianbao.model.vocab import build_vocab  # noqa: E402
from nianbao.training.average import average_models  # noqa: E402
from nianbao.training.train import save_model  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

SIZE = ModelSize(hidden=16, layers=1, heads=2, intermediate=32, max_chars=24)


def _saved(folder, seed: int, text: str = "李四在长风市工作。"):
    torch.manual_seed(seed)
    vocab = build_vocab([text, text])
    net = ExtractorNet(bert_config(len(vocab.keys), SIZE))
    folder.mkdir()
    save_model(folder, net, vocab, SIZE, {"seed": seed})
    return folder


def test_the_average_holds_the_mean_weights_and_loads(tmp_path):
    a, b = _saved(tmp_path / "a", 1), _saved(tmp_path / "b", 2)
    out = average_models(tmp_path / "mean", [a, b])
    wa, wb = (load_file(str(m / "model.safetensors")) for m in (a, b))
    mean = load_file(str(out / "model.safetensors"))
    name = "generic_head.weight"
    expected = ((wa[name].float() + wb[name].float()) / 2).half()
    assert torch.equal(mean[name], expected)
    assert (out / "vocab.txt").read_text() == (a / "vocab.txt").read_text()
    record = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert [r["training"]["seed"] for r in record["averaged_from"]] == [1, 2]
    assert_well_formed(CharTagger(out).tag("李四在长风市工作。", [(0, 9)]), 0, 9)


def test_models_of_another_vocabulary_or_missing_are_refused(tmp_path):
    a, b = _saved(tmp_path / "a", 1), _saved(tmp_path / "b", 2, text="王五读书。")
    # The vocabulary size is part of the configuration, so that is the first file to differ.
    with pytest.raises(ModelsDiffer, match=r"config\.json"):
        average_models(tmp_path / "mean", [a, b])
    with pytest.raises(ModelNotFound):
        average_models(tmp_path / "mean", [a, tmp_path / "nothing"])
    with pytest.raises(ValueError):
        average_models(tmp_path / "mean", [a])


def test_cli_average_writes_a_model_and_reports_a_mismatch(tmp_path, capsys):
    a, b = _saved(tmp_path / "a", 1), _saved(tmp_path / "b", 2)
    assert main(["average", "-o", str(tmp_path / "mean"), str(a), str(b)]) == 0
    assert (tmp_path / "mean" / "model.safetensors").is_file()
    other = _saved(tmp_path / "c", 3, text="王五读书。")
    assert main(["average", "-o", str(tmp_path / "bad"), str(a), str(other)]) == 2
    assert "E021" in capsys.readouterr().err
    assert main(["average", "-o", str(tmp_path / "one"), str(a)]) == 2


def assert_well_formed(tagging: Tagging, start: int, end: int) -> None:
    """Every span lies inside the tagged region with a probability score; pairs point at spans."""
    spans = [*tagging.generic, *tagging.domain, *tagging.quantities, *tagging.indicators]
    assert all(start <= s.start < s.end <= end and 0.0 <= s.score <= 1.0 for s in spans)
    assert all(0.0 <= p.score <= 1.0 for p in tagging.pairs)
