#!/usr/bin/env python3
"""End to end through the real WebView: an OAuth 2.0 data connector signs in at a real OpenID
provider (oidc-provider-mock), spends the sign-in with "Test API" at a resource server that
accepts only that provider's tokens, then meets a sign-in the provider revoked.

scripts/e2e-connectors.sh starts the provider and the resource server, places "Acme OAuth" in
the app's data folder and the app under a private keychain, and replaces the system browser
with a stub that only writes down the address it was given: this script plays the browser.
Screenshots go to E2E_SHOTS.
"""
import json
import os
import re
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

APP = os.environ["E2E_APP"]
DRIVER_URL = os.environ["E2E_DRIVER_URL"]
ISSUER = os.environ["E2E_ISSUER"]
BROWSER_LOG = os.environ["E2E_BROWSER_LOG"]
# What the app may write to: its data folder, profile folders and logs.
APP_FILES = os.environ["E2E_APP_FILES"].split(":")
SHOTS = os.environ.get("E2E_SHOTS", "target/e2e")
SERVICE = os.environ["ZI_KEYCHAIN_SERVICE"]
CLIENT_SECRET = os.environ["ACME_SECRET"]

CONNECTOR = "Acme OAuth"
ACCOUNT = f"connector sign-in {CONNECTOR}"
USER = "connector-e2e@example.com"
EMAIL = "ana@acme.example"
TITLE = "VP Finance"

STARTED = time.monotonic()


def fail(message):
    print(f"e2e-connectors: FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def step(message):
    print(f"e2e-connectors: [{time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


class App:
    def __init__(self, driver):
        self.driver = driver

    def wait(self, timeout=30):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=[StaleElementReferenceException])

    def find(self, xpath, timeout=30):
        return self.wait(timeout).until(
            lambda d: next((e for e in d.find_elements(By.XPATH, xpath) if e.is_displayed()), None),
            message=f"nothing visible at {xpath}",
        )

    def gone(self, xpath, timeout=30):
        self.wait(timeout).until(
            lambda d: not any(e.is_displayed() for e in d.find_elements(By.XPATH, xpath)),
            message=f"still visible: {xpath}",
        )

    def click(self, xpath, timeout=30):
        element = self.find(xpath, timeout)
        self.wait(timeout).until(lambda _: element.is_enabled(), message=f"{xpath} stays disabled")
        element.click()
        return element

    def shot(self, name, element=None):
        # WebKitWebDriver captures the last frame painted, which under Xvfb can still be a
        # screen from seconds before: waiting for two animation frames makes the page paint.
        if element is not None:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element)
        self.driver.set_script_timeout(10)
        self.driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))")
        time.sleep(0.5)
        os.makedirs(SHOTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


# The connector's card, found by the name in its heading (its pill follows in the heading).
CARD = ("//section[contains(concat(' ', @class, ' '), ' connector ')]"
        f"[.//h2[text()[normalize-space(.)={CONNECTOR!r}]]]")
PILL = f"{CARD}//h2/span[contains(@class, 'pill')]"
PANEL = f"{CARD}//section[contains(@class, 'connector-test')]"
ANSWER = f"{PANEL}//div[contains(@class, 'connector-answer')]"
ALERT = f"{PANEL}//div[@role='alert']"


def button(text, within=CARD):
    return f"{within}//button[normalize-space(.)={text!r}]"


def kept_sign_in():
    """The keychain's value for the connector's sign-in, or None."""
    found = subprocess.run(["secret-tool", "lookup", "service", SERVICE, "username", ACCOUNT],
                           capture_output=True, text=True, check=False)
    return found.stdout or None


def play_browser(address):
    """What a person does in the browser: consents as USER, then lands on the app's loopback."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    opener.open(address).read()  # the consent page
    try:
        opener.open(address, data=urllib.parse.urlencode({"sub": USER}).encode())
        fail("the provider's consent form did not redirect")
    except urllib.error.HTTPError as redirect:
        location = redirect.headers["Location"]
    if not location.startswith("http://127.0.0.1:"):
        fail(f"the provider sent the browser to {location}, not the app's loopback")
    page = urllib.request.urlopen(location).read().decode()
    if "return to zi-console" not in page:
        fail(f"the app's loopback answered the browser with:\n{page}")


def secrets_in_files(secrets):
    """Files the app wrote that hold any of `secrets` or an ID token (a JWT)."""
    jwt = re.compile(rb"eyJ[A-Za-z0-9_-]{10,}\.eyJ")
    needles = [s.encode() for s in secrets if s]
    found, checked = [], 0
    for top in APP_FILES:
        paths = [top] if os.path.isfile(top) else [
            os.path.join(folder, name) for folder, _, names in os.walk(top) for name in names]
        for path in paths:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue  # sockets and pipes
            data = open(path, "rb").read()
            checked += 1
            if jwt.search(data) or any(n in data for n in needles):
                found.append(path)
    return found, checked


def test_api(app, email):
    """Fills the Test API panel's email and sends it."""
    field = app.find(f"{PANEL}//div[contains(@class, 'field')][label[normalize-space(.)='email']]/input")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(email)
    if field.get_attribute("value") != email:
        fail(f"the email field holds {field.get_attribute('value')!r}")
    app.click(f"{PANEL}//button[@type='submit'][normalize-space(.)='Test API']")


def revoke_at_provider():
    request = urllib.request.Request(f"{ISSUER}/users/{urllib.parse.quote(USER)}/revoke-tokens", method="POST")
    status = urllib.request.urlopen(request).status
    if status != 204:
        fail(f"the provider answered {status} to the revocation")


def open_app():
    # No --demo: the Connectors screen needs no ZoomInfo session.
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP, "args": []})
    return webdriver.Remote(command_executor=DRIVER_URL, options=options)


