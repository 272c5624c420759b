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
    text = record.get("text") or ""
    for key in ("entities", "claims"):
        for item in record.get(key) or []:
            if text[item["start"] : item["end"]] != item["text"]:
                problems.append(f"{key}/{item['id']}: text does not match text[start:end]")
            if (
                key == "claims"
                and item.get("indicator") is not None
                and item.get("indicator_start") is not None
            ):
                if text[item["indicator_start"] : item["indicator_end"]] != item["indicator"]:
                    problems.append(f"claims/{item['id']}: indicator does not match its offsets")
    for table in record.get("tables") or []:
        for row in table["rows"]:
            for cell in row["cells"]:
                if "start" in cell and text[cell["start"] : cell["end"]] != cell["text"]:
                    problems.append(
                        f"tables/{table['id']}: cell {cell['text']!r} offsets do not match"
                    )
    for case in record.get("cases") or []:
        if "title_start" in case and text[case["title_start"] : case["title_end"]] != case["title"]:
            problems.append(f"cases/{case['id']}: title offsets do not match")
    return problems
