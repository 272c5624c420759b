"""The Python API a researcher starts from: a string or a path in, a contract record out;
every public module importable on its own."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import nianbao
import pytest
from nianbao.export.schema import validate_record

PACKAGE = Path(nianbao.__file__).parent
TEXT = "2024年，学校共有全日制在校生1200人，毕业生300人，就业率98.5%。\n"


def test_annotate_a_string_gives_a_valid_record() -> None:
    doc = nianbao.annotate(
        text=TEXT, source="inline.txt", options=nianbao.RunOptions(use_model=False)
    )
    record = nianbao.to_record(doc)
    assert record["status"] == "ok" and record["source"] == "inline.txt"
    assert {c["value"] for c in record["claims"]} >= {1200, 300, 98.5}
    assert validate_record(record) == []


def test_a_string_and_the_same_file_give_the_same_annotations(tmp_path: Path) -> None:
    path = tmp_path / "same.txt"
    path.write_text(TEXT, encoding="utf-8")
    options = nianbao.RunOptions(use_model=False)
    from_text = nianbao.to_record(nianbao.annotate(text=TEXT, source=str(path), options=options))
    from_file = nianbao.to_record(nianbao.annotate(path, options=options))
    for key in ("text", "claims", "tables", "findings", "entities"):
        assert from_text[key] == from_file[key], key


def test_an_empty_string_is_an_error_record_not_an_exception() -> None:
    record = nianbao.to_record(nianbao.annotate(text="   \n"))
    assert record["status"] == "error" and record["error"]["type"] == "EmptyDocument"


def test_path_and_text_together_are_refused() -> None:
    with pytest.raises(TypeError):
        nianbao.annotate("x.txt", text=TEXT)
    with pytest.raises(TypeError):
        nianbao.annotate()


def _public_modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages([str(PACKAGE)], prefix="nianbao.")
        if not any(part.startswith("_") for part in m.name.split(".")[1:])
    )


# Runs in a fresh interpreter that has imported no nianbao module: the heavy libraries are
# loaded once, then each module is imported in a forked child of its own, so each one
# meets an empty nianbao and an import that only works after another module shows up.
_IMPORT_EACH = """
import importlib, os, sys, traceback
for lib in ("torch", "transformers", "spacy", "jieba", "pdfplumber", "docx"):
    importlib.import_module(lib)
assert not any(m.startswith("nianbao") for m in sys.modules)
failed = 0
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            print(name, traceback.format_exc(limit=2), flush=True)
            os._exit(1)
        os._exit(0)
    failed += os.waitpid(pid, 0)[1] != 0
sys.exit(1 if failed else 0)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_every_public_module_imports_on_its_own() -> None:
    modules = _public_modules()
    assert len(modules) > 50
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, *modules], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
