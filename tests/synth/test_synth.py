"""The synthetic report generator: determinism, exact ground truth, planted findings, names,
training examples."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
import regex
from nianbao.synth import (
    find_quote,
    generate_report,
    validate_gold,
    write_corpus,
    write_training_examples,
)
from nianbao.synth.gold import dump_gold
from nianbao.synth.names import (
    Cast,
    NameFiller,
    make_competition,
    make_enterprise,
    make_gov,
    make_other_org,
    make_region,
    make_school,
    make_schools,
    name_parts,
    name_patterns,
    person_name,
    pick_pattern,
)
from nianbao.synth.plant import FINDING_TYPES
from nianbao.synth.training import training_examples
from nianbao.text.numbers import apply_multiplier, parse_number

SHARED = Path(__file__).parents[2].parent / "shared"
SAMPLE = Path(__file__).parents[2] / "corpora" / "sample"
SAMPLE_SEED = 234

REPORTS = [generate_report(101, i) for i in range(8)]


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 3, seed=5)
    second = write_corpus(tmp_path / "b", 3, seed=5)
    other = write_corpus(tmp_path / "c", 3, seed=6)
    for a, b, c in zip(first, second, other, strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes()
        assert Path(f"{a}.gold.json").read_bytes() == Path(f"{b}.gold.json").read_bytes()
        assert a.read_bytes() != c.read_bytes()


def test_corpus_files_are_named_and_paired(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 2, seed=1)
    assert [p.name for p in paths] == ["synth_1_0000.txt", "synth_1_0001.txt"]
    gold = json.loads(Path(f"{paths[0]}.gold.json").read_text(encoding="utf-8"))
    assert gold["doc"] == "synth_1_0000.txt"


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_bad_rate_is_refused(tmp_path: Path, rate: float) -> None:
    with pytest.raises(ValueError, match="finding_rate"):
        write_corpus(tmp_path, 1, seed=1, finding_rate=rate)


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.name)
def test_gold_has_the_schema_shape_and_exact_quotes(report) -> None:
    assert validate_gold(report.gold, report.text) == []
    assert json.loads(dump_gold(report.gold)) == report.gold


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.name)
def test_every_quote_points_at_its_own_place(report) -> None:
    """Quote plus occurrence locates the very span the generator printed."""
    text, rendered = report.text, report.rendered
    for claim, span in zip(report.gold["claims"], rendered.claims.values(), strict=True):
        assert find_quote(text, claim["quote"], claim.get("occurrence", 1)) == span.quote[0]
    for case, (_, _, start, _) in zip(report.gold["case_titles"], rendered.cases, strict=True):
        assert find_quote(text, case["title_quote"], case.get("occurrence", 1)) == start
    for table in report.gold["tables"]:
        line_start = find_quote(text, table["title_quote"], table.get("occurrence", 1))
        assert text[line_start:].startswith(f"{table['anchor']} {table['title']}")


def test_dev_gold_files_pass_the_same_schema_check() -> None:
    """The checker encodes SCHEMA.md: the careful human annotations pass it too."""
    if not (SHARED / "dev-gold").is_dir():
        pytest.skip("../shared is not available")
    for gold_path in sorted((SHARED / "dev-gold").glob("*.txt.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (SHARED / "corpus" / gold["doc"]).read_text(encoding="utf-8")
        problems = [p for p in validate_gold(gold, text) if "not unique" not in p]
        assert problems == [], gold_path.name


def _without(d: dict, key: str) -> dict:
    return {k: v for k, v in d.items() if k != key}


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda g: g["claims"][0].update(quote="这句话不在报告里"), "not in text"),
        (lambda g: g["claims"][0].pop("unit"), "missing unit"),
        (lambda g: g["claims"][0].update(qualifier="roughly"), "qualifier"),
        (lambda g: g["tables"][0]["cells"][0].update(col="no such column"), "not in columns"),
        (lambda g: g.update(level="county"), "level"),
        (
            lambda g: g["claims"].append(
                {**_without(g["claims"][0], "occurrence"), "quote": "人", "number_text": "人"}
            ),
            "not unique",
        ),
    ],
)
def test_schema_check_catches_broken_gold(breakage, expected: str) -> None:
    report = REPORTS[0]
    gold = json.loads(json.dumps(report.gold))
    breakage(gold)
    assert any(expected in p for p in validate_gold(gold, report.text))


def test_no_findings_at_rate_zero() -> None:
    reports = [generate_report(102, i, finding_rate=0.0) for i in range(10)]
    assert all(r.gold["findings"] == [] for r in reports)
    assert sum(r.sites for r in reports) > 0


def test_findings_at_the_configured_rate() -> None:
    reports = [generate_report(103, i, finding_rate=0.5) for i in range(40)]
    sites = sum(r.sites for r in reports)
    planted = sum(len(r.gold["findings"]) for r in reports)
    assert 0.35 < planted / sites < 0.65
    every = [generate_report(104, i, finding_rate=1.0) for i in range(25)]
    assert all(len(r.gold["findings"]) == r.sites for r in every)
    assert {f["type"] for r in every for f in r.gold["findings"]} == set(FINDING_TYPES)


def test_rate_changes_findings_not_the_base_report() -> None:
    clean, dirty = generate_report(105, 0, 0.0), generate_report(105, 0, 1.0)
    assert (
        len(clean.text) == len(clean.text)
        and clean.gold["tables"][0]["title"] == dirty.gold["tables"][0]["title"]
    )
    assert [c["indicator"] for c in clean.gold["claims"]] == [
        c["indicator"] for c in dirty.gold["claims"]
    ]
    assert dirty.gold["findings"] and not clean.gold["findings"]


def test_planted_findings_disagree_and_are_not_listed_consistent() -> None:
    for i in range(15):
        report = generate_report(106, i, 1.0)
        consistent = {(c["quote"], c.get("occurrence", 1)) for c in report.gold["consistent"]}
        for finding in report.gold["findings"]:
            assert finding["claimed"] != finding["reference"], finding
            assert (finding["quote"], finding.get("occurrence", 1)) not in consistent


def _printed_value(number_text: str) -> Decimal:
    text = number_text.removeprefix("近").removesuffix("余").removesuffix("多")
    if text.endswith(":1"):
        text = text[:-2]
    multiplier = "万" if text.endswith("万") else ""
    value = parse_number(text.removesuffix("万"))
    assert value is not None, number_text
    return apply_multiplier(value, multiplier)


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.name)
def test_claim_and_cell_values_match_what_is_printed(report) -> None:
    for claim in report.gold["claims"]:
        assert _printed_value(claim["number_text"]) == Decimal(str(claim["value"])), claim
        assert claim["number_text"] in claim["quote"]
    for table in report.gold["tables"]:
        for cell in table["cells"]:
            text = cell["text"].removesuffix("%").removesuffix(":1")
            assert parse_number(text) == Decimal(str(cell["value"])), cell


def test_clean_tables_add_up() -> None:
    """Without planted findings every sum, 其中 and ratio relation in every table holds."""
    for i in range(10):
        report = generate_report(107, i, 0.0)
        for table in report.plan.tables.values():
            for group in table.sums:
                parts = sum((table.cell(p).value for p in group.parts), Decimal(0))
                assert table.cell(group.total).value == parts, (table.key, group)
            for part_group in table.part_groups:
                parent = table.cell(part_group.parent).value
                assert all(table.cell(p).value <= parent for p in part_group.parts), table.key
            for group in table.ratios:
                ratio = table.cell(group.ratio)
                exact = (
                    table.cell(group.numerator).value
                    / table.cell(group.denominator).value
                    * group.scale
                )
                assert abs(ratio.value - exact) <= Decimal("0.5").scaleb(-ratio.decimals), (
                    table.key,
                    group,
                )


_ALLOWED_DIGITS = regex.compile(
    r"[0-9]{4}(?:-[0-9]{4})?(?=年|学年)|[0-9]{1,2}(?=月|日)|〔[0-9]{4}〕[0-9]+号|“1\+X”"
)


def test_running_text_holds_no_unrecorded_arabic_numbers() -> None:
    """Every Arabic number in running text is a claim, a date, a year, a table pointer or 1+X."""
    for report in REPORTS:
        rendered = report.rendered
        covered = [s.number for s in rendered.claims.values()]
        covered += [*rendered.dates.values(), *rendered.refs.values()]
        for sentence in rendered.sentences:
            text = rendered.text[sentence.start : sentence.end]
            allowed = [
                (m.start() + sentence.start, m.end() + sentence.start)
                for m in _ALLOWED_DIGITS.finditer(text)
            ]
            for m in regex.finditer(r"[0-9]+(?:\.[0-9]+)?", text):
                a, b = m.start() + sentence.start, m.end() + sentence.start
                assert any(x <= a and b <= y for x, y in covered + allowed), text


def test_entities_are_typed_and_in_the_text() -> None:
    for report in REPORTS:
        entities = report.gold["entities"]
        assert set(entities) == {"SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG"}
        assert entities["SCHOOL"] and entities["GOV"]
        for names in entities.values():
            assert all(name in report.text for name in names)


@pytest.mark.parametrize(
    "maker",
    [make_school, make_enterprise, make_competition, make_gov, make_other_org, person_name],
    ids=lambda f: f.__name__,
)
def test_names_vary_enough_not_to_be_memorised(maker) -> None:
    rng = random.Random(7)
    names = []
    for _ in range(3000):
        region = make_region(rng)
        if maker is make_school:
            names.append(maker(rng, region).name)
        elif maker is make_competition:
            names.append(maker(rng, region, 2024))
        elif maker is person_name:
            names.append(maker(rng))
        else:
            names.append(maker(rng, region))
    assert len(set(names)) >= 1000


def test_every_name_pattern_fills_all_its_slots() -> None:
    rng = random.Random(3)
    region = make_region(rng)
    for kind, groups in name_parts()["patterns"].items():
        for group in groups.values():
            for pattern in group:
                texts = [pattern["name"], *pattern["shorts"]] if kind == "SCHOOL" else [pattern]
                for text in texts:
                    filled = NameFiller(rng, region).fill(text)
                    assert "{" not in filled and "}" not in filled, (kind, text)


def test_unknown_name_slot_is_refused_with_the_known_ones() -> None:
    rng = random.Random(3)
    with pytest.raises(KeyError, match="county_stem"):
        NameFiller(rng, make_region(rng)).fill("{no_such_part}学校")


def test_a_slot_named_twice_gets_one_value() -> None:
    rng = random.Random(4)
    region = make_region(rng)
    for _ in range(50):
        chosen: dict[str, str] = {}
        name = NameFiller(rng, region).fill("{county}{school_brands}职业学校", chosen)
        short = NameFiller(rng, region).fill("{county_stem}{school_brands}", chosen)
        assert name.startswith(short[:2]) and short[2:] in name
        assert chosen["county"] == chosen["county_stem"] + chosen["county"][-1]


@pytest.mark.parametrize("kind", ["SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG"])
def test_makers_keep_the_classic_patterns_common_beside_the_varied_ones(kind: str) -> None:
    groups = name_patterns(kind)
    rng = random.Random(11)
    picks = [pick_pattern(rng, kind) for _ in range(4000)]
    classic = sum(p in groups["classic"] for p in picks) / len(picks)
    only_varied = sum(p not in groups["classic"] for p in picks) / len(picks)
    assert 0.4 <= classic <= 0.7 and only_varied >= 0.3


def test_schools_of_a_region_share_no_name_or_short_form() -> None:
    rng = random.Random(8)
    for _ in range(200):
        schools = make_schools(rng, make_region(rng), 24)
        forms = [form for s in schools for form in {s.name, *s.shorts}]
        assert len(forms) == len(set(forms))


def test_schools_are_often_called_by_a_short_form() -> None:
    rng = random.Random(9)
    region = make_region(rng)
    schools = make_schools(rng, region, 12)
    cast = Cast(rng, region, 2024, schools)
    shorts = {form for s in schools for form in s.shorts}
    mentions = [cast.school_mention() for _ in range(2000)]
    share = sum(m in shorts for m in mentions) / len(mentions)
    with_short = sum(bool(s.shorts) for s in schools) / len(schools)
    assert share >= 0.4 * with_short > 0


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.name)
def test_every_entity_span_is_the_planted_name(report) -> None:
    for start, end, _, name in report.rendered.entities:
        assert report.text[start:end] == name
    for example in training_examples(report.plan, report.rendered, report.name):
        names = {name for _, _, _, name in report.rendered.entities}
        for start, end, _ in example["entities"]:
            assert example["text"][start:end] in names


def test_a_few_hundred_reports_name_thousands_of_entities() -> None:
    names = {
        n
        for i in range(120)
        for ns in generate_report(108, i).gold["entities"].values()
        for n in ns
    }
    assert len(names) >= 2000


def test_generated_names_are_not_the_dev_reports_names() -> None:
    if not (SHARED / "dev-gold").is_dir():
        pytest.skip("../shared is not available")
    dev = set()
    for path in (SHARED / "dev-gold").glob("*.gold.json"):
        for names in json.loads(path.read_text(encoding="utf-8"))["entities"].values():
            dev |= set(names)
    ours = {n for r in REPORTS for ns in r.gold["entities"].values() for n in ns}
    parts = name_parts()
    # "市教育局", "教育部" name no place: they are generic, not taken from the dev reports
    generic = {*parts["gov_short"], *parts["gov_national"]}
    assert not (ours & dev) - generic


def test_training_examples_have_typed_spans_inside_their_text(tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    count = write_training_examples(out, n_docs=3, seed=9)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) > 100
    types = {"SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG", "PER"}
    seen_relations = set()
    for line in lines:
        ex = json.loads(line)
        text = ex["text"]
        assert set(ex) == {"text", "entities", "quantities", "indicators", "relations", "doc"}
        for start, end, kind in ex["entities"]:
            assert 0 <= start < end <= len(text) and kind in types
        for start, end in ex["quantities"] + ex["indicators"]:
            assert 0 <= start < end <= len(text)
        for start, end in ex["quantities"]:
            assert regex.search(r"[0-9一二两三四五六七八九十]", text[start:end])
        for q, target, kind in ex["relations"]:
            seen_relations.add(kind)
            assert q < len(ex["quantities"])
            assert target < len(ex["entities" if kind == "CLAIM_SUBJECT" else "indicators"])
    assert seen_relations == {"CLAIM_INDICATOR", "CLAIM_SUBJECT"}


def test_training_quantities_are_the_gold_claims() -> None:
    report = REPORTS[1]
    examples = training_examples(report.plan, report.rendered, report.name)
    assert sum(len(e["quantities"]) for e in examples) == len(report.gold["claims"])
    assert any(
        e["entities"] == [] and e["quantities"] == [] for e in examples
    )  # negatives are kept


def test_committed_sample_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    if not SAMPLE.is_dir():
        pytest.skip("corpora/sample is not there")
    paths = write_corpus(tmp_path, 5, seed=SAMPLE_SEED)
    for path in paths:
        assert (SAMPLE / path.name).read_bytes() == path.read_bytes(), path.name
        gold = SAMPLE / f"{path.name}.gold.json"
        assert gold.read_bytes() == Path(f"{path}.gold.json").read_bytes()
