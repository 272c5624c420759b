"""The ground-truth file of a synthetic report, in the dev-gold format of ``SCHEMA.md``, and a
checker for that format.

Table rows are named as in the dev gold: the printed label without leading spaces (``其中：``
and ``*`` kept); a unit-only continuation row is its parent's label with the unit in brackets
(``教学计划内课程总数(学时)``); a repeated label gets its context in brackets
(``其中：国家级数量(专业教学资源库)``)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from nianbao.data import FINDING_TYPES
from nianbao.synth.plant import FindingSpec, Planting, Usage
from nianbao.synth.render import ClaimSpan, Rendered
from nianbao.synth.sentences import fact_phrases
from nianbao.synth.spec import ClaimSpec, Plan, TableBlock, TableSpec
from nianbao.text.numbers import to_json_number

ENTITY_KEYS = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG")
# The gold schema also knows table_internal_other (no contract type: the pipeline never emits it).
GOLD_FINDING_TYPES = (*FINDING_TYPES, "table_internal_other")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")


def find_quote(text: str, quote: str, occurrence: int = 1) -> int:
    """Where the ``occurrence``-th (1-based) copy of ``quote`` starts, or -1."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos


def _locate(text: str, start: int, end: int) -> dict:
    """``quote`` and, when it is not unique, its ``occurrence``."""
    quote = text[start:end]
    count, pos, mine = 0, -1, 0
    while True:
        pos = text.find(quote, pos + 1)
        if pos < 0:
            break
        count += 1
        if pos == start:
            mine = count
    return {"quote": quote, "occurrence": mine} if count > 1 else {"quote": quote}


def _number(value: Decimal) -> int | float:
    return to_json_number(value)


def gold_document(plan: Plan, planting: Planting, rendered: Rendered, doc: str) -> dict:
    """The gold annotation of one rendered report."""
    text = rendered.text
    usage = Usage(plan)
    return {
        "doc": doc,
        "level": plan.level,
        "reporting_entity": plan.reporter,
        "report_year": str(plan.year),
        "tables": [
            _table(plan.tables[b.key], planting, rendered)
            for b in plan.blocks
            if isinstance(b, TableBlock)
        ],
        "case_titles": [
            {"number": n, "title": t, **_title_quote(text, s, e)} for n, t, s, e in rendered.cases
        ],
        "entities": _entities(rendered),
        "claims": [_claim(plan.claims[cid], span, text) for cid, span in rendered.claims.items()],
        "findings": [
            _finding(i, f, plan, rendered) for i, f in enumerate(planting.findings, start=1)
        ],
        "consistent": _consistent(plan, planting, usage, rendered),
    }


def _title_quote(text: str, start: int, end: int) -> dict:
    located = _locate(text, start, end)
    return {"title_quote": located.pop("quote"), **located}


def _table(table: TableSpec, planting: Planting, rendered: Rendered) -> dict:
    start, end = rendered.captions[table.key]
    cells = []
    for row in table.rows:
        for cell in row.printed:
            if isinstance(cell, str):
                continue
            value = planting.values.get(cell.id, cell.value)
            cells.append(
                {
                    "row": row.gold_label,
                    "col": cell.col,
                    "text": rendered.cells[cell.id],
                    "value": _number(value),
                    "unit": cell.unit,
                }
            )
    return {
        "anchor": table.anchor,
        "title": rendered.titles[table.key],
        **_title_quote(rendered.text, start, end),
        "appendix": table.appendix,
        "columns": list(table.columns or table.header),
        "n_data_rows": len(table.rows),
        "cells": cells,
    }


def _entities(rendered: Rendered) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {k: [] for k in ENTITY_KEYS}
    for _, _, kind, name in rendered.entities:
        if kind in found and name not in found[kind]:
            found[kind].append(name)
    return found


def _claim(claim: ClaimSpec, span: ClaimSpan, text: str) -> dict:
    value = span.value * (10000 if claim.multiplier == "万" else 1)
    return {
        **_locate(text, *span.quote),
        "number_text": span.number_text,
        "value": _number(value),
        "unit": claim.gold_unit,
        "qualifier": claim.qualifier,
        "indicator": claim.indicator,
        "period": claim.gold_period,
        "subject": claim.subject,
    }


def _side_span(side: tuple[str, str], rendered: Rendered) -> tuple[int, int] | None:
    kind, key = side
    if kind == "claim":
        return rendered.claims[key].quote
    if kind == "title":
        return rendered.captions[key]
    if kind == "date":
        return rendered.dates[key]
    if kind == "ref":
        return rendered.refs[key]
    if kind == "trend":
        return rendered.trends[key]
    return rendered.row_lines.get(key)  # a cell: its row line where rows are printed on one line


