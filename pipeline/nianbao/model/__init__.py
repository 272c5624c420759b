"""The character-level transformer extractor: vocabulary, network, training, inference.

Importing this package is light; torch loads only in ``network``,
``train``, ``infer`` and ``evaluate``.
"""
