"""A file corrected in an annotation tool, told apart by its content: Label Studio or doccano."""

from __future__ import annotations

import json
from pathlib import Path

from nianbao.export.annotation import CorrectedDoc
from nianbao.export.doccano import is_doccano, read_doccano
from nianbao.export.label_studio import corrected_docs, is_label_studio


def read_corrections(path: Path) -> list[CorrectedDoc] | None:
    """The documents of a Label Studio JSON export or a doccano JSONL export; ``None`` when
    ``path`` is neither (a gold file, a nianbao run, anything else)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None  # JSONL has one value per line: doccano's, or none of ours
    if data is not None and is_label_studio(data):
        return corrected_docs(data)
    if is_doccano(path):
        return read_doccano(path)
    return None
