"""Generated reports through the whole pipeline and the scorer: the numbers must be sane."""

from pathlib import Path

import pytest
from nianbao.cli import main
from nianbao.scoring.score import score_run


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("synth")
    assert (
        main(["synth", "--n", "3", "--seed", "5", "--finding-rate", "0.5", "-o", str(folder)]) == 0
    )
    out = folder / "out.jsonl"
    assert main(["run", str(folder), "-o", str(out), "--no-progress", "-q"]) == 0
    return score_run(out, [folder])


def test_every_generated_report_is_scored(scored) -> None:
    assert len(scored.docs) == 3 and scored.missing == []


def test_scores_are_consistent_counts(scored) -> None:
    total = scored.total()
    assert total.tables_gold == sum(d.tables_gold for d in scored.docs)
    for d in [*scored.docs, total]:
        assert 0 <= d.tables_found <= d.tables_gold
        assert 0 <= d.cells_right <= d.cells_gold
        assert d.claims.true_positives <= min(d.claims.predicted, d.claims.gold)
        assert d.indicators_right <= d.indicators_judged == d.claims.true_positives
        assert d.findings["definite_found"] <= d.findings["definite_gold"]


def test_pipeline_reads_generated_reports_well(scored) -> None:
    total = scored.total()
    assert total.tables_found == total.tables_gold > 0
    assert total.cells_right / total.cells_gold >= 0.95
    assert total.cases.f1 >= 0.95
    assert total.claims.f1 >= 0.9
    assert total.findings["definite_gold"] > 0  # the generator planted something to find
    assert total.findings["definite_found"] > 0
    assert total.findings["false_alarms"] == 0


def test_sample_corpus_runs(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "corpora" / "sample"
    out = tmp_path / "sample.jsonl"
    assert main(["run", str(sample), "-o", str(out), "--no-progress", "-q"]) == 0
    report = score_run(out, [sample])
    assert len(report.docs) == len(list(sample.glob("*.gold.json"))) >= 5
