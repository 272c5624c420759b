"""The audit page in a real browser (headless Debian Chromium through selenium): filters by
severity, type, document and search text; the cited cell in the document view; the page
with JavaScript off. Skips where chromium or chromedriver is not installed."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nianbao.export.audit import render_html
from nianbao.export.audit_page import document_keys
from nianbao.export.contract import dumps, to_record
from nianbao.run import RunOptions, annotate_path

pytest.importorskip("selenium.webdriver")
from audit_browser import MISSING, chromium, have_chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = Path(__file__).resolve().parents[2]
# Phrases of message templates (table_vs_table, sums, narrative checks): found in messages,
# never in a report. The search test takes the first that several, not all, findings hold.
PHRASES = ("同一指标同一年份数值不一致", "超过总数", "正文两处", "正文称")

pytestmark = pytest.mark.slow

Record = dict[str, Any]


def _browser(javascript: bool) -> WebDriver:
    if not have_chromium():
        pytest.skip(MISSING)
    return chromium(javascript=javascript)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], list[str], Path]:
    """The committed sample corpus through the real pipeline (rules only), as a page."""
    if not have_chromium():
        pytest.skip(MISSING)
    options = RunOptions(use_model=False)
    paths = sorted((REPO / "corpora" / "sample").glob("*.txt"))
    records = [json.loads(dumps(to_record(annotate_path(p, options)))) for p in paths]
    findings = [f for r in records for f in r["findings"]]
    assert len({f["type"] for f in findings}) >= 2 and len({f["severity"] for f in findings}) == 2
    assert sum(1 for r in records if r["findings"]) >= 2
    page = tmp_path_factory.mktemp("audit") / "page.html"
    page.write_text(render_html(records), encoding="utf-8")
    return records, document_keys(records), page


@pytest.fixture(scope="module")
def browser(run: tuple[list[Record], list[str], Path]) -> Iterator[WebDriver]:
    driver = _browser(javascript=True)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser: WebDriver, run: tuple[list[Record], list[str], Path]) -> WebDriver:
    browser.get(run[2].as_uri())
    return browser


def _ids(records: list[Record], keys: list[str], keep: Any = lambda r, f: True) -> set[str]:
    return {
        f"{k}-{f['id']}"
        for r, k in zip(records, keys, strict=True)
        for f in r["findings"]
        if keep(r, f)
    }


def _visible(driver: WebDriver) -> set[str]:
    cards = driver.find_elements(By.CSS_SELECTOR, "article.finding")
    return {c.get_attribute("id") or "" for c in cards if c.is_displayed()}


def _shown_count(driver: WebDriver) -> int:
    return int(driver.find_element(By.ID, "shown-count").get_attribute("data-shown") or -1)


def test_page_renders_with_everything_shown_and_a_screenshot(page: WebDriver, run) -> None:
    records, keys, _ = run
    from PIL import Image

    png = page.get_screenshot_as_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert image.size[0] >= 1000 and len(colours) > 50  # text, badges, highlights: not blank
    assert _visible(page) == _ids(records, keys) and _shown_count(page) == len(_ids(records, keys))
    assert page.find_element(By.ID, "filters").is_displayed()


def test_filter_by_severity(page: WebDriver, run) -> None:
    records, keys, _ = run
    page.find_element(By.CSS_SELECTOR, "input[name=severity][value=warning]").click()
    errors = _ids(records, keys, lambda r, f: f["severity"] == "error")
    assert _visible(page) == errors and 0 < len(errors) < len(_ids(records, keys))
    page.find_element(By.CSS_SELECTOR, "input[name=severity][value=error]").click()
    assert _visible(page) == set() and _shown_count(page) == 0
    page.find_element(By.CSS_SELECTOR, "input[name=severity][value=warning]").click()
    warnings = _ids(records, keys, lambda r, f: f["severity"] == "warning")
    assert _visible(page) == warnings and warnings


def test_filter_by_type(page: WebDriver, run) -> None:
    records, keys, _ = run
    # the type most findings of the sample have, other than the one added second below
    counts = Counter(f["type"] for r in records for f in r["findings"])
    wanted = next(t for t, _ in counts.most_common() if t != "label_or_period")
    for box in page.find_elements(By.CSS_SELECTOR, "input[name=type]"):
        if box.get_attribute("value") != wanted:
            box.click()
    expected = _ids(records, keys, lambda r, f: f["type"] == wanted)
    assert _visible(page) == expected and len(expected) >= 2
    page.find_element(By.CSS_SELECTOR, "input[name=type][value=label_or_period]").click()
    expected |= _ids(records, keys, lambda r, f: f["type"] == "label_or_period")
    assert _visible(page) == expected


def test_filter_by_document_hides_the_other_documents(page: WebDriver, run) -> None:
    records, keys, _ = run
    record, key = next((r, k) for r, k in zip(records, keys, strict=True) if len(r["findings"]) > 2)
    Select(page.find_element(By.NAME, "doc")).select_by_value(key)
    assert _visible(page) == _ids([record], [key]) and _shown_count(page) == len(record["findings"])
    shown_docs = [
        s.get_attribute("id")
        for s in page.find_elements(By.CSS_SELECTOR, "section.doc")
        if s.is_displayed()
    ]
    assert shown_docs == [key]
    Select(page.find_element(By.NAME, "doc")).select_by_value("")
    assert _visible(page) == _ids(records, keys)


def test_search_box(page: WebDriver, run) -> None:
    records, keys, _ = run
    everything = _ids(records, keys)
    phrase = next(
        p
        for p in PHRASES
        if not any(p in r["text"] for r in records)
        and 1 < len(_ids(records, keys, lambda r, f, p=p: p in f["message"])) < len(everything)
    )
    expected = _ids(records, keys, lambda r, f: phrase in f["message"])
    box = page.find_element(By.NAME, "q")
    box.send_keys(phrase)
    assert _visible(page) == expected and 1 < len(expected) < len(_ids(records, keys))
    page.find_element(By.CSS_SELECTOR, "input[name=severity][value=error]").click()  # and
    assert _visible(page) == set()
    page.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    assert _visible(page) == _ids(records, keys) and box.get_attribute("value") == ""
    box.send_keys("没有这样的问题 no such finding")
    assert (
        _visible(page) == set()
        and "没有符合筛选条件的问题" in page.find_element(By.ID, "shown-count").text
    )
    box.clear()
    box.send_keys(records[1]["meta"]["reporting_entity"])  # a document's name matches too
    assert _visible(page) == _ids([records[1]], [keys[1]])


def _cited_cells(
    records: list[Record], keys: list[str]
) -> Iterator[tuple[str, Record, Record, int, int]]:
    """(document key, finding, evidence, row index, cell index) of each cited cell, the
    row found from the cell's offsets as an auditor would check them by hand."""
    for record, key in zip(records, keys, strict=True):
        tables = {t["id"]: t for t in record["tables"]}
        for f in record["findings"]:
            for e in f["evidence"]:
                if e["kind"] != "cell":
                    continue
                rows = tables[e["table"]]["rows"]
                (ri, ci) = next(
                    (ri, ci)
                    for ri, row in enumerate(rows)
                    for ci, c in enumerate(row["cells"])
                    if (c["start"], c["end"]) == (e["start"], e["end"])
                )
                yield key, f, e, ri, ci


