#!/usr/bin/python3
"""Opens an exported page in headless Chromium (Selenium + chromedriver) and reports what a person
would see, as JSON on standard output, for the Swift test suite to judge:

  browser-check.py PAGE.html [--labels LABELS.json] [--search TERM] [--kind KIND] [--click ID] [--axe-only]

Reports: labels missing from the visible text, rows shown before/after a search and a kind filter,
the details title after clicking a node and after pressing Enter on it, whether any script from the
map ran (window.__pwned or an alert), every request the page made, and axe-core's serious and critical
violations. Exits 1 (with a message) when the browser cannot be started: a missing browser is a failure.
"""
import argparse
import json
import os
import sys

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import chromium

VISIBLE_ROWS = """return Array.from(document.querySelectorAll('#tables tbody tr'))
  .filter(r => !r.hidden).map(r => r.children[1].textContent);"""
LIT_SHAPES = "return document.querySelectorAll('g.node:not(.dim)').length;"


def axe_source():
    import axe_selenium_python
    path = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def pwned(driver):
    try:
        driver.switch_to.alert.accept()
        return "an alert opened"
    except NoAlertPresentException:
        pass
    value = driver.execute_script("return window.__pwned === undefined ? null : String(window.__pwned);")
    return value


def axe(driver):
    driver.execute_script(axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
        "({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, sample: v.nodes[0] && v.nodes[0].html}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: 0, help: String(e)}]));")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--labels")
    parser.add_argument("--search")
    parser.add_argument("--kind")
    parser.add_argument("--click")
    parser.add_argument("--axe-only", action="store_true")
    args = parser.parse_args()
    page_url = "file://" + os.path.abspath(args.page)
    try:
        driver = chromium.start(1400, 1000, network_log=True)
    except Exception as error:  # noqa: BLE001 - any start failure is the same failure for the test
        print(f"browser-check: cannot start Chromium through chromedriver: {error}", file=sys.stderr)
        return 1
    report = {}
    try:
        driver.set_script_timeout(120)
        driver.get(page_url)
        report["title"] = driver.title
        report["pwned_on_load"] = pwned(driver)
        if not args.axe_only:
            text = driver.find_element(By.TAG_NAME, "body").text
            labels = json.load(open(args.labels, encoding="utf-8")) if args.labels else []
            report["missing_labels"] = [label for label in labels if label not in text]
            report["rows_before"] = len(driver.execute_script(VISIBLE_ROWS))
            report["shapes_before"] = driver.execute_script(LIT_SHAPES)
            if args.search:
                driver.find_element(By.ID, "search").send_keys(args.search)
                report["rows_after_search"] = driver.execute_script(VISIBLE_ROWS)
                report["shapes_after_search"] = driver.execute_script(LIT_SHAPES)
                driver.find_element(By.ID, "clear").click()
            if args.kind:
                Select(driver.find_element(By.ID, "f-kind")).select_by_value(args.kind)
                report["rows_after_kind"] = driver.execute_script(VISIBLE_ROWS)
                report["shapes_after_kind"] = driver.execute_script(LIT_SHAPES)
                driver.find_element(By.ID, "clear").click()
            if args.click:
                shape = driver.find_element(By.ID, "n-" + args.click)
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", shape)
                shape.click()
                report["details_after_click"] = driver.find_element(By.ID, "details-title").text
                report["details_text"] = driver.find_element(By.ID, "details").text
                # Keyboard alone: the same node by Tab-able shape and Enter, then focus on its neighbourhood.
                driver.find_element(By.ID, "clear").click()
                driver.execute_script("document.getElementById('details').textContent = '';")
                driver.execute_script("arguments[0].focus();", shape)
                driver.switch_to.active_element.send_keys(Keys.ENTER)
                report["details_after_enter"] = driver.find_element(By.ID, "details-title").text
                report["focus_in_details"] = driver.execute_script(
                    "return document.getElementById('details').contains(document.activeElement);")
                driver.find_element(By.XPATH, "//aside[@id='details']//button[text()='Focus on its neighbourhood']").send_keys(Keys.ENTER)
                report["rows_in_neighbourhood"] = driver.execute_script(VISIBLE_ROWS)
            report["pwned_after_use"] = pwned(driver)
        report["serious_violations"] = axe(driver)
        report["requests"] = [url for url in chromium.requests_made(driver) if url != page_url]
    finally:
        driver.quit()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
