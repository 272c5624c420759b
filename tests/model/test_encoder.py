"""The plain-torch BERT encoder: BertModel's weight names, its function, no transformers import."""

from __future__ import annotations

import copy
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from nianbao.model.encoder import BertEncoder, EncoderConfig  # noqa: E402
from nianbao.model.infer import CharTagger  # noqa: E402
from nianbao.model.network import ExtractorNet, ModelSize, bert_config  # noqa: E402
from nianbao.model.softword import text_word_ids  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "models" / "ner-zh-char-v3"
SMALL = bert_config(
    40, ModelSize(hidden=16, layers=2, heads=4, intermediate=24, max_chars=10, lexicon=True)
)
SENTENCES = ("学校共有专任教师412人，其中双师型教师占比65.3%。", "生师比17.6:1", "近70家企业")


def _bert_model(config: EncoderConfig):
    """transformers' BertModel without pooler, of the same shape: what the weights came from."""
    transformers = pytest.importorskip("transformers")
    bert_config = transformers.BertConfig(
        vocab_size=config.vocab_size,
        hidden_size=config.hidden_size,
        num_hidden_layers=config.num_hidden_layers,
        num_attention_heads=config.num_attention_heads,
        intermediate_size=config.intermediate_size,
        max_position_embeddings=config.max_position_embeddings,
        type_vocab_size=config.type_vocab_size,
        hidden_dropout_prob=config.dropout,
        attention_probs_dropout_prob=config.dropout,
        layer_norm_eps=config.layer_norm_eps,
        pad_token_id=config.pad_token_id,
    )
    return transformers.BertModel(bert_config, add_pooling_layer=False).eval()


class _LastHiddenState(torch.nn.Module):
    """A BertModel called as ExtractorNet calls its encoder."""

    def __init__(self, bert) -> None:
        super().__init__()
        self.bert = bert
        self.embeddings = bert.embeddings

    def forward(self, **inputs):
        return self.bert(**inputs).last_hidden_state


def _shapes(module) -> dict[str, tuple[int, ...]]:
    return {key: tuple(value.shape) for key, value in module.state_dict().items()}


def test_encoder_has_bertmodels_state_dict_keys_and_shapes():
    assert _shapes(BertEncoder(SMALL)) == _shapes(_bert_model(SMALL))


@pytest.mark.parametrize("padded", [False, True])
@pytest.mark.parametrize("with_types", [False, True])
def test_encoder_computes_what_bertmodel_computes(padded, with_types):
    torch.manual_seed(0)
    ours = BertEncoder(SMALL).eval()
    # Random everywhere, LayerNorm included: its initial ones and zeros would hide a mix-up.
    weights = {k: torch.randn_like(v) * 0.3 for k, v in ours.state_dict().items()}
    ours.load_state_dict(weights, strict=True)
    theirs = _bert_model(SMALL)
    theirs.load_state_dict(weights, strict=True)
    embeds = torch.randn(3, 12, SMALL.hidden_size)
    mask = torch.ones(3, 12, dtype=torch.long)
    if padded:
        mask[0, 5:] = 0
        mask[2, 9:] = 0
    types = torch.randint(0, SMALL.type_vocab_size, (3, 12)) if with_types else None
    inputs = {"inputs_embeds": embeds, "attention_mask": mask, "token_type_ids": types}
    with torch.no_grad():
        expected = theirs(**inputs).last_hidden_state
        got = ours(**inputs)
    assert (got - expected).abs().max().item() <= 1e-5


def test_encoder_drops_out_only_while_training():
    torch.manual_seed(0)
    encoder = BertEncoder(replace(SMALL, dropout=0.5))
    embeds = torch.randn(2, 8, SMALL.hidden_size)
    with torch.no_grad():
        assert not torch.equal(encoder(embeds), encoder(embeds))
        encoder.eval()
        assert torch.equal(encoder(embeds), encoder(embeds))


def test_config_refuses_heads_that_do_not_divide_the_width():
    with pytest.raises(ValueError, match="num_attention_heads"):
        replace(SMALL, num_attention_heads=3)


def test_committed_model_loads_with_strict_key_matching():
    tagger = CharTagger(COMMITTED)
    committed = load_file(str(COMMITTED / "model.safetensors"))
    net = ExtractorNet(tagger.network.config, len(tagger.bigrams.keys), tagger.size.bigram_dim)
    result = net.load_state_dict(committed, strict=True)
    assert not result.missing_keys and not result.unexpected_keys
    assert {k: tuple(v.shape) for k, v in committed.items()} == _shapes(net)


def _windows(tagger: CharTagger) -> tuple[torch.Tensor, ...]:
    """Ids, mask, token types and bigrams of SENTENCES as one padded batch, as ``_run`` builds it."""
    width = max(len(s) for s in SENTENCES) + 2
    ids, mask, types, bigrams = [], [], [], []
    for text in SENTENCES:
        pad = width - len(text) - 2
        ids.append(tagger.vocab.encode(text) + [tagger.vocab.pad_id] * pad)
        mask.append([1] * (len(text) + 2) + [0] * pad)
        types.append([0, *text_word_ids(text, lexicon=True), 0] + [0] * pad)
        bigrams.append(tagger.bigrams.encode(text) + [(0, 0)] * pad)
    return tuple(torch.tensor(rows) for rows in (ids, mask, types, bigrams))


def test_committed_model_logits_match_bertmodels():
    tagger = CharTagger(COMMITTED)
    reference = copy.deepcopy(tagger.network)
    bert = _bert_model(tagger.network.config)
    bert.load_state_dict(tagger.network.encoder.state_dict(), strict=True)
    reference.encoder = _LastHiddenState(bert)
    windows = _windows(tagger)
    assert windows[1].min() == 0  # some rows are padded
    with torch.no_grad():
        got, expected = tagger.network(*windows), reference(*windows)
    for ours, theirs in zip(got, expected, strict=True):
        assert (ours - theirs).abs().max().item() <= 1e-5
    for ours, theirs in zip(got[1:], expected[1:], strict=True):
        assert torch.equal(ours.argmax(-1), theirs.argmax(-1))


def test_tagging_with_the_committed_model_never_imports_transformers():
    script = (
        "import sys\n"
        "from nianbao.model.infer import load_tagger\n"
        f"tagging = load_tagger({str(COMMITTED)!r}).tag('生师比17.6:1', [(0, 9)])\n"
        "assert tagging.quantities, tagging\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'transformers')\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
