"""The one jieba set-up every stage uses: jieba's dictionary plus the domain words
(``resources/jieba_domain.txt``), for word spans, part-of-speech tags and frequencies.
jieba is imported lazily, on first use."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
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
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


@lru_cache(maxsize=8192)
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech flags for a short phrase, with the domain words."""
    return tuple((pair.word, pair.flag) for pair in _pos_tokenizer().cut(text))
