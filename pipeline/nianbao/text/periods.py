"""Year patterns and year words shared by the stages that read periods (one home, one list)."""

from __future__ import annotations

import regex

# A four-digit year of this or the last century standing alone (not part of a longer number).
YEAR = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")

# Words for "the year before the report's": longest first, so 上一学年 is not read as 上一年.
LAST_YEAR_WORDS = ("上一学年", "上一年度", "上学年", "上年度", "上一年", "前一年", "去年", "上年")
LAST_YEAR = regex.compile("|".join(LAST_YEAR_WORDS))
