"""Entities: the transformer's names and claim relations merged with pattern recognisers."""
