"""Char-level training examples from synthetic reports, one running-text sentence per line.

Each JSONL line is an object::

    {"text": "全市中等职业学校全日制在校生18111人，较上一学年增加231人。",
     "entities": [[start, end, TYPE], ...],      # SCHOOL ENTERPRISE COMPETITION GOV OTHER_ORG PER
     "quantities": [[start, end], ...],          # a number with its qualifier, 万 and unit: "近70家", "17.6:1"
     "indicators": [[start, end], ...],          # the words naming what the quantity measures
     "relations": [[q, i, "CLAIM_INDICATOR"],    # quantities[q] measures indicators[i]
                   [q, e, "CLAIM_SUBJECT"]],     # quantities[q] is about entities[e]
     "doc": "synth_7_0003.txt"}

Offsets are half-open character offsets into ``text``. Entities never overlap; a quantity has at
most one indicator and one subject. Sentences without any span are kept as negatives.
"""

from __future__ import annotations

from nianbao.synth.render import Rendered
from nianbao.synth.spec import Plan


def training_examples(plan: Plan, rendered: Rendered, doc: str) -> list[dict]:
    """The examples of one report, in reading order."""
    examples = []
    for sentence in rendered.sentences:
        base = sentence.start
        text = rendered.text[sentence.start : sentence.end]
        entities = [rendered.entities[i] for i in sentence.entities]
        example: dict = {
            "text": text,
            "entities": [[s - base, e - base, kind] for s, e, kind, _ in entities],
            "quantities": [],
            "indicators": [],
            "relations": [],
            "doc": doc,
        }
        for claim_id in sentence.claims:
            span = rendered.claims[claim_id]
            q = len(example["quantities"])
            example["quantities"].append([span.quantity[0] - base, span.quantity[1] - base])
            if span.indicator is not None:
                example["relations"].append([q, len(example["indicators"]), "CLAIM_INDICATOR"])
                example["indicators"].append([span.indicator[0] - base, span.indicator[1] - base])
            subject = plan.claims[claim_id].subject_entity
            for e, (_, _, _, name) in enumerate(entities):
                if name == subject:
                    example["relations"].append([q, e, "CLAIM_SUBJECT"])
                    break
        examples.append(example)
    return examples