def _finding(i: int, finding: FindingSpec, plan: Plan, rendered: Rendered) -> dict:
    span = _side_span(finding.first, rendered)
    assert span is not None
    out = {
        "id": f"G{i}",
        "type": finding.type,
        "severity": finding.severity,
        **_locate(rendered.text, *span),
        "claimed": _number(finding.claimed),
        "reference": _number(finding.reference),
        "reference_where": finding.reference_where,
    }
    ref_span = _side_span(finding.reference_side, rendered) if finding.reference_side else None
    if ref_span is not None:
        located = _locate(rendered.text, *ref_span)
        out["reference_quote"] = located["quote"]
        if "occurrence" in located:
            out["reference_occurrence"] = located["occurrence"]
    out["explanation"] = finding.explanation
    return out


def _consistent(plan: Plan, planting: Planting, usage: Usage, rendered: Rendered) -> list[dict]:
    out = []
    for cid, span in rendered.claims.items():
        claim = plan.claims[cid]
        if cid in planting.touched or cid in planting.values:
            continue
        where = _check_where(claim, usage, planting, rendered)
        if where:
            value = span.value * (10000 if claim.multiplier == "万" else 1)
            out.append(
                {
                    **_locate(rendered.text, *span.quote),
                    "value": _number(value),
                    "reference_where": where,
                }
            )
    return out


def _check_where(
    claim: ClaimSpec, usage: Usage, planting: Planting, rendered: Rendered
) -> str | None:
    """Where a careful reader checks the claim, if anywhere; ``None`` when a planted change interferes."""
    checks = usage.claim_checks(claim)
    ref = (claim.key, claim.period)
    touched = planting.touched | set(planting.values)
    if any(c.id in touched for c in usage.claims.get(ref, [])) or any(
        cell.id in touched for _, cell in usage.cells.get(ref, [])
    ):
        return None
    if any(other.id in touched for r in claim.operands for other in usage.claims.get(r, [])):
        return None
    if "table" in checks:
        table, cell = usage.cells[ref][0]
        return f"{table.anchor} {table.row_of(cell.id).gold_label} {cell.col} = {cell.text}"
    if "arithmetic" in checks:
        parts = []
        for r in claim.operands:
            cells = usage.cells.get(r)
            if cells:
                table, cell = cells[0]
                parts.append(
                    f"{table.anchor} {table.row_of(cell.id).gold_label} {cell.col} = {cell.text}"
                )
            else:
                other = usage.claims[r][0]
                parts.append(f"正文 {rendered.text[slice(*rendered.claims[other.id].quote)]}")
        return f"{claim.relation}: " + "; ".join(parts)
    if "repeat" in checks:
        other = next(c for c in usage.claims[ref] if c.id != claim.id)
        return (
            f"正文 {rendered.text[slice(*rendered.claims[other.id].quote)]} (narrative-narrative)"
        )
    trap = fact_phrases()["free"][claim.key].get("scope_trap") if claim.role == "free" else None
    if trap:
        # the city's figure cited in a school's report, or teachers of a partner school at
        # home where the annex counts visitors from abroad: a careful reader compares it with
        # nothing of the school's table, and a finding on it is a false alarm
        return trap if isinstance(trap, str) else "正文 全市的数字，不是本校的 (scope)"
    return None


def dump_gold(gold: dict) -> str:
    """The gold file's text: one line per table cell, claim, finding and entity type, so that
    files stay small and diffs readable; ``json.loads`` reads it back unchanged."""

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def item(value: object) -> str:
        if isinstance(value, dict) and "cells" in value:
            head = one({k: v for k, v in value.items() if k != "cells"})[:-1]
            cells = ",\n".join(f"   {one(c)}" for c in value["cells"])
            return f'{head}, "cells": [\n{cells}\n  ]}}'
        return one(value)

    lines = ["{"]
    for i, (key, value) in enumerate(gold.items()):
        comma = "," if i < len(gold) - 1 else ""
        if isinstance(value, list) and value:
            body = ",\n".join(f"  {item(v)}" for v in value)
            lines.append(f" {one(key)}: [\n{body}\n ]{comma}")
        elif isinstance(value, dict) and value:
            body = ",\n".join(f"  {one(k)}: {one(v)}" for k, v in value.items())
            lines.append(f" {one(key)}: {{\n{body}\n }}{comma}")
        else:
            lines.append(f" {one(key)}: {one(value)}{comma}")
    return "\n".join([*lines, "}"]) + "\n"


