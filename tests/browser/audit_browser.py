"""Headless Debian Chromium for the audit page: the browser the tests drive, and the
screenshot in the README.

    .venv/bin/python tests/browser/audit_browser.py RUN.jsonl docs/audit-page.png

renders ``RUN.jsonl`` with ``render_html`` and saves the top of the page as a PNG of at
most 256 colours (text and flat colours lose nothing, the file stays small).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = "需要 chromium 与 chromium-driver（apt-get install chromium chromium-driver）"


def have_chromium() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def chromium(*, javascript: bool = True, width: int = 1280, height: int = 1600) -> WebDriver:
    """Debian's chromium through its own chromedriver (selenium downloads nothing)."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def screenshot(jsonl: Path, png: Path, width: int, height: int) -> int:
    from nianbao.export.audit import render_html
    from nianbao.export.contract import read_jsonl
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "audit.html"
        page.write_text(render_html(read_jsonl(jsonl)), encoding="utf-8")
        driver = chromium(width=width, height=height)
        try:
            driver.get(page.as_uri())
            raw = Path(tmp) / "raw.png"
            driver.save_screenshot(str(raw))
        finally:
            driver.quit()
        image = Image.open(raw).convert("RGB").quantize(colors=256)
        png.parent.mkdir(parents=True, exist_ok=True)
        image.save(png, optimize=True)
    return png.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description="screenshot of the audit page（核查报告截图）")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1400)
    args = parser.parse_args()
    if not have_chromium():
        print(f"nianbao: {MISSING}", file=sys.stderr)
        return 2
    size = screenshot(args.jsonl, args.png, args.width, args.height)
    print(f"wrote {args.png} ({size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
