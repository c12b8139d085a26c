#!/usr/bin/python3
"""Participants of a live review room in headless Chromium (Selenium + chromedriver), for the
end-to-end test: reads one command a line on standard input and answers one JSON line each.

  join N URL          N browsers open the join address    -> {"labels": [...], "communities": [...]}
  card LABEL          every browser shows the card LABEL   -> {"seconds": S}
  vote I / unvote I   participant I adds / takes back a vote on the card on show -> {"here": "..."}
  note I TEXT         participant I writes a note          -> {"status": "..."}
  suggest I C LABEL   participant I suggests LABEL affecting community C -> {"status": "..."}

Every wait is bounded; a failure answers {"error": "..."} and the script goes on to the next
command. Ends with standard input (or after four minutes, whatever happens).
"""
import json
import signal
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import chromium

WAIT = 60
browsers = []


def text(driver, element):
    return driver.find_element(By.ID, element).text


def until(driver, condition, what):
    WebDriverWait(driver, WAIT, poll_frequency=0.05).until(lambda d: condition(d), message=what)


def join(count, url):
    for _ in range(count):
        driver = chromium.start(360, 640)
        driver.get(url)
        browsers.append(driver)
    for driver in browsers:
        until(driver, lambda d: text(d, "status") == "You are in the room.", "joined")
        until(driver, lambda d: driver.find_elements(By.CSS_SELECTOR, "#suggest-communities input"), "communities")
    communities = [i.get_attribute("value")
                   for i in browsers[0].find_elements(By.CSS_SELECTOR, "#suggest-communities input")]
    return {"labels": [text(d, "card-label") for d in browsers], "communities": communities}


def card(label):
    began = time.monotonic()
    for driver in browsers:
        until(driver, lambda d: text(d, "card-label") == label, "the card " + label)
    return {"seconds": time.monotonic() - began}


def vote(i, button):
    driver = browsers[i]
    before = text(driver, "votes-here")
    driver.find_element(By.ID, button).click()
    until(driver, lambda d: text(d, "votes-here") != before, "the vote counted")
    return {"here": text(driver, "votes-here")}


def send_form(i, fill, submit, done):
    driver = browsers[i]
    fill(driver)
    driver.find_element(By.CSS_SELECTOR, submit).click()
    until(driver, lambda d: text(d, "status") == done, done)
    return {"status": text(driver, "status")}


def note(i, words):
    def fill(d):
        d.find_element(By.ID, "note-text").send_keys(words)
    return send_form(i, fill, "#note-form button[type=submit]", "Your note is with the facilitator.")


def suggest(i, community, label):
    def fill(d):
        d.find_element(By.ID, "suggest-label").send_keys(label)
        d.find_element(By.CSS_SELECTOR, "#suggest-communities input[value='%s']" % community).click()
    return send_form(i, fill, "#suggest-form button[type=submit]", "Your suggestion is with the facilitator.")


def answer(line):
    words = line.split(" ")
    command = words[0]
    if command == "join":
        return join(int(words[1]), words[2])
    if command == "card":
        return card(" ".join(words[1:]))
    if command in ("vote", "unvote"):
        return vote(int(words[1]), "vote-add" if command == "vote" else "vote-remove")
    if command == "note":
        return note(int(words[1]), " ".join(words[2:]))
    if command == "suggest":
        return suggest(int(words[1]), words[2], " ".join(words[3:]))
    return {"error": "unknown command " + command}


def main():
    signal.alarm(240)
    try:
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            try:
                reply = answer(line)
            except Exception as error:  # the test reads the reason
                reply = {"error": "%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else "")}
            print(json.dumps(reply), flush=True)
    finally:
        for driver in browsers:
            driver.quit()


if __name__ == "__main__":
    main()