def validate_gold(gold: dict, text: str) -> list[str]:
    """Problems with a gold file: missing fields, wrong types, quotes that are not in the text."""
    problems: list[str] = []

    def need(obj: dict, where: str, fields: dict[str, type | tuple[type, ...]]) -> None:
        for name, kind in fields.items():
            if name not in obj:
                problems.append(f"{where}: missing {name}")
            elif not isinstance(obj[name], kind) or (
                isinstance(obj[name], bool) and kind in (int, (int, float))
            ):
                problems.append(f"{where}: {name} has type {type(obj[name]).__name__}")

    def quote(obj: dict, where: str, field: str, occurrence: str) -> None:
        q = obj.get(field)
        if not isinstance(q, str) or not q:
            problems.append(f"{where}: empty {field}")
            return
        k = obj.get(occurrence, 1)
        if find_quote(text, q, k) < 0:
            problems.append(f"{where}: {field} {q!r} (occurrence {k}) not in text")
        elif occurrence not in obj and find_quote(text, q, 2) >= 0:
            problems.append(f"{where}: {field} {q!r} is not unique and has no {occurrence}")

    number = (int, float)
    need(
        gold,
        "doc",
        {
            "doc": str,
            "level": str,
            "reporting_entity": str,
            "report_year": str,
            "tables": list,
            "case_titles": list,
            "entities": dict,
            "claims": list,
            "findings": list,
            "consistent": list,
        },
    )
    if gold.get("level") not in ("school", "city", "province"):
        problems.append(f"doc: level {gold.get('level')!r}")
    for i, t in enumerate(gold.get("tables", [])):
        where = f"tables[{i}]"
        need(
            t,
            where,
            {
                "anchor": str,
                "title": str,
                "title_quote": str,
                "appendix": bool,
                "columns": list,
                "n_data_rows": int,
                "cells": list,
            },
        )
        quote(t, where, "title_quote", "occurrence")
        for j, c in enumerate(t.get("cells", [])):
            need(
                c,
                f"{where}.cells[{j}]",
                {"row": str, "col": str, "text": str, "value": number, "unit": str},
            )
            if c.get("col") not in t.get("columns", []):
                problems.append(f"{where}.cells[{j}]: column {c.get('col')!r} not in columns")
    for i, c in enumerate(gold.get("case_titles", [])):
        need(c, f"case_titles[{i}]", {"number": str, "title": str, "title_quote": str})
        quote(c, f"case_titles[{i}]", "title_quote", "occurrence")
    spaceless = re.sub(r"\s+", "", text)  # annotators write 德国赋优 (F+U) 教育集团 without spaces
    for kind, names in gold.get("entities", {}).items():
        if kind not in ENTITY_KEYS or not all(
            isinstance(n, str) and (n in text or n in spaceless) for n in names
        ):
            problems.append(f"entities: {kind} has names not in the text or is not a known type")
    for i, c in enumerate(gold.get("claims", [])):
        need(
            c,
            f"claims[{i}]",
            {
                "quote": str,
                "number_text": str,
                "value": number,
                "unit": str,
                "qualifier": str,
                "indicator": str,
                "period": str,
                "subject": str,
            },
        )
        quote(c, f"claims[{i}]", "quote", "occurrence")
        if c.get("qualifier") not in QUALIFIERS:
            problems.append(f"claims[{i}]: qualifier {c.get('qualifier')!r}")
        if isinstance(c.get("quote"), str) and c.get("number_text", "") not in c["quote"]:
            problems.append(f"claims[{i}]: number_text not inside quote")
    for i, f in enumerate(gold.get("findings", [])):
        need(
            f,
            f"findings[{i}]",
            {
                "id": str,
                "type": str,
                "severity": str,
                "quote": str,
                "claimed": number,
                "reference": number,
                "reference_where": str,
                "explanation": str,
            },
        )
        quote(f, f"findings[{i}]", "quote", "occurrence")
        if "reference_quote" in f:
            quote(f, f"findings[{i}]", "reference_quote", "reference_occurrence")
        if f.get("type") not in GOLD_FINDING_TYPES or f.get("severity") not in (
            "definite",
            "possible",
        ):
            problems.append(f"findings[{i}]: type or severity not allowed")
    for i, c in enumerate(gold.get("consistent", [])):
        need(c, f"consistent[{i}]", {"quote": str, "value": number, "reference_where": str})
        quote(c, f"consistent[{i}]", "quote", "occurrence")
    return problems
