#!/usr/bin/python3
"""Opens the live room's participant page in headless Chromium as a 360x640 phone and reports, as JSON
on standard output, what the Swift test suite judges:

  room-phone-check.py JOIN_ADDRESS [--vote] [--screenshot PNG]

Reports: the status line once joined, the card on show, the page's and the viewport's widths (no
horizontal scroll), every visible text smaller than 16 px, every request that went anywhere but the
room's origin, Content-Security-Policy violations, and axe-core's violations under the WCAG 2.0, 2.1
and 2.2 A and AA rules (axe-core 4.12 from axe-playwright-python; script/setup installs it). --vote
presses "Add my vote" first. Exits 1 when the browser cannot be started: a missing browser is a failure.
"""
import argparse
import json
import os
import sys
import time

from selenium.webdriver.common.by import By

import chromium

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Every element showing text of its own (a text node, or a control), with its computed size.
SMALL_TEXT = """
const small = [];
for (const el of document.body.querySelectorAll('*')) {
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) continue;
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim() !== '');
  const control = ['INPUT', 'TEXTAREA', 'BUTTON', 'SELECT'].includes(el.tagName);
  if (!own && !control) continue;
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (size < 16) small.push({tag: el.tagName, id: el.id, size: size, text: el.textContent.trim().slice(0, 40)});
}
return small;
"""

WIDTHS = """
let widest = 0;
for (const el of document.body.querySelectorAll('*')) widest = Math.max(widest, el.getBoundingClientRect().right);
return {viewport: window.innerWidth, scroll: document.documentElement.scrollWidth, widest: widest};
"""


def axe_source():
    import axe_playwright_python
    with open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8") as f:
        return f.read()


def wait_for(driver, script, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--vote", action="store_true")
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    try:
        driver = chromium.start(360, 640, network_log=True)
    except Exception as error:  # noqa: BLE001 - any start failure is the same failure for the test
        print(f"room-phone-check: cannot start Chromium through chromedriver: {error}", file=sys.stderr)
        return 1
    report = {}
    try:
        driver.set_script_timeout(120)
        # A phone: 360x640 CSS pixels, its meta viewport honoured, drawn at twice the density.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 360, "height": 640, "deviceScaleFactor": 2, "mobile": True})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source":
            "window.__csp = []; document.addEventListener('securitypolicyviolation', "
            "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"})
        driver.get(args.address)
        report["joined"] = wait_for(driver, "return document.getElementById('status').textContent === "
                                            "'You are in the room.' && document.getElementById('status').textContent;")
        report["card"] = wait_for(driver, "const c = document.getElementById('card-label').textContent; "
                                          "return c.startsWith('Waiting') ? null : c;")
        if args.vote:
            driver.find_element(By.ID, "vote-add").click()
            report["after_vote"] = wait_for(driver, "const s = document.getElementById('status').textContent; "
                                                    "return s === 'Your vote is counted.' && s;")
            report["votes_here"] = driver.find_element(By.ID, "votes-here").text
        report["widths"] = driver.execute_script(WIDTHS)
        report["small_text"] = driver.execute_script(SMALL_TEXT)
        report["csp_violations"] = driver.execute_script("return window.__csp;")
        if args.screenshot:
            driver.execute_script("window.scrollTo(0, 0);")
            driver.save_screenshot(args.screenshot)
        driver.execute_script(axe_source())
        report["axe_version"] = driver.execute_script("return axe.version;")
        report["violations"] = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, "
            "help: v.help, sample: v.nodes[0] && v.nodes[0].html}))))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: 0, help: String(e)}]));" % json.dumps(WCAG_AA))
        report["requests"] = chromium.requests_made(driver)
        origin = "/".join(args.address.split("/")[:3]) + "/"
        report["foreign_requests"] = [url for url in report["requests"] if not url.startswith(origin)]
    finally:
        driver.quit()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