def test_the_highlighted_cell_is_the_cited_one_in_its_own_row(page: WebDriver, run) -> None:
    records, keys, _ = run
    by_key = dict(zip(keys, records, strict=True))
    repeated = 0
    for key, finding, e, ri, ci in _cited_cells(records, keys):
        record = by_key[key]
        rows = next(t for t in record["tables"] if t["id"] == e["table"])["rows"]
        value = record["text"][e["start"] : e["end"]]
        repeated += [row["label"] for row in rows].index(e["row"]) != ri
        # the card shows the cited row, the cell marked
        card = page.find_element(By.ID, f"{key}-{finding['id']}")
        marked = card.find_elements(By.CSS_SELECTOR, f"table.excerpt tr[data-row='{ri}'] td.cited")
        assert value in [m.text for m in marked]
        # following a link to the cell opens the document view there, in the whole table
        target = f"{key}-{e['table']}-r{ri}-c{ci}"
        page.execute_script("location.hash = arguments[0]", target)
        cell = page.find_element(By.ID, target)
        assert cell.is_displayed() and "cited" in (cell.get_attribute("class") or "")
        assert cell.text == value
        row = cell.find_element(By.XPATH, "..")
        assert row.get_attribute("data-row") == str(ri)
        assert row.find_element(By.TAG_NAME, "th").text == e["row"].strip()
        assert finding["id"] in (cell.get_attribute("data-findings") or "").split()
    assert repeated >= 3  # cells whose label first appears in another row were among them


