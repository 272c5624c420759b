"""nianbao: read 质量年报 and check what they say against their own tables."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

if TYPE_CHECKING:
    from nianbao.data import AnnotatedDoc
    from nianbao.run import RunOptions

from nianbao.defaults import VERSION as __version__

__all__ = ["__version__", "annotate"]


def annotate(path: str, options: RunOptions | None = None) -> AnnotatedDoc:
    """Annotate one report file; a file that cannot be read gives ``status == "error"``."""
    from nianbao.run import RunOptions, annotate_path

    return annotate_path(path, options or RunOptions())
