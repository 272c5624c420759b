"""The one jieba set-up: the domain words' tags are there from the first look-up."""

from __future__ import annotations

import subprocess
import sys


def test_domain_word_tags_do_not_wait_for_a_first_tagging() -> None:
    # a fresh process: no stage has tagged a phrase yet (jieba moves user tags in lazily)
    code = "from nianbao.text.words import word_pos; print(word_pos().get('职教中心'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "n"
