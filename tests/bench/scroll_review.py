#!/usr/bin/env python3
"""Scrolling a 100,000-line review in the app's real WebView (tauri-driver + WebKitWebDriver).

Demo mode plans BENCH_INPUT (scripted dialog answer), starts the job and cancels it at once, so
the review lists every distinct person (nearly all "not sent yet"). Then, inside the WebView,
the review table is scrolled a few lines every animation frame for a few seconds while the frame
times are recorded; the reference is the same WebView's frame times with nothing scrolling.
Prints frame-time percentiles and the ratio p95(scrolling) / p95(idle).
"""
import os
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

MEASURE = """
const [mode, seconds, done] = arguments;
const box = document.querySelector('.review-scroll');
const frames = [];
let blankFrames = 0;
let last = performance.now();
const start = last;
function step(now) {
  frames.push(now - last);
  last = now;
  if (mode === 'scroll') {
    box.scrollTop += 102;  // three lines a frame: ~6,000 px/s, a fast flick
    if (box.querySelector('.review-loading')) blankFrames += 1;
  }
  const end = now - start > seconds * 1000 || box.scrollTop + box.clientHeight >= box.scrollHeight;
  if (end) done({frames: frames.slice(2), blankFrames, top: box.scrollTop, lines: box.getAttribute('aria-rowcount')});
  else requestAnimationFrame(step);
}
requestAnimationFrame(step);
"""


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def find(driver, xpath, timeout=120):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        lambda d: next((e for e in d.find_elements(By.XPATH, xpath) if e.is_displayed()), None),
        message=f"nothing visible at {xpath}",
    )


def main():
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": os.environ["BENCH_APP"], "args": ["--demo"]})
    driver = webdriver.Remote(command_executor=os.environ["BENCH_DRIVER_URL"], options=options)
    driver.set_script_timeout(60)
    try:
        find(driver, "//*[contains(@class,'demo-banner')]").is_displayed()
        find(driver, "//nav[@aria-label='Main']//a[.//span[normalize-space(.)='Enrich']]").click()
        find(driver, "//button[normalize-space(.)='Choose file…']").click()
        find(driver, "//button[normalize-space(.)='Enrich…']").click()
        find(driver, "//button[starts-with(normalize-space(.), 'Spend up to')]").click()
        find(driver, "//button[normalize-space(.)='Cancel']").click()
        find(driver, "//h2[starts-with(normalize-space(.), 'Enrichment stopped')]")
        find(driver, "//section[@aria-label='Review by person']//div[@role='row'][.//span[contains(@class,'status-pill')]]")
        idle = driver.execute_async_script(MEASURE, "idle", 2)
        scroll = driver.execute_async_script(MEASURE, "scroll", 6)
    finally:
        driver.quit()

    lines = int(scroll["lines"])
    if lines < 50_000:
        print(f"scroll: the review has only {lines} lines; expected a 100,000-row file", file=sys.stderr)
        sys.exit(1)
    frames, reference = scroll["frames"], idle["frames"]
    p50, p95, worst = statistics.median(frames), percentile(frames, 0.95), max(frames)
    ref95 = percentile(reference, 0.95)
    slow = sum(1 for f in frames if f > 33.4) / len(frames)
    print(f"scroll: review of {lines:,} lines, {len(frames)} frames over {scroll['top'] / 34:,.0f} lines scrolled")
    print(f"scroll: frame time p50 {p50:.1f} ms, p95 {p95:.1f} ms, worst {worst:.1f} ms; "
          f"{slow:.1%} of frames over 33 ms; {scroll['blankFrames']} frames showed a line still loading")
    print(f"scroll: idle WebView p95 {ref95:.1f} ms -> ratio p95 scrolling / idle {p95 / ref95:.2f}x")


if __name__ == "__main__":
    main()
