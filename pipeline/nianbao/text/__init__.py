"""Shared text helpers every stage uses: numbers, spans, periods, the jieba word tokenizer."""
