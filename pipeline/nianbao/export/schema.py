"""The JSON Schema of the contract record, and validation against it and its offsets."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        resources.files("nianbao.export").joinpath("doc.schema.json").read_text("utf-8")
    )
    return schema


def validate_record(record: dict[str, Any]) -> list[str]:
    """Problems with a record: schema violations, then spans whose text is not ``text[start:end]``."""
    from jsonschema import Draft202012Validator

    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
        for e in Draft202012Validator(load_schema()).iter_errors(record)
    ]
    # The offset checks read what the schema may already have reported missing: they
    # look only at the parts that are there, so a broken record gives messages, not a crash.
    given = record.get("text")
    text = given if isinstance(given, str) else ""
    for key in ("entities", "claims"):
        for item in _objects(record.get(key)):
            if _misplaced(text, item, "start", "end", "text"):
                problems.append(f"{key}/{item.get('id')}: text does not match text[start:end]")
            if key == "claims" and _misplaced(
                text, item, "indicator_start", "indicator_end", "indicator"
            ):
                problems.append(f"claims/{item.get('id')}: indicator does not match its offsets")
    for table in _objects(record.get("tables")):
        for row in _objects(table.get("rows")):
            for cell in _objects(row.get("cells")):
                if _misplaced(text, cell, "start", "end", "text"):
                    problems.append(
                        f"tables/{table.get('id')}: cell {cell.get('text')!r} offsets do not match"
                    )
    for case in _objects(record.get("cases")):
        if _misplaced(text, case, "title_start", "title_end", "title"):
            problems.append(f"cases/{case.get('id')}: title offsets do not match")
    return problems


def _misplaced(text: str, item: dict[str, Any], start: str, end: str, key: str) -> bool:
    """The item's offsets are there and integers, and ``text`` there is not ``item[key]``."""
    s, e = item.get(start), item.get(end)
    if not (isinstance(s, int) and isinstance(e, int)) or item.get(key) is None:
        return False
    return text[s:e] != item[key]


def _objects(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