def test_a_cards_link_opens_the_document_view_at_its_cell(page: WebDriver, run) -> None:
    records, keys, _ = run
    key, finding, e, ri, ci = next(_cited_cells(records, keys))
    view = page.find_element(By.ID, f"{key}-text")
    assert view.get_attribute("open") is None
    card = page.find_element(By.ID, f"{key}-{finding['id']}")
    target = f"{key}-{e['table']}-r{ri}-c{ci}"
    page.execute_script("history.replaceState(null, '', ' ')")  # a fresh hash: hashchange fires
    card.find_element(By.CSS_SELECTOR, f"a.goto[href='#{target}']").click()
    # The page reveals the target on hashchange, which fires after the click returns.
    WebDriverWait(page, 10).until(lambda _: view.get_attribute("open") is not None)
    assert page.find_element(By.ID, target).is_displayed()


def test_the_claim_is_highlighted_in_the_document_text(page: WebDriver, run) -> None:
    records, keys, _ = run
    record, key, finding, e = next(
        (r, k, f, e)
        for r, k in zip(records, keys, strict=True)
        for f in r["findings"]
        for e in f["evidence"]
        if e["kind"] == "claim"
    )
    card = page.find_element(By.ID, f"{key}-{finding['id']}")
    page.execute_script("history.replaceState(null, '', ' ')")
    card.find_element(By.CSS_SELECTOR, f"a.goto[href='#{key}-at-{e['start']}-{e['end']}']").click()
    view = page.find_element(By.ID, f"{key}-text")
    WebDriverWait(page, 10).until(lambda _: view.get_attribute("open") is not None)
    anchor = page.find_element(By.ID, f"{key}-at-{e['start']}-{e['end']}")
    mark = anchor.find_element(By.XPATH, "following-sibling::mark[1]")
    assert mark.is_displayed() and mark.text == record["text"][e["start"] : e["end"]]
    assert page.find_element(By.ID, f"{key}-text").get_attribute("open") is not None


def test_without_javascript_every_finding_is_shown(run) -> None:
    records, keys, path = run
    driver = _browser(javascript=False)
    try:
        driver.get(path.as_uri())
        assert _visible(driver) == _ids(records, keys)
        assert not driver.find_element(By.ID, "filters").is_displayed()
        # the document view still opens (a plain <details>) with its cited cells marked
        key, _, e, ri, ci = next(_cited_cells(records, keys))
        view = driver.find_element(By.ID, f"{key}-text")
        view.find_element(By.TAG_NAME, "summary").click()
        cell = driver.find_element(By.ID, f"{key}-{e['table']}-r{ri}-c{ci}")
        assert (
            cell.is_displayed()
            and cell.text == records[keys.index(key)]["text"][e["start"] : e["end"]]
        )
    finally:
        driver.quit()
