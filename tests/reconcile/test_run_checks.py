"""Reconciliation runner: the check registry, the printed-precision tolerance every check
shares, the mutation test, and the dev-corpus measurement on oracle inputs built from gold."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import regex
from nianbao.data import Cell, Claim, Finding, Row, Table
from nianbao.errors import UnknownName
from nianbao.export.contract import finding_record
from nianbao.link.links import is_period_label, link
from nianbao.reconcile.checks.common import agreement
from nianbao.reconcile.run_checks import reconcile, registered_checks
from nianbao.scoring.findings import locate, score_findings
from reconcile_helpers import ONTO, POLICY, claim, kinds, row, run, table

# --- registry -------------------------------------------------------------------------


def test_registry_lists_every_family() -> None:
    names = registered_checks()
    for expected in (
        "narrative_vs_table",
        "narrative_vs_narrative",
        "formula_values",
        "parts_sum",
        "dates_in_text",
    ):
        assert expected in names


def test_unknown_check_name_lists_the_known_ones() -> None:
    links = link((), (), ONTO, "2024", None)
    with pytest.raises(UnknownName, match="narrative_vs_table"):
        reconcile((), (), links, "2024", checks=["no_such_check"])


# --- tolerance ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "quantum", "computed", "result"),
    [
        ("97.6", "0.1", "97.6044", "agree"),
        ("0.5", "1", "0.5", "differs"),  # printed 0.5 with quantum 1 is no whole number
        ("1", "1", "0.5", "agree"),  # half rounds up (四舍五入)
        ("91.6", "0.1", "91.6667", "truncated"),
        ("28.5", "0.1", "28.57", "truncated"),
        ("36.10", "0.01", "36.0856", "coarser"),
        ("35.00", "0.01", "34.5616", "differs"),
        ("17.2", "0.1", "17.3342", "differs"),
    ],
)
def test_agreement_follows_printed_precision(
    printed: str, quantum: str, computed: str, result: str
) -> None:
    assert agreement(Decimal(printed), Decimal(quantum), Decimal(computed)) == result


# --- the mutation test ----------------------------------------------------------------


def consistent_report() -> tuple[tuple[Claim, ...], tuple[Table, ...], str]:
    """A small invented report in which every number agrees with every other."""
    text = (
        "2024年，全市有中等职业学校8所，全日制在校生21000人，较上年增加1000人。"
        "专任教师1050人，生师比20.0:1。“双师型”教师420人，占专任教师总数的40.0%。"
    )

    def at(fragment: str) -> int:
        return text.index(fragment)

    claims = (
        claim("C1", "中等职业学校8所", "8", "8", "所", "中等职业学校", start=at("中等职业学校8所")),
        claim(
            "C2",
            "全日制在校生21000人",
            "21000",
            "21000",
            "人",
            "全日制在校生",
            start=at("全日制在校生21000"),
        ),
        claim(
            "C3", "较上年增加1000人", "1000", "1000", "人", "全日制在校生", start=at("较上年增加")
        ),
        claim("C4", "专任教师1050人", "1050", "1050", "人", "专任教师", start=at("专任教师1050")),
        claim(
            "C5",
            "生师比20.0:1",
            "20.0:1",
            "20.0",
            "ratio",
            "生师比",
            start=at("生师比"),
            kind="ratio",
        ),
        claim(
            "C6",
            "“双师型”教师420人",
            "420",
            "420",
            "人",
            "“双师型”教师",
            start=at("“双师型”教师420"),
        ),
        claim(
            "C7",
            "占专任教师总数的40.0%",
            "40.0",
            "40.0",
            "%",
            None,
            start=at("占专任教师"),
            kind="percent",
        ),
    )
    tables = (
        table(
            "T1",
            "区域规模统计表",
            row("中等职业学校总数", "8", "8", unit="所"),
            row("公办学校个数", "6", "6", unit="所"),
            row("民办学校个数", "2", "2", unit="所"),
            anchor="表1",
        ),
        POLICY,
        table(
            "T3",
            "教学资源表",
            row("生师比", "20.0:1", "20.0:1", unit="ratio"),
            row("“双师型”教师比例", "40.00", "40.00", unit="%"),
            appendix=True,
            anchor="表3",
        ),
        table(
            "T4",
            "教师队伍",
            row("专任教师数", "1000", "1050"),
            row("“双师型”教师总数", "400", "420"),
            anchor="表4",
        ),
    )
    return claims, tables, text


def test_mutation_consistent_report_has_no_findings() -> None:
    claims, tables, text = consistent_report()
    assert run(claims, tables, text) == ()


def test_mutation_changed_claim_gives_exactly_one_finding() -> None:
    claims, tables, text = consistent_report()
    mutated = replace(
        claims[1], number_text="21500", value=Decimal(21500), text="全日制在校生21500人"
    )
    found = run((claims[0], mutated, *claims[2:]), tables, text.replace("21000", "21500"))
    assert kinds(found) == [("narrative_vs_table", "error", Decimal(21500), Decimal(21000))]
    assert found[0].id == "F1" and found[0].evidence[0].id == "C2"


def test_mutation_changed_cell_gives_exactly_one_finding() -> None:
    claims, tables, text = consistent_report()
    schools = tables[0]
    changed = replace(
        schools, rows=(schools.rows[0], row("公办学校个数", "6", "7", unit="所"), schools.rows[2])
    )
    found = run(claims, (changed, *tables[1:]), text)
    assert kinds(found) == [("table_internal_sum", "error", Decimal(8), Decimal(9))]


# --- oracle inputs built from the dev gold --------------------------------------------


SHARED = Path(__file__).parents[2].parent / "shared"


_UNIT_KINDS = {
    "%": "percent",
    "ratio": "ratio",
    "元": "money",
    "平方米": "area",
    "年": "duration",
    "天": "duration",
}


_ANNEX = {
    "计分卡": "scorecard",
    "满意度": "satisfaction",
    "教学资源": "resources",
    "服务贡献": "service",
    "国际影响": "international",
    "落实政策": "policy",
}


_BRACKETED_END = regex.compile(r"^(?P<base>.*?)[（(](?P<inner>[^（）()]*)[）)]$")


def oracle_tables(gold: dict[str, Any], text: str) -> tuple[Table, ...]:
    """Gold tables as ``Table`` objects, shaped the way the table parser shapes them."""
    out = []
    for i, g in enumerate(gold["tables"], start=1):
        span = locate(text, g.get("title_quote", ""), g.get("occurrence", 1)) or (0, 0)
        labels: list[str] = []
        cells_by_label: dict[str, list[dict[str, Any]]] = {}
        for c in g["cells"]:
            if c["row"] not in cells_by_label:
                labels.append(c["row"])
            cells_by_label.setdefault(c["row"], []).append(c)
        rows = []
        seen: list[str] = []
        for label in labels:
            printed, kind, parent = _printed_label(label, seen, text)
            seen.append(printed)
            cells = tuple(
                Cell(
                    col=c["col"],
                    text=c["text"],
                    value=Decimal(str(c["value"])),
                    unit=c.get("unit"),
                    start=span[0],
                    end=span[1],
                    period=c["col"] if is_period_label(c["col"]) else None,
                )
                for c in cells_by_label[label]
            )
            cells += _text_cells(text, span[0], printed, g["columns"], {c.col for c in cells})
            units = [c.unit for c in cells if c.unit]
            unit = max(set(units), key=units.count) if units else None
            number = _serial_number(text, span[0], printed)
            period = printed if is_period_label(printed) else None
            if kind == "data" and printed.lstrip().startswith("其中"):
                kind = "part"
            rows.append(Row(printed, unit, cells, span[0], span[1], kind, parent, number, period))  # type: ignore[arg-type]
        annex = (
            next((v for k, v in _ANNEX.items() if k in g["title"]), None) if g["appendix"] else None
        )
        out.append(
            Table(
                f"T{i}",
                g["anchor"],
                g["title"],
                g["appendix"],
                span[0],
                span[1],
                tuple(g["columns"]),
                tuple(rows),
                "tab_rows",
                annex_kind=annex,
            )
        )
    return tuple(out)


def _printed_label(label: str, seen: list[str], text: str) -> tuple[str, str, str | None]:
    """Gold labels carry asides the report does not print (``校级数量(在线精品课程)``)."""
    if label in text:
        return label, "data", None
    m = _BRACKETED_END.match(label)
    if not m:
        return label, "data", None
    base, inner = m.group("base"), m.group("inner")
    if ONTO.unit(inner) and base in seen:
        return base, "unit_continuation", base
    return base, "data", None


def _text_cells(
    text: str, start: int, label: str, columns: list[str], numeric: set[str]
) -> tuple[Cell, ...]:
    """Text cells (学校性质 公办…) the gold file leaves out, read from the row's line."""
    at = text.find(label, start)
    if at < 0:
        return ()
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    fields = text[line_start : line_end if line_end >= 0 else len(text)].split("\t")
    if len(fields) != len(columns):
        return ()
    return tuple(
        Cell(col=c, text=f, value=None, unit=None, start=start, end=start)
        for c, f in zip(columns, fields, strict=True)
        if c not in numeric and f.strip() and f.strip() != label
    )