def main():
    if kept_sign_in() is not None:
        fail(f"the keychain already holds {ACCOUNT!r} before the test")
    driver = open_app()
    app = App(driver)
    kept_values = []
    try:
        app.find("//nav[@aria-label='Main']//span[normalize-space(.)='Not connected']")
        step("the app opened, not connected to ZoomInfo")
        app.click("//nav[@aria-label='Main']//a[.//span[normalize-space(.)='Connectors']]")
        pill = app.find(PILL)
        if pill.text != "not signed in":
            fail(f"{CONNECTOR} starts as {pill.text!r}")
        step(f"Connectors lists {CONNECTOR}, not signed in")

        app.click(button("Sign in"))
        address = app.find(f"{CARD}//p[@role='status']//code[contains(@class, 'connector-address')]").text
        status = app.find(f"{CARD}//p[@role='status']").text
        if f"Waiting for you to sign in to {CONNECTOR} in your browser" not in status:
            fail(f"the card says {status!r} while waiting")
        if not address.startswith(f"{ISSUER}/oauth2/authorize?"):
            fail(f"the page shows {address!r}, not the provider's authorization address")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)
        if query.get("code_challenge_method") != ["S256"] or not query.get("state"):
            fail(f"the authorization address lacks PKCE (S256) or a state: {address}")
        app.wait(10).until(lambda _: os.path.exists(BROWSER_LOG) and open(BROWSER_LOG).read().strip(),
                           message="the app did not ask the system browser to open the address")
        opened = open(BROWSER_LOG).read().split()
        if opened != [address]:
            fail(f"the system browser was asked to open {opened}, the page shows {address}")
        app.shot("connector-1-waiting", app.find(button("Sign in")))
        step("waiting for the browser: the page shows the address the system browser was given")

        play_browser(address)
        step(f"the browser consented as {USER} and reached the app's loopback")
        app.find(button("Sign in again"))
        app.gone(f"{CARD}//p[@role='status']")
        app.wait().until(lambda _: app.find(PILL).text == "signed in", message="the card never says signed in")
        kept = kept_sign_in()
        if not kept:
            fail(f"the keychain holds no {ACCOUNT!r} after the sign-in")
        kept_values.append(kept)
        if not json.loads(kept).get("refresh_token"):
            fail("the kept sign-in holds no refresh token")
        step("signed in: the card says so and the keychain holds the sign-in")

        app.click(button("Test API…"))
        test_api(app, EMAIL)
        answer = app.find(ANSWER)
        app.wait().until(lambda _: answer.text.startswith("HTTP 200"), message=f"the answer reads {answer.text!r}")
        if TITLE not in app.find(f"{ANSWER}//pre[@aria-label='Answer']").text:
            fail(f"the resource server's record is not shown: {answer.text!r}")
        chips = [c.text for c in driver.find_elements(By.XPATH, f"{ANSWER}//code[contains(@class, 'chip')]")]
        app.shot("connector-2-signed-in", answer)
        step(f"Test API: HTTP 200 with {TITLE!r} from the resource server; columns {chips}")

        # A refresh may have rotated the refresh token: the keychain's value now counts too.
        kept = kept_sign_in()
        if not kept:
            fail("the sign-in left the keychain after a successful call")
        kept_values.append(kept)
        secrets = set(kept_values) | {json.loads(v)["refresh_token"] for v in kept_values} | {CLIENT_SECRET}
        found, checked = secrets_in_files(secrets)
        if found:
            fail(f"the sign-in was written to {found}")
        step(f"no sign-in, client secret or ID token in the {checked} files the app wrote")

        revoke_at_provider()
        step(f"the provider revoked {USER}'s tokens")
        test_api(app, EMAIL)
        alert = app.find(ALERT)
        for said in (f"{CONNECTOR} no longer accepts the saved sign-in", f"Sign in to {CONNECTOR} again"):
            if said not in alert.text:
                fail(f"the revoked sign-in is told as {alert.text!r}, without {said!r}")
        if any(e.is_displayed() for e in driver.find_elements(By.XPATH, ANSWER)):
            fail("the earlier HTTP 200 answer is still shown next to the error")
        if kept_sign_in() is not None:
            fail("the revoked sign-in is still in the keychain")
        app.wait().until(lambda _: app.find(PILL).text == "not signed in", message="the card still says signed in")
        app.find(button("Sign in"))
        app.shot("connector-3-revoked", alert)
        step(f"revoked: {alert.find_element(By.XPATH, './/p[2]').text!r}; the keychain forgot the sign-in")

        found, checked = secrets_in_files(secrets)
        if found:
            fail(f"the sign-in was written to {found}")
    except BaseException:  # fail() exits: its screen is worth a picture too
        try:
            app.shot("connector-failure")
        finally:
            raise
    finally:
        driver.quit()
    step("passed")


if __name__ == "__main__":
    main()
