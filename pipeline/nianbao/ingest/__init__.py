"""Ingest: a path or bytes becomes a SourceDoc (format, encoding, raw text, native tables)."""
