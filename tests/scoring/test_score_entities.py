"""Entity scoring: unique strings per type, table cells left out."""

from __future__ import annotations

from nianbao.scoring.cases import score_entities


def test_names_met_only_in_tables_are_not_scored() -> None:
    gold = {"entities": {"SCHOOL": ["江门一职"]}}
    pred = [
        {"type": "SCHOOL", "text": "江门一职", "start": 5},
        {"type": "SCHOOL", "text": "某某中等职业学校", "start": 120},  # only in a table cell
        {"type": "SCHOOL", "text": "某某职校", "start": 40},  # in the text: a false name
    ]
    (school,) = score_entities(pred, gold, [(100, 200)]).values()
    assert (school.true_positives, school.predicted, school.spurious) == (1, 2, ("某某职校",))
