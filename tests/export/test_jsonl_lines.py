"""A record is one line for every reader: the Unicode line separators a report may hold
(a PDF's U+2028, a Windows export's U+0085) are escaped, and file names that are not UTF-8
are written with \\u escapes; both read back to the same record."""

from __future__ import annotations

import json

import nianbao
from nianbao.export.contract import dumps

SEPARATED = "2024年，学校共有在校生1200人。\u2028毕业生300人。\x85就业率98.5%。\u2029\n"


def test_line_separators_in_the_text_keep_the_record_on_one_line() -> None:
    record = nianbao.to_record(
        nianbao.annotate(text=SEPARATED, options=nianbao.RunOptions(use_model=False))
    )
    line = dumps(record)
    assert len(line.splitlines()) == 1 and "\n" not in line
    assert json.loads(line) == record
    assert "\u2028" in record["text"] or "\u2029" in record["text"] or "\x85" in record["text"]


def test_a_source_that_is_not_utf8_is_escaped_and_reads_back() -> None:
    record = {"source": "bad-\udcff-name.txt", "text": "学校\u2028"}
    line = dumps(record)
    line.encode("utf-8")
    assert len(line.splitlines()) == 1
    assert json.loads(line) == record
