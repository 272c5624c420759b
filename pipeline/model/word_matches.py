"""Dictionary matches: every jieba dictionary word a character begins, continues or ends.

The softword feature (softword.py) tells a character where it sits in the one segmentation
jieba chose; a name the segmenter cut wrongly is then invisible. The SoftLexicon idea (Ma et
al. 2020, "Simplify the Usage of Lexicon in Chinese NER") keeps *all* the words of the
dictionary that cover a character: 秦皇岛 can be a place even where jieba cut 秦皇|岛市. Here
each character gets bits for (begins, inside, ends) × (any word, a person's name, a place,
an organisation, another proper noun) over the dictionary words of two or more characters
that cover it; jieba's dictionary (with nianbao's domain words) is the only lexicon, so
nothing is downloaded. The bits reach the encoder through a linear layer that starts at zero.
"""

from __future__ import annotations

from pipeline.model.softword import _CLASS_OF_POS

MATCH_PLACES = ("begins", "inside", "ends")
MATCH_CLASSES = ("word", "person", "place", "organisation", "proper")
MATCH_BITS = len(MATCH_PLACES) * len(MATCH_CLASSES)
_BEGINS, _INSIDE, _ENDS = 0, 1, 2


def match_bits(text: str) -> list[int]:
    """One bit mask per character of ``text``: bit ``place * 5 + class`` is set when a
    dictionary word of that class covers the character in that place."""
    from pipeline.segment import dictionary_counts, word_pos

    counts = dictionary_counts()
    tags = word_pos()
    bits = [0] * len(text)
    for start in range(len(text)):
        end = start + 2
        # jieba's table also holds every prefix of a word (count 0): stop at the first miss.
        while end <= len(text) and (count := counts.get(text[start:end])) is not None:
            if count:
                kind = _CLASS_OF_POS.get(tags.get(text[start:end], ""), 0)
                classes = 1 | (1 << kind if kind else 0)
                bits[start] |= classes << (_BEGINS * len(MATCH_CLASSES))
                bits[end - 1] |= classes << (_ENDS * len(MATCH_CLASSES))
                for inside in range(start + 1, end - 1):
                    bits[inside] |= classes << (_INSIDE * len(MATCH_CLASSES))
            end += 1
    return bits


def region_match_bits(text: str, regions) -> list[int]:
    """Bits over the whole ``text``, matched within each region only (zero outside)."""
    bits = [0] * len(text)
    for start, end in regions:
        bits[start:end] = match_bits(text[start:end])
    return bits
