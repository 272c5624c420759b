"""The character-level transformer extractor: vocabulary, network, training, inference.

Importing this package is light; torch and transformers load only in ``network``,
``train``, ``infer`` and ``evaluate``.
"""