def _serial_number(text: str, start: int, label: str) -> str:
    at = text.find(label, start)
    if at < 0:
        return ""
    line_start = text.rfind("\n", 0, at) + 1
    fields = [
        f.strip() for f in regex.sub(r"\[bookmark:[^\]]*\]", "", text[line_start:at]).split("\t")
    ]
    numbered = [f for f in fields if f]
    if numbered and numbered[-1].isdigit():
        return numbered[-1]
    if not numbered:
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
        prev = regex.sub(r"\[bookmark:[^\]]*\]", "", text[prev_start:prev_end]).strip()
        if prev.isdigit():
            return prev
    return ""


def oracle_claims(gold: dict[str, Any], text: str) -> tuple[Claim, ...]:
    """Gold claims as ``Claim`` objects; subjects other than the reporting entity get ids."""
    place = (gold.get("reporting_entity") or "").removesuffix("教育局")
    generic = {"", place, gold.get("reporting_entity") or ""} | {
        place + s for s in ("中等职业学校", "中职学校", "职业院校", "中等职业学校（不含技工学校）")
    }
    subjects: dict[str, str] = {}
    out = []
    for i, g in enumerate(gold["claims"], start=1):
        span = locate(text, g["quote"], g.get("occurrence", 1))
        if span is None:
            continue
        quote = g["quote"]
        n = quote.find(g["number_text"])
        n = max(n, 0)
        subject = g.get("subject") or ""
        sid = None if subject in generic else subjects.setdefault(subject, f"E{len(subjects) + 1}")
        indicator = g.get("indicator")
        k = quote.find(indicator) if indicator else -1
        out.append(
            Claim(
                id=f"C{i}",
                start=span[0],
                end=span[1],
                text=quote,
                number_text=g["number_text"],
                number_start=span[0] + n,
                number_end=span[0] + n + len(g["number_text"]),
                value=Decimal(str(g["value"])),
                unit=g["unit"],
                qualifier=g["qualifier"],
                kind=_UNIT_KINDS.get(g["unit"], "count"),  # type: ignore[arg-type]
                indicator=indicator,
                indicator_start=span[0] + k if k >= 0 else None,
                indicator_end=span[0] + k + len(indicator) if k >= 0 and indicator else None,
                period=g.get("period") or None,
                subject=sid,
            )
        )
    return tuple(out)


