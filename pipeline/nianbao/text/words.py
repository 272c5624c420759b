"""The one jieba set-up every stage uses: jieba's dictionary plus the domain words
(``resources/jieba_domain.txt``), for word spans, part-of-speech tags and frequencies.
jieba is imported lazily, on first use.

Word spans come from jieba-next where it is installed: the same dictionary and the same
algorithm (DAG, max-probability route, HMM for unknown words) with the route search in Rust,
about 2.7 times faster here, and the same spans on every dev and synthetic report
(``tests/text/test_words.py`` checks this). Plain jieba stays the fallback, the tagger and the
benchmark's yardstick."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    return _load_domain_words(_new_tokenizer())


def _new_tokenizer() -> Any:
    import logging

    try:
        import jieba_next as engine
    except ImportError:  # an install without the Rust wheel: the same spans, slower
        import jieba as engine
    # jieba-next renamed jieba's setLogLevel (the old name still works, with a warning)
    set_level = getattr(engine, "set_log_level", None) or engine.setLogLevel
    set_level(logging.WARNING)
    return engine.Tokenizer()


def _load_domain_words(tokenizer: Any) -> Any:
    path = resources.files("nianbao.resources").joinpath("jieba_domain.txt")
    with resources.as_file(path) as p:
        tokenizer.load_userdict(str(p))
    return tokenizer


def tokenize(text: str) -> tuple[tuple[int, int], ...]:
    """jieba word spans over ``text`` (whitespace runs are dropped)."""
    return tuple((s, e) for word, s, e in _tokenizer().tokenize(text, HMM=True) if word.strip())


def word_frequency(word: str) -> int:
    """How often jieba's dictionaries (with the domain words) count ``word``; 0 when unknown."""
    tokenizer = _tokenizer()
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(word, 0)


@lru_cache(maxsize=1)
def word_pos() -> dict[str, str]:
    """jieba's dictionary part-of-speech tag per word ("v" verb, "ns" place name, …), the
    domain words' own tags included (jieba moves them in only on its first tagging: without
    this a stage's tags would depend on whether another stage had tagged a phrase first)."""
    tokenizer = _pos_tokenizer()
    tokenizer.makesure_userdict_loaded()
    return tokenizer.word_tag_tab


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    import jieba
    import jieba.posseg

    # The tagger reads its tag table from the file of the tokenizer it is built with, and
    # reads it as jieba's bytes, which jieba-next's text-mode file is not: build it on a plain
    # (never initialised, so cheap) jieba tokenizer, then let it cut with the shared one, whose
    # dictionary, frequencies and domain words' tags are the same.
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    tagger.tokenizer = _tokenizer()
    return tagger


@lru_cache(maxsize=8192)
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech flags for a short phrase, with the domain words."""
    return tuple((pair.word, pair.flag) for pair in _pos_tokenizer().cut(text))
