"""Headless Chromium through Debian's chromedriver, shared by the browser checks in script/
(browser-check.py, room-phone-check.py, room-participants.py)."""
import json

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def start(width, height, network_log=False):
    """A headless Chromium with a window of width x height; network_log keeps the requests for
    requests_made."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def requests_made(driver):
    """Every URL the page asked for: the network log (a browser started with network_log) and the
    page's resource timing, sorted, each once."""
    made = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            made.append(message["params"]["request"]["url"])
    made += driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    return sorted(set(made))
