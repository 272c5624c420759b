"""Scoring: a run against gold annotation files (tables, cases, claims, entities, findings)."""
