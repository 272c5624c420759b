"""Layout: noise cleaned, report metadata, sections, captions, case studies, sentences."""
