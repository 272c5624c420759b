"""Export: the nianbao.doc/1 JSONL contract, its JSON Schema, the audit report."""
