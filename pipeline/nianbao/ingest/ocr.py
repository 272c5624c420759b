"""OCR for scanned PDFs, through Tesseract when it is installed (optional, found at run time).

A PDF whose pages carry no text layer is a scan. nianbao reads it with the ``tesseract``
command and its simplified-Chinese data (Debian/Ubuntu: ``apt-get install tesseract-ocr
tesseract-ocr-chi-sim``); without them the document is an error line of type ``ScannedPDF``
that says how to install them, never an empty report.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import regex

_LANGUAGE = "chi_sim"
_RESOLUTION = 300  # dots per inch of the page images Tesseract reads
_SECONDS_PER_PAGE = 120


@cache
def ocr_available() -> bool:
    """True when ``tesseract`` is on the PATH with its simplified-Chinese data."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return _LANGUAGE in (listed.stdout + listed.stderr).split()


def ocr_pages(pages: list[Any]) -> list[str]:
    """The text of each pdfplumber page read by Tesseract (a blank line ends each page)."""
    binary = shutil.which("tesseract") or "tesseract"
    texts = []
    with tempfile.TemporaryDirectory(prefix="nianbao-ocr-") as folder:
        for number, page in enumerate(pages, start=1):
            image = Path(folder) / f"page{number}.png"
            page.to_image(resolution=_RESOLUTION).original.save(image)
            done = subprocess.run(
                [binary, str(image), "stdout", "-l", _LANGUAGE, "--psm", "6"],
                capture_output=True,
                text=True,
                timeout=_SECONDS_PER_PAGE,
                check=False,
            )
            texts.append(_without_spaces_between_han(done.stdout.strip()))
    return [f"{t}\n\n" if t else "" for t in texts]


def _without_spaces_between_han(text: str) -> str:
    """Tesseract puts a space between Chinese characters; a page has none there."""
    return regex.sub(
        r"(?<=[\p{Han}，。、；：！？（）])[ \t]+(?=[\p{Han}，。、；：！？（）])", "", text
    )
