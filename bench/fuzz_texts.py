"""Text for the fuzz corpus: mutations of a synthetic report, odd encodings, and the
pathological shapes that once made the pipeline superlinear.

Every function takes a ``random.Random`` and returns text or bytes; nothing here reads the
dev corpus (its text stays out of the repository), the base reports come from the project's
own generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable

SENTENCE = "2024年，学校共有全日制在校生1200人，毕业生300人，就业率98.5%。"


# --- mutations of a report's text -------------------------------------------------------


def delete_chars(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(max(1, len(chars) // 50)):
        if chars:
            del chars[rng.randrange(len(chars))]
    return "".join(chars)


def insert_noise(rng: random.Random, text: str) -> str:
    """Control characters, private-use and odd spaces, tabs, stray digits, here and there."""
    noise = ["\x00", "\x07", "\x0c", "\x1b", "\u200b", "\ufeff", "\ue000", "\u3000", "\t", "\r"]
    noise += ["0", "99999999999999999999", "%", "：", "其中：", "合计", "表", "——"]
    chars = list(text)
    for _ in range(max(1, len(chars) // 40)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(noise))
    return "".join(chars)


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        out.extend([line] * (1 + (rng.random() < 0.2) * rng.randrange(1, 30)))
    return "\n".join(out)


def tabs_everywhere(rng: random.Random, text: str) -> str:
    """Every run of spaces and some punctuation as a tab: everything looks like a table row."""
    return "".join("\t" if ch in " ，、" and rng.random() < 0.7 else ch for ch in text)


def join_lines(rng: random.Random, text: str) -> str:
    """One line: a PDF export that lost its line breaks."""
    return text.replace("\n", rng.choice(["", " ", "\u2028"]))


def carriage_returns(rng: random.Random, text: str) -> str:
    return text.replace("\n", rng.choice(["\r", "\r\r\n", "\n\r", "\x0b", "\x85"]))


def swap_digits(rng: random.Random, text: str) -> str:
    """Numbers changed at random: tables and text now disagree everywhere."""
    return "".join(
        str(rng.randrange(10)) if ch.isdigit() and rng.random() < 0.3 else ch for ch in text
    )


def fullwidth_and_radicals(rng: random.Random, text: str) -> str:
    """Full-width digits and Kangxi radicals that look like ideographs (⼀ for 一)."""
    table = {str(d): chr(0xFF10 + d) for d in range(10)} | {"一": "⼀", "人": "⼈", "学": "⺻"}
    return "".join(table.get(ch, ch) if rng.random() < 0.5 else ch for ch in text)


def markdown_noise(rng: random.Random, text: str) -> str:
    """Markdown pipes and rules on random lines, headings of every depth."""
    out = []
    for line in text.split("\n"):
        r = rng.random()
        if r < 0.1:
            out.append("| " + " | ".join(line.split("\t") or [line]) + " |")
            out.append("|" + "---|" * rng.randrange(1, 8))
        elif r < 0.15:
            out.append("#" * rng.randrange(1, 12) + " " + line)
        else:
            out.append(line)
    return "\n".join(out)


TEXT_MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "delete_chars": delete_chars,
    "insert_noise": insert_noise,
    "shuffle_lines": shuffle_lines,
    "duplicate_lines": duplicate_lines,
    "tabs_everywhere": tabs_everywhere,
    "join_lines": join_lines,
    "carriage_returns": carriage_returns,
    "swap_digits": swap_digits,
    "fullwidth_and_radicals": fullwidth_and_radicals,
    "markdown_noise": markdown_noise,
}


# --- encodings --------------------------------------------------------------------------


def encoded(rng: random.Random, text: str) -> bytes:
    """The text in one of the encodings reports come in, or a broken mixture of them."""
    choice = rng.choice(
        [
            "gb18030",
            "gbk",
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-8-sig",
            "big5",
            "mixed",
            "latin1",
        ]
    )
    if choice == "mixed":  # half GBK, half UTF-8: an editor that saved a paste badly
        half = len(text) // 2
        return text[:half].encode("gbk", "replace") + text[half:].encode("utf-8")
    if choice == "latin1":  # mojibake: UTF-8 bytes read as Latin-1 and saved as UTF-8
        return text.encode("utf-8").decode("latin1").encode("utf-8")
    return text.encode(choice, "replace")


def truncated_bytes(rng: random.Random, data: bytes) -> bytes:
    """Cut anywhere, mid-character or mid-structure."""
    return data[: rng.randrange(1, max(2, len(data)))]


def flipped_bytes(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(max(1, len(raw) // 200)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def random_bytes(rng: random.Random, size: int) -> bytes:
    return rng.randbytes(size)


# --- pathological shapes (sizes in characters) ------------------------------------------


def one_line(chars: int) -> str:
    """Sentences without a line break: ``chars`` characters on one line."""
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]


def one_char(chars: int) -> str:
    return "学" * chars


def tab_rows(rows: int) -> str:
    """A table of ``rows`` tiny tab-separated rows."""
    return "表1 学生情况\n序号\t项目\t数量\n" + "\n".join(
        f"{i}\t项目{i}\t{i * 2}" for i in range(rows)
    )


def no_punctuation(chars: int) -> str:
    unit = "学校共有在校生1200人毕业生300人就业率98.5专任教师86人"
    return (unit * (chars // len(unit) + 1))[:chars]


def nested_parts(rows: int) -> str:
    """其中 inside 其中 inside 其中: a parts table nested ever deeper."""
    lines = ["表1 学生构成", "项目\t2023年\t2024年"]
    for i in range(rows):
        depth = 1 + i % 9
        lines.append(f"{'其中：' * depth}学生{i}\t{1000 - depth}\t{1000 - depth + i % 3}")
    return "\n".join(lines)


def repeated_captions(count: int) -> str:
    """The same caption over and over, with a header row under some of them."""
    out = []
    for i in range(count):
        out.append(f"表{i % 7 + 1} 学生情况统计表")
        if i % 3 == 0:
            out.append("项目\t2023年\t2024年")
    return "\n".join(out)


def heading_storm(count: int) -> str:
    return "\n".join(f"{i % 9 + 1}.{i % 7}.{i % 5} 第{i}章 学校概况" for i in range(count))


def case_storm(count: int) -> str:
    return "\n".join(f"案例{i // 10 + 1}-{i % 10} 某某学校产教融合{i}" for i in range(count))


def number_storm(chars: int) -> str:
    """Digits and units only: every character a candidate number."""
    unit = "1200人300万元98.5%17.6:1近70家"
    return (unit * (chars // len(unit) + 1))[:chars]


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "one_line": one_line,
    "one_char": one_char,
    "tab_rows": tab_rows,
    "no_punctuation": no_punctuation,
    "nested_parts": nested_parts,
    "repeated_captions": repeated_captions,
    "heading_storm": heading_storm,
    "case_storm": case_storm,
    "number_storm": number_storm,
}
