"""nianbao: read 质量年报 and check what they say against their own tables."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

if TYPE_CHECKING:
    from nianbao.data import AnnotatedDoc
    from nianbao.run import RunOptions

from nianbao.defaults import VERSION as __version__

__all__ = ["RunOptions", "__version__", "annotate", "to_record"]


def annotate(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    source: str | None = None,
    options: RunOptions | None = None,
) -> AnnotatedDoc:
    """Annotate one report: a file (``annotate("r.docx")``) or a string (``annotate(text=...)``).

    A document that cannot be read gives ``status == "error"`` with the reason, never an
    exception; ``nianbao.to_record(doc)`` turns the result into the JSONL contract's dict.
    ``source`` names a string's document in the record (default ``"<text>"``).
    """
    from nianbao.run import RunOptions, annotate_path, annotate_text

    if (path is None) == (text is None):
        raise TypeError("annotate() 需要 path 或 text 之一（give either a path or text=...）")
    if text is not None:
        return annotate_text(text, source or "<text>", options or RunOptions())
    return annotate_path(os.fspath(path), options or RunOptions())  # type: ignore[arg-type]


def __getattr__(name: str) -> Any:
    # RunOptions and to_record load on first use, so `import nianbao` stays light.
    if name == "RunOptions":
        from nianbao.run import RunOptions

        return RunOptions
    if name == "to_record":
        from nianbao.export.contract import to_record

        return to_record
    raise AttributeError(f"module 'nianbao' has no attribute {name!r}")