def run_oracle(gold: dict[str, Any], text: str) -> tuple[tuple[Claim, ...], tuple[Finding, ...]]:
    tables = oracle_tables(gold, text)
    claims = oracle_claims(gold, text)
    links = link(claims, tables, ONTO, gold["report_year"], gold.get("reporting_entity"), text=text)
    return links.claims, reconcile(links.claims, tables, links, gold["report_year"], text=text)


def _dev_documents() -> list[tuple[dict[str, Any], str]]:
    if not (SHARED / "dev-gold").is_dir():
        pytest.skip("../shared/dev-gold is not beside this checkout")
    docs = []
    for path in sorted((SHARED / "dev-gold").glob("*.txt.gold.json")):
        gold = json.loads(path.read_text("utf-8"))
        text = (SHARED / "corpus" / gold["doc"]).read_text("utf-8")
        docs.append((gold, text))
    return docs


@pytest.mark.slow
def test_dev_corpus_oracle_recall_and_no_false_alarms() -> None:
    """On oracle inputs: every definite gold finding of the city reports, no false alarm."""
    for gold, text in _dev_documents():
        claims, findings = run_oracle(gold, text)
        score = score_findings(
            [finding_record(f) for f in findings],
            [{"id": c.id, "start": c.start, "end": c.end} for c in claims],
            gold,
            text,
        )
        least_found, most_alarms = ORACLE_FLOOR.get(gold["doc"], (1.0, 0))
        assert score.definite_found / score.definite_gold >= least_found, gold["doc"]
        assert score.false_alarms <= most_alarms, gold["doc"]


# The two city reports the checks were developed on must stay at every definite finding and
# no false alarm. The school reports added later are held at today's figures (A1 10 of 14
# with one false alarm, A2 9 of 14, with the strict scorer) so they cannot slip; issue 15
# is the work that raises them.
ORACLE_FLOOR = {
    "A1_hunan_school_2024.txt": (10 / 14, 1),
    "A2_sichuan_school_2025.txt": (9 / 14, 0),
}
