"""The one jieba set-up: the domain words' tags are there from the first look-up, and the
Rust tokenizer gives plain jieba's spans and tags."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from nianbao.synth import generate_report
from nianbao.text import words
from nianbao.text.words import _load_domain_words

REPO = Path(__file__).resolve().parents[2]


def test_domain_word_tags_do_not_wait_for_a_first_tagging() -> None:
    # a fresh process: no stage has tagged a phrase yet (jieba moves user tags in lazily)
    code = "from nianbao.text.words import word_pos; print(word_pos().get('职教中心'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "n"


def _plain_jieba() -> tuple[Any, Any]:
    """jieba itself with the same domain words: the reference the shared set-up must equal."""
    import jieba
    import jieba.posseg

    tokenizer = _load_domain_words(jieba.Tokenizer())
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


def _texts(shared: Path | None) -> list[str]:
    paths = sorted((REPO / "corpora" / "sample").glob("*.txt"))
    if shared is not None:
        paths += sorted((shared / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return texts + [generate_report(seed=7, index=i).text for i in range(3)]


def _spans_and_tags_match(texts: list[str]) -> None:
    plain, plain_tagger = _plain_jieba()
    for text in texts:
        want = tuple((s, e) for w, s, e in plain.tokenize(text, HMM=True) if w.strip())
        assert words.tokenize(text) == want
        # the tagger sees short phrases (names, labels): every clause of the text
        for clause in [c for c in re.split(r"[，。；：、\s（）()]+", text) if c][::7]:
            want_tags = tuple((p.word, p.flag) for p in plain_tagger.cut(clause))
            assert words.tagged_words(clause) == want_tags, clause


def test_word_spans_and_tags_equal_plain_jiebas_on_sample_and_generated_reports() -> None:
    _spans_and_tags_match(_texts(None))


def test_word_spans_and_tags_equal_plain_jiebas_on_the_dev_reports(shared_dir: Path) -> None:
    _spans_and_tags_match(_texts(shared_dir))


def test_the_shared_tokenizer_is_the_rust_one_when_installed() -> None:
    # jieba-next is a dependency: falling back to plain jieba silently would cost 2.7x in segmenting
    assert type(words._tokenizer()).__module__.startswith("jieba_next")
