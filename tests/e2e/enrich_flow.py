#!/usr/bin/env python3
"""End to end through the real WebView: the app in demo mode, driven by WebDriver
(tauri-driver + WebKitWebDriver), enriches tests/fixtures/e2e_contacts.csv and exports it.

The file dialogs answer from ZI_DEMO_FILE_CHOICES (honoured in demo mode only), set by
scripts/e2e.sh: first the input file, then the export path. Checks what a user sees at each
step, then the exported file itself. Screenshots go to E2E_SHOTS.
"""
import csv
import io
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

APP = os.environ["E2E_APP"]
DRIVER_URL = os.environ["E2E_DRIVER_URL"]
INPUT = os.environ["E2E_INPUT"]
OUTPUT = os.environ["E2E_OUTPUT"]
SHOTS = os.environ.get("E2E_SHOTS", "target/e2e")


def fail(message):
    print(f"e2e: FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def step(message):
    print(f"e2e: {message}", flush=True)


def by_text(tag, text):
    """XPath for a `tag` whose whole text (spaces normalized) is `text`."""
    return f"//{tag}[normalize-space(.)={text!r}]"


class App:
    def __init__(self, driver):
        self.driver = driver
        self.wait = WebDriverWait(driver, 30, poll_frequency=0.1, ignored_exceptions=[StaleElementReferenceException])

    def find(self, xpath, timeout=30):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(
            lambda d: next((e for e in d.find_elements(By.XPATH, xpath) if e.is_displayed()), None),
            message=f"nothing visible at {xpath}",
        )

    def click(self, xpath, timeout=30):
        element = self.find(xpath, timeout)
        WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(
            lambda _: element.is_enabled(), message=f"{xpath} stays disabled"
        )
        element.click()
        return element

    def figure(self, panel_title, term):
        """The number shown for `term` in the panel headed `panel_title`."""
        panel = f"//section[.//h2[normalize-space(.)={panel_title!r}]]"
        dd = self.find(f"{panel}//dt[normalize-space(.)={term!r}]/following-sibling::dd[1]")
        return int(dd.text.split()[0].replace(",", ""))

    def shot(self, name):
        # WebKitWebDriver captures the last frame painted, which lags the page under load:
        # without a pause the picture can still show the screen before.
        time.sleep(1.0)
        os.makedirs(SHOTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def input_rows():
    with open(INPUT, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def check_export(expected_rows):
    step(f"checking the exported file {OUTPUT}")
    if not os.path.isfile(OUTPUT):
        fail("the export was reported but no file exists")
    raw = open(OUTPUT, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("the CSV has no UTF-8 BOM, so Excel would misread accents")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    source_header, source_body = expected_rows[0], expected_rows[1:]
    if header[: len(source_header)] != source_header:
        fail(f"the input columns are not kept first: {header}")
    appended = header[len(source_header):]
    if appended[:2] != ["zi_match_status", "zi_id"] or not all(c.startswith("zi_") for c in appended):
        fail(f"unexpected appended columns: {appended}")
    if len(body) != len(source_body):
        fail(f"{len(body)} data rows written for {len(source_body)} read")
    status_at, id_at = len(source_header), len(source_header) + 1
    for number, (written, original) in enumerate(zip(body, source_body), start=2):
        kept = written[: len(original)]
        # Formula-looking cells are neutralized with a leading apostrophe, nothing else changes.
        if [c[1:] if c.startswith("'") and not o.startswith("'") else c for c, o in zip(kept, original)] != original:
            fail(f"row {number} changed: {original} became {kept}")
    statuses = [r[status_at] for r in body]
    matched = sum(1 for r in body if r[id_at])
    if matched == 0 or "NO_MATCH" not in statuses or "INVALID_INPUT" not in statuses:
        fail(f"implausible statuses: {sorted(set(statuses))}, {matched} rows with an id")
    step(f"export ok: {len(body)} rows, {matched} with a ZoomInfo id, statuses {sorted(set(statuses))}")
    return matched


def open_app(*args):
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP, "args": ["--demo", *args]})
    return webdriver.Remote(command_executor=DRIVER_URL, options=options)


def enrich_selected_search_results():
    """Search, tick three results, "Enrich 3 selected…": the Enrich screen plans them by id."""
    driver = open_app("--screen", "search")
    app = App(driver)
    try:
        app.click(by_text("button", "Search"))
        boxes = WebDriverWait(driver, 30, poll_frequency=0.1).until(
            lambda d: [b for b in d.find_elements(By.XPATH, "//td//input[@type='checkbox']") if b.is_displayed()][:3] or None
        )
        for box in boxes:
            box.click()
        app.click("//button[starts-with(normalize-space(.), 'Enrich 3 selected')]")
        rows = app.figure("Estimate", "Rows")
        matched_as = app.find("//select[@aria-label='Match ZoomInfo Person ID as']")
        if rows != 3 or matched_as.get_attribute("value") != "person_id":
            fail(f"the selection planned {rows} rows, the id column as {matched_as.get_attribute('value')}")
        step("enrich selected: 3 search results planned, matched by ZoomInfo person id")
    except Exception:
        app.shot("failure-selected")
        raise
    finally:
        driver.quit()


def main():
    started = time.monotonic()
    driver = open_app()
    app = App(driver)
    try:
        app.find("//*[contains(@class,'demo-banner')]")
        step(f"the app opened in demo mode ({time.monotonic() - started:.1f} s including WebDriver start)")

        app.click("//nav[@aria-label='Main']//a[.//span[normalize-space(.)='Enrich']]")
        app.click(by_text("button", "Choose file…"))

        # The estimate, before anything is spent.
        rows = app.figure("Estimate", "Rows")
        to_send = app.figure("Estimate", "To send")
        expected = input_rows()
        if rows != len(expected) - 1:
            fail(f"the estimate counts {rows} rows, the file has {len(expected) - 1}")
        if not 0 < to_send < rows:
            fail(f"to send {to_send} of {rows} rows: duplicates and invalid rows should not be sent")
        app.find("//select[@aria-label='Match Email as']")
        app.shot("1-estimate")
        step(f"estimate: {rows} rows, {to_send} to send")

        app.click(by_text("button", "Enrich…"))
        app.click("//button[starts-with(normalize-space(.), 'Spend up to')]")

        # Live progress; pause holds it still, resume continues.
        bar = app.find("//*[@role='progressbar'][@aria-label='Enrichment progress']")
        # Pause once the run has sent something, as a person would: a click before the run is
        # under way can land before the engine knows of it.
        app.wait.until(lambda d: float(bar.get_attribute("aria-valuenow") or 0) > 0,
                       message="the run never got under way")
        app.click(by_text("button", "Pause"))
        app.find("//h2[@id='run-title'][starts-with(normalize-space(.), 'Paused')]")
        held = int(bar.get_attribute("aria-valuenow"))
        time.sleep(1.0)
        if int(bar.get_attribute("aria-valuenow")) != held:
            fail("the job kept going while paused")
        app.shot("2-paused")
        total = int(bar.get_attribute("aria-valuemax"))
        step(f"paused at {held} of {total}")
        app.click(by_text("button", "Resume"))
        seen = set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                seen.add(int(bar.get_attribute("aria-valuenow")))
            except (StaleElementReferenceException, WebDriverException, TypeError, ValueError):
                break  # the progress view made way for the review
            time.sleep(0.1)
        if not any(held < v < total for v in seen):
            fail(f"no progress shown between {held} and {total}: saw {sorted(seen)}")
        step(f"progress shown live: {len(seen)} distinct values")

        app.find(by_text("h2", f"Enrichment complete {os.path.basename(INPUT)}"), timeout=120)
        spent = app.figure(f"Enrichment complete {os.path.basename(INPUT)}", "Credits spent")
        review = "//section[@aria-label='Review by person']"
        app.find(f"{review}//div[@role='row'][.//span[contains(@class,'status-pill')]]")
        app.shot("3-review")
        app.click(f"{review}//button[starts-with(normalize-space(.), 'No match')]")
        time.sleep(0.5)
        pills = [p.text for p in driver.find_elements(By.XPATH, f"{review}//span[contains(@class,'status-pill')]")]
        if not pills or any(p != "No match" for p in pills):
            fail(f"the No match filter shows {sorted(set(pills))}")
        step(f"review filtered to no-match lines: {len(pills)} shown")

        app.click(by_text("button", "Export…"))
        app.find(f"//p[normalize-space(.)='Saved {rows:,} rows']")
        app.shot("4-exported")

        # Usage charts the credits the run spent, today and for this job.
        app.click("//nav[@aria-label='Main']//a[.//span[normalize-space(.)='Usage']]")
        chart = app.find("//section[.//h2[normalize-space(.)='Credits spent per day']]")
        charted = int(chart.find_element(By.XPATH, ".//p").text.split(": ")[1].split()[0].replace(",", ""))
        if charted != spent:
            fail(f"Usage charts {charted} credits, the run spent {spent}")
        # The chart is drawn (uPlot loads with it, whatever locale the WebView reports).
        app.find("//section[.//h2[normalize-space(.)='Credits spent per day']]//div[contains(@class,'uplot')]//canvas")
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", chart)
        app.shot("5-usage-credits")
        step(f"usage: {charted} credits charted for today and the job")
    except Exception:
        try:
            app.shot("failure")
        finally:
            raise
    finally:
        driver.quit()
    check_export(expected)
    enrich_selected_search_results()
    step("passed")


if __name__ == "__main__":
    main()
