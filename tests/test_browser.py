"""The report in a real browser: Debian's headless Chromium driven by Selenium.

Never downloads a browser: it uses ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``
(Debian's ``chromium`` and ``chromium-driver``). Skips when they are absent, except
under ``CI=true``, where their absence fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stance import report

try:
    from test_report import GENERATED, build_tiny_result
except ImportError:  # tests collected as a package
    from tests.test_report import GENERATED, build_tiny_result

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    reason = ""
    if missing:
        reason = (
            f"{' and '.join(missing)} not found: install Debian's chromium and "
            "chromium-driver packages"
        )
    else:
        try:
            import selenium  # noqa: F401
        except ImportError:
            reason = "selenium is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; under CI=true the browser test must run", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="stance-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-report")
    return report.write_report(build_tiny_result(), out, formats=("html",), generated=GENERATED)[
        "html"
    ]


def _visible_rows(driver: Any) -> list[tuple[str, str, str]]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#evidence-table tbody tr")
    return [
        (
            r.get_attribute("data-speaker"),
            r.get_attribute("data-topic"),
            r.find_element(By.CSS_SELECTOR, "td.sentence").text,
        )
        for r in rows
        if r.is_displayed()
    ]


def _expected(speaker: str | None, topic: str | None) -> list[tuple[str, str, str]]:
    stances = build_tiny_result().stances
    keep = stances
    if speaker is not None:
        keep = keep.loc[keep["speaker"] == speaker]
    if topic is not None:
        keep = keep.loc[keep["topic"] == topic]
    return sorted(zip(keep["speaker"], keep["topic"], keep["text"], strict=True))


@pytest.mark.parametrize(
    ("speaker", "topic"),
    [("Omar Haddad", "sanctions"), ("Lena Marsh", "trade"), ("Priya Natarajan", "trade")],
)
def test_clicking_a_heatmap_cell_shows_exactly_its_sentences(
    driver: Any, report_file: Path, speaker: str, topic: str
) -> None:
    from selenium.webdriver.common.by import By

    driver.get(report_file.as_uri())
    assert len(_visible_rows(driver)) == len(build_tiny_result().stances)
    cells = [
        c
        for c in driver.find_elements(By.CSS_SELECTOR, "svg g.hm-cell")
        if c.get_attribute("data-speaker") == speaker and c.get_attribute("data-topic") == topic
    ]
    assert len(cells) == 1, f"one heatmap cell for {speaker} / {topic}"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", cells[0])
    cells[0].click()
    assert sorted(_visible_rows(driver)) == _expected(speaker, topic)
    status = driver.find_element(By.ID, "evidence-filter").text
    assert f"speaker: {speaker}" in status and f"topic: {topic}" in status

    driver.find_element(By.ID, "evidence-clear").click()
    assert len(_visible_rows(driver)) == len(build_tiny_result().stances)


def test_clicking_a_topic_then_a_speaker_filters_by_one_key(driver: Any, report_file: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(report_file.as_uri())
    link = driver.find_element(By.CSS_SELECTOR, '#methods a.js-filter[data-topic="sanctions"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    assert sorted(_visible_rows(driver)) == _expected(None, "sanctions")

    name = driver.find_element(By.CSS_SELECTOR, "#speaker-1 h3 a")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", name)
    name.click()
    assert sorted(_visible_rows(driver)) == _expected(name.text, None)


def test_clicking_a_column_header_sorts_the_table(driver: Any, report_file: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(report_file.as_uri())
    header = driver.find_elements(By.CSS_SELECTOR, "#evidence-table thead th")[3]
    assert "Score" in header.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", header)
    header.find_element(By.TAG_NAME, "button").click()
    scores = [
        float(c.get_attribute("data-value"))
        for c in driver.find_elements(By.CSS_SELECTOR, "#evidence-table tbody tr td:nth-child(4)")
    ]
    assert scores == sorted(scores)
    assert header.get_attribute("aria-sort") == "ascending"
    header.find_element(By.TAG_NAME, "button").click()
    scores = [
        float(c.get_attribute("data-value"))
        for c in driver.find_elements(By.CSS_SELECTOR, "#evidence-table tbody tr td:nth-child(4)")
    ]
    assert scores == sorted(scores, reverse=True)


def test_the_page_makes_no_request_and_logs_no_error(driver: Any, report_file: Path) -> None:
    driver.get(report_file.as_uri())
    entries = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
    )
    assert entries == []
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []


def test_untrusted_text_does_not_run_in_the_browser(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    evil = (
        "<script>document.title='pwned'</script>"
        "<img src=x onerror=\"document.title='pwned'\"> </td> {{ 7*7 }}"
    )
    result = build_tiny_result({("harbour-talks", 1): evil})
    path = report.write_report(result, tmp_path, formats=("html",))["html"]
    driver.get(path.as_uri())
    assert driver.title == "Tiny corpus"
    assert driver.find_elements(By.CSS_SELECTOR, "#evidence-table img") == []
    texts = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "td.sentence")]
    assert any("<script>document.title='pwned'</script>" in t and "{{ 7*7 }}" in t for t in texts)
